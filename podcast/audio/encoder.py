"""Placed takes -> one CBR MP3, encoded in parts at once and metered as it is written.

- The takes are laid down at the exact samples the plan gives them (padded or trimmed to the
  planned length, never crossfaded) and streamed as 16-bit PCM, so memory stays flat however
  long the episode is and nothing is joined with a quadratic `+`.
- Each part runs three ffmpeg processes joined by pipes, so they share the cores instead of
  taking turns: a limiter (make-up gain in float, then alimiter oversampled, where its
  sample-peak ceiling holds true peaks too), the encoder (writing the file, with its LAME tag,
  and a copy of the stream through ffmpeg's tee muxer), and a meter decoding that copy. So
  loudness, true peak and every voice's loudness (from the meter's 100 ms block log) are
  measured in the MP3 itself.
- LAME runs on one core, so a long episode is encoded as two parts side by side and joined
  without a seam (mp3parts.py): each part has its own thread feeding its chain, while the
  caller lays the placements down as their takes arrive.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import EngineError, OutputError
from ..files import WRITE_HINT
from ..model import Voice
from . import loudness
from .ffmpeg import Chain, limiter_chain
from .lametag import MAX_FRAME_BYTES, InfoFrame, NotAnInfoFrame, read_info
from .mp3parts import Cut, cut_between, join, joinable
from .pcm import load_take
from .timeline import Placement, samples_to_ms, tail_samples

MP3_SAMPLE_RATE = 44100
MP3_BITRATE_KBPS = 96
LIMITER_OVERSAMPLE = 2  # x the MP3 rate (see mixdown's docstring)
FULL_DISK_BYTES = 1 << 20  # an MP3 cut short with less than this left: the disk filled up
MIN_VOICE_BLOCKS = 10  # a voice heard for less than ~1 s is too short to judge its level
# An MP3 decoded from a stream (no LAME tag to say what to trim) starts with the encoder's
# 1105 samples of delay.
STREAM_DELAY_S = 1105 / MP3_SAMPLE_RATE

# The meter: loudness blocks from ebur128, and true peak as BS.1770 defines it (the sample peak
# at 4x the rate) from ffmpeg's resampler and astats: ebur128's own true-peak meter resamples to
# 192 kHz, which cost 0.8 s of CPU on a 12-minute episode, three times as much; on 16 episodes
# the two agreed to ebur128's printed 0.1 dB.
METER_GRAPH = ("[0:a]asplit[tp][lu];"
               f"[tp]aresample={4 * MP3_SAMPLE_RATE},"
               "astats=measure_perchannel=none:measure_overall=Peak_level,anullsink;"
               "[lu]ebur128=framelog=info[loudness]")
_PEAK = re.compile(rb"Peak level dB: (-?[\d.]+|-inf)")

Progress = Callable[[int, int], None]  # (milliseconds done, milliseconds in all)


@dataclass(frozen=True)
class Measured:
    """One encode, as the meters heard the MP3 streams, and its length from its LAME tag."""

    lufs: float
    peak_dbtp: float
    decoded_ms: int
    voices: dict[Voice, float | None]
    parts: int = 1

    def spread(self) -> float:
        heard = [lufs for lufs in self.voices.values() if lufs is not None]
        return max(heard) - min(heard) if heard else 0.0


@dataclass
class _Part:
    """One part of the episode: its file, its first placement, and what its meter logged."""

    out: Path
    first: int
    start_sample: int = 0  # where its audio starts on the plan's clock (set by the cut)
    start_s: float = 0.0  # the same, in seconds
    cursor: int = 0  # how far it has been fed, on the plan's clock
    log: IO[bytes] | None = None
    meter_tail: bytes = b""
    spans: list[tuple[float, float, Voice]] = field(default_factory=list)


class _Abandoned(Exception):
    """Another part, or the caller, failed: this part stops."""


class _Placed:
    """Placements in episode order, laid down by the caller and taken up by the parts."""

    def __init__(self) -> None:
        self.items: list[Placement] = []
        self.done = False
        self.abandoned = False
        self.changed = threading.Condition()

    def add(self, placement: Placement) -> None:
        with self.changed:
            self.items.append(placement)
            self.changed.notify_all()

    def finish(self, *, abandoned: bool = False) -> None:
        with self.changed:
            self.done = True
            self.abandoned = self.abandoned or abandoned
            self.changed.notify_all()

    def get(self, index: int) -> Placement | None:
        """The placement at index, once laid down; None past the last."""
        with self.changed:
            self.changed.wait_for(lambda: self.abandoned or self.done or index < len(self.items))
            if self.abandoned:
                raise _Abandoned()
            return self.items[index] if index < len(self.items) else None


def encode(placements: Iterable[Placement], rate: int, gains: dict[Voice, float], out: Path, *,
           makeup_db: float, limit_dbfs: float, cut_at: int | None = None,
           bitrate_kbps: int = MP3_BITRATE_KBPS, ffmpeg: str = "ffmpeg",
           progress: Progress | None = None, expected_ms: int = 0) -> Measured:
    """Stream the placed takes through make-up gain and a true-peak limiter into a CBR MP3,
    metering the MP3 as it is written.

    cut_at is the placement the second part starts with (mp3parts.cut_index), or None for one
    part. `out` must be a plain name (ffmpeg's tee muxer parses it).
    """
    parts = [_Part(out, 0)]
    if cut_at and joinable(rate, MP3_SAMPLE_RATE):
        parts.append(_Part(out.with_name(f"{out.stem}.part2{out.suffix}"), cut_at))

    def encode_part(index: int, placed: _Placed) -> None:
        _feed_part(parts, index, placed, rate, gains, makeup_db=makeup_db,
                   limit_dbfs=limit_dbfs, bitrate_kbps=bitrate_kbps, ffmpeg=ffmpeg)

    def report() -> None:
        if progress:
            done_ms = samples_to_ms(sum(p.cursor - p.start_sample for p in parts), rate)
            progress(done_ms, max(expected_ms, done_ms))

    try:
        _run_parts(len(parts), placements, encode_part, report)
        used = [part for part in parts if part.log is not None]
        try:
            infos = [_written(part.out) for part in used]
            info = join([part.out for part in used], infos) if len(used) > 1 else infos[0]
        except OSError as exc:
            raise OutputError(f"{out}: cannot join the encoded parts ({exc.strerror})",
                              hint=WRITE_HINT) from exc
        decoded_ms = round(info.samples * 1000 / MP3_SAMPLE_RATE)
        if progress:
            progress(decoded_ms, decoded_ms)
        return _heard(used, decoded_ms, out)
    finally:
        for part in parts:
            if part.log is not None:
                part.log.close()
            if part is not parts[0]:
                part.out.unlink(missing_ok=True)


def _run_parts(count: int, placements: Iterable[Placement],
               encode_part: Callable[[int, _Placed], None], report: Callable[[], None]) -> None:
    """Encode `count` parts at once, one thread each, handing every placement to all of them
    as it arrives (each part takes its own stretch); the first real failure is raised here."""
    placed = _Placed()
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            encode_part(index, placed)
        except BaseException as exc:  # handed to the caller's thread, which raises it
            failures.append(exc)
            placed.finish(abandoned=True)

    threads = [threading.Thread(target=run, args=(i,), name=f"encode-{i + 1}", daemon=True)
               for i in range(count)]
    for thread in threads:
        thread.start()
    try:
        for placement in placements:
            if placed.abandoned:
                break  # a part failed: stop waiting for takes
            placed.add(placement)
            report()
        placed.finish()
        while any(thread.is_alive() for thread in threads):
            threads[-1].join(0.05)
            report()
    except BaseException:
        placed.finish(abandoned=True)
        for thread in threads:
            thread.join()
        raise
    for failure in sorted(failures, key=lambda f: isinstance(f, _Abandoned)):
        raise failure


def _written(path: Path) -> InfoFrame:
    """The Info frame of an encoded part, checked against the file: ffmpeg can exit 0 after a
    write failed (a full disk), leaving a part with no Info frame or shorter than it says."""
    with open(path, "rb") as fh:
        head = fh.read(MAX_FRAME_BYTES)
    try:
        info = read_info(head)
        if info.total_bytes == path.stat().st_size:
            return info
        problem = f"{path.stat().st_size} bytes where its LAME tag counts {info.total_bytes}"
    except NotAnInfoFrame as exc:
        problem = f"no LAME tag ({exc})"
    if shutil.disk_usage(path.parent).free < FULL_DISK_BYTES:
        raise OutputError(f"{path}: cannot write the episode: No space left on device",
                          hint=WRITE_HINT)
    raise EngineError(f"{path}: ffmpeg wrote an incomplete MP3: {problem}",
                      hint="update ffmpeg (4.4 or later)")


def _feed_part(parts: list[_Part], index: int, placed: _Placed, rate: int,
               gains: dict[Voice, float], *, makeup_db: float, limit_dbfs: float,
               bitrate_kbps: int, ffmpeg: str) -> None:
    """Feed one part's chain: its placements, from the cut before it to the cut after it."""
    part = parts[index]
    following = parts[index + 1].first if index + 1 < len(parts) else None
    if index:
        cut = _cut(placed, part.first, rate)
        if cut is None:
            return  # no room for a cut: the part before runs on to the end
        part.start_sample = part.cursor = cut.start_sample
        part.start_s = cut.start_sample / rate
    part.log = tempfile.TemporaryFile()
    with Chain(_stages(part.out, rate, makeup_db, limit_dbfs, bitrate_kbps, ffmpeg),
               cwds=[None, part.out.parent, None], logs=[None, None, part.log]) as pipe:
        at = part.first
        while True:
            if at == following:
                cut = _cut(placed, at, rate)
                if cut is not None:
                    end = cut.end_sample
                    break
                following = None
            placement = placed.get(at)
            if placement is None:
                end = part.cursor + tail_samples(rate)
                break
            pipe.write_silence(placement.start_sample - part.cursor)
            take = load_take(placement, rate, ffmpeg=ffmpeg)
            gain = gains[placement.take.line.voice]
            pipe.write((take.apply_gain(gain) if gain else take).raw_data)
            part.spans.append((placement.start_sample / rate, placement.end_sample / rate,
                               placement.take.line.voice))
            part.cursor = placement.end_sample
            at += 1
        pipe.write_silence(end - part.cursor)
        part.cursor = end
    part.meter_tail = pipe.stderr[2]


def _cut(placed: _Placed, index: int, rate: int) -> Cut | None:
    before, after = placed.get(index - 1), placed.get(index)
    if before is None or after is None:
        return None
    return cut_between(before, after, rate, MP3_SAMPLE_RATE)


def _stages(out: Path, rate: int, makeup_db: float, limit_dbfs: float, bitrate_kbps: int,
            ffmpeg: str) -> list[tuple[list[str], str]]:
    """Limiter -> encoder (to the file and to a pipe) -> meter, as ffmpeg commands."""
    float_pcm = ["-f", "f32le", "-ar", str(MP3_SAMPLE_RATE), "-ac", "1"]
    quiet = [ffmpeg, "-hide_banner", "-nostats", "-loglevel", "error"]
    chain = limiter_chain(makeup_db, limit_dbfs, out_rate=MP3_SAMPLE_RATE,
                          oversampled_rate=LIMITER_OVERSAMPLE * MP3_SAMPLE_RATE)
    limiter = [*quiet, "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
               "-af", chain, *float_pcm, "pipe:1"]
    bare = "f=mp3:id3v2_version=0:write_id3v1=0"
    encoder = [*quiet, *float_pcm, "-i", "pipe:0", "-map", "0:a", "-c:a", "libmp3lame",
               "-b:a", f"{bitrate_kbps}k", "-map_metadata", "-1", "-f", "tee",
               f"[{bare}]{out.name}|[{bare}]pipe\\:1"]
    meter = [ffmpeg, "-hide_banner", "-nostats", "-f", "mp3", "-i", "pipe:0",
             "-filter_complex", METER_GRAPH, "-map", "[loudness]", "-f", "null", "-"]
    return [(limiter, f"limiting {out.name}"), (encoder, f"encoding {out.name}"),
            (meter, f"measuring {out.name}")]


def _heard(parts: Sequence[_Part], decoded_ms: int, out: Path) -> Measured:
    """What the meters logged: the whole's loudness and true peak, each voice's loudness.

    The block logs are read line by line (ten hours of them are 40 MB of text), each part's
    blocks moved to the episode's time. A voice heard for less than about a second in all is
    too short to judge and is left out.
    """
    peaks = [_true_peak(part.meter_tail) for part in parts]

    def blocks() -> Iterator[tuple[float, float]]:
        for part in parts:
            part.log.seek(0)
            for end, lufs in loudness.blocks_from_lines(part.log):
                yield end - STREAM_DELAY_S + part.start_s, lufs

    lufs = loudness.integrated(m for _, m in blocks())
    if lufs is None or None in peaks:
        raise EngineError(f"{out}: ffmpeg's meter gave no loudness or no peak",
                          hint="update ffmpeg (4.4 or later)")
    spans = [span for part in parts for span in part.spans]
    by_voice = loudness.loudness_by_span(blocks(), spans)
    heard_s: dict[Voice, float] = {}
    for start, end, voice in spans:
        heard_s[voice] = heard_s.get(voice, 0.0) + end - start
    heard = {voice: value for voice, value in by_voice.items()
             if heard_s[voice] * 10 >= MIN_VOICE_BLOCKS}
    return Measured(lufs, max(peaks), decoded_ms, heard, len(parts))


def _true_peak(meter_log: bytes) -> float | None:
    """The 4x oversampled peak astats printed last, in dBFS (dBTP); None if it printed none."""
    found = _PEAK.findall(meter_log)
    return float(found[-1]) if found else None
