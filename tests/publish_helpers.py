"""Real episodes for the publishing tests: MP3s made by ffmpeg, sidecars and episode.json records.

The MP3 is real (decodable, with its true byte count and decoded duration); its sound is a tone,
since the feed and the page care about files, sizes and times, not about speech.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from podcast.model import Chapter, EpisodeRecord
from podcast.publishing.records import episode_folder, write_record

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None,
                                  reason="ffmpeg is not installed (apt-get install ffmpeg)")


def make_mp3(path: Path, seconds: float, frequency_hz: int = 440) -> float:
    """Encode a tone of the given length to MP3 with ffmpeg; return its decoded duration in s."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi",
                    "-i", f"sine=frequency={frequency_hz}:duration={seconds}",
                    "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "48k", str(path)],
                   check=True, stdin=subprocess.DEVNULL)
    return decoded_seconds(path)


def decoded_seconds(path: Path) -> float:
    """Duration of the decoded audio (encoder delay and padding trimmed), as players see it."""
    run = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-v", "error", "-progress", "pipe:1",
                          "-i", str(path), "-map", "0:a:0", "-f", "null", "-"],
                         capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL)
    return int(re.findall(r"out_time_us=(\d+)", run.stdout)[-1]) / 1e6


def _stamp(ms: int, comma: bool = False) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{',' if comma else '.'}{ms:03d}"


def make_episode(out_dir: Path, slug: str, title: str, published: datetime, *,
                 seconds: float = 6.0, chapters: tuple[str, ...] = ("Opening", "The samples", "What next"),
                 speakers: tuple[str, ...] = ("James Head",), description: str = "",
                 frequency_hz: int = 440, number: int | None = None, guid: str = "") -> EpisodeRecord:
    """Build one episode folder as the assembly would: MP3, chapters.json, VTT, SRT, episode.json."""
    folder = episode_folder(out_dir, slug)
    duration_s = make_mp3(folder / f"{slug}.mp3", seconds, frequency_hz)
    total_ms = round(duration_s * 1000)
    step = total_ms // len(chapters)
    marks = [(t, n * step, total_ms if n == len(chapters) - 1 else (n + 1) * step)
             for n, t in enumerate(chapters)]
    (folder / "chapters.json").write_text(json.dumps(
        {"version": "1.2.0", "chapters": [{"startTime": s / 1000, "title": t} for t, s, _ in marks]}),
        encoding="utf-8")
    who = ["Narrator", *speakers]
    vtt = ["WEBVTT", ""]
    srt = []
    for n, (t, s, e) in enumerate(marks):
        name = who[n % len(who)]
        line = f"{t}: words spoken by {name} & co."
        vtt += [f"{_stamp(s)} --> {_stamp(e)}", f"<v {html.escape(name, quote=False)}>"
                f"{html.escape(line, quote=False)}", ""]  # WebVTT escapes &, < and > as HTML does
        srt += [str(n + 1), f"{_stamp(s, True)} --> {_stamp(e, True)}", f"{name}: {line}", ""]
    (folder / "transcript.vtt").write_text("\n".join(vtt), encoding="utf-8")
    (folder / "transcript.srt").write_text("\n".join(srt), encoding="utf-8")
    record = EpisodeRecord(
        slug=slug, title=title, description=description or f"The story of {title}.", guid=guid,
        published=published, duration_s=duration_s,
        audio_bytes=(folder / f"{slug}.mp3").stat().st_size, audio_file=f"{slug}.mp3",
        chapters=tuple(Chapter(t, s, e) for t, s, e in marks), speakers=speakers,
        narrator_voice="espeak-ng/en-us", byline=("Jane Writer",), source="article.txt",
        link=f"https://news.example.org/{slug}", number=number,
        files=(("chapters", "chapters.json"), ("transcript_vtt", "transcript.vtt"),
               ("transcript_srt", "transcript.srt")))
    return write_record(folder, record)


def when(day: int, hour: int = 9) -> datetime:
    """A publication time in November 2026, UTC."""
    return datetime(2026, 11, day, hour, 0, tzinfo=timezone.utc)
