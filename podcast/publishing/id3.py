"""Episode facts -> ID3 tags with chapters (the only mutagen user).

ID3v2.3 by default: it is what the most players read (Apple's own tools write it, and chapter
titles over 50 characters broke Apple Podcasts under v2.4); v2.4 on request. Chapters are one
CHAP frame per chapter plus one top-level ordered CTOC, and the CHAP frames are *stored* in
time order, because some players (AntennaPod, ffplay, anything built on libavformat) list
chapters in file order, while mutagen on its own orders frames by size.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from datetime import date as Date
from datetime import datetime
from pathlib import Path

from mutagen.id3 import (APIC, CHAP, COMM, CTOC, ID3, PCST, TALB, TCON, TCOP, TDAT, TDES, TDRC,
                         TGID, TIME, TIT2, TLEN, TPE1, TRCK, TYER, WFED, WOAS, CTOCFlags,
                         Encoding, PictureType)
from mutagen.id3._tags import save_frame
from mutagen.mp3 import MP3, HeaderNotFoundError

from ..errors import ConfigError, InputMissing, OutputError
from ..files import WRITE_HINT, atomic_replace, temp_path_beside
from ..model import Chapter, Show, clip_title

TOC_ID = "toc"
GENRE = "Podcast"
NO_OFFSET = 0xFFFFFFFF  # CHAP byte offsets unused: players seek by time


def chapter_id(index: int) -> str:
    """Stable element id of the index-th chapter: the same episode always gets the same ids."""
    return f"chp{index:03d}"


def tag_episode(mp3_path: Path, *, title: str, show: Show, chapters: Sequence[Chapter],
                description: str, date: Date | datetime, number: int | None = None,
                link: str = "", feed_url: str = "", guid: str = "", cover: Path | None = None,
                id3_version: int = 3, duration_ms: int | None = None) -> Path:
    """Replace mp3_path's tags with the episode's, chapters included; atomic.

    duration_ms is the audio's length (Mix.duration_ms); read from the MP3 when not given.
    The cover defaults to show.image.
    """
    mp3_path = Path(mp3_path)
    if id3_version not in (3, 4):
        raise ConfigError(f"ID3 version {id3_version!r} is not supported", hint="use 3 or 4")
    if duration_ms is None:
        duration_ms = audio_length_ms(mp3_path)
    tags = _ChronologicalID3()
    for frame in episode_frames(title=title, show=show, description=description, date=date,
                                number=number, link=link, feed_url=feed_url, guid=guid,
                                duration_ms=duration_ms, id3_version=id3_version):
        tags.add(frame)
    cover = cover if cover is not None else show.image
    if cover is not None:
        tags.add(cover_frame(Path(cover), id3_version))
    for frame in chapter_frames(chapters, duration_ms=duration_ms, toc_title=title,
                                id3_version=id3_version):
        tags.add(frame)
    tmp = temp_path_beside(mp3_path)
    try:
        shutil.copyfile(mp3_path, tmp)
        # save() replaces the whole ID3v2 tag, so no stale frame survives; v1=0 drops ID3v1.
        tags.save(tmp, v1=0, v2_version=id3_version)
        atomic_replace(tmp, mp3_path)
    except OSError as exc:
        raise OutputError(f"{mp3_path}: cannot write the tags ({exc.strerror or exc})",
                          hint=WRITE_HINT) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return mp3_path


def episode_frames(*, title: str, show: Show, description: str, date: Date | datetime,
                   number: int | None, link: str, feed_url: str, guid: str, duration_ms: int,
                   id3_version: int = 3) -> list:
    """The episode's text, date, podcast and link frames (everything but cover and chapters)."""
    enc = _encoding(id3_version)

    def text(kind, value):
        return kind(encoding=enc, text=[" ".join(str(value).split())])

    frames = [text(TIT2, title), text(TPE1, show.author), text(TALB, show.title),
              text(TCON, GENRE), text(TLEN, str(int(round(duration_ms)))), PCST(value=1)]
    frames += _date_frames(date, id3_version)
    if description.strip():
        frames.append(COMM(encoding=enc, lang="eng", desc="", text=[description.strip()]))
        frames.append(TDES(encoding=enc, text=[description.strip()]))
    if number is not None:
        frames.append(text(TRCK, str(number)))
    if show.copyright.strip():
        frames.append(text(TCOP, show.copyright))
    if guid.strip():
        frames.append(text(TGID, guid))
    if feed_url.strip():
        frames.append(WFED(url=feed_url.strip()))
    if link.strip():
        frames.append(WOAS(url=link.strip()))
    return [f for f in frames if not hasattr(f, "text") or str(f).strip()]


