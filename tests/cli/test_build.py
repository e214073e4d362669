"""The whole build on the sample article, read back with outside tools (ffprobe, mutagen,
feedparser, podcastparser), then rebuilt warm, then broken on purpose."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import podcastparser
import pytest
from mutagen.id3 import ID3

from locations import SAMPLE, TOOLS
from podcast.errors import EXIT_CONFIG, EXIT_DATA

pytestmark = [pytest.mark.audio, pytest.mark.slow,
              pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
                                 reason="needs espeak-ng and ffmpeg (scripts/dev.sh installs them)")]

SLUG = "china-makes-history-with-first-ever-samples-from-the-moons"
CHAPTERS = ["Introduction", "Opening the Treasure Chest", "Racing to the Moon",
            "Sample-Science Diplomacy", "A Gateway to the Universe"]


@pytest.fixture(scope="module")
def built(tmp_path_factory, run):
    out = tmp_path_factory.mktemp("out")
    result = run(SAMPLE, "-o", out, "--base-url", "https://example.org/pod", "-v")
    assert result.exit_code == 0, result.output
    return out, result.output


def ffprobe(mp3: Path) -> dict:
    proc = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-show_format",
                           "-of", "json", str(mp3)], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_episode_plays_with_its_chapters(built):
    out, _ = built
    mp3 = out / "episodes" / SLUG / f"{SLUG}.mp3"
    probe = ffprobe(mp3)
    assert [c["tags"]["title"] for c in probe["chapters"]] == CHAPTERS
    duration_s = float(probe["format"]["duration"])
    tags = ID3(mp3)
    assert tags.version[:2] == (2, 3)
    assert abs(int(str(tags["TLEN"])) / 1000 - duration_s) < 0.1
    words = sum(len(s["text"].split()) for s in
                json.loads((out / "episodes" / SLUG / "script.json").read_text())["segments"])
    assert 110 <= words / (duration_s / 60) <= 230


def test_feed_lists_the_episode_for_every_parser(built):
    out, _ = built
    mp3 = out / "episodes" / SLUG / f"{SLUG}.mp3"
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo
    (entry,) = parsed.entries
    assert entry.enclosures[0]["href"] == f"https://example.org/pod/episodes/{SLUG}/{SLUG}.mp3"
    with open(out / "feed.xml", "rb") as fh:
        pod = podcastparser.parse("https://example.org/pod/feed.xml", fh)
    (episode,) = pod["episodes"]
    assert episode["enclosures"][0]["file_size"] == mp3.stat().st_size
    assert abs(episode["total_time"] - float(ffprobe(mp3)["format"]["duration"])) <= 1


def test_summary_names_the_file_cast_feed_and_cache(built):
    _, output = built
    assert "episode: " in output and f"{SLUG}.mp3" in output
    assert re.search(r"James Head → espeak/\S+", output)
    assert "feed: " in output and "https://example.org/pod/feed.xml" in output
    assert re.search(r"\d+ segments synthesized, 0 from the cache", output)


def test_verbose_explains_how_the_mix_was_made(built):
    _, output = built
    # twelve minutes: encoded as two halves at once, joined
    assert re.search(r"mixdown: \d encoder pass(es)?, 2 parts encoded at once", output)
    gains = re.findall(r"espeak/\S+.*: gain [+-]\d+\.\d dB, (-\d+\.\d) LUFS in the MP3", output)
    assert len(gains) == 7 and all(-17 <= float(lufs) <= -15 for lufs in gains)


def test_rebuild_with_nothing_changed_synthesizes_nothing_and_keeps_identity(built, run):
    out, _ = built
    feed_before = (out / "feed.xml").read_bytes()
    record_before = json.loads((out / "episodes" / SLUG / "episode.json").read_text())
    result = run(SAMPLE, "-o", out, "--base-url", "https://example.org/pod")
    assert result.exit_code == 0, result.output
    assert re.search(r" 0 segments synthesized, \d+ from the cache", result.output)
    record = json.loads((out / "episodes" / SLUG / "episode.json").read_text())
    assert (record["guid"], record["published"]) == (record_before["guid"],
                                                     record_before["published"])
    assert (out / "feed.xml").read_bytes() == feed_before


@pytest.mark.parametrize("setup, status", [
    (lambda tmp: ["--cast", _write(tmp / "cast.toml", "[narrator\nvoice = 1")], EXIT_CONFIG),
    (lambda tmp: ["--show", _write(tmp / "show.toml", "language = 'English'")], EXIT_CONFIG),
    (lambda tmp: [_write(tmp / "empty.txt", "\n")], EXIT_DATA),
])
def test_a_failed_build_leaves_the_published_files_as_they_were(built, tmp_path, setup, status, run):
    out, _ = built
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts}
    args = setup(tmp_path)
    if not str(args[0]).endswith(".txt"):
        args = [SAMPLE, *args]
    result = run(*args, "-o", out)
    assert result.exit_code == status
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts}
    assert after == before


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


SECOND = """Town Opens Its First Library in a Century

