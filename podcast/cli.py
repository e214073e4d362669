"""`build-episode`: the thin command-line shell over the pipeline.

Only this module prints or exits. Every PodcastError becomes one line ("error: …") and its exit
status; anything else is a bug, shown in full only with --debug.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_FAILURE, EXIT_INTERRUPTED, PodcastError
from .model import SPEAKER, Script
from .pipeline import episode_dir, load_source, save_script

EXAMPLES = """\b
Examples:
  build-episode article.txt                  build an episode into ./build
  build-episode story.html -o site --base-url https://example.org/podcast
  build-episode article.md --script-only     write the script JSON and stop
  build-episode edited-script.json           voice a hand-edited script
  cat article.txt | build-episode -          read the article from stdin
"""


class Reporter:
    """Where the CLI's words go: a summary always, decisions with -v, nothing with -q."""

    def __init__(self, verbose: int, quiet: bool) -> None:
        self.verbose, self.quiet = verbose, quiet

    def say(self, text: str = "") -> None:
        if not self.quiet:
            click.echo(text, err=True)

    def explain(self, text: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(text, err=True)


def describe_script(script: Script, report: Reporter) -> None:
    """A readable summary: chapters, speakers with their segment counts, dropped boilerplate."""
    quotes = Counter(s.speaker or "(unattributed)" for s in script.segments if s.role == SPEAKER)
    report.say(f"“{script.title}”: {len(script.segments)} segments, "
               f"{sum(quotes.values())} quotes")
    report.say(f"chapters ({len(script.chapters)}):")
    for title in script.chapters:
        report.say(f"  {title}")
    report.say(f"speakers ({len(quotes)}):")
    genders = {s.name: s.gender for s in script.speakers}
    for name, count in quotes.items():
        gender = f", {genders[name]}" if genders.get(name) else ""
        report.say(f"  {name}: {count} segment{'s' if count != 1 else ''}{gender}")
    report.say(f"dropped ({len(script.dropped)}):")
    for dropped in script.dropped:
        snippet = dropped.text if len(dropped.text) <= 60 else dropped.text[:57] + "…"
        report.say(f"  [{dropped.reason}] {snippet}")
    for seg in script.segments:
        if seg.role == SPEAKER:
            report.explain(f"  quote → {seg.speaker or '(unattributed)'}: {seg.attribution}: "
                           f"“{seg.text[:50]}…”")
    for speaker in script.speakers:
        if speaker.evidence:
            report.explain(f"  {speaker.name} is {speaker.gender or 'of unknown gender'}: "
                           f"{speaker.evidence}")


@click.command(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("articles", nargs=-1, metavar="ARTICLE...")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
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
@click.option("--script-only", is_flag=True, help="Write the script JSON and stop (no audio).")
@click.option("--script-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where the script JSON goes (default: next to the episode).")
@click.option("--base-url", default="", help="Public URL the feed's links start with.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Synthesis workers (default: all cores).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Synthesis cache (default: OUT/.cache).")
@click.option("--encoding", default=None, help="Text encoding of the article (default: UTF-8).")
@click.option("-v", "--verbose", count=True, help="Explain each decision (attribution, cast).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.version_option(__version__, prog_name="build-episode")
def build_episode(articles, out_dir, show_file, cast_file, lexicon_file, engine, list_voices,
                  script_only, script_out, base_url, jobs, cache_dir, encoding, verbose, quiet,
                  debug):
    """Turn ARTICLE (.txt, .md, .html, a script .json, or - for stdin) into a podcast episode.

    The article is split into narrator and quoted-speaker segments, each voiced by a local TTS
    engine, assembled into a chaptered MP3 and published in OUT/feed.xml.
    """
    report = Reporter(verbose, quiet)
    try:
        if list_voices:
            _list_voices(engine)
            return
        if not articles:
            raise click.UsageError("give at least one ARTICLE (or - for stdin)")
        if script_out and len(articles) > 1:
            raise click.UsageError("--script-out takes one ARTICLE; leave it out for several")
        for article in articles:
            source = load_source(article, encoding=encoding)
            script = source.script
            if script_only:
                path = script_out or episode_dir(out_dir, script) / "script.json"
                save_script(script, path)
                describe_script(script, report)
                report.say(f"script: {path}")
            else:
                from .pipeline import build  # the audio side loads only when it is needed

                build(source, out_dir=out_dir, show_file=show_file, cast_file=cast_file,
                      lexicon_file=lexicon_file, engine=engine, script_out=script_out,
                      base_url=base_url, jobs=jobs, cache_dir=cache_dir, report=report)
    except PodcastError as exc:
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted: finished files were kept; the next run resumes from the cache",
                   err=True)
        sys.exit(EXIT_INTERRUPTED)
    except (click.ClickException, click.exceptions.Exit, SystemExit):
        raise
    except Exception as exc:  # a bug: one line unless --debug
        if debug:
            raise
        click.echo(f"error: unexpected {type(exc).__name__}: {exc}; "
                   "run again with --debug and report it", err=True)
        sys.exit(EXIT_FAILURE)


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