def chapter_frames(chapters: Sequence[Chapter], *, duration_ms: int, toc_title: str,
                   id3_version: int = 3) -> list:
    """One top-level ordered CTOC, then one CHAP per chapter (contiguous, titled, in order)."""
    if not chapters:
        return []
    enc = _encoding(id3_version)
    ordered = sorted(chapters, key=lambda c: c.start_ms)
    if ordered[0].start_ms != 0:
        raise ValueError(f"the first chapter starts at {ordered[0].start_ms} ms, not 0")
    starts = [c.start_ms for c in ordered]
    if len(set(starts)) != len(starts):
        raise ValueError(f"two chapters start at the same time: {starts}")
    ends = starts[1:] + [max(int(duration_ms), starts[-1] + 1)]
    ids = [chapter_id(i) for i in range(len(ordered))]
    toc = CTOC(element_id=TOC_ID, flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
               child_element_ids=ids,
               sub_frames=[TIT2(encoding=enc, text=[clip_title(toc_title) or "Chapters"])])
    chaps = [CHAP(element_id=cid, start_time=int(c.start_ms), end_time=int(end),
                  start_offset=NO_OFFSET, end_offset=NO_OFFSET,
                  sub_frames=[TIT2(encoding=enc, text=[clip_title(c.title) or f"Chapter {n}"])])
             for n, (cid, c, end) in enumerate(zip(ids, ordered, ends), 1)]
    return [toc, *chaps]


def cover_frame(path: Path, id3_version: int = 3) -> APIC:
    """The show art as a front-cover APIC frame (PNG or JPEG, told by its magic bytes)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputMissing(f"{path}: cannot read the cover image ({exc.strerror})",
                           hint="set image in podcast.toml to a PNG or JPEG file") from exc
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        mime = "image/jpeg"
    else:
        raise ConfigError(f"{path}: the cover is not a PNG or JPEG image",
                          hint="set image in podcast.toml to a PNG or JPEG file")
    return APIC(encoding=_encoding(id3_version), mime=mime, type=PictureType.COVER_FRONT,
                desc="Cover", data=data)


def audio_length_ms(mp3_path: Path) -> int:
    """The MP3's playing time from its Xing/LAME header (encoder delay and padding excluded)."""
    try:
        return int(round(MP3(mp3_path).info.length * 1000))
    except FileNotFoundError as exc:
        raise InputMissing(f"{mp3_path}: no such MP3 to tag", hint="run the mixdown first") from exc
    except HeaderNotFoundError as exc:
        raise OutputError(f"{mp3_path}: not an MP3 file", hint="delete it and build again") from exc


def _date_frames(when: Date | datetime, id3_version: int) -> list:
    enc = _encoding(id3_version)
    if id3_version == 4:
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S" if isinstance(when, datetime) else "%Y-%m-%d")
        return [TDRC(encoding=enc, text=[stamp])]
    frames = [TYER(encoding=enc, text=[f"{when.year:04d}"]),
              TDAT(encoding=enc, text=[f"{when.day:02d}{when.month:02d}"])]
    if isinstance(when, datetime):
        frames.append(TIME(encoding=enc, text=[f"{when.hour:02d}{when.minute:02d}"]))
    return frames


def _encoding(id3_version: int) -> Encoding:
    # v2.3 knows Latin-1 and UTF-16 only; v2.4 adds UTF-8.
    return Encoding.UTF8 if id3_version == 4 else Encoding.UTF16


class _ChronologicalID3(ID3):
    """mutagen's ID3, except that frames are stored CTOC first, CHAPs by time, cover last.

    mutagen orders frames by importance, then size: CHAP frames would land by the length of
    their titles. This keeps mutagen's order for everything else.
    """

    _PRIORITY = ("TIT2", "TPE1", "TRCK", "TALB", "TPOS", "TDRC", "TYER", "TCON")

    def _write(self, config):
        def key(item):
            index, (frame, data) = item
            fid = frame.FrameID
            if fid in self._PRIORITY:
                return (self._PRIORITY.index(fid), 0, len(data), frame.HashKey)
            group = {"CTOC": 2, "CHAP": 3, "APIC": 4}.get(fid, 1)
            order = frame.start_time if fid == "CHAP" else (index if fid == "APIC" else len(data))
            return (len(self._PRIORITY), group, order, frame.HashKey)

        rendered = [(f, save_frame(f, config=config)) for f in self.values()]
        return bytearray().join(data for _, (_, data) in sorted(enumerate(rendered), key=key))
