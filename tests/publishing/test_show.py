"""Show settings: podcast.toml or sensible defaults, checked up front, and cover art a feed accepts."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from podcast.errors import ConfigError
from podcast.publishing.show import draw_cover, ensure_cover, load_show

FULL = """\
title = "Far Side Weekly"
description = "Science stories, read aloud."
author = "Far Side Desk"
language = "en-GB"
categories = ["science > astronomy", "News"]
explicit = true
link = "https://news.example.org/"
copyright = "© 2026 Far Side Desk"
image = "art/cover.jpg"
base_url = "https://podcasts.example.org/science"
locked = false

[owner]
name = "Ada Owner"
email = "ada@example.org"
"""


def save_image(path, size=(1400, 1400), mode="RGB", fmt=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, "navy" if mode != "CMYK" else (0, 0, 0, 0)).save(path, format=fmt)
    return path


def settings(tmp_path, text):
    path = tmp_path / "podcast.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_defaults_from_the_article_and_says_which(tmp_path):
    show, used = load_show(None, fallback_title="Science Daily", fallback_author="Jane Writer",
                           fallback_language="fr")
    assert (show.title, show.author, show.owner_name, show.language) == (
        "Science Daily", "Jane Writer", "Jane Writer", "fr")
    assert show.categories == ("News",) and show.explicit is False and show.image is None
    assert {"title", "author", "description", "image", "base_url", "owner_email"} <= set(used)


def test_no_file_and_no_article_hints_still_gives_a_usable_show():
    show, used = load_show(None)
    assert show.title and show.author == show.title and show.language == "en"
    assert "title" in used


def test_every_setting_is_read_and_normalised(tmp_path):
    save_image(tmp_path / "art" / "cover.jpg", fmt="JPEG")
    show, used = load_show(settings(tmp_path, FULL), fallback_title="ignored")
    assert show.title == "Far Side Weekly"
    assert show.categories == ("Science > Astronomy", "News")  # Apple's spelling restored
    assert show.explicit is True and show.locked is False
    assert (show.owner_name, show.owner_email) == ("Ada Owner", "ada@example.org")
    assert show.base_url == "https://podcasts.example.org/science/"
    assert show.image == tmp_path / "art" / "cover.jpg"
    assert used == ()


def test_the_command_line_base_url_wins_over_the_file(tmp_path):
    show, _ = load_show(settings(tmp_path, 'base_url = "https://a.example/"\n'),
                        base_url="https://b.example/pod")
    assert show.base_url == "https://b.example/pod/"
    with pytest.raises(ConfigError, match=r"^--base-url: 'b.example' is not an http\(s\) URL; write a full URL"):
        load_show(None, base_url="b.example")


def test_an_article_language_that_is_not_a_code_falls_back_quietly():
    show, used = load_show(None, fallback_language="English (US)")
    assert show.language == "en" and "language" in used


@pytest.mark.parametrize("text, expected", [
    ('titel = "X"\n', r"line 1: titel: unknown setting; did you mean 'title'\?"),
    ('title = "X"\nlanguage = "English"\n', r"line 2: language: 'English' is not a language code; use a code like \"en\""),
    ('explicit = "no"\n', r"line 1: explicit: 'no' is not true or false; write explicit = true or explicit = false"),
    ('categories = ["Astronomy"]\n', r"line 1: categories: 'Astronomy' is not an Apple Podcasts category; did you mean 'Science > Astronomy'\?"),
    ('categories = []\n', r"categories: must be a list of category names"),
    ('link = "news.example.org"\n', r"link: 'news.example.org' is not an http\(s\) URL"),
    ('base_url = "ftp://x.example/"\n', r"base_url: .* is not an http\(s\) URL"),
    ('[owner]\nname = "A"\nemail = "not-an-address"\n', r"line 3: owner.email: 'not-an-address' is not an email address; write a full address"),
    ('title = 42\n', r"line 1: title: 42 is not text; put the value in quotes"),
    ('title = ""\n', r"title: is empty"),
    (f'description = "{"x" * 4001}"\n', r"description: is 4001 bytes long; shorten it to at most 4000 bytes"),
    ('podcast_guid = "not-a-uuid"\n', r"podcast_guid: 'not-a-uuid' is not a UUID"),
    ('title = "unclosed\n', r"not valid TOML \(.*line 1.*\); fix the syntax"),
])
def test_invalid_settings_name_the_file_line_key_and_fix(tmp_path, text, expected):
    path = settings(tmp_path, text)
    with pytest.raises(ConfigError, match=expected) as caught:
        load_show(path)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)
    assert caught.value.exit_code == 78


def test_a_missing_settings_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"no such show settings file; check the --show path"):
        load_show(tmp_path / "nope.toml")


@pytest.mark.parametrize("name, size, mode, fmt, expected", [
    ("wide.png", (1600, 1400), "RGB", "PNG", r"1600x1400 px, not square; crop it"),
    ("small.png", (1000, 1000), "RGB", "PNG", r"1000x1000 px; resize it to between 1400 and 3000"),
    ("huge.png", (3200, 3200), "RGB", "PNG", r"3200x3200 px; resize it"),
    ("art.gif", (1400, 1400), "RGB", "GIF", r"is GIF, not PNG or JPEG"),
    ("print.jpg", (1400, 1400), "CMYK", "JPEG", r"has CMYK colour, not RGB"),
    ("alpha.png", (1400, 1400), "RGBA", "PNG", r"has RGBA colour, not RGB"),
    ("named.png", (1400, 1400), "RGB", "JPEG", r"is a JPEG file with a \.png extension; rename it to end in \.jpg"),
])
def test_a_given_cover_is_checked_for_size_squareness_and_format(tmp_path, name, size, mode, fmt, expected):
    save_image(tmp_path / name, size, mode, fmt)
    with pytest.raises(ConfigError, match=r"line 1: image: .*" + expected):
        load_show(settings(tmp_path, f'image = "{name}"\n'))


def test_a_cover_that_is_not_there_or_not_an_image_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"image: .*missing\.png does not exist"):
        load_show(settings(tmp_path, 'image = "missing.png"\n'))
    (tmp_path / "notes.png").write_text("not a picture")
    with pytest.raises(ConfigError, match=r"notes\.png is not an image; use a PNG or JPEG"):
        load_show(settings(tmp_path, 'image = "notes.png"\n'))


def test_a_given_cover_is_copied_into_out_as_it_is(tmp_path):
    art = save_image(tmp_path / "art" / "cover.jpg", fmt="JPEG")
    show, _ = load_show(settings(tmp_path, 'image = "art/cover.jpg"\n'))
    cover = ensure_cover(show, tmp_path / "OUT")
    assert cover.name == "cover.jpg" and cover.read_bytes() == art.read_bytes()


def test_without_a_cover_one_is_drawn_that_apple_accepts(tmp_path):
    show, _ = load_show(None, fallback_title="Far Side Weekly 🚀 — القمر")
    cover = ensure_cover(show, tmp_path)
    with Image.open(cover) as image:
        assert image.format == "PNG" and image.mode == "RGB"
        assert image.width == image.height and 1400 <= image.width <= 3000
        colours = image.getcolors(maxcolors=1_000_000)
    assert len(colours) > 2  # the title is drawn, not a blank square


def test_a_drawn_cover_depends_on_the_title_only(tmp_path):
    assert draw_cover("Far Side Weekly") == draw_cover("Far Side Weekly")
    assert draw_cover("Far Side Weekly") != draw_cover("Near Side Weekly")
    with Image.open(io.BytesIO(draw_cover("x" * 400))) as long_title:
        assert long_title.size == (1400, 1400)


def test_an_unchanged_cover_is_not_rewritten(tmp_path):
    show, _ = load_show(None, fallback_title="Far Side Weekly")
    cover = ensure_cover(show, tmp_path)
    stamp = cover.stat().st_mtime_ns
    assert ensure_cover(show, tmp_path).stat().st_mtime_ns == stamp
