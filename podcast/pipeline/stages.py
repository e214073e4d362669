"""The one place that orders the side effects of a build: read, script, voice, swap in, publish.

Stages stay pure or confined to their edge; this module decides what is written where, and
writes it atomically so a failed build leaves the previous files as they were.
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..reading.article import SUFFIXES, parse_article, read_text, text_format
from ..errors import ConfigError, EngineError, InputError, OutputError
from ..files import atomic_write
from ..model import (NARRATOR, SPEAKER, Article, Cast, Dropped, EpisodeRecord, Lexicon, Script,
                    Show, Voice)
from ..scripting.scriptfile import looks_like_script, script_from_json, script_to_json
from ..scripting.writer import write_script
from ..slug import slugify

if TYPE_CHECKING:  # the audio side is imported only when a build needs it
    from ..audio.mixdown import Mix


@dataclass(frozen=True)
class Source:
    """One input of a build: its name, and its script (from an article or a script JSON)."""

    name: str
    script: Script


def load_source(source: str | Path, *, encoding: str | None = None, stdin=None,
                max_words: int | None = None) -> Source:
    """Read an article (or an edited script JSON) and return its script.

    With max_words (a build; --script-only gives None), a story too long for one episode is
    refused before the script-writer runs: on 10 MB of text, parsing takes 1.7 s and counting
    0.1 s, writing the script 6 s. The parsed story is counted, not the raw text, so markup and
    boilerplate do not push a long but legal article over the limit.
    """
    name, text = read_text(source, encoding=encoding, stdin=stdin)
    suffix = Path(name).suffix.lower()
    if suffix == ".json" or (suffix not in SUFFIXES and looks_like_script(text)):
        script = _scrub(script_from_json(text, name))
        if max_words is not None:
            check_length(script, max_words=max_words)
        return Source(name, script)
    article = parse_article(text, fmt=text_format(name, text), source=name)
    if max_words is not None:
        _check_words(name, article_words(article), max_words)
    return Source(name, _unspoken_titles_dropped(_scrub(write_script(article))))


_SAYABLE = re.compile(r"[^\W_]")  # a letter or digit: what the render stage counts as a word


def _unspoken_titles_dropped(script: Script) -> Script:
    """The script without title and heading segments a voice cannot say (all emoji, symbols):
    the title still names the episode, the heading its chapter, but the narrator skips them,
    where voicing them would fail with "no words to say". A hand-edited script keeps them, and
    that error, since someone chose to write them there."""
    silent = [s for s in script.segments if s.role == NARRATOR
              and s.attribution in ("title", "heading") and not _SAYABLE.search(s.text)]
    if not silent:
        return script
    return replace(script, segments=tuple(s for s in script.segments if s not in silent),
                   dropped=script.dropped + tuple(Dropped(s.text, f"{s.attribution} with no words "
                                                              "a voice can say") for s in silent))


def article_words(article: Article) -> int:
    """The words its script will speak: title, headings and paragraphs (boilerplate is out)."""
    texts = [article.title, *(s.heading or "" for s in article.sections),
             *(p for s in article.sections for p in s.paragraphs)]
    return sum(len(text.split()) for text in texts)


_CONTROLS = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n") | {0x7F: None}


def _scrub(value):
    """The script with control characters (NUL, ESC, ...) taken out of every string: they end a
    title early in ID3, make HTML invalid and garble terminals, and no one means to say them."""
    if isinstance(value, str):
        return value.translate(_CONTROLS)
    if isinstance(value, tuple):
        return tuple(_scrub(v) for v in value)
    if is_dataclass(value):
        return replace(value, **{f.name: _scrub(getattr(value, f.name)) for f in fields(value)})
    return value


def episode_slug(script: Script) -> str:
    return slugify(script.title)


def episode_dir(out_dir: Path, script: Script) -> Path:
    return Path(out_dir) / "episodes" / episode_slug(script)


def save_script(script: Script, path: Path) -> Path:
    """Write the script JSON atomically."""
    return atomic_write(Path(path), script_to_json(script))


# --- a whole build -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """What a build made, for the summary."""

    script: Script
    mp3: Path
    record: EpisodeRecord
    mix: Mix
    roles: tuple[tuple[str, Voice], ...]
    cached: int
    synthesized: int
    feed: Path
    feed_url: str
    defaults: tuple[str, ...]
    seconds: float


@dataclass(frozen=True)
class Settings:
    """What a build reads before it makes a sound, checked first: bad TOML or a missing engine
    fails in a second, not after minutes of synthesis."""

    show: Show
    defaults: tuple[str, ...]
    cast: Cast
    lexicon: Lexicon


# A longer article would make an episode of more than a day (1.7 million words, 10 MB of text,
# is a week of audio): refuse it before synthesis starts, and say how to go on.
MAX_EPISODE_WORDS = 200_000
WORDS_PER_MINUTE = 165


def check_length(script: Script, *, max_words: int = MAX_EPISODE_WORDS) -> None:
    """Refuse a script too long to be one episode (the limit is MAX_EPISODE_WORDS)."""
    _check_words(script.source or script.title, sum(len(s.text.split()) for s in script.segments),
                 max_words)


def _check_words(what: str, words: int, max_words: int) -> None:
    if words > max_words:
        hours = words / WORDS_PER_MINUTE / 60
        limit_hours = max_words / WORDS_PER_MINUTE / 60
        raise InputError(f"{what}: {words:,} words would make an episode of about {hours:,.0f} "
                         f"hours, over the limit of {max_words:,} words "
                         f"(about {limit_hours:.0f} hours)",
                         hint="split it into several articles "
                              "(--script-only still writes its script)")


def check_distinct_slugs(sources: Sequence[Source]) -> None:
    """Two articles of one command would land in one episode folder: refuse before any work."""
    first: dict[str, str] = {}
    for source in sources:
        slug = episode_slug(source.script)
        if slug in first:
            same = first[slug] == source.name
            raise InputError(
                f"{source.name}: given twice" if same else
                f"{first[slug]} and {source.name}: both make the episode '{slug}' "
                "(the same title), so one would replace the other",
                hint="give each article once" if same else
                     "change one title, or build them in separate commands to replace one "
                     "with the other")
        first[slug] = source.name


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


def find_show_file(show_file: Path | None) -> Path | None:
    """--show, else ./podcast.toml when there is one."""
    if show_file is None and Path("podcast.toml").is_file():
        return Path("podcast.toml")
    return show_file


def republish(out_dir: Path, *, show_file: Path | None, base_url: str | None):
    """Rebuild the cover, show page and feed from the episode records in out_dir."""
    from ..publishing.publish import publish
    from ..publishing.show import load_show

    show, _ = load_show(find_show_file(show_file), base_url=base_url or None)
    return publish(show, Path(out_dir))


def load_settings(script: Script, *, show_file: Path | None, cast_file: Path | None,
                  lexicon_file: Path | None, engine: str, base_url: str | None) -> Settings:
    """Show, cast and lexicon, and a check that the engine and ffmpeg are there."""
    from ..casting.voicefiles import load_cast, load_lexicon
    from ..engines import get_engine
    from ..audio.mixdown import require_ffmpeg
    from ..publishing.show import load_show

    show, defaults = load_show(find_show_file(show_file), fallback_author=script.byline[0] if script.byline else "",
                               fallback_language=script.language, base_url=base_url or None)
    get_engine(engine)  # first: an unknown engine is not fixed by adding a cast for it
    cast = load_cast(cast_file, engine)
    lexicon = load_lexicon(lexicon_file)
    require_ffmpeg()
    check_length(script)
    _check_cast_voices(cast, cast_file)
    return Settings(show, defaults, cast, lexicon)


def _check_cast_voices(cast: Cast, cast_file: Path | None) -> None:
    """An unknown voice in a cast file is the cast file's fault: name its line (exit 78)."""
    from ..engines import get_engine

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


