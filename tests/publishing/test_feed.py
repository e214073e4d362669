"""The feed: two real episodes in one OUT, read back by feedparser, podcastparser and XPath."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import replace
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree

from podcast.errors import InputError
from podcast.publishing.feed import (ITUNES_NS, PODCAST_NS, guid_for_feed_url, podcast_guid, render_feed,
                          write_feed)
from podcast.publishing.records import episode_folder, read_records
from podcast.publishing.show import load_show
from locations import ROOT, TOOLS
from publish_helpers import make_episode, needs_ffmpeg, when

pytestmark = needs_ffmpeg
NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": "http://www.w3.org/2005/Atom"}
BASE = "https://podcasts.example.org/science/"
# The team's independent checker (a copy of shared/tools/check_episode.py), never our own code.
CHECKER = TOOLS / "check_episode.py"

SETTINGS = """\
title = "Far Side Weekly"
description = "Science stories, read aloud."
author = "Far Side Desk"
language = "en-US"
categories = ["Science > Astronomy", "News"]
explicit = false
link = "https://news.example.org/"
copyright = "© 2026 Far Side Desk"
base_url = "https://podcasts.example.org/science"

[owner]
name = "Ada Owner"
email = "ada@example.org"
"""


@pytest.fixture()
def show(tmp_path):
    (tmp_path / "podcast.toml").write_text(SETTINGS, encoding="utf-8")
    return load_show(tmp_path / "podcast.toml")[0]


@pytest.fixture()
def out(tmp_path):
    out = tmp_path / "OUT"
    make_episode(out, "far-side-samples", "Chang'e 6 brings back far side samples", when(2),
                 speakers=("James Head", "Li Chunlai"), number=1)
    make_episode(out, "moon-water", "Water in lunar glass beads", when(5), seconds=4.0,
                 frequency_hz=660, speakers=("Hejiu Hui",), number=2)
    return out


def build(show, out) -> bytes:
    return write_feed(show, read_records(out), out).read_bytes()


def items(raw: bytes):
    return etree.fromstring(raw).findall("channel/item")


def test_two_episodes_give_two_items_newest_first_with_unique_guids(show, out):
    raw = build(show, out)
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == ["Water in lunar glass beads",
                                                 "Chang'e 6 brings back far side samples"]
    guids = [e.id for e in parsed.entries]
    assert len(set(guids)) == 2
    assert set(guids) == {r.guid for r in read_records(out)}
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items(raw)]
    assert dates == [when(5), when(2)]


def test_podcastparser_reads_every_episode_with_its_size_and_duration(show, out):
    raw = build(show, out)
    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO(raw))
    assert len(parsed["episodes"]) == 2
    for record in read_records(out):
        episode = next(e for e in parsed["episodes"] if e["guid"] == record.guid)
        (enclosure,) = episode["enclosures"]
        mp3 = episode_folder(out, record.slug) / record.audio_file
        assert enclosure["url"] == f"{BASE}episodes/{record.slug}/{record.audio_file}"
        assert enclosure["file_size"] == mp3.stat().st_size
        assert enclosure["mime_type"] == "audio/mpeg"
        assert abs(episode["total_time"] - record.duration_s) <= 0.5


def test_channel_carries_what_apple_podcasts_requires_and_recommends(show, out):
    channel = etree.fromstring(build(show, out)).find("channel")
    text = lambda path: channel.findtext(path, namespaces=NS)
    assert text("title") == "Far Side Weekly"
    assert text("link") == "https://news.example.org/"
    assert text("description") == "Science stories, read aloud."
    assert text("language") == "en-US"
    assert text("copyright") == "© 2026 Far Side Desk"
    assert text("itunes:author") == "Far Side Desk"
    assert text("itunes:explicit") == "false"
    assert text("itunes:type") == "episodic"
    assert text("itunes:owner/itunes:name") == "Ada Owner"
    assert text("itunes:owner/itunes:email") == "ada@example.org"
    assert channel.find("itunes:image", NS).get("href") == BASE + "cover.png"
    categories = channel.findall("itunes:category", NS)
    assert [c.get("text") for c in categories] == ["Science", "News"]
    assert categories[0].find("itunes:category", NS).get("text") == "Astronomy"
    self_link = channel.find("atom:link[@rel='self']", NS)
    assert self_link.get("href") == BASE + "feed.xml"
    assert self_link.get("type") == "application/rss+xml"
    # The build date is the newest episode's, not the clock's.
    assert text("lastBuildDate") == channel.find("item").findtext("pubDate")


def test_items_carry_enclosure_duration_episode_number_and_art(show, out):
    for item in items(build(show, out)):
        record = next(r for r in read_records(out) if r.guid == item.findtext("guid"))
        enclosure = item.find("enclosure")
        mp3 = episode_folder(out, record.slug) / record.audio_file
        assert enclosure.get("length") == str(mp3.stat().st_size)
        assert enclosure.get("type") == "audio/mpeg"
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("itunes:duration", namespaces=NS) == str(round(record.duration_s))
        assert item.findtext("itunes:episode", namespaces=NS) == str(record.number)
        assert item.find("itunes:image", NS).get("href") == BASE + "cover.png"
        assert item.findtext("itunes:author", namespaces=NS) == "Jane Writer"
        assert item.findtext("link") == record.link


def test_podcasting_2_tags_are_there_and_right(show, out):
    channel = etree.fromstring(build(show, out)).find("channel")
    # The spec's UUIDv5 of the feed URL without its scheme, in the podcast namespace.
    expected = uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
                          "podcasts.example.org/science/feed.xml")
    assert channel.findtext("podcast:guid", namespaces=NS) == str(expected)
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("yes", "ada@example.org")
    for item in channel.findall("item"):
        record = next(r for r in read_records(out) if r.guid == item.findtext("guid"))
        root = f"{BASE}episodes/{record.slug}/"
        chapters = item.find("podcast:chapters", NS)
        assert (chapters.get("url"), chapters.get("type")) == (root + "chapters.json",
                                                               "application/json+chapters")
        transcripts = {t.get("type"): t.get("url") for t in item.findall("podcast:transcript", NS)}
        assert transcripts == {"text/vtt": root + "transcript.vtt",
                               "application/x-subrip": root + "transcript.srt"}
        people = [(p.text, p.get("role")) for p in item.findall("podcast:person", NS)]
        assert people == [*((name, "guest") for name in record.speakers),
                          ("Narrator (espeak-ng/en-us)", "voice actor")]


def test_podcast_guid_follows_the_spec_example():
    # The Podcasting 2.0 spec's own example: podnews.net/rss.
    assert guid_for_feed_url("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert guid_for_feed_url("http://podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_outside_checker_passes_every_feed_check(show, out):
    feed = write_feed(show, read_records(out), out)
    for record in read_records(out):
        mp3 = episode_folder(out, record.slug) / record.audio_file
        run = subprocess.run([sys.executable, str(CHECKER), "--mp3", str(mp3), "--feed", str(feed),
                              "--json"], capture_output=True, text=True)
        checks = {c["name"]: c for c in json.loads(run.stdout)["checks"]}
        for name in ("feed-parse", "feed-channel", "feed-item", "chapters-json", "transcript",
                     "no-script-leak"):
            assert checks[name]["status"] == "PASS", (name, checks[name]["detail"])


def test_same_inputs_give_the_same_bytes(show, out):
    first = build(show, out)
    assert render_feed(show, read_records(out), out) == first
    assert build(show, out) == first


def test_rebuilding_an_episode_keeps_its_identity_and_changes_nothing_else(show, out):
    before = items(build(show, out))
    old = {i.findtext("title"): i for i in before}
    # Rebuilt later, from an edited article: new audio, new date offered, same slug.
    make_episode(out, "far-side-samples", "Chang'e 6 brings back far side samples", when(20),
                 seconds=5.0, speakers=("James Head", "Li Chunlai"), number=1)
    after = {i.findtext("title"): i for i in items(build(show, out))}
    water = "Water in lunar glass beads"
    assert etree.tostring(after[water]) == etree.tostring(old[water])
    rebuilt, previous = after["Chang'e 6 brings back far side samples"], old["Chang'e 6 brings back far side samples"]
    assert rebuilt.findtext("guid") == previous.findtext("guid")
    assert rebuilt.findtext("pubDate") == previous.findtext("pubDate")
    assert rebuilt.find("enclosure").get("length") != previous.find("enclosure").get("length")


def test_rebuilding_with_the_same_audio_leaves_the_feed_byte_identical(show, out):
    first = build(show, out)
    records = read_records(out)
    feed = write_feed(show, records, out)
    stamp = feed.stat().st_mtime_ns
    assert write_feed(show, records, out).read_bytes() == first
    assert feed.stat().st_mtime_ns == stamp  # not even rewritten


def test_deleting_an_episode_folder_drops_it_from_the_feed(show, out):
    build(show, out)
    shutil.rmtree(episode_folder(out, "moon-water"))
    parsed = feedparser.parse(build(show, out))
    assert [e.title for e in parsed.entries] == ["Chang'e 6 brings back far side samples"]


def test_a_failed_build_leaves_the_old_feed_byte_identical(show, out):
    before = build(show, out)
    os.remove(episode_folder(out, "moon-water") / "moon-water.mp3")
    with pytest.raises(InputError, match=r"moon-water\.mp3.*missing.*delete its folder"):
        write_feed(show, read_records(out), out)
    assert (out / "feed.xml").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".feed.xml")]


def test_a_copied_episode_folder_is_refused_rather_than_publishing_a_duplicate_guid(show, out):
    records = read_records(out)
    twin = replace(records[1], guid=records[0].guid)
    with pytest.raises(InputError, match="same guid"):
        render_feed(show, (records[0], twin), out)


def test_hostile_text_comes_out_escaped_and_intact(show, out):
    title = "Less <b>than</b> & \"more\" 'here' 🚀 — مرحبا بالعالم שלום"
    speaker = "Dr. <script>alert(1)</script> O'Brien & Sons"
    make_episode(out, "hostile", title, when(9), speakers=(speaker,),
                 description="Bell \x07 & <tags> stay text. 🌕 القمر")
    raw = build(show, out)
    assert not feedparser.parse(raw).bozo
    assert b"<script>" not in raw and b"<b>" not in raw
    assert "🚀 — مرحبا بالعالم שלום".encode() in raw  # emoji and RTL as UTF-8, not mangled
    item = items(raw)[0]
    assert item.findtext("title") == title
    assert item.findtext("description") == "Bell  & <tags> stay text. 🌕 القمر"
    assert item.find("podcast:person", NS).text == speaker
    episodes = podcastparser.parse(BASE + "feed.xml", io.BytesIO(raw))["episodes"]
    assert episodes[0]["title"] == title


def test_an_empty_out_gives_a_valid_feed_without_a_build_date(show, tmp_path):
    raw = write_feed(show, (), tmp_path).read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo and parsed.entries == []
    assert etree.fromstring(raw).find("channel/lastBuildDate") is None


def test_without_a_base_url_links_are_relative_and_no_guid_is_invented(out):
    show, used = load_show(None)
    assert "base_url" in used
    raw = build(show, out)
    channel = etree.fromstring(raw).find("channel")
    assert channel.find("item/enclosure").get("url") == "episodes/moon-water/moon-water.mp3"
    assert channel.find("podcast:guid", NS) is None and podcast_guid(show) is None
    assert not feedparser.parse(raw).bozo


PARTYTIME_DIR = ROOT / ".cache" / "partytime"
PARTYTIME_JS = """
const {parseFeed} = require("podcast-partytime");
console.log(JSON.stringify(parseFeed(require("fs").readFileSync(process.argv[1], "utf8"))));
"""


def partytime() -> Path:
    """The Podcast Index's own feed parser (npm podcast-partytime), installed once into .cache/."""
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are not installed (apt-get install nodejs npm)")
    if not (PARTYTIME_DIR / "node_modules" / "podcast-partytime").is_dir():
        PARTYTIME_DIR.mkdir(parents=True, exist_ok=True)
        run = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent",
                              "--prefix", str(PARTYTIME_DIR), "podcast-partytime@5"],
                             capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
        if run.returncode != 0:
            pytest.skip(f"npm could not install podcast-partytime: {run.stderr.strip()[-200:]}")
    return PARTYTIME_DIR


