"""Episode records: EpisodeRecord <-> OUT/episodes/SLUG/episode.json.

The feed and the show page are rebuilt from these records alone, so a record holds everything
they need, and an episode's identity (guid, first publication date) survives rebuilds: podcast
apps use the guid to tell a new episode from one they already have.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path

from ..errors import InputError
from ..files import atomic_write
from ..layout import RECORD, SIDECAR_NAMES, Layout
from ..model import Chapter, EpisodeRecord

RECORD_VERSION = 1


def episode_folder(out_dir: Path, slug: str) -> Path:
    """Where an episode's files live: OUT/episodes/SLUG."""
    return Layout(out_dir).episode(slug).folder


def new_guid() -> str:
    """A fresh episode guid: random, so it never depends on a title that may be corrected later."""
    return str(uuid.uuid4())


def write_record(episode_dir: Path, record: EpisodeRecord, *, keep_identity: bool = True
                 ) -> EpisodeRecord:
    """Write record as episode_dir/episode.json (atomically) and return what was written.

    With keep_identity (the default) a record already in the folder lends its guid and
    publication date, so rebuilding an episode does not make it new to subscribers. A record
    without a guid gets a fresh one.
    """
    episode_dir = Path(episode_dir)
    previous = _read_optional(episode_dir / RECORD) if keep_identity else None
    if previous is not None:
        record = replace(record, guid=previous.guid, published=previous.published)
    if not record.guid:
        record = replace(record, guid=new_guid())
    record = replace(record, published=_aware(record.published))
    atomic_write(episode_dir / RECORD, dump_record(record))
    return record


def previous_record(out_dir: Path, slug: str) -> EpisodeRecord | None:
    """The record of an episode already built into out_dir under slug, if there is one."""
    return _read_optional(episode_folder(out_dir, slug) / RECORD)


def read_records(out_dir: Path) -> tuple[EpisodeRecord, ...]:
    """Every episode record in out_dir, by slug; a folder without episode.json is not an episode,
    nor is a hidden one (a build's staging folder: slugs never start with a dot)."""
    root = Layout(out_dir).episodes
    if not root.is_dir():
        return ()
    paths = sorted(p / RECORD for p in root.iterdir()
                   if not p.name.startswith(".") and (p / RECORD).is_file())
    return tuple(read_record(p) for p in paths)


def read_record(path: Path) -> EpisodeRecord:
    """One episode.json, checked: a broken record is named with the way out."""
    path = Path(path)
    try:
        record = load_record(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a usable episode record ({_reason(exc)})",
                         hint="rebuild that episode, or delete its folder to drop it from the feed") from exc
    if record.slug != path.parent.name:
        raise InputError(f"{path}: records slug {record.slug!r} but lives in {path.parent.name!r}",
                         hint="rebuild that episode, or rename its folder to match") from None
    return record


def dump_record(record: EpisodeRecord) -> str:
    """The JSON text of a record: stable key order, UTF-8 kept readable, ISO 8601 dates."""
    doc = asdict(record)
    doc["published"] = _aware(record.published).isoformat()
    doc["chapters"] = [asdict(c) for c in record.chapters]
    doc["files"] = dict(record.files)
    return json.dumps({"version": RECORD_VERSION, **doc}, ensure_ascii=False, indent=2) + "\n"


def load_record(text: str) -> EpisodeRecord:
    """Parse the JSON text of a record (raises ValueError/KeyError/TypeError when it is wrong)."""
    doc = json.loads(text)
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    if doc.get("version", RECORD_VERSION) > RECORD_VERSION:
        raise ValueError(f"written by a newer podcast-builder (record version {doc['version']})")
    number = doc.get("number")
    record = EpisodeRecord(
        slug=_text(doc, "slug", required=True),
        title=_text(doc, "title", required=True),
        description=_text(doc, "description"),
        guid=_text(doc, "guid", required=True),
        published=_aware(datetime.fromisoformat(_text(doc, "published", required=True))),
        duration_s=float(doc["duration_s"]),
        audio_bytes=int(doc["audio_bytes"]),
        audio_file=_text(doc, "audio_file", required=True),
        chapters=tuple(Chapter(title=str(c["title"]), start_ms=int(c["start_ms"]), end_ms=int(c["end_ms"]))
                       for c in doc.get("chapters") or ()),
        speakers=tuple(dict.fromkeys(str(s) for s in doc.get("speakers") or ())),  # each once
        narrator_voice=_text(doc, "narrator_voice"),
        byline=tuple(str(s) for s in doc.get("byline") or ()),
        source=_text(doc, "source"),
        link=_text(doc, "link"),
        number=None if number is None else int(number),
        files=tuple((str(k), str(v)) for k, v in (doc.get("files") or {}).items()),
    )
    if record.duration_s <= 0 or record.audio_bytes <= 0:
        raise ValueError("duration_s and audio_bytes must be positive")
    for name in (record.audio_file, *(v for _, v in record.files)):
        if Path(name).name != name or name in ("", ".", ".."):
            raise ValueError(f"file name {name!r} must be a plain name inside the episode folder")
    return record


def sidecar(out_dir: Path, record: EpisodeRecord, kind: str) -> Path | None:
    """The episode's sidecar file of a kind (layout.CHAPTERS, ...) if it is on disk."""
    named = dict(record.files).get(kind)
    if not (named or kind in SIDECAR_NAMES):
        return None
    path = Layout(out_dir).episode(record.slug).sidecar(kind, named)
    return path if path.is_file() else None


def _read_optional(path: Path) -> EpisodeRecord | None:
    return read_record(path) if path.is_file() else None


def _text(doc: dict, key: str, *, required: bool = False) -> str:
    value = doc.get(key)
    if value is None or value == "":
        if required:
            raise KeyError(key)
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a string")
    return value


def _aware(when: datetime) -> datetime:
    """Dates without a zone are taken as UTC, so RFC 2822 dates in the feed are never ambiguous."""
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]}"
    if isinstance(exc, json.JSONDecodeError):
        return f"bad JSON at line {exc.lineno}"
    return str(exc) or type(exc).__name__