class BuildCancelled(Exception):
    """A build stopped at a checkpoint because its batch was interrupted (Ctrl-C, kill)."""


def build(source: Source, *, out_dir: Path, settings: Settings, script_out: Path | None = None,
          jobs: int | None = None, cache_dir: Path | None = None, id3_version: int = 3,
          on_render=None, on_encode=None, cancelled: threading.Event | None = None) -> Built:
    """Voice, assemble, tag and publish one episode; the previous episode stays whole until the
    new one is complete, the feed is rebuilt from the records after the swap, and script_out is
    written last, so a failed build leaves none there. cancelled: as for land()."""
    from ..publishing.publish import publish

    built = land(source, out_dir=out_dir, settings=settings, jobs=jobs, cache_dir=cache_dir,
                 id3_version=id3_version, on_render=on_render, on_encode=on_encode,
                 cancelled=cancelled)
    published = publish(settings.show, Path(out_dir))
    if script_out:
        save_script(source.script, script_out)
    return replace(built, feed=published.feed)


def land(source: Source, *, out_dir: Path, settings: Settings, jobs: int | None = None,
         cache_dir: Path | None = None, id3_version: int = 3, on_render=None, on_encode=None,
         cancelled: threading.Event | None = None) -> Built:
    """Voice, assemble and tag one episode and swap its folder into OUT; the feed is left to
    the caller (several builds publish once). Setting cancelled stops the build at its next
    checkpoint (a finished segment, a stretch of encoding, the swap) with BuildCancelled."""
    from ..casting.cast import cast_roles, cast_script
    from ..publishing.feed import FEED_NAME, feed_url
    from ..audio.stream import assemble
    from ..publishing.publish import publishing_lock
    from ..publishing.records import new_guid, previous_record, write_record
    from ..publishing.show import ensure_cover
    from ..layout import EpisodeFiles
    from ..publishing.sidecars import write_sidecars
    from .staging import remove_dead_builds, staging_folder, swap_in
    from ..publishing.id3 import tag_episode

    def checkpoint() -> None:
        if cancelled is not None and cancelled.is_set():
            raise BuildCancelled(source.name)

    def checked(report):
        def progress(done: int, total: int) -> None:
            checkpoint()
            if report:
                report(done, total)
        return progress

    started = time.monotonic()
    script, show = source.script, settings.show
    out_dir = Path(out_dir)
    slug = episode_slug(script)
    lines = cast_script(script, settings.cast)
    cache = Path(cache_dir) if cache_dir else out_dir / ".cache"
    episodes = out_dir / "episodes"
    remove_dead_builds(episodes)
    with staging_folder(episodes, slug) as staging:
        mp3 = staging / f"{slug}.mp3"
        takes, plan, mix = assemble(lines, mp3, lexicon=settings.lexicon, cache_dir=cache,
                                    jobs=jobs, on_render=checked(on_render),
                                    on_encode=checked(on_encode))
        checkpoint()
        previous = previous_record(out_dir, slug)
        published = (previous.published if previous
                     else datetime.now(timezone.utc).replace(microsecond=0))
        guid = previous.guid if previous else new_guid()  # the MP3's TGID frame carries it too
        cover = ensure_cover(show, out_dir)
        tag_episode(mp3, title=script.title, show=show, chapters=plan.chapters,
                    description=script.summary, date=published, link=script.link,
                    feed_url=feed_url(show), guid=guid, cover=cover, id3_version=id3_version,
                    duration_ms=mix.duration_ms)
        sidecars = write_sidecars(EpisodeFiles(staging, slug), plan.chapters, plan.cues)
        save_script(script, staging / "script.json")
        record = write_record(staging, EpisodeRecord(
            slug=slug, title=script.title, description=script.summary, guid=guid,
            published=published, duration_s=mix.duration_ms / 1000, audio_bytes=mp3.stat().st_size,
            audio_file=mp3.name, chapters=plan.chapters,
            speakers=tuple(dict.fromkeys(s.speaker for s in script.segments
                                         if s.role == SPEAKER and s.speaker)),
            narrator_voice=settings.cast.narrator.label, byline=script.byline,
            source=script.source, link=script.link,
            files=tuple((kind, path.name) for kind, path in sidecars.items())
            + (("script", "script.json"),),
        ), keep_identity=False)
        checkpoint()
        final = episodes / slug
        with publishing_lock(out_dir):  # two builds of one slug at once: one swap at a time
            swap_in(staging, final)
    return Built(script=script, mp3=final / f"{slug}.mp3", record=record, mix=mix,
                 roles=cast_roles(script, settings.cast),
                 cached=sum(1 for t in takes if t.cached),
                 synthesized=sum(1 for t in takes if not t.cached), feed=out_dir / FEED_NAME,
                 feed_url=feed_url(show), defaults=settings.defaults,
                 seconds=time.monotonic() - started)
