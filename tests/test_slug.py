"""File names from titles that may hold anything."""

from __future__ import annotations

import pytest

from podcast.slug import MAX_SLUG, slugify


@pytest.mark.parametrize("title, slug", [
    ("China Makes History with First-Ever Samples", "china-makes-history-with-first-ever-samples"),
    ("../../etc/passwd", "etc-passwd"),
    ("<b>Tom & Jerry’s</b> \"Night\"", "b-tom-jerrys-b-night"),
    ("x\x00y", "x-y"),
    ("", "episode"),
])
def test_slugs_are_plain_ascii_and_safe(title, slug):
    assert slugify(title) == slug


def test_titles_without_latin_letters_get_distinct_stable_names():
    emoji, arabic, chinese = slugify("🚀🌕"), slugify("مرحبا بالعالم"), slugify("月球背面")
    assert len({emoji, arabic, chinese}) == 3
    assert all(s.startswith("episode-") and s.isascii() for s in (emoji, arabic, chinese))
    assert slugify("🚀🌕") == emoji


def test_long_titles_are_cut_at_a_word():
    slug = slugify("word " * 100)
    assert len(slug) <= MAX_SLUG and not slug.endswith("-") and slug.startswith("word-word")
