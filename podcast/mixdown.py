"""Takes + plan -> one levelled, loudness-normalised MP3 (the only pydub and ffmpeg user).

How it works, and why:
- Every voice is measured on its own (ffmpeg's ebur128, a BS.1770-4 meter) through the same
  gain and limiter the episode gets, and its gain corrected until every voice comes out equally
  loud (the limiter takes more from a voice whose peaks stand higher): a quiet voice is never
  lost beside a loud one.
- The takes are laid down at the exact samples the plan gives them (padded or trimmed to the
  planned length, never crossfaded) and streamed as 16-bit PCM into one ffmpeg process, so
  memory stays flat however long the episode is and nothing is joined with a quadratic `+`.
  The stream is pitched low enough that no voice clips; ffmpeg adds the make-up gain in float.
- eSpeak NG's peaks sit about 19 dB above its loudness, so -16 LUFS with a -1 dBTP ceiling
  needs a limiter: ffmpeg's alimiter runs at 4x the output rate, which makes its sample-peak
  ceiling a true-peak ceiling (BS.1770 measures true peak by 4x oversampling too).
- The *encoded* file is measured; if MP3 coding moved it out of tolerance the encode runs again
  with the measured correction (rarely more than once).
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
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pydub import AudioSegment

from .errors import EngineError, OutputError, RenderError
from .files import atomic_replace, temp_path_beside
from .model import Take, Voice
from .timeline import Placement, Plan

MP3_SAMPLE_RATE = 44100
MP3_BITRATE_KBPS = 96
TARGET_LUFS = -16.0
LUFS_TOLERANCE = 1.0  # the contract: -16 +- 1
LUFS_AIM = 0.4  # re-encode when the first pass lands further than this from the target
CEILING_DBTP = -1.0
# alimiter's ceiling at 4x rate. 96 kb/s coding pushed true peak up 0.1 dB over 12 minutes and
# 0.8 dB over 10 hours (the largest of many small overshoots), hence the margin below -1 dBTP.
LIMIT_START_DBFS = -2.3
LIMITER_LOSS_DB = 2.0  # first guess at what the limiter takes from eSpeak speech (then measured)
ENCODE_LOSS_DB = 0.4  # MP3 coding measured about 0.4 LU quieter than its input
LEVEL_ROUNDS = 3  # measure-and-correct rounds through the limiter, at most
LEVEL_AIM_LU = 0.25  # stop once every voice is this close to the common level
LIMITER_SLOPE = 0.75  # first guess: LU out per dB in, for speech pushed into the limiter
STREAM_HEADROOM_DB = 0.5  # no voice's sample peak in the 16-bit stream goes above -0.5 dBFS
MAX_PASSES = 4
MAX_LENGTH_SLACK_MS = 25  # a take may differ this much from its declared length (rounding)
CHUNK_BYTES = 1 << 20

NO_FFMPEG = ("install ffmpeg with MP3 support "
             "(Debian/Ubuntu: apt install ffmpeg; macOS: brew install ffmpeg)")

Progress = Callable[[int, int], None]  # (milliseconds done, milliseconds in all)


@dataclass(frozen=True)
class VoiceLevel:
    """How one voice was levelled: its loudness and peak as synthesized (lufs None when too
    short to measure), the gain it gets before the limiter, and its loudness after it."""

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
    # The 16-bit stream carries each voice as loud as the loudest-peaking one allows without
    # clipping; the rest of every voice's gain is one make-up gain, applied by ffmpeg in float.
    makeup_db = max(lv.gain_db + lv.peak_dbfs + STREAM_HEADROOM_DB for lv in levels)
    gains = {lv.voice: lv.gain_db - makeup_db for lv in levels}
    mp3_path = Path(mp3_path)
    tmp = temp_path_beside(mp3_path)
    try:
        for attempt in range(1, MAX_PASSES + 1):
            encode(plan, gains, tmp, makeup_db=makeup_db, limit_dbfs=limit_dbfs,
                   bitrate_kbps=bitrate_kbps, ffmpeg=ffmpeg, progress=progress)
            lufs, peak, decoded_ms = measure_file(tmp, ffmpeg=ffmpeg)
            if abs(decoded_ms - plan.duration_ms) > MAX_LENGTH_SLACK_MS:
                raise EngineError(f"{mp3_path}: ffmpeg wrote {decoded_ms} ms of audio, "
                                  f"the plan has {plan.duration_ms} ms",
                                  hint="update ffmpeg; chapter times would not match the audio")
            on_target = abs(lufs - target_lufs) <= LUFS_AIM and peak <= CEILING_DBTP - 0.1
            if on_target or attempt == MAX_PASSES:
                break
            makeup_db += target_lufs - lufs
            if peak > CEILING_DBTP - 0.1:  # the MP3's overshoot is not linear: step past it
                limit_dbfs -= peak - (CEILING_DBTP - 0.3) + 0.2
        if abs(lufs - target_lufs) > LUFS_TOLERANCE or peak > CEILING_DBTP:
            raise EngineError(f"{mp3_path}: could not reach {target_lufs} LUFS with true peak "
                              f"<= {CEILING_DBTP} dBTP (got {lufs:.1f} LUFS, {peak:.1f} dBTP)",
                              hint="report this with the article: its voices are unusually dynamic")
        size = tmp.stat().st_size
        atomic_replace(tmp, mp3_path)
    finally:
        tmp.unlink(missing_ok=True)
    return Mix(mp3_path, plan.duration_ms, size, lufs, peak, MP3_SAMPLE_RATE, bitrate_kbps,
               levels, attempt)


# --- the voices --------------------------------------------------------------------------------


def level_voices(plan: Plan, *, target_lufs: float = TARGET_LUFS,
                 limit_dbfs: float = LIMIT_START_DBFS, ffmpeg: str = "ffmpeg"
                 ) -> tuple[VoiceLevel, ...]:
    """Find each voice's gain so that, after the limiter, every voice is equally loud.

    Gain alone is not enough: the limiter takes more from a voice whose peaks stand further
    above its loudness (eSpeak's voices differ by 2-3 dB there). Voices never overlap and the
    limiter recovers within a pause, so each voice can be measured through the same limiter
    on its own; a round or two of measure-and-correct brings them within a few tenths of an LU.
    A voice too short to measure (under 0.4 s in all) gets the median gain of the others.
    """
    by_voice: dict[Voice, list[tuple[Placement, int]]] = {}
    previous_end = 0
    for placement in plan.placements:
        gap = min(placement.start_sample - previous_end, plan.sample_rate)
        by_voice.setdefault(placement.take.line.voice, []).append((placement, gap))
        previous_end = placement.end_sample
    rate = plan.sample_rate

    def measure_all(voices, chain_for=None, what="measuring"):
        """Measure voices side by side (one ffmpeg each, as many at once as there are cores)."""
        def one(voice):
            chain = chain_for(voice) if chain_for else ""
            return measure_voice(by_voice[voice], rate, chain=chain, ffmpeg=ffmpeg,
                                 what=f"{what} {voice.label}")
        with ThreadPoolExecutor(max_workers=max(1, min(len(voices), os.cpu_count() or 1))) as pool:
            return dict(zip(voices, pool.map(one, voices)))

    raw = measure_all(list(by_voice))
    known = [voice for voice, (lufs, _) in raw.items() if lufs is not None]
    if not known:
        raise RenderError("every take is silent or too short to measure its loudness",
                          hint="check the TTS engine: it produced no audible speech")
    aim = target_lufs + ENCODE_LOSS_DB
    gains = {voice: aim + LIMITER_LOSS_DB - raw[voice][0] for voice in known}
    limited: dict[Voice, float | None] = {}
    slope = {voice: LIMITER_SLOPE for voice in known}  # output LU per dB of gain, per voice
    previous: dict[Voice, tuple[float, float]] = {}
    for _ in range(LEVEL_ROUNDS):
        found = measure_all(known, lambda v: limiter_chain(gains[v], limit_dbfs, oversample=1),
                            "levelling")
        limited = {voice: lufs for voice, (lufs, _) in found.items()}
        misses = {v: aim - lufs for v, lufs in limited.items() if lufs is not None}
        for voice, miss in misses.items():
            if voice in previous:  # secant step: the limiter flattens the response to gain
                gain_before, out_before = previous[voice]
                gain_step, out_step = gains[voice] - gain_before, limited[voice] - out_before
                if abs(gain_step) > 0.05:
                    slope[voice] = min(1.0, max(0.3, out_step / gain_step))
            previous[voice] = (gains[voice], limited[voice])
            gains[voice] += miss / slope[voice]
        if all(abs(miss) <= LEVEL_AIM_LU for miss in misses.values()):
            break
    median_gain = statistics.median(gains.values())
    return tuple(VoiceLevel(voice, lufs, peak, round(gains.get(voice, median_gain), 2),
                            limited.get(voice))
                 for voice, (lufs, peak) in raw.items())


def measure_voice(items: Sequence[tuple[Placement, int]], rate: int, *, chain: str = "",
                  ffmpeg: str = "ffmpeg", what: str = "measuring a voice"
                  ) -> tuple[float | None, float]:
    """(integrated LUFS or None, sample peak dBFS) of takes, each after its pause, through chain.

    The loudness is ebur128's; the peak is of the takes as they are, before the chain.
    """
    peak = 0
    graph = f"{chain},ebur128=framelog=verbose" if chain else "ebur128=framelog=verbose"
    with _Pipe([ffmpeg, "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(rate), "-ac", "1",
                "-i", "pipe:0", "-af", graph, "-f", "null", "-"], what=what) as pipe:
        for placement, gap in items:
            take = load_take(placement, rate, ffmpeg=ffmpeg)
            peak = max(peak, take.max)
            pipe.write_silence(gap)
            pipe.write(take.raw_data)
    lufs = _summary_value(pipe.stderr, "I", "LUFS")
    audible = lufs is not None and lufs > -69.0
    return (lufs if audible else None), (20 * math.log10(peak / 32768) if peak else -120.0)


def limiter_chain(gain_db: float, limit_dbfs: float, *, oversample: int = 4) -> str:
    """ffmpeg filters: gain in float, then a limiter at oversample x the MP3 rate.

    At 4x its sample-peak ceiling is a true-peak ceiling (BS.1770 oversamples 4x to measure
    true peak). Levelling measures loudness only, which oversampling hardly moves: 1x is
    four times cheaper there.
    """
    return (f"volume={gain_db:.3f}dB,aresample={oversample * MP3_SAMPLE_RATE},"
            f"alimiter=limit={10 ** (limit_dbfs / 20):.5f}:attack=5:release=40:level=disabled"
            f":latency=1,aresample={MP3_SAMPLE_RATE}")


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
    done = _run([ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
                 "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"], what=f"resampling {path}")
    return AudioSegment(data=done.stdout, sample_width=2, frame_rate=rate, channels=1)


# --- encoding and measuring --------------------------------------------------------------------


def encode(plan: Plan, gains: dict[Voice, float], out: Path, *, makeup_db: float,
           limit_dbfs: float, bitrate_kbps: int = MP3_BITRATE_KBPS, ffmpeg: str = "ffmpeg",
           progress: Progress | None = None) -> None:
    """Stream the plan as PCM through make-up gain and a true-peak limiter into a CBR MP3."""
    chain = limiter_chain(makeup_db, limit_dbfs)
    cmd = [ffmpeg, "-hide_banner", "-nostats", "-loglevel", "error", "-f", "s16le",
           "-ar", str(plan.sample_rate), "-ac", "1", "-i", "pipe:0", "-af", chain,
           "-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k", "-ar", str(MP3_SAMPLE_RATE),
           "-ac", "1", "-map_metadata", "-1", "-id3v2_version", "0", "-write_id3v1", "0",
           "-f", "mp3", "-y", str(out)]
    rate, cursor = plan.sample_rate, 0
    with _Pipe(cmd, what=f"encoding {out.name}") as pipe:
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


def measure_file(path: Path, *, ffmpeg: str = "ffmpeg") -> tuple[float, float, int]:
    """(integrated LUFS, true peak dBTP, decoded duration ms) of an audio file, by ebur128."""
    done = _run([ffmpeg, "-hide_banner", "-nostats", "-nostdin", "-i", str(path), "-map", "0:a:0",
                 "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-",
                 "-progress", "pipe:1"], what=f"measuring {path}")
    lufs = _summary_value(done.stderr, "I", "LUFS")
    peak = _summary_value(done.stderr, "Peak", "dBFS")
    times = re.findall(rb"out_time_us=(\d+)", done.stdout)
    if lufs is None or peak is None or not times:
        raise EngineError(f"{path}: ffmpeg's ebur128 gave no loudness summary",
                          hint="update ffmpeg (4.4 or later)")
    return lufs, peak, round(int(times[-1]) / 1000)


def require_ffmpeg() -> str:
    """The ffmpeg executable, or an EngineError that says how to install it."""
    found = shutil.which("ffmpeg")
    if not found:
        raise EngineError("ffmpeg was not found on PATH", hint=NO_FFMPEG)
    return found


def _summary_value(stderr: bytes | str, key: str, unit: str) -> float | None:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    summary = text.rsplit("Summary:", 1)
    if len(summary) < 2:
        return None
    found = re.search(rf"{key}:\s+(-?[\d.]+|-?inf) {unit}", summary[1])
    return float(found.group(1)) if found else None


def _tail(stderr: bytes | str) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-2:]) or "no message"


def _run(cmd: list[str], *, what: str) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError as exc:
        raise EngineError(f"{cmd[0]} was not found", hint=NO_FFMPEG) from exc
    if done.returncode != 0:
        raise _failure(what, done.returncode, done.stderr)
    return done


_WRITE_FAULTS = (b"No space left on device", b"Read-only file system", b"Disk quota exceeded")


def _failure(what: str, code: int, stderr: bytes) -> Exception:
    """ffmpeg's failure as the user's error: a full disk is an output fault, not a broken ffmpeg."""
    if any(fault in stderr for fault in _WRITE_FAULTS):
        return OutputError(f"cannot write the episode while {what}: {_tail(stderr)}",
                           hint="free some disk space or choose another --out folder")
    return EngineError(f"ffmpeg failed {what} (exit {code}): {_tail(stderr)}",
                       hint=NO_FFMPEG if b"libmp3lame" in stderr else "")


class _Pipe:
    """An ffmpeg process fed on stdin; its stderr goes to a file so it can never block us."""

    def __init__(self, cmd: list[str], *, what: str) -> None:
        self.cmd, self.what, self.stderr = cmd, what, b""
        self._silence = bytes(CHUNK_BYTES)

    def __enter__(self) -> _Pipe:
        self._log = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE,
                                         stdout=subprocess.DEVNULL, stderr=self._log)
        except FileNotFoundError as exc:
            self._log.close()
            raise EngineError(f"{self.cmd[0]} was not found", hint=NO_FFMPEG) from exc
        return self

    def write(self, data: bytes) -> None:
        try:
            self.proc.stdin.write(data)
        except BrokenPipeError:
            self._finish()  # ffmpeg quit early: raise its own reason
            raise EngineError(f"ffmpeg stopped reading while {self.what}: {_tail(self.stderr)}")

    def write_silence(self, samples: int) -> None:
        left = 2 * samples
        while left > 0:
            self.write(self._silence[: min(left, CHUNK_BYTES)])
            left -= CHUNK_BYTES

    def _finish(self) -> None:
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        code = self.proc.wait()
        self._log.seek(0)
        self.stderr = self._log.read()
        self._log.close()
        if code != 0:
            raise _failure(self.what, code, self.stderr)

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self._finish()
            return
        self.proc.kill()  # interrupted or failed on our side: do not leave ffmpeg running
        self.proc.wait()
        self._log.close()
