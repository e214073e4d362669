"""ID3 tags and chapters, read back the way players read them: ffprobe (libavformat: mpv,
VLC, ffplay), mutagen, and the decoded audio."""

from __future__ import annotations

import json
import shutil
import subprocess
import zlib
from datetime import datetime, timezone
from pathlib import Path
from struct import pack

import pytest
from mutagen.id3 import ID3, CTOCFlags

from assembly_fixtures import decoded_seconds, make_takes, needs_tools
from podcast.errors import ConfigError, InputMissing
from podcast.audio.mixdown import mix_episode
from podcast.model import Chapter, Show
from podcast.publishing.id3 import chapter_frames, tag_episode
from podcast.model import MAX_TITLE_CHARS, clip_title
from podcast.audio.timeline import plan_episode

pytestmark = [needs_tools, pytest.mark.audio]

SHOW = Show(title="Moon Desk", author="Moon Desk Newsroom", copyright="© 2024 Moon Desk")
WHEN = datetime(2024, 6, 25, 12, 30, tzinfo=timezone.utc)


def png(width: int = 1400) -> bytes:
    """A real, tiny-on-disk square PNG (one grey colour)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(width))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", pack(">IIBBBBB", width, width, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tagging")
    takes = make_takes(folder)
    plan = plan_episode(takes)
    mix = mix_episode(takes, plan, folder / "mixed.mp3")
    cover = folder / "cover.png"
    cover.write_bytes(png())
    return plan, mix, cover


@pytest.fixture()
def episode(mixed, tmp_path):
    """A fresh copy of the mixed MP3 to tag, plus the plan and mix it came from."""
    plan, mix, cover = mixed
    mp3 = tmp_path / "episode.mp3"
    shutil.copyfile(mix.path, mp3)
    return mp3, plan, mix, cover


def tag(mp3, plan, mix, cover, **extra):
    options = dict(title="Chang’e 6 brings back the far side", show=SHOW, chapters=plan.chapters,
                   description="China’s probe returned the first far-side samples.", date=WHEN,
                   number=7, link="https://example.com/moon?a=1&b=2",
                   feed_url="https://example.com/feed.xml", guid="urn:uuid:1234", cover=cover,
                   duration_ms=mix.duration_ms)
    options.update(extra)
    return tag_episode(mp3, **options)


def ffprobe_chapters(mp3: Path) -> list[tuple[str, float, float]]:
    """Chapters as libavformat lists them: in the order the CHAP frames are stored."""
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(mp3)],
                         capture_output=True, text=True, check=True).stdout
    return [(c["tags"]["title"], float(c["start_time"]), float(c["end_time"]))
            for c in json.loads(out)["chapters"]]


def audio_md5(mp3: Path) -> str:
    return subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-map", "0:a", "-f", "md5", "-"],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_ffprobe_lists_the_chapters_in_time_order_with_their_titles(episode):
    mp3, plan, mix, cover = episode
    tag(mp3, plan, mix, cover)
    seen = ffprobe_chapters(mp3)
    assert [t for t, _, _ in seen] == [c.title for c in plan.chapters]
    assert [s for _, s, _ in seen] == pytest.approx([c.start_ms / 1000 for c in plan.chapters], abs=0.001)
    assert seen[0][1] == 0 and all(a[2] == b[1] for a, b in zip(seen, seen[1:]))
    assert seen[-1][2] == pytest.approx(decoded_seconds(mp3), abs=0.005)


def test_plain_mutagen_would_store_these_chapters_out_of_time_order(episode):
    """Why tagging orders frames itself: mutagen sorts them by size (the titles differ)."""
    mp3, plan, mix, _ = episode
    tags = ID3()
    for frame in chapter_frames(plan.chapters, duration_ms=mix.duration_ms, toc_title="t"):
        tags.add(frame)
    tags.save(mp3, v2_version=3)
    starts = [s for _, s, _ in ffprobe_chapters(mp3)]
    assert starts != sorted(starts)


def test_id3v23_by_default_and_v24_on_request(episode):
    mp3, plan, mix, cover = episode
    tag(mp3, plan, mix, cover)
    assert mp3.read_bytes()[:4] == b"ID3\x03"
    stored = ID3(mp3, translate=False)  # as written, before mutagen's upgrade to v2.4 frames
    assert [str(stored[f]) for f in ("TYER", "TDAT", "TIME")] == ["2024", "2506", "1230"]
    tag(mp3, plan, mix, cover, id3_version=4)
    assert mp3.read_bytes()[:4] == b"ID3\x04"
    assert b"2024-06-25T12:30:00" in mp3.read_bytes()[:4096]  # ID3v2.4 timestamp, UTF-8
    assert [t for t, _, _ in ffprobe_chapters(mp3)] == [c.title for c in plan.chapters]


def test_every_episode_frame_reads_back(episode):
    mp3, plan, mix, cover = episode
    tag(mp3, plan, mix, cover)
    tags = ID3(mp3)  # mutagen upgrades v2.3 dates to TDRC when it reads
    text = {fid: str(tags[fid]) for fid in ("TIT2", "TPE1", "TALB", "TCON", "TRCK", "TDES", "TGID",
                                            "TCOP")}
    assert text == {"TIT2": "Chang’e 6 brings back the far side", "TPE1": "Moon Desk Newsroom",
                    "TALB": "Moon Desk", "TCON": "Podcast", "TRCK": "7",
                    "TDES": "China’s probe returned the first far-side samples.",
                    "TGID": "urn:uuid:1234", "TCOP": "© 2024 Moon Desk"}
    assert str(tags["TDRC"]).startswith("2024-06-25")
    assert tags.getall("COMM")[0].text == ["China’s probe returned the first far-side samples."]
    assert tags["PCST"].value == 1
    assert tags["WFED"].url == "https://example.com/feed.xml"
    assert tags["WOAS"].url == "https://example.com/moon?a=1&b=2"
    picture = tags.getall("APIC")[0]
    assert (picture.mime, picture.type, picture.data) == ("image/png", 3, cover.read_bytes())


def test_tlen_is_the_decoded_duration(episode):
    mp3, plan, mix, cover = episode
    tag(mp3, plan, mix, cover)
    assert int(str(ID3(mp3)["TLEN"])) == pytest.approx(decoded_seconds(mp3) * 1000, abs=5)
    tag(mp3, plan, mix, cover, duration_ms=None)  # read from the MP3 when not given
    assert int(str(ID3(mp3)["TLEN"])) == pytest.approx(decoded_seconds(mp3) * 1000, rel=0.01)


def test_one_top_level_ordered_ctoc_lists_the_chapters_in_order(episode):
    mp3, plan, mix, cover = episode
    tag(mp3, plan, mix, cover)
    tags = ID3(mp3)
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert list(toc.child_element_ids) == [c.element_id for c in chaps]
    assert str(toc.sub_frames["TIT2"]) == "Chang’e 6 brings back the far side"
    assert [str(c.sub_frames["TIT2"]) for c in chaps] == [c.title for c in plan.chapters]


def test_retagging_keeps_ids_and_replaces_every_frame(episode):
    mp3, plan, mix, cover = episode
    tag(mp3, plan, mix, cover)
    first = sorted(c.element_id for c in ID3(mp3).getall("CHAP"))
    tag(mp3, plan, mix, None, title="Second title", number=None)
    tags = ID3(mp3)
    assert sorted(c.element_id for c in tags.getall("CHAP")) == first
    assert len(tags.getall("CTOC")) == 1 and len(tags.getall("CHAP")) == len(plan.chapters)
    assert str(tags["TIT2"]) == "Second title"
    assert "TRCK" not in tags and not tags.getall("APIC")


def test_tagging_leaves_the_audio_alone(episode):
    mp3, plan, mix, cover = episode
    before = audio_md5(mp3)
    tag(mp3, plan, mix, cover)
    assert audio_md5(mp3) == before


def test_long_chapter_titles_are_cut_under_51_characters(episode):
    mp3, plan, mix, cover = episode
    long = "The Chinese Academy of Sciences opens its lunar sample vault to researchers worldwide"
    chapters = [Chapter(long, c.start_ms, c.end_ms) for c in plan.chapters]
    tag(mp3, plan, mix, cover, chapters=chapters)
    titles = [t for t, _, _ in ffprobe_chapters(mp3)]
    assert all(len(t) <= MAX_TITLE_CHARS and t.endswith("…") for t in titles)
    assert titles[0] == "The Chinese Academy of Sciences opens its lunar…"


def test_clip_title_keeps_short_titles_and_cuts_at_a_word():
    assert clip_title("  Racing\nto the  Moon ") == "Racing to the Moon"
    assert clip_title("x" * 80) == "x" * 49 + "…"
    assert clip_title("word " * 20).endswith("word…")


def test_a_cover_that_is_not_an_image_is_refused_and_the_file_kept(episode, tmp_path):
    mp3, plan, mix, _ = episode
    before = mp3.read_bytes()
    bogus = tmp_path / "cover.png"
    bogus.write_text("not a picture")
    with pytest.raises(ConfigError, match="cover.png.*PNG or JPEG"):
        tag(mp3, plan, mix, bogus)
    with pytest.raises(InputMissing, match="missing.jpg"):
        tag(mp3, plan, mix, tmp_path / "missing.jpg")
    assert mp3.read_bytes() == before
    assert [p.name for p in mp3.parent.iterdir() if ".tmp" in p.name] == []
