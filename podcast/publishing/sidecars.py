"""Plan -> the files published beside the MP3: JSON chapters and WebVTT/SRT transcripts.

Every time comes from the plan, the same sample clock the mixdown lays the audio on, so the
transcript follows the voice exactly. Speaker names and text come from the article: they are
escaped for each format, never trusted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..files import atomic_write
from ..audio.timeline import Plan

CHAPTERS_FILE = "chapters.json"
VTT_FILE = "transcript.vtt"
SRT_FILE = "transcript.srt"
CHAPTERS_VERSION = "1.2.0"  # Podcasting 2.0 JSON chapters spec version

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def write_sidecars(episode_dir: Path, plan: Plan) -> dict[str, Path]:
    """Write chapters.json, transcript.vtt and transcript.srt atomically; {kind: path}."""
    episode_dir = Path(episode_dir)
    return {
        "chapters": atomic_write(episode_dir / CHAPTERS_FILE, chapters_json(plan)),
        "transcript_vtt": atomic_write(episode_dir / VTT_FILE, transcript_vtt(plan)),
        "transcript_srt": atomic_write(episode_dir / SRT_FILE, transcript_srt(plan)),
    }


def chapters_json(plan: Plan) -> str:
    """Podcasting 2.0 JSON chapters: version and chapters with startTime/endTime in seconds."""
    doc = {
        "version": CHAPTERS_VERSION,
        "chapters": [{"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000,
                      "title": _one_line(c.title)} for c in plan.chapters],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def transcript_vtt(plan: Plan) -> str:
    """WebVTT, one cue per take, the speaker named in a voice span: <v James Head>…"""
    blocks = ["WEBVTT"]
    for n, cue in enumerate(plan.cues, 1):
        name = _vtt_escape(_one_line(cue.speaker))
        blocks.append(f"{n}\n{_stamp(cue.start_ms, '.')} --> {_stamp(cue.end_ms, '.')}\n"
                      f"<v {name}>{_vtt_escape(_one_line(cue.text))}</v>")
    return "\n\n".join(blocks) + "\n"


def transcript_srt(plan: Plan) -> str:
    """SubRip, one numbered cue per take, the text led by "Speaker: "."""
    blocks = []
    for n, cue in enumerate(plan.cues, 1):
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
