"""Takes as 16-bit mono PCM at the plan's rate, exactly as long as the plan says.

Both the levelling and the encode read every take this way, so a take that changed under the
build, or one at another rate (a Piper voice at 16 kHz), is caught or resampled the same way.
"""

from __future__ import annotations

import warnings
from pathlib import Path

with warnings.catch_warnings():  # pydub warns on import when ffmpeg is missing; the build's
    warnings.filterwarnings("ignore", message="Couldn't find ff", category=RuntimeWarning)
    from pydub import AudioSegment  # ffmpeg check says so in one line instead


from ..errors import RenderError
from .ffmpeg import run
from .timeline import Placement

MAX_LENGTH_SLACK_MS = 25  # a take may differ this much from its declared length (rounding)


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
