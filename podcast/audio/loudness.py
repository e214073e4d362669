"""Loudness arithmetic (BS.1770 / EBU R 128), pure: no audio is read here.

ffmpeg's ebur128 filter does the metering; what it prints is read here into numbers. Its
momentary loudness, logged every 100 ms over the last 400 ms, is exactly the stream of
gating blocks BS.1770 integrates (400 ms blocks, 75 % overlap), so the loudness of any stretch
of an episode -- one voice's turns, say -- can be computed from one metering pass over the
whole file, without cutting the audio up and metering each piece again.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Hashable, Iterable, Iterator, Sequence

ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = 10.0
BLOCK_S = 0.4

_BLOCK = re.compile(rb"t: *([\d.]+) +TARGET:\S+ LUFS +M: *(-?[\d.]+|-inf)")


def integrated(block_lufs: Iterable[float]) -> float | None:
    """Gated integrated loudness of momentary block values, or None when all are below the gate."""
    blocks = [m for m in block_lufs if m > ABSOLUTE_GATE_LUFS]
    if not blocks:
        return None
    energy = [10 ** ((m + 0.691) / 10) for m in blocks]
    relative_gate = _lufs(sum(energy) / len(energy)) - RELATIVE_GATE_LU
    kept = [e for e, m in zip(energy, blocks) if m > relative_gate]
    return _lufs(sum(kept) / len(kept))


def _lufs(mean_energy: float) -> float:
    return -0.691 + 10 * math.log10(mean_energy)


def blocks_from_lines(lines: Iterable[bytes]) -> Iterator[tuple[float, float]]:
    """(end time s, momentary LUFS) for every block ebur128 logged (framelog at info level),
    from a log read line by line (a file), never all of it at once."""
    for line in lines:
        found = _BLOCK.search(line)
        if found:
            yield float(found.group(1)), float(found.group(2))


def summary_number(body: str, key: str, unit: str) -> float | None:
    found = re.search(rf"{key}:\s+(-?[\d.]+|-?inf) {unit}", body)
    return float(found.group(1)) if found else None


def loudness_by_span(blocks: Iterable[tuple[float, float]],
                     spans: Sequence[tuple[float, float, Hashable]], *,
                     offset_s: float = 0.0) -> dict[Hashable, float | None]:
    """Integrated loudness of each key's spans, from one pass's block log.

    spans are (start s, end s, key), in time order, not overlapping; a block counts for a key
    when every span it touches is that key's (blocks over silence alone are left out, as the
    gate would drop them anyway). offset_s is where the spans' time zero sits in the log (an
    encoder's delay, say).
    """
    starts = [start for start, _, _ in spans]
    found: dict[Hashable, list[float]] = {key: [] for _, _, key in spans}
    for end, lufs in blocks:
        begin, stop = end - BLOCK_S - offset_s, end - offset_s
        first = max(0, bisect.bisect_right(starts, begin) - 1)
        keys = {key for start, finish, key in spans[first:bisect.bisect_left(starts, stop)]
                if finish > begin}
        if len(keys) == 1:
            found[keys.pop()].append(lufs)
    return {key: integrated(values) for key, values in found.items()}


def solve_gain(points: Iterable[tuple[float, float]], aim: float, *,
               min_slope: float = 0.3) -> tuple[float, bool]:
    """The gain at which a limiter's output reaches `aim`, from (gain dB, output LUFS) points.

    Output rises with gain ever more slowly as the limiter takes more, so between two measured
    points a straight line is close; outside them the nearest segment's slope is extended
    (never flatter than min_slope). Returns (gain, whether aim lay between measured points).
    """
    curve = sorted(points)
    if len(curve) == 1:
        gain, out = curve[0]
        return gain + (aim - out), False
    for (g0, o0), (g1, o1) in zip(curve, curve[1:]):
        if o0 <= aim <= o1 and o1 > o0:
            return g0 + (aim - o0) * (g1 - g0) / (o1 - o0), True
    (g0, o0), (g1, o1) = curve[:2] if aim < curve[0][1] else curve[-2:]
    slope = min(1.0, max(min_slope, (o1 - o0) / (g1 - g0) if g1 != g0 else 1.0))
    base_gain, base_out = (g0, o0) if aim < curve[0][1] else (g1, o1)
    return base_gain + (aim - base_out) / slope, False


_METER_BLOCK = re.compile(rb"\[ebur128@(\w+) @ [^\]]+\] " + _BLOCK.pattern)


def blocks_by_meter(stderr: bytes) -> dict[str, list[tuple[float, float]]]:
    """The blocks of a graph of several named meters (`ebur128@NAME`), by NAME."""
    found: dict[str, list[tuple[float, float]]] = {}
    for name, t, m in _METER_BLOCK.findall(stderr):
        found.setdefault(name.decode(), []).append((float(t), float(m)))
    return found
