"""Levelling: the gain that brings each voice to the same loudness after the limiter.

Every voice is measured on its own (ffmpeg's ebur128, a BS.1770-4 meter) through the same
limiter the episode gets, at three gains around a first guess, and given the gain at which it
comes out at the common level: the limiter takes more from a voice whose peaks stand higher,
by up to 4 dB between eSpeak's voices, so equal gain would not make equal loudness. An excerpt
of each voice (its first takes, about 30 s) is enough for that; the encode's
meter then checks every voice in the MP3 itself.
"""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..errors import RenderError
from ..model import Line, Take, Voice
from . import loudness
from .ffmpeg import Chain, limiter_chain
from .pcm import load_take
from .timeline import Placement, estimated_s

LIMITER_LOSS_DB = 2.0  # first guess at what the limiter takes from eSpeak speech (then measured)
LEVEL_STEP_DB = 2.5  # the three trial gains sit this far apart (eSpeak's losses span 0.1-4.2 dB)
LEVEL_EXCERPT_S = 30.0  # seconds of each voice measured through the limiter
STREAM_HEADROOM_DB = 0.5  # no voice's sample peak in the 16-bit stream goes above -0.5 dBFS
TAKE_PAUSE_MS = 500  # between the takes of an excerpt, as between turns in the episode
ENCODE_LOSS_DB = 0.4  # MP3 coding measured about 0.4 LU quieter than its input


@dataclass(frozen=True)
class VoiceLevel:
    """How one voice was levelled: its loudness and peak as synthesized (lufs None when too
    short to measure), the gain it gets before the limiter, and its loudness in the MP3."""

    voice: Voice
    lufs: float | None
    peak_dbfs: float
    gain_db: float = 0.0
    limited_lufs: float | None = None


def excerpt_lines(lines: Sequence[Line]) -> frozenset[int]:
    """The lines each voice is levelled from: its first ones, about LEVEL_EXCERPT_S in all.

    Chosen from the script alone (words at the voice's rate), before anything is spoken, so an
    episode can be levelled as soon as these few takes exist, and a build that had everything
    cached levels from exactly the same takes as one that synthesized them.
    """
    chosen: set[int] = set()
    heard_s: dict[Voice, float] = {}
    for index, line in enumerate(lines):
        if heard_s.get(line.voice, 0.0) >= LEVEL_EXCERPT_S:
            continue
        heard_s[line.voice] = heard_s.get(line.voice, 0.0) + estimated_s(line)
        chosen.add(index)
    return frozenset(chosen)


def excerpts(takes: Iterable[Take], rate: int) -> dict[Voice, list[Placement]]:
    """Takes (an excerpt's) by voice, as placements on a clock of `rate` (where is not used)."""
    found: dict[Voice, list[Placement]] = {}
    for take in takes:
        samples = max(1, round(take.samples * rate / take.sample_rate))
        found.setdefault(take.line.voice, []).append(Placement(take, 0, samples, ""))
    return found


def level_voices(by_voice: Mapping[Voice, Sequence[Placement]], rate: int, *,
                 target_lufs: float, limit_dbfs: float, ffmpeg: str = "ffmpeg"
                 ) -> tuple[VoiceLevel, ...]:
    """Find each voice's gain so that, after the limiter, every voice is equally loud.

    Gain alone is not enough: the limiter takes more from a voice whose peaks stand further
    above its loudness. Voices never overlap and the limiter recovers within a pause, so each
    voice is measured through the same limiter on its own, at three gains around a guess made
    from its RMS level (within 0.4 dB of its loudness for eSpeak's voices); the gain that
    reaches the common level is read off that curve. A voice too short to measure (under
    0.4 s in all) gets the median gain of the others.
    """
    aim = target_lufs + ENCODE_LOSS_DB
    peaks, guesses = {}, {}
    for voice, items in by_voice.items():
        peaks[voice], rms_db = _peak_and_rms(items, rate, ffmpeg)
        guesses[voice] = aim + LIMITER_LOSS_DB - rms_db
    groups = _meter_groups(by_voice)
    offsets = [LEVEL_STEP_DB * k for k in (-1, 0, 1)]

    def measure(group: list[Voice]) -> dict[Voice, tuple[float | None, list[float | None]]]:
        return measure_voices({v: by_voice[v] for v in group}, {v: guesses[v] for v in group},
                              {v: peaks[v] for v in group}, rate, offsets, limit_dbfs,
                              ffmpeg=ffmpeg)

    found: dict[Voice, tuple[float | None, list[float | None]]] = {}
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        for result in pool.map(measure, groups):
            found.update(result)
    return _levels(by_voice, found, guesses, peaks, offsets, aim)


def _meter_groups(by_voice: Mapping[Voice, Sequence[Placement]]) -> list[list[Voice]]:
    """One meter per core, each given whole voices, the longest excerpts shared out first."""
    groups: list[list[Voice]] = [[] for _ in range(max(1, min(len(by_voice),
                                                                os.cpu_count() or 1)))]
    loads = [0] * len(groups)
    for voice in sorted(by_voice, key=lambda v: -sum(p.samples for p in by_voice[v])):
        least = loads.index(min(loads))
        groups[least].append(voice)
        loads[least] += sum(p.samples for p in by_voice[voice])
    return groups


