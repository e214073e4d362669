"""Publishing OUT in one call: cover, page and feed agree, and concurrent builds both get in."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import feedparser
from lxml import html

from podcast.publishing.publish import publish, publishing_lock
from podcast.publishing.show import load_show
from locations import TESTS
from publish_helpers import make_episode, needs_ffmpeg, when

pytestmark = needs_ffmpeg


def test_publish_writes_cover_page_and_feed_from_every_record(tmp_path):
    make_episode(tmp_path, "far-side", "Far side samples", when(2))
    make_episode(tmp_path, "moon-water", "Moon water", when(5), seconds=3.0)
    show, _ = load_show(None, fallback_title="Far Side Weekly", base_url="https://pod.example/")
    done = publish(show, tmp_path)
    assert [r.slug for r in done.episodes] == ["far-side", "moon-water"]
    feed = feedparser.parse(done.feed.read_bytes())
    assert [e.title for e in feed.entries] == ["Moon water", "Far side samples"]
    assert feed.feed.image.href == "https://pod.example/" + done.cover.name and done.cover.is_file()
    page = html.fromstring(done.page.read_bytes())
    assert [a.get("id") for a in page.findall(".//article")] == ["moon-water", "far-side"]


def test_a_publish_waits_for_one_in_progress(tmp_path):
    make_episode(tmp_path, "far-side", "Far side samples", when(2))
    show, _ = load_show(None)
    with publishing_lock(tmp_path):
        worker = threading.Thread(target=publish, args=(show, tmp_path))
        worker.start()
        time.sleep(0.5)
        assert not (tmp_path / "feed.xml").exists()  # blocked on the lock
        make_episode(tmp_path, "moon-water", "Moon water", when(5), seconds=3.0)
    worker.join(timeout=30)
    titles = [e.title for e in feedparser.parse((tmp_path / "feed.xml").read_bytes()).entries]
    assert titles == ["Moon water", "Far side samples"]


BUILD = """
import sys
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from podcast.publishing.publish import publish
from podcast.publishing.show import load_show
from publish_helpers import make_episode, when
out, slug = Path(sys.argv[1]), sys.argv[2]
make_episode(out, slug, slug.replace("-", " ").title(), when(len(slug)), seconds=3.0)
publish(load_show(None)[0], out)
"""


def test_two_builds_into_one_out_at_once_both_end_up_in_the_feed(tmp_path):
    slugs = ["far-side-samples", "moon-water", "lunar-base", "sample-return"]
    runs = [subprocess.Popen([sys.executable, "-c", BUILD, str(tmp_path), slug, str(TESTS)])
            for slug in slugs]
    assert [run.wait(timeout=120) for run in runs] == [0] * len(slugs)
    feed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert sorted(e.title for e in feed.entries) == sorted(s.replace("-", " ").title() for s in slugs)
