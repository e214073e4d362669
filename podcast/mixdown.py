"""Takes + plan -> one levelled, loudness-normalised MP3 (the only pydub and ffmpeg user).

How it works, and why:
- Every voice is measured on its own (ffmpeg's ebur128, a BS.1770-4 meter) through the same
  limiter the episode gets, at three gains around a first guess, and given the gain at which it
  comes out at the common level (the limiter takes more from a voice whose peaks stand higher,
  by up to 4 dB between eSpeak's voices): a quiet voice is never lost beside a loud one. An
  excerpt of each voice (its first seconds of every take, 45 s in all) is enough for that.
- The takes are laid down at the exact samples the plan gives them (padded or trimmed to the
  planned length, never crossfaded) and streamed as 16-bit PCM into one ffmpeg process, so
  memory stays flat however long the episode is and nothing is joined with a quadratic `+`.
  The stream is pitched low enough that no voice clips; ffmpeg adds the make-up gain in float.
- eSpeak NG's peaks sit about 19 dB above its loudness, so -16 LUFS with a -1 dBTP ceiling
  needs a limiter: ffmpeg's alimiter runs at 2x the output rate, where its sample-peak ceiling
  holds true peaks too: the takes come from 22.05 kHz engines, so at 88.2 kHz the limiter sees
  every peak between their samples (4x cost 0.6 s more on a 12-minute episode and measured the
  same true peak). The meter checks true peak on the MP3 itself, and the ceiling drops if
  coding pushed it over.
- Limiter, encoder and meter run as three ffmpeg processes joined by pipes, so they share the
  cores instead of taking turns: the encoder's output is written to the file and, at the same
  time, decoded and metered. The *encoded* audio is what is measured -- loudness, true peak
  and every voice's own loudness (from the meter's 100 ms block log) -- and if MP3 coding or
  the excerpts' estimate left it out of tolerance the encode runs again with the measured
  correction (rarely).
- MP3 format: 44.1 kHz (MPEG-1 Layer III, which every player and Apple's guidelines expect;
  22.05 kHz MPEG-2 files still trip some players), mono (every voice is mono: stereo would
  double the bytes for nothing), CBR 96 kb/s (43 MB an hour; CBR lets players seek by byte
  offset, so a chapter jump lands on the right word). Not 64 kb/s: there LAME's own coding noise
  pushed true peaks 0.7-1.5 dB above the limiter's ceiling, erratically, so -1 dBTP could not
  be held; at 96 kb/s the overshoot measured about 0.1 dB.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pydub import AudioSegment

from . import loudness
from .errors import EngineError, RenderError
from .ffmpeg import NO_FFMPEG, Chain, require_ffmpeg, run
from .files import FILE_MODE, atomic_replace
from .model import Take, Voice
from .timeline import Placement, Plan

__all__ = ["Mix", "VoiceLevel", "mix_episode", "level_voices", "require_ffmpeg", "NO_FFMPEG"]

MP3_SAMPLE_RATE = 44100
MP3_BITRATE_KBPS = 96
TARGET_LUFS = -16.0
LUFS_TOLERANCE = 1.0  # the contract: -16 +- 1
LUFS_AIM = 0.4  # re-encode when the first pass lands further than this from the target
CEILING_DBTP = -1.0
VOICE_TOLERANCE_LU = 1.0  # the contract: no voice louder than another by more than 1 LU
VOICE_AIM_LU = 0.6  # re-encode when voices in the MP3 differ more than this
MIN_VOICE_BLOCKS = 10  # a voice heard for less than ~1 s is too short to judge its level
# alimiter's ceiling (oversampled). 96 kb/s coding pushed true peak up 0.1 dB over 12 minutes and
# 0.8 dB over 10 hours (the largest of many small overshoots), hence the margin below -1 dBTP.
LIMIT_START_DBFS = -2.3
LIMITER_OVERSAMPLE = 2  # x the MP3 rate (see the module's docstring)
LIMITER_LOSS_DB = 2.0  # first guess at what the limiter takes from eSpeak speech (then measured)
LEVEL_STEP_DB = 2.5  # the three trial gains sit this far apart (eSpeak's losses span 0.1-4.2 dB)
LEVEL_EXCERPT_S = 45.0  # seconds of each voice measured through the limiter
ENCODE_LOSS_DB = 0.4  # MP3 coding measured about 0.4 LU quieter than its input
LIMITER_SLOPE = 0.75  # LU out per dB in, for speech pushed into the limiter (for corrections)
STREAM_HEADROOM_DB = 0.5  # no voice's sample peak in the 16-bit stream goes above -0.5 dBFS
MAX_PASSES = 4
MAX_LENGTH_SLACK_MS = 25  # a take may differ this much from its declared length (rounding)
# An MP3 decoded from a stream (no LAME header to say what to trim) starts with the encoder's
# 1105 samples of delay and ends with up to two frames of padding.
STREAM_DELAY_S = 1105 / MP3_SAMPLE_RATE
STREAM_EXTRA_MS = 1000 * (1105 + 2 * 1152) // MP3_SAMPLE_RATE

Progress = Callable[[int, int], None]  # (milliseconds done, milliseconds in all)
_OUT_TIME = re.compile(rb"out_time_us=(\d+)")


@dataclass(frozen=True)
class VoiceLevel:
    """How one voice was levelled: its loudness and peak as synthesized (lufs None when too
    short to measure), the gain it gets before the limiter, and its loudness in the MP3."""

    voice: Voice
    lufs: float | None
    peak_dbfs: float
    gain_db: float = 0.0
    limited_lufs: float | None = None


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


@dataclass(frozen=True)
class Measured:
    """One encode, as the meter heard the MP3 stream."""

    lufs: float
    peak_dbtp: float
    decoded_ms: int
    voices: dict[Voice, float | None]

    def spread(self) -> float:
        heard = [lufs for lufs in self.voices.values() if lufs is not None]
        return max(heard) - min(heard) if heard else 0.0


def mix_episode(takes: Sequence[Take], plan: Plan, mp3_path: Path, *,
                progress: Progress | None = None, target_lufs: float = TARGET_LUFS,
                bitrate_kbps: int = MP3_BITRATE_KBPS) -> Mix:
    """Assemble the planned takes into mp3_path (written atomically) and measure the result.

    progress, when given, is called as progress(done_ms, total_ms) while the audio streams.
    """
    if len(takes) != len(plan.placements) or any(
            p.take is not t for p, t in zip(plan.placements, takes)):
        raise ValueError("the plan was made from other takes: call plan_episode(takes) first")
    ffmpeg = require_ffmpeg()
    limit_dbfs = LIMIT_START_DBFS
    levels = level_voices(plan, target_lufs=target_lufs, limit_dbfs=limit_dbfs, ffmpeg=ffmpeg)
    gains = {lv.voice: lv.gain_db for lv in levels}
    peaks = {lv.voice: lv.peak_dbfs for lv in levels}
    mp3_path = Path(mp3_path)
    tmp = _temp_beside(mp3_path)
    try:
        for attempt in range(1, MAX_PASSES + 1):
            # The 16-bit stream carries each voice as loud as the loudest-peaking one allows
            # without clipping; the rest of every voice's gain is one make-up gain, in float.
            makeup_db = max(gains[v] + peaks[v] + STREAM_HEADROOM_DB for v in gains)
            heard = encode(plan, {v: g - makeup_db for v, g in gains.items()}, tmp,
                           makeup_db=makeup_db, limit_dbfs=limit_dbfs, bitrate_kbps=bitrate_kbps,
                           ffmpeg=ffmpeg, progress=progress)
            extra_ms = heard.decoded_ms - plan.duration_ms
            if not -MAX_LENGTH_SLACK_MS <= extra_ms <= STREAM_EXTRA_MS + MAX_LENGTH_SLACK_MS:
                raise EngineError(f"{mp3_path}: ffmpeg wrote {heard.decoded_ms} ms of audio, "
                                  f"the plan has {plan.duration_ms} ms",
                                  hint="update ffmpeg; chapter times would not match the audio")
            on_target = (abs(heard.lufs - target_lufs) <= LUFS_AIM
                         and heard.peak_dbtp <= CEILING_DBTP - 0.1
                         and heard.spread() <= VOICE_AIM_LU)
            if on_target or attempt == MAX_PASSES:
                break
            gains = _corrected(gains, heard, target_lufs)
            if heard.peak_dbtp > CEILING_DBTP - 0.1:  # the MP3's overshoot is not linear
                limit_dbfs -= heard.peak_dbtp - (CEILING_DBTP - 0.3) + 0.2
        if (abs(heard.lufs - target_lufs) > LUFS_TOLERANCE or heard.peak_dbtp > CEILING_DBTP
                or heard.spread() > VOICE_TOLERANCE_LU):
            raise EngineError(
                f"{mp3_path}: could not reach {target_lufs} LUFS with true peak <= "
                f"{CEILING_DBTP} dBTP and voices within {VOICE_TOLERANCE_LU} LU (got "
                f"{heard.lufs:.1f} LUFS, {heard.peak_dbtp:.1f} dBTP, voices "
                f"{heard.spread():.1f} LU apart)",
                hint="report this with the article: its voices are unusually dynamic")
        size = tmp.stat().st_size
        atomic_replace(tmp, mp3_path)
    finally:
        tmp.unlink(missing_ok=True)
    voices = tuple(VoiceLevel(lv.voice, lv.lufs, lv.peak_dbfs, round(gains[lv.voice], 2),
                              heard.voices.get(lv.voice)) for lv in levels)
    return Mix(mp3_path, plan.duration_ms, size, heard.lufs, heard.peak_dbtp, MP3_SAMPLE_RATE,
               bitrate_kbps, voices, attempt)


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


# --- the voices --------------------------------------------------------------------------------


def level_voices(plan: Plan, *, target_lufs: float = TARGET_LUFS,
                 limit_dbfs: float = LIMIT_START_DBFS, ffmpeg: str = "ffmpeg"
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
    branches = [f"[b{n}]{limiter_chain(makeup + off, limit_dbfs, oversample=0)},"
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


def limiter_chain(gain_db: float, limit_dbfs: float, *, oversample: int = 4) -> str:
    """ffmpeg filters: gain in float, then a limiter at oversample x the MP3 rate.

    Oversampled, its sample-peak ceiling holds true peaks too (BS.1770 oversamples 4x to
    measure true peak; 2x of 44.1 kHz is 4x of the engines' 22.05 kHz). Levelling measures
    loudness only, which oversampling hardly moves: there
    (oversample=0) the limiter runs at the takes' own rate, many times cheaper.
    """
    limiter = (f"alimiter=limit={10 ** (limit_dbfs / 20):.5f}:attack=5:release=40"
               f":level=disabled:latency=1")
    if not oversample:
        return f"volume={gain_db:.3f}dB,{limiter}"
    return (f"volume={gain_db:.3f}dB,aresample={oversample * MP3_SAMPLE_RATE},{limiter},"
            f"aresample={MP3_SAMPLE_RATE}")


# --- reading takes -----------------------------------------------------------------------------


def load_take(placement: Placement, rate: int, *, ffmpeg: str = "ffmpeg") -> AudioSegment:
    """A take as 16-bit mono PCM at the plan's rate, exactly as many samples as planned."""
    path = placement.take.path
    try:
        audio = AudioSegment.from_file(path, format="wav")
    except FileNotFoundError as exc:
        raise RenderError(f"{path}: the take is missing",
                          hint="delete the segment cache and build again") from exc
    except Exception as exc:  # pydub raises bare errors of several kinds for a broken WAV
        raise RenderError(f"{path}: not a readable WAV file ({exc})",
                          hint="delete the segment cache and build again") from exc
    if audio.frame_rate != rate:
        audio = _resample(path, rate, ffmpeg)
    audio = audio.set_channels(1).set_sample_width(2)
    have, want = int(audio.frame_count()), placement.samples
    if abs(have - want) * 1000 > MAX_LENGTH_SLACK_MS * rate:
        raise RenderError(f"{path}: the take has {have} samples at {rate} Hz, expected {want}",
                          hint="the cache changed under the build; delete it and build again")
    if have > want:
        return audio._spawn(audio.raw_data[: 2 * want])
    if have < want:
        return audio._spawn(audio.raw_data + bytes(2 * (want - have)))
    return audio


def _resample(path: Path, rate: int, ffmpeg: str) -> AudioSegment:
    """Resample with ffmpeg's filtered resampler (pydub's is linear interpolation: aliasing)."""
    done = run([ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
                "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"], what=f"resampling {path}")
    return AudioSegment(data=done.stdout, sample_width=2, frame_rate=rate, channels=1)


# --- encoding and measuring --------------------------------------------------------------------


def encode(plan: Plan, gains: dict[Voice, float], out: Path, *, makeup_db: float,
           limit_dbfs: float, bitrate_kbps: int = MP3_BITRATE_KBPS, ffmpeg: str = "ffmpeg",
           progress: Progress | None = None) -> Measured:
    """Stream the plan as PCM through make-up gain and a true-peak limiter into a CBR MP3,
    metering the MP3 as it is written.

    Three processes, each on its own core: the limiter (oversampled, float out), the
    encoder (writing the file, with its LAME header, and a copy of the stream through ffmpeg's
    tee muxer), and a meter decoding that copy. `out` must be a plain name (see _temp_beside).
    """
    float_pcm = ["-f", "f32le", "-ar", str(MP3_SAMPLE_RATE), "-ac", "1"]
    quiet = [ffmpeg, "-hide_banner", "-nostats", "-loglevel", "error"]
    limiter = [*quiet, "-f", "s16le", "-ar", str(plan.sample_rate), "-ac", "1", "-i", "pipe:0",
               "-af", limiter_chain(makeup_db, limit_dbfs, oversample=LIMITER_OVERSAMPLE), *float_pcm, "pipe:1"]
    bare = "f=mp3:id3v2_version=0:write_id3v1=0"
    encoder = [*quiet, *float_pcm, "-i", "pipe:0", "-map", "0:a", "-c:a", "libmp3lame",
               "-b:a", f"{bitrate_kbps}k", "-map_metadata", "-1", "-f", "tee",
               f"[{bare}]{out.name}|[{bare}]pipe\\:1"]
    meter = [ffmpeg, "-hide_banner", "-nostats", "-f", "mp3", "-i", "pipe:0",
             "-af", "ebur128=peak=true:framelog=info", "-f", "null", "-", "-progress", "pipe:2"]
    rate, cursor = plan.sample_rate, 0
    with tempfile.TemporaryFile() as meter_log:
        chain = Chain([(limiter, f"limiting {out.name}"), (encoder, f"encoding {out.name}"),
                       (meter, f"measuring {out.name}")], cwds=[None, out.parent, None],
                      logs=[None, None, meter_log])
        with chain as pipe:
            for placement in plan.placements:
                pipe.write_silence(placement.start_sample - cursor)
                take = load_take(placement, rate, ffmpeg=ffmpeg)
                gain = gains[placement.take.line.voice]
                pipe.write((take.apply_gain(gain) if gain else take).raw_data)
                cursor = placement.end_sample
                if progress:
                    progress(plan.ms(cursor), plan.duration_ms)
            pipe.write_silence(plan.total_samples - cursor)
        if progress:
            progress(plan.duration_ms, plan.duration_ms)
        return _heard(meter_log, pipe.stderr[2], plan, out)


def _heard(log: IO[bytes], log_tail: bytes, plan: Plan, out: Path) -> Measured:
    """What the meter printed: the whole's loudness and true peak, each voice's loudness.

    The block log is read line by line: ten hours of it is 40 MB of text.
    """
    summary = log_tail.decode("utf-8", "replace").rsplit("Summary:", 1)[-1]
    lufs = loudness.summary_number(summary, "I", "LUFS")
    peak = loudness.summary_number(summary, "Peak", "dBFS")
    times = [int(t) for t in _OUT_TIME.findall(log_tail)]
    if lufs is None or peak is None or not times:
        raise EngineError(f"{out}: ffmpeg's ebur128 gave no loudness summary",
                          hint="update ffmpeg (4.4 or later)")
    spans = [(plan.ms(p.start_sample) / 1000, plan.ms(p.end_sample) / 1000, p.take.line.voice)
             for p in plan.placements]
    by_voice = loudness.loudness_by_span(loudness.blocks_from_lines(log), spans,
                                         offset_s=STREAM_DELAY_S)
    heard = {voice: value for voice, value in by_voice.items()
             if _voice_seconds(plan, voice) * 10 >= MIN_VOICE_BLOCKS}
    return Measured(lufs, peak, round(times[-1] / 1000), heard)


def _voice_seconds(plan: Plan, voice: Voice) -> float:
    return sum(p.samples for p in plan.placements if p.take.line.voice == voice) / plan.sample_rate




