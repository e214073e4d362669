"""Levelling: the gain that brings each voice to the same loudness after the limiter.

Every voice is measured on its own (ffmpeg's ebur128, a BS.1770-4 meter) through the same
limiter the episode gets, at three gains around a first guess, and given the gain at which it
comes out at the common level: the limiter takes more from a voice whose peaks stand higher,
by up to 4 dB between eSpeak's voices, so equal gain would not make equal loudness. An excerpt
of each voice (the first seconds of every take, 45 s in all) is enough for that; the encode's
meter then checks every voice in the MP3 itself.
"""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from . import loudness
from .errors import RenderError
from .ffmpeg import Chain, limiter_chain
from .model import Voice
from .pcm import STREAM_HEADROOM_DB, load_take
from .timeline import Placement, Plan

LIMITER_LOSS_DB = 2.0  # first guess at what the limiter takes from eSpeak speech (then measured)
LEVEL_STEP_DB = 2.5  # the three trial gains sit this far apart (eSpeak's losses span 0.1-4.2 dB)
LEVEL_EXCERPT_S = 45.0  # seconds of each voice measured through the limiter
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


def level_voices(plan: Plan, *, target_lufs: float, limit_dbfs: float,
                 ffmpeg: str = "ffmpeg"
                 ) -> tuple[VoiceLevel, ...]:
    """Find each voice's gain so that, after the limiter, every voice is equally loud.

    Gain alone is not enough: the limiter takes more from a voice whose peaks stand further
    above its loudness. Voices never overlap and the limiter recovers within a pause, so each
    voice is measured through the same limiter on its own, at three gains around a guess made
    from its RMS level (within 0.4 dB of its loudness for eSpeak's voices); the gain that
    reaches the common level is read off that curve. A voice too short to measure (under
    0.4 s in all) gets the median gain of the others.
    """
    rate = plan.sample_rate
    by_voice: dict[Voice, list[tuple[Placement, int]]] = {}
    previous_end = 0
    for placement in plan.placements:
        gap = min(placement.start_sample - previous_end, rate)
        by_voice.setdefault(placement.take.line.voice, []).append((placement, gap))
        previous_end = placement.end_sample
    aim = target_lufs + ENCODE_LOSS_DB
    peaks, guesses = {}, {}
    for voice, items in by_voice.items():
        peaks[voice], rms_db = _peak_and_rms(items, rate, ffmpeg)
        guesses[voice] = aim + LIMITER_LOSS_DB - rms_db
    excerpts = {voice: _excerpt(items, rate) for voice, items in by_voice.items()}
    # One meter per core, each given whole voices, the longest excerpts shared out first.
    groups: list[list[Voice]] = [[] for _ in range(max(1, min(len(by_voice),
                                                                os.cpu_count() or 1)))]
    loads = [0] * len(groups)
    for voice in sorted(excerpts, key=lambda v: -sum(n for *_, n in excerpts[v])):
        least = loads.index(min(loads))
        groups[least].append(voice)
        loads[least] += sum(n for *_, n in excerpts[voice])
    offsets = [LEVEL_STEP_DB * k for k in (-1, 0, 1)]

    def measure(group: list[Voice]) -> dict[Voice, tuple[float | None, list[float | None]]]:
        return measure_voices({v: excerpts[v] for v in group}, {v: guesses[v] for v in group},
                              {v: peaks[v] for v in group}, rate, offsets, limit_dbfs,
                              ffmpeg=ffmpeg)

    found: dict[Voice, tuple[float | None, list[float | None]]] = {}
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        for result in pool.map(measure, groups):
            found.update(result)
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


def _peak_and_rms(items: Sequence[tuple[Placement, int]], rate: int, ffmpeg: str
                  ) -> tuple[float, float]:
    """Sample peak (dBFS) and RMS level (dBFS) of a voice's takes."""
    peak, energy, count = 0, 0.0, 0
    for placement, _ in items:
        take = load_take(placement, rate, ffmpeg=ffmpeg)
        peak = max(peak, take.max)
        energy += float(take.rms) ** 2 * take.frame_count()
        count += int(take.frame_count())
    return _db(peak / 32768), _db((energy / max(count, 1)) ** 0.5 / 32768)


def _db(ratio: float) -> float:
    return 20 * math.log10(ratio) if ratio > 0 else -120.0


def _excerpt(items: Sequence[tuple[Placement, int]], rate: int
             ) -> list[tuple[Placement, int, int]]:
    """(placement, gap before, samples to use): the start of every take, LEVEL_EXCERPT_S in all.

    Every take contributes the same share of itself (at least half a second), so the excerpt
    sounds like the voice across the whole article, not like its first paragraph.
    """
    total = sum(p.samples for p, _ in items)
    share = min(1.0, LEVEL_EXCERPT_S * rate / max(total, 1))
    return [(p, gap, min(p.samples, max(int(p.samples * share), rate // 2))) for p, gap in items]


def measure_voices(excerpts: dict[Voice, Sequence[tuple[Placement, int, int]]],
                   gains: dict[Voice, float], peaks: dict[Voice, float], rate: int,
                   trial_offsets: Sequence[float], limit_dbfs: float, *,
                   ffmpeg: str = "ffmpeg") -> dict[Voice, tuple[float | None, list[float | None]]]:
    """Each voice's loudness as it is, and through the limiter at its gain + each trial offset.

    One ffmpeg: the voices' excerpts one after another, a second of silence between them, each
    at its own gain (pitched down together so none clips; the rest is a common make-up gain
    in the float chain), metered raw and through one limiter per offset. Every meter's block
    log is split back into voices by time. None where a voice is too quiet to measure.
    """
    makeup = max(gains[v] + peaks[v] + STREAM_HEADROOM_DB for v in excerpts)
    branches = [f"[b{n}]{limiter_chain(makeup + off, limit_dbfs)},"
                f"ebur128@g{n}=framelog=info,anullsink" for n, off in enumerate(trial_offsets)]
    outs = "".join(f"[b{n}]" for n in range(len(trial_offsets)))
    graph = ";".join([f"asplit={len(trial_offsets) + 1}[raw]{outs}",
                      "[raw]ebur128@raw=framelog=info[out]", *branches])
    cmd = [ffmpeg, "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(rate), "-ac", "1",
           "-i", "pipe:0", "-filter_complex", graph, "-map", "[out]", "-f", "null", "-"]
    spans, cursor = [], 0
    with Chain([(cmd, "levelling voices")]) as pipe:
        for voice, excerpt in excerpts.items():
            start = cursor
            for placement, gap, samples in excerpt:
                take = load_take(placement, rate, ffmpeg=ffmpeg)
                take = take.apply_gain(gains[voice] - makeup)
                pipe.write_silence(gap)
                pipe.write(take.raw_data[: 2 * samples])
                cursor += gap + samples
            spans.append((start / rate, cursor / rate, voice))
            pipe.write_silence(rate)  # the limiter lets go, and no block spans two voices
            cursor += rate
    logs = loudness.blocks_by_meter(pipe.stderr[0])
    raw = loudness.loudness_by_span(logs.get("raw", []), spans)
    limited = [loudness.loudness_by_span(logs.get(f"g{n}", []), spans)
               for n in range(len(trial_offsets))]
    return {voice: (_raw_lufs(raw[voice], gains[voice] - makeup),
                    [by_span[voice] for by_span in limited]) for voice in excerpts}


def _raw_lufs(heard: float | None, stream_gain_db: float) -> float | None:
    """A voice's loudness as synthesized, from what the meter heard at its stream gain."""
    return None if heard is None else heard - stream_gain_db