The new library opened on Saturday in the old fire station.

“We waited a hundred years for this,” said Mayor Ruth Okafor, who cut the ribbon. “It was worth it.”

Children lined up before dawn, Okafor said, to be the first to borrow a book.
"""


def test_two_articles_share_one_feed_newest_first_and_a_deleted_episode_drops_out(built, tmp_path, run):
    out, _ = built
    second = tmp_path / "library.txt"
    second.write_text(SECOND, encoding="utf-8")
    result = run(second, "-o", out, "--base-url", "https://example.org/pod")
    assert result.exit_code == 0, result.output
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert [e.title for e in parsed.entries] == ["Town Opens Its First Library in a Century",
                                                "China Makes History with First-Ever Samples from the Moon’s Far Side"]
    assert len({e.id for e in parsed.entries}) == 2
    assert "Ruth Okafor" in (out / "episodes" / "town-opens-its-first-library-in-a-century"
                             / "transcript.vtt").read_text(encoding="utf-8")

    shutil.rmtree(out / "episodes" / "town-opens-its-first-library-in-a-century")
    result = run("--republish", "-o", out, "--base-url", "https://example.org/pod")
    assert result.exit_code == 0, result.output
    assert [e.title for e in feedparser.parse(str(out / "feed.xml")).entries] == [
        "China Makes History with First-Ever Samples from the Moon’s Far Side"]


def independent_check(out: Path, slug: str, *extra: str) -> list[dict]:
    """tests/tools/check_episode.py (a copy of the team's checker) reads the MP3 and the feed
    with ffprobe, ffmpeg, mutagen, feedparser and podcastparser, never with our code."""
    import sys

    folder = out / "episodes" / slug
    words = sum(len(s["text"].split()) for s in
                json.loads((folder / "script.json").read_text())["segments"])
    checker = TOOLS / "check_episode.py"
    run_ = subprocess.run([sys.executable, str(checker), "--mp3", str(folder / f"{slug}.mp3"),
                           "--feed", str(out / "feed.xml"), "--words", str(words),
                           "--chapters-json", str(folder / "chapters.json"),
                           "--transcript", str(folder / "transcript.vtt"), *extra, "--json"],
                          capture_output=True, text=True)
    return json.loads(run_.stdout)["checks"]


def test_the_teams_independent_checker_passes_the_sample_episode(built):
    out, _ = built
    checks = independent_check(out, SLUG, "--expect-chapters", "|".join(CHAPTERS))
    assert [c["name"] for c in checks if c["status"] != "PASS"] == [], checks
    assert len(checks) >= 13


def test_a_title_too_long_for_a_chapter_is_cut_the_same_everywhere(tmp_path, run):
    """With no headings the one chapter takes the title; over 50 characters it is cut at a
    word, and the ID3 chapter, chapters.json and the feed all carry the cut title."""
    title = ("Harbour Festival Draws Record Crowds as Boats From Three Counties Race Along "
             "the Old Wall")
    article = tmp_path / "harbour.txt"
    article.write_text(f"{title}\n\nThe boats raced along the harbour wall while families "
                       "watched from the old pier.\n\n“We have never seen crowds like this,” "
                       "said Ada Okafor, who runs the festival.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(article, "-o", out)
    assert result.exit_code == 0, result.output
    (folder,) = (out / "episodes").iterdir()
    chapters = json.loads((folder / "chapters.json").read_text())["chapters"]
    assert [c["title"] for c in chapters] == ["Harbour Festival Draws Record Crowds as Boats…"]
    checks = independent_check(out, folder.name)
    assert [c["name"] for c in checks if c["status"] not in ("PASS", "SKIP")] == [], checks
