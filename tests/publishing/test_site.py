"""The show page: static HTML read back with lxml, then played in Debian's headless chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from podcast.publishing.records import read_records
from podcast.publishing.show import ensure_cover, load_show
from podcast.publishing.sidecars import read_transcript
from podcast.publishing.site import write_site
from publish_helpers import make_episode, needs_ffmpeg, when

pytestmark = needs_ffmpeg
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture()
def out(tmp_path):
    out = tmp_path / "OUT"
    make_episode(out, "far-side", "Chang'e 6 brings back far side samples", when(2), seconds=8.0,
                 chapters=("Opening", "The samples", "What next"), speakers=("James Head",))
    make_episode(out, "hostile", 'Less <script>alert("x")</script> & more 🚀 — שלום', when(5),
                 seconds=4.0, speakers=("O'Brien <b>& Sons</b>",))
    return out


@pytest.fixture()
def page_path(out):
    show, _ = load_show(None, fallback_title="Far Side Weekly")
    ensure_cover(show, out)
    return write_site(show, read_records(out), out)


def test_every_episode_has_a_player_on_its_real_file_and_its_chapters(page_path, out):
    doc = html.fromstring(page_path.read_bytes())
    articles = doc.findall(".//article")
    assert [a.get("id") for a in articles] == ["hostile", "far-side"]  # newest first
    for article, record in zip(articles, sorted(read_records(out), key=lambda r: r.published, reverse=True)):
        (audio,) = article.findall(".//audio")
        assert (page_path.parent / audio.get("src")).resolve() == (
            out / "episodes" / record.slug / record.audio_file).resolve()
        links = article.findall(".//ol[@class='chapters']//a")
        assert [float(a.get("data-start")) for a in links] == [c.start_ms / 1000 for c in record.chapters]
        assert {a.get("data-player") for a in links} == {audio.get("id")}
        assert [a.findtext("span") for a in links] == [c.title for c in record.chapters]


def test_the_transcript_shows_each_speaker_and_their_words(page_path, out):
    doc = html.fromstring(page_path.read_bytes())
    lines = [p.text_content() for p in doc.get_element_by_id("far-side").findall(".//details/p")]
    assert lines[0].endswith("Narrator:Opening: words spoken by Narrator & co.")
    assert lines[1].endswith("James Head:The samples: words spoken by James Head & co.")
    cues = read_transcript(out / "episodes" / "far-side" / "transcript.vtt")
    assert [c.speaker for c in cues] == ["Narrator", "James Head", "Narrator"]


def test_hostile_titles_and_names_are_text_not_markup(page_path):
    raw = page_path.read_text(encoding="utf-8")
    doc = html.fromstring(raw)
    assert len(doc.findall(".//script")) == 1  # only the page's own
    assert doc.get_element_by_id("hostile").findtext("h2") == 'Less <script>alert("x")</script> & more 🚀 — שלום'
    assert "O'Brien <b>& Sons</b>" in doc.get_element_by_id("hostile").text_content()


def test_the_page_needs_nothing_from_the_network(page_path):
    raw = page_path.read_text(encoding="utf-8")
    doc = html.fromstring(raw)
    fetched = [el.get(attr) for el in doc.iter() for attr in ("src", "href")
               if el.get(attr) and el.tag in ("script", "img", "audio", "source", "iframe")
               or (el.tag == "link" and attr == "href" and el.get("rel") == "stylesheet")]
    assert fetched and not [u for u in fetched if u and re.match(r"(https?:)?//", u)]
    assert "@import" not in raw and "@font-face" not in raw and "url(" not in raw


def test_the_subscribe_link_points_at_the_feed(out, tmp_path):
    show, _ = load_show(None, base_url="https://podcasts.example.org/science/")
    doc = html.fromstring(write_site(show, read_records(out), out).read_bytes())
    (subscribe,) = doc.find_class("subscribe")
    assert subscribe.get("href") == "https://podcasts.example.org/science/feed.xml"
    assert doc.find(".//link[@type='application/rss+xml']").get("href") == subscribe.get("href")


def test_rewriting_an_unchanged_page_does_not_touch_it(out, page_path):
    stamp = page_path.stat().st_mtime_ns
    show, _ = load_show(None, fallback_title="Far Side Weekly")
    assert write_site(show, read_records(out), out).stat().st_mtime_ns == stamp


def _browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return playwright.sync_playwright


@pytest.mark.slow
def test_in_a_real_browser_the_player_loads_and_a_chapter_link_seeks_it(page_path, out):
    sync_playwright = _browser()
    record = next(r for r in read_records(out) if r.slug == "far-side")
    second = record.chapters[1].start_ms / 1000
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--autoplay-policy=no-user-gesture-required"])
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(page_path.resolve().as_uri())
            player = "document.getElementById('player-far-side')"
            page.wait_for_function(f"{player}.readyState >= 1", timeout=15_000)
            duration = page.evaluate(f"{player}.duration")
            assert abs(duration - record.duration_s) < 0.2
            assert page.evaluate(f"{player}.currentTime") == 0
            page.click("#far-side ol.chapters li:nth-child(2) a")
            page.wait_for_function(f"{player}.currentTime >= {second - 0.05}", timeout=5_000)
            now = page.evaluate(f"{player}.currentTime")
            assert second - 0.05 <= now < second + 1.5  # at the chapter, perhaps playing on
            page.click("#far-side ol.chapters li:nth-child(1) a")
            page.wait_for_function(f"{player}.currentTime < {second}", timeout=5_000)
            assert page.evaluate(f"{player}.error") is None
            assert errors == []
        finally:
            browser.close()


def test_transcripts_in_the_assembly_format_are_read_with_escaped_names_intact(tmp_path):
    # Numbered cues, closing </v> and HTML-escaped names and text, as podcast/sidecars.py writes them.
    vtt = tmp_path / "transcript.vtt"
    vtt.write_text("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.500\n<v Narrator>Chang'e 6 landed.</v>\n\n"
                   "2\n01:00:02.500 --> 01:00:04.000\n<v O'Brien &lt;b&gt; &amp; Sons>"
                   "“Less &lt; more &amp; 🚀 שלום”</v>\n", encoding="utf-8")
    cues = read_transcript(vtt)
    assert [(c.speaker, c.text, c.start_ms, c.end_ms) for c in cues] == [
        ("Narrator", "Chang'e 6 landed.", 0, 2500),
        ("O'Brien <b> & Sons", "“Less < more & 🚀 שלום”", 3_602_500, 3_604_000)]
    assert read_transcript(None) == ()


def test_chapters_come_from_chapters_json_when_the_record_lists_none(out):
    from dataclasses import replace

    record = replace(next(r for r in read_records(out) if r.slug == "far-side"), chapters=())
    show, _ = load_show(None)
    doc = html.fromstring(write_site(show, (record,), out).read_bytes())
    links = doc.findall(".//ol[@class='chapters']//a")
    assert [a.findtext("span") for a in links] == ["Opening", "The samples", "What next"]
    assert float(links[1].get("data-start")) > 0