def _levels(by_voice: Mapping[Voice, Sequence[Placement]],
            found: Mapping[Voice, tuple[float | None, list[float | None]]],
            guesses: Mapping[Voice, float], peaks: Mapping[Voice, float],
            offsets: Sequence[float], aim: float) -> tuple[VoiceLevel, ...]:
    """Each voice's gain read off its measured curve; a voice too short to measure gets the
    median gain of the others."""
    levels = []
    for voice in by_voice:
        raw, limited = found[voice]
        points = [(guesses[voice] + off, out) for off, out in zip(offsets, limited)
                  if out is not None]
        if raw is None or not points:
            levels.append(VoiceLevel(voice, None, peaks[voice]))
            continue
        gain, _ = loudness.solve_gain(points, aim)
        levels.append(VoiceLevel(voice, raw, peaks[voice], round(gain, 2)))
    known = [lv.gain_db for lv in levels if lv.lufs is not None]
    if not known:
        raise RenderError("every take is silent or too short to measure its loudness",
                          hint="check the TTS engine: it produced no audible speech")
    median_gain = statistics.median(known)
    return tuple(lv if lv.lufs is not None else VoiceLevel(lv.voice, None, lv.peak_dbfs,
                                                            median_gain)
                 for lv in levels)


def _peak_and_rms(items: Sequence[Placement], rate: int, ffmpeg: str) -> tuple[float, float]:
    """Sample peak (dBFS) and RMS level (dBFS) of a voice's takes."""
    peak, energy, count = 0, 0.0, 0
    for placement in items:
        take = load_take(placement, rate, ffmpeg=ffmpeg)
        peak = max(peak, take.max)
        energy += float(take.rms) ** 2 * take.frame_count()
        count += int(take.frame_count())
    return _db(peak / 32768), _db((energy / max(count, 1)) ** 0.5 / 32768)


def _db(ratio: float) -> float:
    return 20 * math.log10(ratio) if ratio > 0 else -120.0


def measure_voices(by_voice: Mapping[Voice, Sequence[Placement]], gains: Mapping[Voice, float],
                   peaks: Mapping[Voice, float], rate: int, trial_offsets: Sequence[float],
                   limit_dbfs: float, *, ffmpeg: str = "ffmpeg"
                   ) -> dict[Voice, tuple[float | None, list[float | None]]]:
    """Each voice's loudness as it is, and through the limiter at its gain + each trial offset.

    One ffmpeg: the voices' takes one after another (a short pause between takes, a second
    between voices), each voice at its own gain (pitched down together so none clips; the rest
    is a common make-up gain in the float chain), metered raw and through one limiter per
    offset. Every meter's block log is split back into voices by time. None where a voice is
    too quiet to measure.
    """
    makeup = max(gains[v] + peaks[v] + STREAM_HEADROOM_DB for v in by_voice)
    branches = [f"[b{n}]{limiter_chain(makeup + off, limit_dbfs)},"
                f"ebur128@g{n}=framelog=info,anullsink" for n, off in enumerate(trial_offsets)]
    outs = "".join(f"[b{n}]" for n in range(len(trial_offsets)))
    graph = ";".join([f"asplit={len(trial_offsets) + 1}[raw]{outs}",
                      "[raw]ebur128@raw=framelog=info[out]", *branches])
    cmd = [ffmpeg, "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(rate), "-ac", "1",
           "-i", "pipe:0", "-filter_complex", graph, "-map", "[out]", "-f", "null", "-"]
    spans, cursor, pause = [], 0, rate * TAKE_PAUSE_MS // 1000
    with Chain([(cmd, "levelling voices")]) as pipe:
        for voice, placements in by_voice.items():
            start = cursor
            for placement in placements:
                take = load_take(placement, rate, ffmpeg=ffmpeg)
                pipe.write_silence(pause)
                pipe.write(take.apply_gain(gains[voice] - makeup).raw_data)
                cursor += pause + placement.samples
            spans.append((start / rate, cursor / rate, voice))
            pipe.write_silence(rate)  # the limiter lets go, and no block spans two voices
            cursor += rate
    logs = loudness.blocks_by_meter(pipe.stderr[0])
    raw = loudness.loudness_by_span(logs.get("raw", []), spans)
    limited = [loudness.loudness_by_span(logs.get(f"g{n}", []), spans)
               for n in range(len(trial_offsets))]
    return {voice: (_raw_lufs(raw[voice], gains[voice] - makeup),
                    [by_span[voice] for by_span in limited]) for voice in by_voice}


def _raw_lufs(heard: float | None, stream_gain_db: float) -> float | None:
    """A voice's loudness as synthesized, from what the meter heard at its stream gain."""
    return None if heard is None else heard - stream_gain_db
