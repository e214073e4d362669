"""The Info frame (Xing header + LAME tag) at the head of a CBR MP3: read it, and write it anew
for MP3s joined end to end (pure: bytes in, bytes out).

Players take an MP3's length from this frame (its frame count), and gapless decoders -- ffmpeg,
and so our own checks -- take from it how many samples of encoder delay to drop at the start and
of padding at the end. When parts of an episode are encoded at once and joined (mp3parts.py),
the first part's frame must describe the whole: every frame, every byte, the last part's
padding, a seek table, and the two checksums. The layout is the one ffmpeg's mp3 muxer writes
(after LAME's VbrTag.c): offsets below are from the "Info" tag.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace

FRAME_SAMPLES = 1152  # MPEG-1 Layer III
TOC_ENTRIES = 100
MAX_FRAME_BYTES = 1441  # the longest MPEG-1 Layer III frame (320 kb/s, 32 kHz, padded)
TAG_CRC_SPAN = 190  # the tag checksum covers the frame's first 190 bytes

_BITRATES_KBPS = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_RATES = (44100, 48000, 32000)
_FRAMES, _BYTES, _TOC = 8, 12, 16
_DELAY_PADDING, _MUSIC_LENGTH, _MUSIC_CRC, _TAG_CRC = 141, 148, 152, 154


class NotAnInfoFrame(ValueError):
    """The bytes do not start with an MPEG-1 Layer III frame carrying an Info/Xing tag."""


@dataclass(frozen=True)
class InfoFrame:
    """What the head frame says about the MP3 behind it.

    frames and music_crc count the audio frames only; total_bytes and music_length count the
    Info frame too (as ffmpeg writes them). delay and padding are the encoder's, in samples.
    """

    frame_bytes: int
    tag_offset: int
    frames: int
    total_bytes: int
    delay: int
    padding: int
    music_length: int
    music_crc: int

    @property
    def samples(self) -> int:
        """The samples a gapless decoder gives back."""
        return self.frames * FRAME_SAMPLES - self.delay - self.padding


def frame_bytes(header: bytes) -> int:
    """The length of an MPEG-1 Layer III frame from its 4-byte header."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xFE != 0xFA:
        raise NotAnInfoFrame("not an MPEG-1 Layer III frame header")
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if not 0 < bitrate_index < 15 or rate_index == 3:
        raise NotAnInfoFrame("a frame header with a reserved bitrate or sample rate")
    padding = (header[2] >> 1) & 1
    return 144_000 * _BITRATES_KBPS[bitrate_index] // _RATES[rate_index] + padding


def read_info(head: bytes) -> InfoFrame:
    """The Info frame at the start of head (at least the frame's bytes)."""
    size = frame_bytes(head)
    mono = head[3] >> 6 == 3
    tag = 4 + (17 if mono else 32)
    if len(head) < size or head[tag:tag + 4] not in (b"Info", b"Xing"):
        raise NotAnInfoFrame("the first frame carries no Info tag")
    if size < tag + _TAG_CRC + 2:
        raise NotAnInfoFrame("the Info frame has no LAME tag")
    frames, total = struct.unpack_from(">II", head, tag + _FRAMES)
    delay_padding = int.from_bytes(head[tag + _DELAY_PADDING:tag + _DELAY_PADDING + 3], "big")
    length, music_crc = struct.unpack_from(">IH", head, tag + _MUSIC_LENGTH)
    return InfoFrame(size, tag, frames, total, delay_padding >> 12, delay_padding & 0xFFF,
                     length, music_crc)


def joined_info(first: InfoFrame, rest: list[InfoFrame]) -> InfoFrame:
    """The Info frame of `first`'s MP3 with the audio frames of each of `rest` appended (their
    own Info frames left out): the first part's delay, the last part's padding."""
    audio = [first, *rest]
    music_crc = first.music_crc
    for part in rest:
        music_crc = crc16_combine(music_crc, part.music_crc, part.music_length - part.frame_bytes)
    added = sum(part.music_length - part.frame_bytes for part in rest)
    return replace(first, frames=sum(part.frames for part in audio),
                   total_bytes=first.total_bytes + added, padding=audio[-1].padding,
                   music_length=first.music_length + added, music_crc=music_crc)


def write_info(frame: bytes, info: InfoFrame) -> bytes:
    """The Info frame bytes `frame` rewritten to say what `info` says (seek table included)."""
    out = bytearray(frame[:info.frame_bytes])
    tag = info.tag_offset
    if info.padding >= 1 << 12 or info.delay >= 1 << 12:
        raise ValueError("delay and padding must each fit in 12 bits")
    struct.pack_into(">II", out, tag + _FRAMES, info.frames, info.total_bytes)
    out[tag + _TOC:tag + _TOC + TOC_ENTRIES] = seek_table(info)
    out[tag + _DELAY_PADDING:tag + _DELAY_PADDING + 3] = (
        (info.delay << 12) | info.padding).to_bytes(3, "big")
    struct.pack_into(">IHH", out, tag + _MUSIC_LENGTH, info.music_length, info.music_crc, 0)
    struct.pack_into(">H", out, tag + _TAG_CRC, crc16(bytes(out[:TAG_CRC_SPAN])))
    return bytes(out)


def seek_table(info: InfoFrame) -> bytes:
    """Xing's table: where each 1 % of the audio starts, in 256ths of the file.

    CBR frames differ by at most a padding byte, so a frame's place is a straight line through
    the file.
    """
    audio_bytes = info.total_bytes - info.frame_bytes
    entries = [0]
    for percent in range(1, TOC_ENTRIES):
        frame = percent * info.frames // TOC_ENTRIES
        at = info.frame_bytes + audio_bytes * frame // max(1, info.frames)
        entries.append(min(255, 256 * at // max(1, info.total_bytes)))
    return bytes(entries)


# --- CRC-16 (poly 0x8005, reflected, init 0: what LAME and ffmpeg store) ----------------------

def _table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _table()


def crc16(data: bytes, crc: int = 0) -> int:
    for byte in data:
        crc = (crc >> 8) ^ _CRC_TABLE[(crc ^ byte) & 0xFF]
    return crc


def crc16_combine(crc_a: int, crc_b: int, length_b: int) -> int:
    """crc16(a + b) from crc16(a), crc16(b) and len(b), without reading either again.

    The CRC is linear: running `length_b` zero bytes through the register from crc_a, then
    adding crc_b, gives the whole. The zero bytes are a 16x16 bit matrix raised to a power
    by squaring (as zlib's crc32_combine does), so ten hours of audio cost microseconds.
    """
    step = [crc16(b"\0", 1 << bit) for bit in range(16)]  # one zero byte, column by column
    state = crc_a
    while length_b:
        if length_b & 1:
            state = _apply(step, state)
        step = [_apply(step, column) for column in step]
        length_b >>= 1
    return state ^ crc_b


def _apply(matrix: list[int], vector: int) -> int:
    out = 0
    for bit, column in enumerate(matrix):
        if vector >> bit & 1:
            out ^= column
    return out
