"""Voice settings from TOML: the shipped voices/cast.toml and voices/lexicon.toml, and the user's.

A user file has the shape of the shipped one and wins over it. Every mistake becomes a
ConfigError that names the file, the line and the key, and says what would be right.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engines import engine_names
from ..errors import ConfigError
from ..model import FEMALE, MALE, Cast, Lexicon, Pronunciation, Voice
from .resources import voices_dir

CAST_FILE = "cast.toml"
LEXICON_FILE = "lexicon.toml"
VOICE_KEYS = ("voice", "engine", "rate", "pitch", "gender")
MIN_RATE_WPM, MAX_RATE_WPM = 60, 500


@dataclass(frozen=True)
class _Doc:
    """A parsed TOML file with its text, so errors can point at a line."""

    path: Path
    text: str
    data: dict[str, Any]

    def error(self, keys: tuple[str | int, ...], problem: str, hint: str) -> ConfigError:
        line = _line_of(self.text, keys)
        where = f"{self.path}, line {line}" if line else str(self.path)
        return ConfigError(f"{where}: {_dotted(keys)} {problem}", hint=hint)


def _read(path: Path, what: str) -> _Doc:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such {what} file", hint="check the path") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read this {what} file ({exc})",
                          hint="save it as UTF-8 text") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 9)"; put the file first, as editors do.
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = f"{path}, line {match.group(1)}" if match else str(path)
        raise ConfigError(f"{where}: not valid TOML ({reason})",
                          hint="fix the syntax (toml.io shows the rules)") from exc
    return _Doc(Path(path), text, data)


# --- cast --------------------------------------------------------------------------------------


def load_cast(user_file: Path | None, engine: str) -> Cast:
    """The cast for engine: the shipped voices/cast.toml, overridden by the user's file."""
    shipped = _read(voices_dir() / CAST_FILE, "cast")
    docs = [shipped] + ([_read(user_file, "cast")] if user_file is not None else [])
    sections: dict[str, tuple[_Doc, dict[str, Any]]] = {}
    narrator: Voice | None = None
    overrides: dict[str, Voice] = {}
    for doc in docs:
        for key, value in doc.data.items():
            if key in engine_names() or (isinstance(value, dict) and value
                                         and set(value) <= {"narrator", "pool"}):
                if not isinstance(value, dict):
                    raise doc.error((key,), "must be a table with narrator and pool",
                                    f'write [{key}] then narrator = {{ voice = "..." }}')
                _check_keys(doc, (key,), value, ("narrator", "pool"))
                merged = dict(sections.get(key, (doc, {}))[1])
                merged.update({k: (doc, v) for k, v in value.items()})
                sections[key] = (doc, merged)
            elif key == "speakers" and isinstance(value, dict):
                for name, spec in value.items():
                    overrides[name] = _voice(doc, (key, name), spec, engine)
            elif key == "narrator":
                narrator = _voice(doc, (key,), value, engine)
            else:  # a speaker by name
                overrides[key] = _voice(doc, (key,), value, engine)
    if engine not in sections:
        where = f"{shipped.path} or {user_file}" if user_file else str(shipped.path)
        raise ConfigError(f"no cast for engine {engine!r} in {where}",
                          hint=f"add a [{engine}] table with narrator and pool to your --cast file")
    section = sections[engine][1]
    if narrator is None:
        if "narrator" not in section:
            doc = sections[engine][0]
            raise doc.error((engine,), "has no narrator", 'add narrator = { voice = "..." }')
        doc, spec = section["narrator"]
        narrator = _voice(doc, (engine, "narrator"), spec, engine)
    return Cast(narrator=narrator, pool=_pool(sections, engine),
                overrides=tuple(sorted(overrides.items())))


def _pool(sections: dict[str, tuple[_Doc, dict[str, Any]]], engine: str,
          via: str | None = None) -> tuple[Voice, ...]:
    section = sections[engine][1]
    if "pool" not in section:
        return ()
    doc, spec = section["pool"]
    if isinstance(spec, str):  # pool = "espeak": the pool of another engine's section
        if via is not None or spec not in sections or spec == engine:
            raise doc.error((engine, "pool"), f"names {spec!r}, which has no pool of its own",
                            "name an engine table that lists its pool, e.g. pool = \"espeak\"")
        return _pool(sections, spec, via=engine)
    if not isinstance(spec, list):
        raise doc.error((engine, "pool"), "must be a list of voices or an engine's name",
                        'write pool = [ { voice = "..." }, ... ]')
    return tuple(_voice(doc, (engine, "pool", i), item, engine) for i, item in enumerate(spec))


