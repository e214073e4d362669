"""Builds killed partway (Ctrl-C, kill, kill -9) and builds running at once, as real processes:
the published episode and feed stay whole, nothing is left behind, the next run resumes from the
cache, and two builds into one folder both reach the feed."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import feedparser
import podcastparser
import pytest

from fault_helpers import (BRIDGE, LONGER, REAL_TOOLS, finish, leftovers, out, process, published,
                           published_files, write)
from podcast.errors import EXIT_INTERRUPTED, EXIT_TERMINATED

pytestmark = [pytest.mark.audio, pytest.mark.slow, REAL_TOOLS]
_FIXTURES = (out, published)  # used by name as pytest fixtures


# --- interrupted builds ------------------------------------------------------------------------


def _wait_for(predicate, proc: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert proc.poll() is None, f"the build ended before the kill: {proc.communicate()}"
        assert time.monotonic() < deadline, "the build never got there"
        time.sleep(0.01)


def _cached_takes(out: Path) -> int:
    """Finished takes in the cache (OUT/.cache/ab/abcd….wav), not the scratch files of workers."""
    return sum(1 for _ in (out / ".cache").glob("[0-9a-f][0-9a-f]/*.wav"))


@pytest.mark.parametrize("sig, status, when, group", [
    (signal.SIGINT, EXIT_INTERRUPTED, "synthesis", False),
    (signal.SIGINT, EXIT_INTERRUPTED, "synthesis", True),  # Ctrl-C: eSpeak NG gets it too
    (signal.SIGINT, EXIT_INTERRUPTED, "assembly", True),  # ... and so does ffmpeg
    (signal.SIGTERM, EXIT_TERMINATED, "synthesis", False),
    (signal.SIGTERM, EXIT_TERMINATED, "assembly", False),
])
def test_a_killed_build_keeps_the_feed_and_the_next_run_resumes(out, tmp_path, sig, status, when,
                                                                group):
    before = published_files(out)
    cached_before = _cached_takes(out)
    article = write(tmp_path / "harbour.txt", LONGER)
    proc = process(article, "-o", out, "-j", "1")
    if when == "synthesis":
        _wait_for(lambda: _cached_takes(out) >= cached_before + 3, proc)
    else:  # the encoder is writing the MP3 (synthesis may still be going on beside it)
        _wait_for(lambda: any((out / "episodes").glob(".*.building-*/.mix-*.tmp.mp3")), proc)
    if group:  # what a terminal does on Ctrl-C: the whole foreground job gets the signal
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    code, err = finish(proc)
    assert code == status, err
    assert err.strip().splitlines()[-1].startswith("error: ") and "Traceback" not in err
    assert published_files(out) == before
    assert leftovers(out) == []
    assert not feedparser.parse(str(out / "feed.xml")).bozo

    code, err = finish(process(article, "-o", out, "-j", "1"))
    assert code == 0, err
    synthesized, cached = map(int, re.search(r"(\d+) segments synthesized, (\d+) from the cache",
                                             err).groups())
    assert cached >= 3 and synthesized < 25
    titles = [e.title for e in feedparser.parse(str(out / "feed.xml")).entries]
    assert sorted(titles) == ["Harbour Festival Draws Record Crowds",
                              "Town Opens Its First Library in a Century"]
    assert leftovers(out) == []


def test_a_build_killed_outright_is_cleaned_up_by_the_next_run(out, tmp_path):
    """SIGKILL runs no clean-up at all: the staging folder stays until the next build."""
    article = write(tmp_path / "harbour.txt", LONGER)
    proc = process(article, "-o", out, "-j", "1")
    _wait_for(lambda: any((out / "episodes").glob(".*.building-*")), proc)
    proc.kill()
    finish(proc)
    assert not feedparser.parse(str(out / "feed.xml")).bozo
    code, err = finish(process(write(tmp_path / "bridge.txt", BRIDGE), "-o", out))
    assert code == 0, err
    assert leftovers(out) == []
    assert len(feedparser.parse(str(out / "feed.xml")).entries) == 2


def test_another_builds_staging_folder_is_not_read_as_an_episode(out, published, tmp_path):
    """The moment a concurrent build has written its record into its staging folder but not
    yet renamed the folder into place (this test process stands in for that live build)."""
    (episode,) = (p for p in (published / "episodes").iterdir() if not p.name.startswith("."))
    staging = out / "episodes" / f".{episode.name}.building-{os.getpid()}"
    shutil.copytree(episode, staging)
    code, err = finish(process(write(tmp_path / "bridge.txt", BRIDGE), "-o", out))
    assert code == 0, err
    assert staging.is_dir()  # a live build's folder is left alone
    assert len(feedparser.parse(str(out / "feed.xml")).entries) == 2
    code, err = finish(process("--republish", "-o", out))
    assert code == 0, err


# --- two builds at once ------------------------------------------------------------------------


def test_two_builds_into_one_out_at_once_both_reach_the_feed(out, tmp_path):
    first = process(write(tmp_path / "harbour.txt", LONGER), "-o", out)
    second = process(write(tmp_path / "bridge.txt", BRIDGE), "-o", out)
    (code1, err1), (code2, err2) = finish(first), finish(second)
    assert (code1, code2) == (0, 0), (err1, err2)
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo
    assert sorted(e.title for e in parsed.entries) == [
        "Harbour Festival Draws Record Crowds", "Town Opens Its First Library in a Century",
        "Village Reopens Its Old Stone Bridge"]
    with open(out / "feed.xml", "rb") as fh:
        assert len(podcastparser.parse("https://example.org/feed.xml", fh)["episodes"]) == 3
    assert leftovers(out) == []


def test_two_builds_of_one_article_at_once_leave_one_whole_episode(out, tmp_path):
    article = write(tmp_path / "bridge.txt", BRIDGE)
    first, second = process(article, "-o", out), process(article, "-o", out)
    (code1, err1), (code2, err2) = finish(first), finish(second)
    assert (code1, code2) == (0, 0), (err1, err2)
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert sorted(e.title for e in parsed.entries) == [
        "Town Opens Its First Library in a Century", "Village Reopens Its Old Stone Bridge"]
    folder = out / "episodes" / "village-reopens-its-old-stone-bridge"
    mp3 = folder / f"{folder.name}.mp3"
    record = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
    assert record["audio_bytes"] == mp3.stat().st_size
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-of", "json", str(mp3)],
                           capture_output=True, text=True, check=True)
    assert abs(float(json.loads(probe.stdout)["format"]["duration"]) - record["duration_s"]) < 0.1
    assert leftovers(out) == []
