"""A real podcast client subscribes: OUT served on 127.0.0.1, gPodder's `gpo` reads the feed and
downloads the episodes, and after a rebuild it sees only what is really new."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading

import pytest

from podcast.publishing.feed import write_feed
from podcast.publishing.records import read_records
from podcast.publishing.show import ensure_cover, load_show
from podcast.publishing.site import write_site
from publish_helpers import make_episode, needs_ffmpeg, when

GPO = shutil.which("gpo")
pytestmark = [
    pytest.mark.slow,
    needs_ffmpeg,
    pytest.mark.skipif(GPO is None, reason="gPodder's gpo is not installed (apt-get install gpodder)"),
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the test output readable
        pass


@pytest.fixture()
def served(tmp_path):
    """OUT served over HTTP on the loopback address, for as long as the test runs."""
    out = tmp_path / "OUT"
    out.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield out, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def publish(out, base_url):
    show, _ = load_show(None, fallback_title="Far Side Weekly", base_url=base_url)
    ensure_cover(show, out)
    write_site(show, read_records(out), out)
    return write_feed(show, read_records(out), out)


def gpo(tmp_path, *args: str) -> str:
    env = {**os.environ, "HOME": str(tmp_path), "GPODDER_HOME": str(tmp_path / "gpodder"),
           "GPODDER_DOWNLOAD_DIR": str(tmp_path / "downloads")}
    run = subprocess.run([GPO, *args], env=env, capture_output=True, text=True, timeout=120,
                         stdin=subprocess.DEVNULL)
    assert run.returncode == 0, f"gpo {' '.join(args)} failed: {run.stdout}{run.stderr}"
    return run.stdout


def test_gpodder_subscribes_downloads_and_sees_only_new_episodes(served, tmp_path):
    out, base = served
    first = make_episode(out, "far-side", "Chang'e 6 brings back far side samples", when(2))
    second = make_episode(out, "moon-water", "Water in lunar glass beads", when(5), seconds=4.0)
    feed = base + "feed.xml"
    publish(out, base)

    assert "Successfully added" in gpo(tmp_path, "subscribe", feed)
    listed = gpo(tmp_path, "episodes", "--guid", feed)
    assert listed.index(second.guid) < listed.index(first.guid)  # newest first, our guids
    assert "2 episodes downloaded" in gpo(tmp_path, "download", feed)
    downloads = {p.name: p for p in (tmp_path / "downloads").rglob("*.mp3")}
    for record in (first, second):
        original = out / "episodes" / record.slug / record.audio_file
        assert downloads[record.audio_file].read_bytes() == original.read_bytes()

    # Rebuild one episode (new audio, same guid) and add a third: the client sees one new episode.
    make_episode(out, "far-side", "Chang'e 6 brings back far side samples", when(20), seconds=5.0)
    third = make_episode(out, "lunar-base", "Plans for a lunar base", when(8), seconds=3.0)
    fetched = (out / "feed.xml").stat().st_mtime
    feed_path = publish(out, base)
    # A real republish comes minutes later; here it can land in the same second as gpo's first
    # fetch, and the server then answers gpo's If-Modified-Since with 304 "not modified".
    os.utime(feed_path, (fetched + 60, fetched + 60))
    gpo(tmp_path, "update", feed)
    pending = gpo(tmp_path, "pending", feed)
    assert "Plans for a lunar base" in pending
    assert "Chang'e 6" not in pending and "Water in lunar" not in pending
    assert re.search(r"\b1 new episode", pending), pending
    assert third.guid in gpo(tmp_path, "episodes", "--guid", feed)
