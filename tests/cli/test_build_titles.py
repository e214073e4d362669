"""Whole builds of articles whose titles have no Latin letters at all: all emoji, all Arabic,
all Hebrew. The folder name is safe and not empty, and the title reaches the feed, the show
page, the ID3 tag and the chapter intact. Real eSpeak NG and ffmpeg; read back with feedparser,
podcastparser, lxml, mutagen and ffprobe."""

from __future__ import annotations

import json
import re
import subprocess

import feedparser
import podcastparser
import pytest
from mutagen.id3 import ID3

from fault_helpers import REAL_TOOLS, read_page, write

pytestmark = [pytest.mark.audio, pytest.mark.slow, REAL_TOOLS]

BODY = """The town council met on Tuesday to talk about the new library and its budget.

“We will open the doors in the spring,” said Mayor Ruth Okafor.
"""

TITLES = {
    "emoji": "🎙️🌍🚀✨",
    "arabic": "افتتاح مكتبة جديدة في المدينة",
    "hebrew": "העיר פותחת ספרייה חדשה",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory, run):
    """One command building all three (so the folders must differ too)."""
    tmp = tmp_path_factory.mktemp("titles")
    articles = [write(tmp / f"{name}.txt", f"{title}\n\n{BODY}") for name, title in TITLES.items()]
    out = tmp / "out"
    result = run(*articles, "-o", out, "-q", "--base-url", "https://example.org/pod")
    assert result.exit_code == 0, result.output
    folders = {}
    for folder in (out / "episodes").iterdir():
        script = json.loads((folder / "script.json").read_text(encoding="utf-8"))
        folders[script["title"]] = folder
    assert set(folders) == set(TITLES.values())
    return out, folders


@pytest.mark.parametrize("kind", TITLES)
def test_the_folder_name_is_safe_and_not_empty(built, kind):
    out, folders = built
    folder = folders[TITLES[kind]]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", folder.name) and len(folder.name) <= 60
    assert folder.parent == out / "episodes"
    assert (folder / f"{folder.name}.mp3").stat().st_size > 50_000


@pytest.mark.parametrize("kind", TITLES)
def test_the_feed_carries_the_title_intact(built, kind):
    out, folders = built
    title, folder = TITLES[kind], folders[TITLES[kind]]
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = (e for e in parsed.entries if folder.name in e.enclosures[0]["href"])
    assert entry.title == title
    with open(out / "feed.xml", "rb") as fh:
        pod = podcastparser.parse("https://example.org/pod/feed.xml", fh)
    assert title in [e["title"] for e in pod["episodes"]]


@pytest.mark.parametrize("kind", TITLES)
def test_the_mp3_tags_and_chapter_carry_the_title(built, kind):
    _, folders = built
    title, folder = TITLES[kind], folders[TITLES[kind]]
    mp3 = folder / f"{folder.name}.mp3"
    assert str(ID3(mp3)["TIT2"]) == title
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(mp3)],
                           capture_output=True, text=True, check=True)
    assert [c["tags"]["title"] for c in json.loads(probe.stdout)["chapters"]] == [title]


def test_the_show_page_is_valid_with_every_title_intact(built):
    out, _ = built
    text = "".join(read_page(out / "index.html").text)
    for title in TITLES.values():
        assert title in text


def test_an_emoji_title_names_the_episode_but_is_not_spoken(built):
    """A voice cannot say 🎙️🌍🚀✨; the script records why the narrator skips it."""
    _, folders = built
    script = json.loads((folders[TITLES["emoji"]] / "script.json").read_text(encoding="utf-8"))
    assert TITLES["emoji"] not in [s["text"] for s in script["segments"]]
    assert {"text": TITLES["emoji"], "reason": "title with no words a voice can say"} in \
        script["dropped"]
    spoken = " ".join(s["text"] for s in script["segments"])
    assert "The town council met on Tuesday" in spoken and "open the doors" in spoken


def test_an_rtl_title_is_spoken_and_kept_in_the_script(built):
    _, folders = built
    script = json.loads((folders[TITLES["arabic"]] / "script.json").read_text(encoding="utf-8"))
    assert script["segments"][0]["text"] == TITLES["arabic"]


def test_a_hand_edited_script_with_an_unsayable_segment_is_still_refused(tmp_path, run):
    """Only the script-writer's own title and headings are skipped; a segment someone wrote
    into a script is theirs to fix, and the message says how."""
    doc = {"title": TITLES["emoji"], "summary": "", "byline": [],
           "segments": [{"role": "narrator", "speaker": None, "text": TITLES["emoji"],
                         "chapter": "One"},
                        {"role": "narrator", "speaker": None, "text": "The council met.",
                         "chapter": "One"}]}
    result = run(write(tmp_path / "edited.json", json.dumps(doc)), "-o", tmp_path / "out")
    assert result.exit_code != 0
    assert "no words to say" in result.output and "remove the empty segment" in result.output
    assert not (tmp_path / "out" / "feed.xml").exists()