def _voice(doc: _Doc, keys: tuple[str | int, ...], spec: Any, engine: str) -> Voice:
    if isinstance(spec, str):
        spec = {"voice": spec}
    if not isinstance(spec, dict):
        raise doc.error(keys, "must be a voice table", 'write { voice = "en-gb+m3", rate = 170 }')
    _check_keys(doc, keys, spec, VOICE_KEYS)
    name = spec.get("voice")
    if not isinstance(name, str) or not name.strip():
        raise doc.error(keys, "needs a voice name", 'add voice = "..." (see --list-voices)')
    voice_engine = spec.get("engine", engine)
    if voice_engine not in engine_names():
        raise doc.error(keys + ("engine",), f"names an unknown engine {voice_engine!r}",
                        f"use one of: {', '.join(engine_names())}")
    rate = _number(doc, keys + ("rate",), spec.get("rate"), MIN_RATE_WPM, MAX_RATE_WPM,
                   "words a minute")
    pitch = _number(doc, keys + ("pitch",), spec.get("pitch"), 0, 99, "pitch")
    gender = spec.get("gender")
    if gender not in (None, MALE, FEMALE):
        raise doc.error(keys + ("gender",), f"must be {MALE!r} or {FEMALE!r}, not {gender!r}",
                        "fix the value or leave it out")
    name = name.strip()
    if name.endswith(".onnx") and not Path(name).expanduser().is_absolute():
        name = str(doc.path.parent / name)  # a model file next to the cast file that names it
    return Voice(engine=voice_engine, name=name, rate_wpm=rate, pitch=pitch, gender=gender)


def _number(doc: _Doc, keys: tuple[str | int, ...], value: Any, low: int, high: int,
            unit: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise doc.error(keys, f"must be a whole number from {low} to {high} ({unit}), "
                              f"not {value!r}", "fix the value or leave it out")
    return value


def _check_keys(doc: _Doc, keys: tuple[str | int, ...], table: dict[str, Any],
                allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            raise doc.error(keys + (key,), "is not a setting here",
                            f"use one of: {', '.join(allowed)}")


# --- lexicon -----------------------------------------------------------------------------------


def load_lexicon(user_file: Path | None) -> Lexicon:
    """The shipped voices/lexicon.toml, with the user's entries added or replacing its own."""
    entries: dict[str, Pronunciation] = {}
    for doc in [_read(voices_dir() / LEXICON_FILE, "lexicon")] + (
            [_read(user_file, "lexicon")] if user_file is not None else []):
        for written, spec in doc.data.items():
            entries[written] = _pronunciation(doc, written, spec)
    return Lexicon(tuple(entries.values()))


def _pronunciation(doc: _Doc, written: str, spec: Any) -> Pronunciation:
    if not written.strip():
        raise doc.error((written,), "is empty", "give the word or phrase to respell")
    if isinstance(spec, str):
        spec = {"say": spec}
    if not isinstance(spec, dict):
        raise doc.error((written,), "must be a respelling or a table",
                        'write word = "respelling" or word = { say = "...", case = "ignore" }')
    engines = engine_names()
    _check_keys(doc, (written,), spec, ("say", "case", *engines))
    say = spec.get("say")
    if not isinstance(say, str) or not say.strip():
        raise doc.error((written, "say"), "needs a respelling", 'add say = "..."')
    case = spec.get("case", "exact")
    if case not in ("exact", "ignore"):
        raise doc.error((written, "case"), f'must be "exact" or "ignore", not {case!r}',
                        'use case = "ignore" to match any case')
    phonemes = []
    for name in engines:
        if name in spec:
            if not isinstance(spec[name], str) or not spec[name].strip():
                raise doc.error((written, name), "must be the phonemes as text",
                                'e.g. espeak = "[[tS\'A:N@]]"')
            phonemes.append((name, spec[name]))
    return Pronunciation(written=written, say=say, phonemes=tuple(phonemes),
                         ignore_case=case == "ignore")


# --- pointing at the line of a key -------------------------------------------------------------


def _dotted(keys: tuple[str | int, ...]) -> str:
    parts = []
    for key in keys:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        else:
            bare = re.fullmatch(r"[A-Za-z0-9_-]+", key)
            parts.append(("." if parts else "") + (key if bare else f'"{key}"'))
    return "".join(parts)


def _line_of(text: str, keys: tuple[str | int, ...]) -> int | None:
    """The 1-based line where the key path is written (best effort: TOML keeps no positions)."""
    lines = text.splitlines()
    start, found = 0, None
    for key in keys:
        if isinstance(key, int):  # the key-th inline table of an array, counting "{" from here
            seen = 0
            for number in range(start, len(lines)):
                seen += lines[number].split("#", 1)[0].count("{")
                if seen > key:
                    start = found = number
                    break
            continue
        quoted = re.escape(key)
        pattern = re.compile(rf"""(^|[\s{{,.\[])("{quoted}"|'{quoted}'|{quoted})\s*(=|\]|\.)""")
        for number in range(start, len(lines)):
            if pattern.search(lines[number].split("#", 1)[0]):
                start = found = number
                break
    return None if found is None else found + 1
