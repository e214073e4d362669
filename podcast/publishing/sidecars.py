"""The files published beside the MP3, written and read here: JSON chapters, WebVTT and SRT.

Every time comes from the audio's plan, the same sample clock the mixdown lays the audio on, so
the transcript follows the voice exactly. Speaker names and text come from the article: they are
escaped for each format, never trusted. The show page reads the files back through this module,
so each format has one owner.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from pathlib import Path

from ..files import atomic_write
from ..layout import CHAPTERS, TRANSCRIPT_SRT, TRANSCRIPT_VTT, EpisodeFiles
from ..model import Chapter, Cue

CHAPTERS_VERSION = "1.2.0"  # Podcasting 2.0 JSON chapters spec version

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def write_sidecars(files: EpisodeFiles, chapters: Sequence[Chapter], cues: Sequence[Cue]
                   ) -> dict[str, Path]:
    """Write chapters.json, transcript.vtt and transcript.srt atomically; {kind: path}."""
    return {
        CHAPTERS: atomic_write(files.sidecar(CHAPTERS), chapters_json(chapters)),
        TRANSCRIPT_VTT: atomic_write(files.sidecar(TRANSCRIPT_VTT), transcript_vtt(cues)),
        TRANSCRIPT_SRT: atomic_write(files.sidecar(TRANSCRIPT_SRT), transcript_srt(cues)),
    }


def chapters_json(chapters: Sequence[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters: version and chapters with startTime/endTime in seconds."""
    doc = {
        "version": CHAPTERS_VERSION,
        "chapters": [{"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000,
                      "title": _one_line(c.title)} for c in chapters],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def transcript_vtt(cues: Sequence[Cue]) -> str:
    """WebVTT, one cue per take, the speaker named in a voice span: <v James Head>…"""
    blocks = ["WEBVTT"]
    for n, cue in enumerate(cues, 1):
        name = _vtt_escape(_one_line(cue.speaker))
        blocks.append(f"{n}\n{_stamp(cue.start_ms, '.')} --> {_stamp(cue.end_ms, '.')}\n"
                      f"<v {name}>{_vtt_escape(_one_line(cue.text))}</v>")
    return "\n\n".join(blocks) + "\n"


def transcript_srt(cues: Sequence[Cue]) -> str:
    """SubRip, one numbered cue per take, the text led by "Speaker: "."""
    blocks = []
    for n, cue in enumerate(cues, 1):
        text = f"{_srt_clean(cue.speaker)}: {_srt_clean(cue.text)}"
        blocks.append(f"{n}\n{_stamp(cue.start_ms, ',')} --> {_stamp(cue.end_ms, ',')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def _stamp(ms: int, decimal: str) -> str:
    """HH:MM:SS.mmm (VTT) or HH:MM:SS,mmm (SRT); hours grow past 99 rather than wrap."""
    ms = max(0, int(ms))
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{decimal}{millis:03d}"


def _one_line(text: str) -> str:
    """No control characters, no line breaks (a blank line would end a cue early)."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def _vtt_escape(text: str) -> str:
    # WebVTT cue text: & and < start markup; ">" must go too so "-->" can never appear.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _srt_clean(text: str) -> str:
    # SRT has no escapes, and players render <i>, <font> and {\an8} in it: defuse those.
    return (_one_line(text).replace("<", "‹").replace(">", "›")
            .replace("{", "(").replace("}", ")").replace("-->", "->"))


# --- reading them back (the show page lists chapters and the transcript) -----------------------

_TIMING = re.compile(r"^\s*((?:\d+:)?\d{2}:\d{2}[.,]\d{3})\s+-->\s+((?:\d+:)?\d{2}:\d{2}[.,]\d{3})")
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*\s+([^>]*)>")
_TAG = re.compile(r"</?[^>]+>")


def read_transcript(path: Path | None) -> tuple[Cue, ...]:
    """Cues of a WebVTT file: speaker (from <v Name>), text and times; () when there is none."""
    if path is None:
        return ()
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    cues = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.split("\n")
        for n, line in enumerate(lines):
            timing = _TIMING.match(line)
            if timing:
                body = " ".join(lines[n + 1:]).strip()
                voice = _VOICE.search(body)
                words = html.unescape(_TAG.sub("", body)).strip()
                cues.append(Cue(speaker=html.unescape(voice.group(1)).strip() if voice else "",
                                text=words, start_ms=_ms(timing.group(1)), end_ms=_ms(timing.group(2))))
                break
    return tuple(cues)


def read_chapters(path: Path | None) -> tuple[Chapter, ...]:
    """Chapters of a Podcasting 2.0 chapters.json, for records that do not list their own."""
    if path is None:
        return ()
    try:
        marks = json.loads(path.read_text(encoding="utf-8"))["chapters"]
        return tuple(Chapter(title=str(m.get("title", "")), start_ms=round(float(m["startTime"]) * 1000),
                             end_ms=round(float(m.get("endTime", 0)) * 1000)) for m in marks)
    except (OSError, ValueError, KeyError, TypeError):
        return ()  # the page still shows the player and transcript without chapter links


def _ms(stamp: str) -> int:
    parts = stamp.replace(",", ".").split(":")
    seconds = sum(float(p) * 60 ** k for k, p in enumerate(reversed(parts)))
    return round(seconds * 1000)
