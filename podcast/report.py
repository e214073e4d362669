"""What `build-episode` says on the terminal: the summaries, the -v explanations, the progress
bars, and one `error:` line per article that failed in a batch.

The words live here and the shell (cli.py) decides when to say them; nothing else prints.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter

import click

from .audio.mixdown import Mix
from .errors import EXIT_FAILURE, PodcastError
from .model import SPEAKER, Script
from .pipeline.batch import Batch
from .pipeline.stages import Built


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
    # Counted in reading order, so the speakers come in Script.quoted's order.
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


class Progress:
    """Progress bars on stderr for synthesis (segments) and encoding (seconds of audio); silent
    when stderr is not a terminal or with -q."""

    def __init__(self, report: Reporter) -> None:
        self.live = not report.quiet and sys.stderr.isatty()
        self._bar = None
        self._label = ""

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _update(self, label: str, done: int, total: int) -> None:
        if not self.live:
            return
        if self._label != label:
            self._close()
            self._bar = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            self._bar.__enter__()
            self._label = label
        self._bar.update(done - self._bar.pos)

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def render(self, done: int, total: int) -> None:
        self._update("synthesizing segments", done, total)

    def encode(self, done_ms: int, total_ms: int) -> None:
        self._update("encoding audio (s)    ", int(done_ms // 1000), int(total_ms // 1000))


def describe_build(built: Built, report: Reporter) -> None:
    """The end-of-build summary: file, duration, chapters, cast, feed, time and cache use."""
    describe_episode(built, report)
    report.say(f"feed: {built.feed}" + (f" ({built.feed_url})" if "://" in built.feed_url else ""))
    if built.defaults:
        report.say("show defaults used: " + ", ".join(built.defaults)
                   + " (set them in podcast.toml)")
    report.say(f"built in {built.seconds:.1f} s; {built.synthesized} segments synthesized, "
               f"{built.cached} from the cache")


def describe_episode(built: Built, report: Reporter) -> None:
    """One episode: file, duration, loudness, chapters and cast."""
    minutes, seconds = divmod(round(built.record.duration_s), 60)
    report.say(f"episode: {built.mp3} ({minutes}:{seconds:02d}, "
               f"{built.record.audio_bytes / 1e6:.1f} MB)")
    report.say(f"loudness: {built.mix.integrated_lufs:.1f} LUFS integrated, true peak "
               f"{built.mix.true_peak_dbtp:.1f} dBTP")
    explain_mix(built.mix, report)
    report.say(f"chapters ({len(built.record.chapters)}): "
               + "; ".join(c.title for c in built.record.chapters))
    report.say("cast:")
    for who, voice in built.roles:
        report.say(f"  {who} → {voice.label}")


def explain_mix(mix: Mix, report: Reporter) -> None:
    """-v: how the mix was made (encoder passes and parts, each voice's gain), or that it was
    copied from the cache."""
    if not mix.passes:
        report.explain("  mixdown: the takes and their places are as in an earlier build: "
                       "its mix was copied from the cache")
        return
    report.explain(f"  mixdown: {mix.passes} encoder pass{'es' if mix.passes != 1 else ''}, "
                   f"{mix.parts} part{'s' if mix.parts != 1 else ''} encoded at once")
    for level in mix.voices:
        heard = f", {level.limited_lufs:.1f} LUFS in the MP3" if level.limited_lufs is not None else ""
        report.explain(f"  {level.voice.label}: gain {level.gain_db:+.1f} dB{heard}")


class BatchBar:
    """One bar for several builds at once (a bar per build from several threads would garble
    the line): each build counts half for synthesis and half for encoding. Silent when stderr is
    not a terminal or with -q."""

    STEPS = 1000

    def __init__(self, report: Reporter, builds: int) -> None:
        self.live = not report.quiet and sys.stderr.isatty()
        self._done = [[0.0, 0.0] for _ in range(builds)]
        self._lock = threading.Lock()
        self._bar = None

    def __enter__(self) -> "BatchBar":
        if self.live:
            self._bar = click.progressbar(length=self.STEPS, file=sys.stderr,
                                          label=f"building {len(self._done)} episodes")
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)

    def update(self, index: int, kind: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        with self._lock:
            fraction = min(1.0, done / total) if total else 1.0
            if kind == "encode":
                self._done[index] = [1.0, fraction]
            else:
                self._done[index][0] = fraction
            pos = int(self.STEPS * sum(map(sum, self._done)) / (2 * len(self._done)))
            if pos > self._bar.pos:
                self._bar.update(pos - self._bar.pos)


def describe_batch(batch: Batch, seconds: float, report: Reporter, debug: bool) -> int:
    """Each episode that landed, the feed once, then one `error:` line per article that failed
    (last, where a script reading the output looks); returns the first failure's status."""
    landed = [o.built for o in batch.outcomes if o.built is not None]
    for built in landed:
        describe_episode(built, report)
    if batch.feed is not None:
        url = landed[-1].feed_url
        report.say(f"feed: {batch.feed}" + (f" ({url})" if "://" in url else ""))
        defaults = dict.fromkeys(d for built in landed for d in built.defaults)
        if defaults:
            report.say("show defaults used: " + ", ".join(defaults) + " (set them in podcast.toml)")
    report.say(f"built {len(landed)} of {len(batch.outcomes)} episodes in {seconds:.1f} s, "
               f"{batch.at_once} at a time with {batch.workers_each} synthesis "
               f"worker{'s' if batch.workers_each != 1 else ''} each; "
               f"{sum(b.synthesized for b in landed)} segments synthesized, "
               f"{sum(b.cached for b in landed)} from the cache")
    status = 0
    for outcome in batch.outcomes:
        error = outcome.error
        if error is None:
            continue
        if debug:
            raise error
        name = outcome.source.name
        if isinstance(error, PodcastError):
            text = str(error) if str(error).startswith(name) else f"{name}: {error}"
            code = error.exit_code
        else:
            text = (f"{name}: unexpected {type(error).__name__}: {error}; "
                    "run again with --debug and report it")
            code = EXIT_FAILURE
        click.echo(f"error: {text}", err=True)
        status = status or code
    return status
