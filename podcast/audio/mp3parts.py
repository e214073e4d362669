"""An episode's MP3 encoded as two parts at once and joined into one gapless file.

LAME encodes on one core, and it is most of a build's time. Two halves encoded side by side
take about half as long on two cores, if the halves join without a seam. They can: a part that
ends inside a pause and the next part that starts inside the same pause meet in silence, and
the only question is *where* the next part's audio lands in the joined file. A gapless decoder
(ffmpeg; players that read the LAME tag) drops the first part's encoder delay at the start and
the last part's padding at the end, and decodes everything between: the first part's own
padding, then the next part's encoder delay (576 samples), then its audio. So the next part's
audio sits exactly `padding + 576` samples after the first part's last sample, and the first
part's padding follows from its length (LAME fills its last frame and leaves the decoder's 529
samples). Cut where that sum is a whole number of input samples, start the next part that much
later, and every later sample lands where the plan put it; the join is checked against the
decoded audio in the tests.

The cut is chosen from the script alone (the break between lines nearest the middle, by the
words at each voice's rate), so an episode cut while its takes are still being made and one
mixed from a full cache are cut alike, and their MP3s are the same bytes. Two parts, not one per core: the
MP3 must not depend on the machine that made it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Line
from .lametag import FRAME_SAMPLES, InfoFrame, joined_info, write_info
from .timeline import DEFAULT_PAUSES, Placement, boundary_kind, estimated_s, ms_to_samples

ENCODER_DELAY = 576  # LAME's, as ffmpeg's encoder reports it in the LAME tag
MIN_SPLIT_S = 120.0  # a shorter episode encodes in well under a second: one part
CUT_MARGIN_MS = 100  # silence kept between the cut and the voices on either side of it
# A part of N samples with (N + delay) % 1152 == 360 is padded with 792 samples: the next part's
# audio then lands 792 + 576 = 1368 samples after its end (1368 = 2^3 3^2 19: whole input
# samples at 44.1, 22.05, 14.7 and 11.025 kHz).
CUT_PHASE = 360
PART_PADDING = FRAME_SAMPLES - CUT_PHASE
JOIN_GAP = PART_PADDING + ENCODER_DELAY


class JoinError(ValueError):
    """The encoded parts cannot be joined exactly (an encoder that pads differently)."""


@dataclass(frozen=True)
class Cut:
    """Where the first part stops and the second starts, on the plan's clock."""

    end_sample: int
    start_sample: int


def cut_index(lines: Sequence[Line]) -> int | None:
    """The line the second part starts with, or None when the episode is encoded in one part.

    The break between two lines whose estimated time (words at each voice's rate, and the
    pauses) is nearest the middle. Every pause, even the 300 ms between sentences, holds the
    cut with CUT_MARGIN_MS of silence on either side.
    """
    starts, elapsed = [], 0.0
    for index, line in enumerate(lines):
        if index:
            elapsed += DEFAULT_PAUSES.for_boundary(boundary_kind(lines[index - 1], line)) / 1000
        starts.append(elapsed)
        elapsed += estimated_s(line)
    if elapsed < MIN_SPLIT_S or len(lines) < 2:
        return None
    return min(range(1, len(lines)), key=lambda i: abs(starts[i] - elapsed / 2))


def joinable(rate: int, mp3_rate: int) -> bool:
    """Whether a cut can fall on whole samples of a plan at `rate` (e.g. not at 16 kHz)."""
    return mp3_rate % rate == 0 and JOIN_GAP % (mp3_rate // rate) == 0


def cut_between(before: Placement, after: Placement, rate: int, mp3_rate: int) -> Cut | None:
    """The cut inside the pause between two placements, or None when the pause is too short.

    The first part ends CUT_MARGIN_MS or more after `before`, at the first sample count that
    pads to PART_PADDING; the second starts JOIN_GAP samples (of the MP3's clock) later.
    """
    if not joinable(rate, mp3_rate):
        return None
    scale = mp3_rate // rate
    margin = ms_to_samples(CUT_MARGIN_MS, mp3_rate)
    lowest = before.end_sample * scale + margin
    end = lowest + (CUT_PHASE - ENCODER_DELAY - lowest) % FRAME_SAMPLES
    start = end + JOIN_GAP
    if start + margin > after.start_sample * scale:
        return None
    return Cut(end // scale, start // scale)


def join(paths: Sequence[Path], infos: Sequence[InfoFrame]) -> InfoFrame:
    """Append the audio frames of each later part to the first part's file and rewrite its Info
    frame for the whole; return it. `infos` are the parts' own Info frames (read and checked
    by the caller); each part but the last must be padded by PART_PADDING."""
    for before in infos[:-1]:
        if (before.delay, before.padding) != (ENCODER_DELAY, PART_PADDING):
            raise JoinError(f"{paths[0]}: a part was encoded with {before.delay} samples of "
                            f"delay and {before.padding} of padding, not "
                            f"{ENCODER_DELAY} and {PART_PADDING}")
    whole = joined_info(infos[0], list(infos[1:]))
    with open(paths[0], "r+b") as out:
        head = out.read(infos[0].frame_bytes)
        out.seek(0, os.SEEK_END)
        for path, info in zip(paths[1:], infos[1:]):
            with open(path, "rb") as part:
                part.seek(info.frame_bytes)
                shutil.copyfileobj(part, out, 1 << 20)
        if out.tell() != whole.total_bytes:
            raise JoinError(f"{paths[0]}: {out.tell()} bytes after joining, the parts' Info "
                            f"frames count {whole.total_bytes}")
        out.seek(0)
        out.write(write_info(head, whole))
    return whole
