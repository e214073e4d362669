"""The one place that orders the side effects of a build: read, script, and (later) publish.

Stages stay pure or confined to their edge; this module decides what is written where, and
writes it atomically so a failed build leaves the previous files as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .article import SUFFIXES, decode, parse_article, read_source, sniff_format
from .files import atomic_write
from .model import Script
from .scriptfile import looks_like_script, script_from_json, script_to_json
from .scriptwriter import write_script
from .slug import slugify


@dataclass(frozen=True)
class Source:
    """One input of a build: its name, and its script (from an article or a script JSON)."""

    name: str
    script: Script
    from_script_json: bool


def load_source(source: str | Path, *, encoding: str | None = None, stdin=None) -> Source:
    """Read an article (or an edited script JSON) and return its script."""
    name = "stdin" if str(source) == "-" else str(source)
    text = decode(read_source(source, stdin=stdin), name, encoding)
    suffix = Path(name).suffix.lower()
    if suffix == ".json" or (suffix not in SUFFIXES and looks_like_script(text)):
        return Source(name, script_from_json(text, name), True)
    fmt = SUFFIXES.get(suffix) or sniff_format(text)
    return Source(name, write_script(parse_article(text, fmt=fmt, source=name)), False)


def episode_slug(script: Script) -> str:
    return slugify(script.title)


def episode_dir(out_dir: Path, script: Script) -> Path:
    return Path(out_dir) / "episodes" / episode_slug(script)


def save_script(script: Script, path: Path) -> Path:
    """Write the script JSON atomically."""
    return atomic_write(Path(path), script_to_json(script))
