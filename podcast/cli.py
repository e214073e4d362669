"""`build-episode`: the thin command-line shell over the pipeline.

Only this module exits, and only it and report.py (its words) print. Every PodcastError becomes
one line ("error: …") and its exit status; anything else is a bug, shown in full only with --debug.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_TERMINATED, PodcastError
from .layout import Layout
from .pipeline.batch import Prepared, build_all
from .pipeline.settings import check_out_dir, check_script_out, load_settings
from .pipeline.sources import MAX_EPISODE_WORDS, check_distinct_slugs, load_source, save_script
from .pipeline.stages import BuildCancelled, build
from .pipeline.stages import republish as republish_feed
from .report import (BatchBar, Progress, Reporter, describe_batch, describe_build,
                     describe_script)

EXAMPLES = """\b
Examples:
  build-episode article.txt                  build an episode into ./build
  build-episode story.html -o site --base-url https://example.org/podcast
  build-episode article.md --script-only     write the script JSON and stop
  build-episode edited-script.json           voice a hand-edited script
  build-episode a.txt b.md c.html -j 2       build three at once, then update the feed once
  cat article.txt | build-episode -          read the article from stdin
  build-episode --republish -o site          rebuild the feed after deleting an episode folder
"""


@click.command(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("articles", nargs=-1, metavar="ARTICLE...")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
              default=Path("build"), show_default=True, help="Publish folder for episodes and feed.")
@click.option("--show", "show_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Show settings TOML (default: ./podcast.toml if present).")
@click.option("--cast", "cast_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Casting overrides TOML: speaker name -> voice.")
@click.option("--lexicon", "lexicon_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Pronunciation lexicon TOML, added to the shipped one.")
@click.option("--engine", default="espeak", show_default=True,
              help="TTS engine: espeak, pyttsx3 or piper.")
@click.option("--list-voices", is_flag=True, help="List the voices of --engine and exit.")
@click.option("--republish", is_flag=True,
              help="Rebuild feed.xml and index.html from the episodes in OUT and exit.")
@click.option("--script-only", is_flag=True, help="Write the script JSON and stop (no audio).")
@click.option("--script-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where the script JSON goes (default: next to the episode); with audio, "
                   "written once the episode is in place.")
@click.option("--base-url", default="", help="Public URL the feed's links start with.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Synthesis workers (default: all cores), shared between articles.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Synthesis cache (default: OUT/.cache).")
@click.option("--encoding", default=None, help="Text encoding of the article (default: UTF-8).")
@click.option("-v", "--verbose", count=True, help="Explain each decision (attribution, cast).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.version_option(__version__, prog_name="build-episode")
def build_episode(articles, out_dir, show_file, cast_file, lexicon_file, engine, list_voices,
                  republish, script_only, script_out, base_url, jobs, cache_dir, encoding, verbose, quiet,
                  debug):
    """Turn ARTICLE (.txt, .md, .html, a script .json, or - for stdin) into a podcast episode.

    The article is split into narrator and quoted-speaker segments, each voiced by a local TTS
    engine, assembled into a chaptered MP3 and published in OUT/feed.xml. Several articles are
    all read and checked first, then built at once, and the feed is updated once at the end.
    """
    asked = Request(articles, out_dir, show_file, cast_file, lexicon_file, engine, base_url,
                    script_only, script_out, jobs, cache_dir, encoding)
    report = Reporter(verbose, quiet)
    with _stop_on_signals() as stop:
        _run(asked, list_voices=list_voices, republish=republish, report=report, debug=debug,
             stop=stop)


@dataclass(frozen=True)
class Request:
    """What the command was asked to build, and where."""

    articles: tuple[str, ...]
    out_dir: Path
    show_file: Path | None
    cast_file: Path | None
    lexicon_file: Path | None
    engine: str
    base_url: str
    script_only: bool
    script_out: Path | None
    jobs: int | None
    cache_dir: Path | None
    encoding: str | None


class Terminated(KeyboardInterrupt):
    """SIGTERM (kill): unwinds like Ctrl-C, so staging folders and scratch files are removed."""


class Stop:
    """Which signal asked the build to stop, kept beside the exception it raises: a library on
    the way may swallow the exception (pydub's WAV reader has a bare except), so the pipeline
    also checks `requested` at its checkpoints."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self.kind: type[KeyboardInterrupt] = KeyboardInterrupt

    def handler(self, kind: type[KeyboardInterrupt]):
        def on_signal(signum, frame):
            self.kind = kind
            self.requested.set()
            raise kind()
        return on_signal


@contextlib.contextmanager
def _stop_on_signals():
    stop = Stop()
    try:
        previous = {signal.SIGTERM: signal.signal(signal.SIGTERM, stop.handler(Terminated))}
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            previous[signal.SIGINT] = signal.signal(signal.SIGINT,
                                                    stop.handler(KeyboardInterrupt))
    except ValueError:  # not the main thread (an embedding caller): leave signals alone
        yield stop
        return
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run(asked: Request, *, list_voices: bool, republish: bool, report: Reporter, debug: bool,
         stop: Stop) -> None:
    """Do what was asked; every failure becomes one line and its exit status."""
    several = len(asked.articles) > 1
    try:
        if list_voices:
            _list_voices(asked.engine)
        elif republish:
            published = republish_feed(asked.out_dir, show_file=asked.show_file,
                                       base_url=asked.base_url)
            report.say(f"feed: {published.feed} ({len(published.episodes)} episodes)")
        else:
            _build(asked, report, debug, stop)
    except PodcastError as exc:
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # `build-episode --list-voices | head`: the reader has had enough
        sys.stderr.close()
        os._exit(0)
    except (KeyboardInterrupt, BuildCancelled) as exc:
        if isinstance(exc, BuildCancelled):
            exc = stop.kind()
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        kept = ("episodes that had finished are in the feed, the others were kept as they were"
                if several else "the previous episode and feed were kept")
        click.echo(f"error: {what}: {kept}; run again to resume from the cache", err=True)
        sys.exit(EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED)
    except (click.ClickException, click.exceptions.Exit, SystemExit):
        raise
    except Exception as exc:  # a bug: one line unless --debug
        if debug:
            raise
        click.echo(f"error: unexpected {type(exc).__name__}: {exc}; "
                   "run again with --debug and report it", err=True)
        sys.exit(EXIT_FAILURE)


def _build(asked: Request, report: Reporter, debug: bool, stop: Stop) -> None:
    """Every article is read and scripted, and every setting checked, before the first sound:
    a bad one among several stops the command with nothing written. Then the episodes."""
    if not asked.articles:
        raise click.UsageError("give at least one ARTICLE (or - for stdin)")
    if asked.script_out and len(asked.articles) > 1:
        raise click.UsageError("--script-out takes one ARTICLE; leave it out for several")
    sources = [load_source(article, encoding=asked.encoding,
                           max_words=None if asked.script_only else MAX_EPISODE_WORDS)
               for article in asked.articles]
    check_distinct_slugs(sources)
    if asked.script_only:
        _write_scripts(sources, asked.out_dir, asked.script_out, report)
        return
    prepared = [Prepared(source, load_settings(
        source.script, show_file=asked.show_file, cast_file=asked.cast_file,
        lexicon_file=asked.lexicon_file, engine=asked.engine, base_url=asked.base_url))
        for source in sources]
    check_out_dir(asked.out_dir)
    if asked.script_out:
        check_script_out(asked.script_out)
    if len(prepared) > 1:
        status = _build_several(prepared, asked.out_dir, asked.jobs, asked.cache_dir, report,
                                debug, stop)
        if status:
            sys.exit(status)
        return
    (only,) = prepared
    with Progress(report) as progress:
        built = build(only.source, out_dir=asked.out_dir, settings=only.settings,
                      script_out=asked.script_out, jobs=asked.jobs, cache_dir=asked.cache_dir,
                      on_render=progress.render, on_encode=progress.encode,
                      cancelled=stop.requested)
    describe_build(built, report)


def _write_scripts(sources, out_dir: Path, script_out: Path | None, report: Reporter) -> None:
    """--script-only: each script where it was asked for, or next to its episode."""
    for source in sources:
        path = script_out or Layout(out_dir).episode(source.slug).script
        save_script(source.script, path)
        describe_script(source.script, report)
        report.say(f"script: {path}")


def _build_several(prepared, out_dir: Path, jobs: int | None, cache_dir: Path | None,
                   report: Reporter, debug: bool, stop: Stop) -> int:
    """Build the prepared articles at once under one progress bar; the summary; the status."""
    started = time.monotonic()
    with BatchBar(report, len(prepared)) as bar:
        batch = build_all(prepared, out_dir=out_dir, jobs=jobs, cache_dir=cache_dir,
                          progress=bar.update, cancelled=stop.requested)
    return describe_batch(batch, time.monotonic() - started, report, debug)


def _list_voices(engine_name: str) -> None:
    from .engines import get_engine

    engine = get_engine(engine_name)
    for voice in engine.voices():
        click.echo(getattr(voice, "label", str(voice)))


def main() -> None:
    """Console entry point."""
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    build_episode(prog_name="build-episode")


if __name__ == "__main__":
    main()