@pytest.mark.slow
def test_the_podcast_index_parser_reads_the_podcasting_2_tags(show, out):
    folder = partytime()
    feed = write_feed(show, read_records(out), out)
    run = subprocess.run(["node", "-e", PARTYTIME_JS, str(feed)], cwd=folder, capture_output=True,
                         text=True, timeout=60, check=True)
    parsed = json.loads(run.stdout)
    assert parsed["guid"] == podcast_guid(show)
    assert parsed["locked"] is True and parsed["podcastOwner"] == "ada@example.org"
    assert set(parsed["pc20support"]["1"]) >= {"locked", "transcript", "chapters"}
    assert [i["title"] for i in parsed["items"]] == ["Water in lunar glass beads",
                                                     "Chang'e 6 brings back far side samples"]
    for item in parsed["items"]:
        record = next(r for r in read_records(out) if r.guid == item["guid"])
        assert item["enclosure"]["length"] == (out / "episodes" / record.slug / record.audio_file).stat().st_size
        assert item["duration"] == round(record.duration_s)
        assert item["podcastChapters"]["type"] == "application/json+chapters"
        # partytime reports the SRT type application/x-subrip under its own name, application/srt
        assert {t["type"] for t in item["podcastTranscripts"]} == {"text/vtt", "application/srt"}
        people = [(p["name"], p["role"], p["group"]) for p in item["podcastPeople"]]
        assert people == [*((n, "Guest", "Cast") for n in record.speakers),
                          ("Narrator (espeak-ng/en-us)", "Voice Actor", "Cast")]


def test_any_text_yields_a_well_formed_feed_that_gives_it_back(show, out):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from podcast.publishing.feed import _clean

    records = read_records(out)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(title=st.text(min_size=1), description=st.text(), speaker=st.text(min_size=1))
    def check(title, description, speaker):
        record = replace(records[0], title=title, description=description, speakers=(speaker,))
        raw = render_feed(show, (record,), out)
        item = etree.fromstring(raw).find("channel/item")  # well-formed, or this raises
        shown = _clean(title) or record.slug
        assert item.findtext("title") == shown
        assert item.findtext("description") == (_clean(description) or shown)
        people = [p.text for p in item.findall("podcast:person", NS) if p.get("role") == "guest"]
        assert people == ([_clean(speaker)] if _clean(speaker) else [])
        assert not feedparser.parse(raw).bozo

    check()


def test_a_long_episode_description_is_cut_to_apples_4000_bytes_on_a_character(show, out):
    record = replace(read_records(out)[0], description="Lunar régolithe. " * 400)
    text = etree.fromstring(render_feed(show, (record,), out)).findtext("channel/item/description")
    assert len(text.encode("utf-8")) <= 4000 and text.endswith("…")
    assert record.description.startswith(text[:-1])
