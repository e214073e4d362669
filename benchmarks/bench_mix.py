#!/usr/bin/env python3
"""Mixdown on a long generated episode: peak memory, and time against the floor of one encode.

    python benchmarks/bench_mix.py                # 10 hours (the target: under 300 MB)
    python benchmarks/bench_mix.py --hours 1

A few real eSpeak NG takes (three voices, one deliberately quiet) are repeated, in chapters of
twenty paragraphs, until the episode is as long as asked. The floor is one ffmpeg encode of
the same length of audio with the same settings (22.05 kHz mono PCM in, the same CBR MP3 out) and
nothing else: no levelling, no limiter, no measuring.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

from treememory import TreeMemory

from podcast.audio.mixdown import MP3_BITRATE_KBPS, MP3_SAMPLE_RATE, mix_episode
from podcast.model import NARRATOR, SPEAKER, Line, Segment, Take, Voice
from podcast.audio.timeline import plan_episode

VOICES = (
    (NARRATOR, None, Voice("espeak", "en-us"), 100),
    (SPEAKER, "James Head", Voice("espeak", "en+m3", pitch=35), 100),
    (SPEAKER, "Li Chunlai", Voice("espeak", "en+f3", pitch=70), 30),  # quiet: levelling works
)
LINES = (
    "China has brought back the first samples ever taken from the far side of the Moon.",
    "Scientists around the world are waiting to study the material and what it may reveal.",
    "It is like a treasure chest of coins from different parts of the lunar surface.",
    "The mission is part of a wider race to return people to the Moon this decade.",
)


def make_takes(folder: Path, seconds: float) -> list[Take]:
    """Real eSpeak takes, reused round-robin until the planned audio is `seconds` long."""
    sources = []
    for v, (role, speaker, voice, amplitude) in enumerate(VOICES):
        for n, text in enumerate(LINES):
            path = folder / f"v{v}-{n}.wav"
            cmd = ["espeak-ng", "-v", voice.name, "-a", str(amplitude), "-w", str(path)]
            cmd += ["-p", str(voice.pitch)] if voice.pitch is not None else []
            subprocess.run(cmd + [text], check=True)
            with wave.open(str(path)) as wav:
                sources.append((role, speaker, voice, text, path, wav.getframerate(),
                                wav.getnframes()))
    takes, total, n = [], 0.0, 0
    while total < seconds:
        role, speaker, voice, text, path, rate, samples = sources[n % len(sources)]
        paragraph = n // 3
        segment = Segment(role, speaker, text, f"Chapter {paragraph // 20 + 1}", paragraph=paragraph)
        takes.append(Take(Line(segment, voice), path, rate, samples))
        total += samples / rate + 0.6  # roughly the pause that follows
        n += 1
    return takes


def floor_encode(takes: list[Take], seconds: float, rate: int, out: Path) -> float:
    """Seconds for one plain encode of as much of the same speech, fed the same way (stdin)."""
    pause = bytes(2 * rate // 2)
    chunk = b"".join(_frames(path) + pause for path in dict.fromkeys(t.path for t in takes))
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "s16le", "-ar", str(rate),
           "-ac", "1", "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", f"{MP3_BITRATE_KBPS}k",
           "-ar", str(MP3_SAMPLE_RATE), "-ac", "1", "-y", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    for _ in range(int(2 * rate * seconds / len(chunk)) + 1):  # LAME is faster on silence
        proc.stdin.write(chunk)
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("the floor encode failed")
    return time.perf_counter() - started


def _frames(path: Path) -> bytes:
    with wave.open(str(path)) as wav:
        return wav.readframes(wav.getnframes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hours", type=float, default=10.0)
    args = parser.parse_args()
    seconds = args.hours * 3600
    with tempfile.TemporaryDirectory(prefix="bench-mix-") as tmp:
        folder = Path(tmp)
        takes = make_takes(folder, seconds)
        plan = plan_episode(takes)
        started = time.perf_counter()
        with TreeMemory() as memory:
            mix = mix_episode(takes, plan, folder / "episode.mp3")
        elapsed = time.perf_counter() - started
        floor = floor_encode(takes, plan.duration_ms / 1000, plan.sample_rate, folder / "floor.mp3")
    hours = plan.duration_ms / 3_600_000
    print(f"episode      {hours:.2f} h, {len(takes)} takes, {len(plan.chapters)} chapters, "
          f"{mix.audio_bytes / 1e6:.1f} MB MP3")
    print(f"loudness     {mix.integrated_lufs:.1f} LUFS, true peak {mix.true_peak_dbtp:.1f} dBTP, "
          f"{mix.passes} encode pass(es)")
    print(f"time         mix {elapsed:.1f} s   vs floor (one plain encode) {floor:.1f} s   "
          f"= {elapsed / floor:.2f}x   ({hours * 3600 / elapsed:.0f}x real time)")
    print("voices       " + ", ".join(f"{lv.voice.name} {lv.limited_lufs:.1f} LUFS"
                                      for lv in mix.voices if lv.limited_lufs is not None))
    print(f"peak memory  {memory.peak_kb / 1024:.0f} MB for the whole process tree at once, "
          f"PSS (largest of each: {memory.largest()})   vs target 300 MB")

if __name__ == "__main__":
    main()
