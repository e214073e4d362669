"""Takes + plan -> one levelled, loudness-normalised MP3: the decisions (encoder.py runs ffmpeg).

How it works, and why:
- Every voice is first levelled (levelling.py): a quiet voice is never lost beside a loud one.
- The 16-bit stream is pitched low enough that no voice clips; ffmpeg adds the make-up gain in
  float, before the limiter.
- eSpeak NG's peaks sit about 19 dB above its loudness, so -16 LUFS with a -1 dBTP ceiling
  needs a limiter: ffmpeg's alimiter runs at 2x the output rate, where its sample-peak ceiling
  holds true peaks too: the takes come from 22.05 kHz engines, so at 88.2 kHz the limiter sees
  every peak between their samples (4x cost 0.6 s more on a 12-minute episode and measured the
  same true peak). The meter checks true peak on the MP3 itself, and the ceiling drops if
  coding pushed it over.
- The *encoded* audio is what is measured -- loudness, true peak and every voice's own loudness
  -- and if MP3 coding or the excerpts' estimate left it out of tolerance the encode runs again
  with the measured correction (rarely).
- MP3 format: 44.1 kHz (MPEG-1 Layer III, which every player and Apple's guidelines expect;
  22.05 kHz MPEG-2 files still trip some players), mono (every voice is mono: stereo would
  double the bytes for nothing), CBR 96 kb/s (43 MB an hour; CBR lets players seek by byte
  offset, so a chapter jump lands on the right word). Not 64 kb/s: there LAME's own coding noise
  pushed true peaks 0.7-1.5 dB above the limiter's ceiling, erratically, so -1 dBTP could not
  be held; at 96 kb/s the overshoot measured about 0.1 dB.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import EngineError
from ..files import FILE_MODE, atomic_replace
from ..model import Line, Take, Voice
from .encoder import (LIMITER_OVERSAMPLE, MP3_BITRATE_KBPS, MP3_SAMPLE_RATE, Measured, Progress,
                      encode)
from .ffmpeg import require_ffmpeg
from .levelling import VoiceLevel, excerpt_lines, excerpts, level_voices
from .mp3parts import JoinError, cut_index
from .pcm import MAX_LENGTH_SLACK_MS
from .timeline import Placement, Plan

__all__ = ["LIMITER_OVERSAMPLE", "MP3_BITRATE_KBPS", "MP3_SAMPLE_RATE", "Mix", "VoiceLevel",
           "level_and_cut", "mix_arriving", "mix_episode", "require_ffmpeg"]

TARGET_LUFS = -16.0
LUFS_TOLERANCE = 1.0  # the contract: -16 +- 1
LUFS_AIM = 0.4  # re-encode when the first pass lands further than this from the target
CEILING_DBTP = -1.0
VOICE_TOLERANCE_LU = 1.0  # the contract: no voice louder than another by more than 1 LU
VOICE_AIM_LU = 0.6  # re-encode when voices in the MP3 differ more than this
# alimiter's ceiling (oversampled). 96 kb/s coding pushed true peak up 0.1 dB over 12 minutes and
# 0.8 dB over 10 hours (the largest of many small overshoots), hence the margin below -1 dBTP.
LIMIT_START_DBFS = -2.3
LIMITER_SLOPE = 0.75  # LU out per dB in, for speech pushed into the limiter (for corrections)
MAX_PASSES = 4


@dataclass(frozen=True)
class Mix:
    """What came out of the mixdown, measured on the encoded file."""

    path: Path
    duration_ms: int
    audio_bytes: int
    integrated_lufs: float
    true_peak_dbtp: float
    sample_rate: int = MP3_SAMPLE_RATE
    bitrate_kbps: int = MP3_BITRATE_KBPS
    voices: tuple[VoiceLevel, ...] = ()
    passes: int = 1
    parts: int = 1  # encoded as this many parts at once, joined


def mix_episode(takes: Sequence[Take], plan: Plan, mp3_path: Path, *,
                progress: Progress | None = None, target_lufs: float = TARGET_LUFS,
                bitrate_kbps: int = MP3_BITRATE_KBPS) -> Mix:
    """Assemble the planned takes into mp3_path (written atomically) and measure the result.

    progress, when given, is called as progress(done_ms, total_ms) while the audio streams.
    """
    if len(takes) != len(plan.placements) or any(
            p.take is not t for p, t in zip(plan.placements, takes)):
        raise ValueError("the plan was made from other takes: call plan_episode(takes) first")
    lines = [take.line for take in takes]
    opening = (takes[i] for i in sorted(excerpt_lines(lines)))
    levels, cut_at = level_and_cut(opening, lines, plan.sample_rate, target_lufs=target_lufs)
    return mix_arriving(plan.placements, plan.sample_rate, levels, mp3_path,
                        plan_when_done=lambda: plan, expected_ms=plan.duration_ms,
                        cut_at=cut_at, progress=progress, target_lufs=target_lufs,
                        bitrate_kbps=bitrate_kbps)


def level_and_cut(opening: Iterable[Take], lines: Sequence[Line], rate: int, *,
                  target_lufs: float = TARGET_LUFS) -> tuple[tuple[VoiceLevel, ...], int | None]:
    """The two decisions made before the first sample is encoded: each voice's level, from
    its opening takes (the lines levelling.excerpt_lines chose), and the line where the encode
    is cut in two. Both mix paths (every take cached, or takes still arriving) call this, so
    they make the same MP3 from the same takes."""
    levels = level_voices(excerpts(opening, rate), rate, target_lufs=target_lufs,
                          limit_dbfs=LIMIT_START_DBFS, ffmpeg=require_ffmpeg())
    return levels, cut_index(lines)


def mix_arriving(arriving: Iterable[Placement], rate: int, levels: Sequence[VoiceLevel],
                 mp3_path: Path, *, plan_when_done: Callable[[], Plan], expected_ms: int,
                 cut_at: int | None = None, progress: Progress | None = None,
                 target_lufs: float = TARGET_LUFS, bitrate_kbps: int = MP3_BITRATE_KBPS) -> Mix:
    """mix_episode for takes that are still being made: the first encode takes each placement
    as `arriving` yields it (waiting for its take), so synthesis and encoding share the cores.

    plan_when_done() gives the whole plan once `arriving` is exhausted; any further pass (when
    the meter says the first missed) re-reads the takes from it. expected_ms is the length the
    progress reports count toward until the plan is known. cut_at is the placement a second
    part of the encode starts with (mp3parts.cut_index), None to encode in one part.
    """
    ffmpeg = require_ffmpeg()
    mp3_path = Path(mp3_path)
    tmp = _temp_beside(mp3_path)
    try:
        passes = _Passes(rate, tmp, mp3_path, cut_at, target_lufs, bitrate_kbps, ffmpeg, progress)
        heard, gains, plan, attempt = passes.run(arriving, {lv.voice: lv.gain_db for lv in levels},
                                                 plan_when_done, expected_ms)
        _check_on_target(heard, mp3_path, target_lufs)
        size = tmp.stat().st_size
        atomic_replace(tmp, mp3_path)
    finally:
        tmp.unlink(missing_ok=True)
    voices = tuple(VoiceLevel(lv.voice, lv.lufs, lv.peak_dbfs, round(gains[lv.voice], 2),
                              heard.voices.get(lv.voice)) for lv in levels)
    return Mix(mp3_path, plan.duration_ms, size, heard.lufs, heard.peak_dbtp, MP3_SAMPLE_RATE,
               bitrate_kbps, voices, attempt, heard.parts)


@dataclass
class _Passes:
    """Encode passes into tmp until the meter says the MP3 is on target (or MAX_PASSES)."""

    rate: int
    tmp: Path
    mp3_path: Path
    cut_at: int | None
    target_lufs: float
    bitrate_kbps: int
    ffmpeg: str
    progress: Progress | None

    def run(self, arriving: Iterable[Placement], gains: dict[Voice, float],
            plan_when_done: Callable[[], Plan], expected_ms: int
            ) -> tuple[Measured, dict[Voice, float], Plan, int]:
        """(what the meter heard, the gains used, the plan, passes made)."""
        limit_dbfs = LIMIT_START_DBFS
        for attempt in range(1, MAX_PASSES + 1):
            heard = self._encode(arriving, gains, limit_dbfs, expected_ms)
            plan = plan_when_done()
            arriving, expected_ms = plan.placements, plan.duration_ms
            if heard is None:
                continue
            if abs(heard.decoded_ms - plan.duration_ms) > MAX_LENGTH_SLACK_MS:
                raise EngineError(f"{self.mp3_path}: ffmpeg wrote {heard.decoded_ms} ms of audio, "
                                  f"the plan has {plan.duration_ms} ms",
                                  hint="update ffmpeg; chapter times would not match the audio")
            on_target = (abs(heard.lufs - self.target_lufs) <= LUFS_AIM
                         and heard.peak_dbtp <= CEILING_DBTP - 0.1
                         and heard.spread() <= VOICE_AIM_LU)
            if on_target or attempt == MAX_PASSES:
                break
            gains = _corrected(gains, heard, self.target_lufs)
            if heard.peak_dbtp > CEILING_DBTP - 0.1:  # the MP3's overshoot is not linear
                limit_dbfs -= heard.peak_dbtp - (CEILING_DBTP - 0.3) + 0.2
        return heard, gains, plan, attempt

    def _encode(self, arriving: Iterable[Placement], gains: dict[Voice, float],
                limit_dbfs: float, expected_ms: int) -> Measured | None:
        """One pass; None when the parts could not be joined (the next pass is in one part)."""
        # Every voice is turned down in the 16-bit stream, so none can clip; the loudest
        # voice's gain is then added back to all of them in float, before the limiter.
        makeup_db = max(gains.values())
        try:
            return encode(arriving, self.rate, {v: g - makeup_db for v, g in gains.items()},
                          self.tmp, makeup_db=makeup_db, limit_dbfs=limit_dbfs,
                          cut_at=self.cut_at, bitrate_kbps=self.bitrate_kbps, ffmpeg=self.ffmpeg,
                          progress=self.progress, expected_ms=expected_ms)
        except JoinError:  # an encoder that pads its parts otherwise: encode in one
            if self.cut_at is None:
                raise
            self.cut_at = None
            return None


def _check_on_target(heard: Measured, mp3_path: Path, target_lufs: float) -> None:
    """The contract, or an EngineError: target loudness, true-peak ceiling, voices together."""
    if (abs(heard.lufs - target_lufs) > LUFS_TOLERANCE or heard.peak_dbtp > CEILING_DBTP
            or heard.spread() > VOICE_TOLERANCE_LU):
        raise EngineError(
            f"{mp3_path}: could not reach {target_lufs} LUFS with true peak <= "
            f"{CEILING_DBTP} dBTP and voices within {VOICE_TOLERANCE_LU} LU (got "
            f"{heard.lufs:.1f} LUFS, {heard.peak_dbtp:.1f} dBTP, voices "
            f"{heard.spread():.1f} LU apart)",
            hint="report this with the article: its voices are unusually dynamic")


def _corrected(gains: dict[Voice, float], heard: Measured, target_lufs: float
               ) -> dict[Voice, float]:
    """Gains moved by what the meter heard: the whole to the target, each voice to the others."""
    known = [lufs for lufs in heard.voices.values() if lufs is not None]
    middle = statistics.median(known) if known else heard.lufs
    return {voice: gain + (target_lufs - heard.lufs)
            + ((middle - heard.voices[voice]) / LIMITER_SLOPE
               if heard.voices.get(voice) is not None else 0.0)
            for voice, gain in gains.items()}


def _temp_beside(path: Path) -> Path:
    """A temporary file next to path whose name needs no escaping (ffmpeg's tee muxer parses it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".mix-", suffix=".tmp.mp3", dir=path.parent)
    os.fchmod(fd, FILE_MODE)
    os.close(fd)
    return Path(tmp)
