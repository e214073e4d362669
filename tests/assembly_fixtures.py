"""Real takes for the assembly tests: eSpeak NG speaks, we read the sample count back.

Render (the TTS stage) makes takes in the product; these tests make their own the same way so
the mixdown, tagging and sidecar tests exercise real speech, not tones.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from podcast.model import NARRATOR, SPEAKER, Line, Segment, Take, Voice

HAVE_TOOLS = bool(shutil.which("espeak-ng") and shutil.which("ffmpeg") and shutil.which("ffprobe"))
needs_tools = pytest.mark.skipif(not HAVE_TOOLS, reason="needs espeak-ng, ffmpeg and ffprobe")

NARRATOR_VOICE = Voice("espeak", "en-us", gender="male")
HEAD_VOICE = Voice("espeak", "en+m3", pitch=35, gender="male")
LI_VOICE = Voice("espeak", "en+f3", pitch=70, gender="female")
# eSpeak amplitude per voice (default 100): one voice far quieter, so levelling has work to do.
AMPLITUDE = {LI_VOICE: 30}

# (chapter, paragraph, role, speaker, voice, text): three chapters, a quoted speaker in each.
SCRIPT = (
    ("Opening the Treasure Chest", 0, NARRATOR, None, NARRATOR_VOICE,
     "China has brought back the first samples ever taken from the far side of the Moon."),
    ("Opening the Treasure Chest", 0, NARRATOR, None, NARRATOR_VOICE,
     "Scientists around the world are waiting to study them."),
    ("Opening the Treasure Chest", 1, SPEAKER, "James Head", HEAD_VOICE,
     "It is like a treasure chest of coins from different parts of the Moon."),
    ("Racing to the Moon", 2, NARRATOR, None, NARRATOR_VOICE,
     "The mission is part of a wider race to return to the lunar surface."),
    ("Racing to the Moon", 2, SPEAKER, "Li Chunlai", LI_VOICE,
     "We will share the samples with researchers from every country."),
    ("A Gateway to the Universe", 3, NARRATOR, None, NARRATOR_VOICE,
     "The far side is also a quiet place to listen to the early universe."),
)


def speak(text: str, voice: Voice, path: Path) -> tuple[int, int]:
    """Speak text into a WAV with eSpeak NG; (sample rate, samples) read back from its header."""
    cmd = ["espeak-ng", "-v", voice.name, "-a", str(AMPLITUDE.get(voice, 100)), "-w", str(path)]
    if voice.pitch is not None:
        cmd += ["-p", str(voice.pitch)]
    subprocess.run(cmd + [text], check=True, capture_output=True)
    with wave.open(str(path)) as wav:
        rate, samples = wav.getframerate(), wav.getnframes()
    return rate, samples


def make_takes(folder: Path, script=SCRIPT) -> tuple[Take, ...]:
    takes = []
    for n, (chapter, paragraph, role, speaker, voice, text) in enumerate(script):
        path = folder / f"take{n:03d}.wav"
        rate, samples = speak(text, voice, path)
        segment = Segment(role, speaker, text, chapter, paragraph=paragraph)
        takes.append(Take(Line(segment, voice), path, rate, samples))
    return tuple(takes)


def words(takes) -> int:
    return sum(len(t.line.segment.text.split()) for t in takes)


def silences(mp3: Path, noise_db: int = -45, min_s: float = 0.25) -> list[tuple[float, float]]:
    """The pauses a listener hears: ffmpeg silencedetect on the decoded MP3 (as the checker does)."""
    done = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(mp3), "-map", "0:a:0", "-af",
                           f"silencedetect=noise={noise_db}dB:d={min_s}", "-f", "null", "-"],
                          capture_output=True, text=True, check=True)
    starts = [float(t) for t in re.findall(r"silence_start: (-?[\d.]+)", done.stderr)]
    ends = [float(t) for t in re.findall(r"silence_end: (-?[\d.]+)", done.stderr)]
    ends += [float("inf")] * (len(starts) - len(ends))
    return list(zip(starts, ends))


def decoded_seconds(mp3: Path) -> float:
    """Length of the decoded audio (ffmpeg trims the encoder's delay and padding)."""
    done = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-v", "error", "-progress",
                           "pipe:1", "-i", str(mp3), "-map", "0:a:0", "-f", "null", "-"],
                          capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "", done.stderr
    return int(re.findall(r"out_time_us=(\d+)", done.stdout)[-1]) / 1e6


def loudness(path: Path, *, start_s: float | None = None, end_s: float | None = None):
    """(integrated LUFS, true peak dBTP) by ffmpeg's ebur128, optionally of one stretch."""
    cut = []
    if start_s is not None:
        cut = ["-ss", f"{start_s:.3f}", "-to", f"{end_s:.3f}"]
    done = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", *cut, "-i", str(path), "-map", "0:a:0", "-af",
                           "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
                          capture_output=True, text=True, check=True)
    summary = done.stderr.rsplit("Summary:", 1)[1]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return lufs, peak


def ffmpeg_without_mp3(folder: Path) -> Path:
    """An ffmpeg that fails like a build without libmp3lame, and works otherwise."""
    fake = folder / "ffmpeg"
    fake.write_text("#!/bin/sh\ncase \"$*\" in *libmp3lame*) "
                    "echo \"Unknown encoder 'libmp3lame'\" >&2; exit 1;; esac\n"
                    "exec ffmpeg \"$@\"\n")
    fake.chmod(0o755)
    return fake
