"""What a build reads and checks before it makes a sound: show, cast, lexicon, engine, OUT.

Bad TOML, a missing engine or an unwritable OUT fails in a second, not after minutes of
synthesis, and a mistake in a user's file names the file and its line.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..audio.ffmpeg import require_ffmpeg
from ..casting.voicefiles import load_cast, load_lexicon
from ..engines import get_engine
from ..errors import ConfigError, EngineError, OutputError
from ..model import Cast, Lexicon, Script, Show
from ..publishing.show import load_show
from .sources import check_length


@dataclass(frozen=True)
class Settings:
    """The show, the voices and the respellings one build uses, checked."""

    show: Show
    defaults: tuple[str, ...]  # show settings that fell back to a default, for the summary
    cast: Cast
    lexicon: Lexicon


def find_show_file(show_file: Path | None) -> Path | None:
    """--show, else ./podcast.toml when there is one."""
    if show_file is None and Path("podcast.toml").is_file():
        return Path("podcast.toml")
    return show_file


def load_settings(script: Script, *, show_file: Path | None, cast_file: Path | None,
                  lexicon_file: Path | None, engine: str, base_url: str | None) -> Settings:
    """Show, cast and lexicon, and a check that the engine and ffmpeg are there."""
    show, defaults = load_show(find_show_file(show_file),
                               fallback_author=script.byline[0] if script.byline else "",
                               fallback_language=script.language, base_url=base_url or None)
    get_engine(engine)  # first: an unknown engine is not fixed by adding a cast for it
    cast = load_cast(cast_file, engine)
    lexicon = load_lexicon(lexicon_file)
    require_ffmpeg()
    check_length(script)
    _check_cast_voices(cast, cast_file)
    return Settings(show, defaults, cast, lexicon)


def load_show_only(show_file: Path | None, base_url: str | None) -> Show:
    """The show settings alone (republishing the feed needs no voices)."""
    return load_show(find_show_file(show_file), base_url=base_url or None)[0]


def _check_cast_voices(cast: Cast, cast_file: Path | None) -> None:
    """An unknown voice in a cast file is the cast file's fault: name its line (exit 78)."""
    for voice in (cast.narrator, *(v for _, v in cast.overrides)):
        try:
            get_engine(voice.engine).check_voice(voice)
        except EngineError as exc:
            where = _line_naming(cast_file, voice.name)
            if where is None:
                raise
            raise ConfigError(f"{where}: {exc.message}", hint=exc.hint) from exc


def _line_naming(path: Path | None, text: str) -> str | None:
    """"FILE, line N" of the first line of a user's TOML file that holds text, else None."""
    if path is None:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    number = next((n for n, line in enumerate(lines, 1) if text in line), None)
    if number is None:
        return None
    key = lines[number - 1].split("=", 1)[0].strip() if "=" in lines[number - 1] else ""
    return f"{path}, line {number}" + (f": {key}" if key else "")


def check_script_out(path: Path) -> None:
    """Fail before synthesis when --script-out could never be written."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder", hint="give --script-out a file name")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{parent}: is a file, not a folder",
                                  hint="give --script-out a path inside a folder")
            break


def check_out_dir(out_dir: Path) -> None:
    """Fail at once, not after minutes of synthesis, when OUT cannot hold the episode."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder",
                          hint="give --out the path of a folder (it is made if missing)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out_dir, prefix=".write-check-")
        probe.close()
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write here ({exc.strerror})",
                          hint="choose another --out folder or fix its permissions") from exc
