"""Synthesis and mixdown at once: the encoder starts while the engine is still speaking.

Encoding is the longest step of a build and runs on one core (LAME), with the limiter and the
meter beside it; synthesis uses every core but only for a moment. One after the other, the cores
would take turns. So the voices are levelled from the few takes made first (each voice's opening
lines: levelling.excerpt_lines), and the encoder then takes the episode's takes in order as they
come while the rest are being synthesized. A take's place depends only on the takes before it
(timeline.place), so it can be laid down as soon as it exists.

When every take is already in the cache, nothing is streamed: the finished mix may be cached
too (mixcache). Either way the MP3 is the same bytes: the voices are levelled from the same
lines, on the same clock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from ..engines import Engine
from ..model import Lexicon, Line, Take
from . import mixcache
from .levelling import excerpt_lines
from .mixdown import Mix, level_and_cut, mix_arriving
from .synthesis import render_takes
from .takes import look_up
from .timeline import Placement, Plan, estimated_s, place, plan_episode

Progress = Callable[[int, int], None]


class Assembled(NamedTuple):
    """What a build voiced: the takes, where they sit, and the mix made of them."""

    takes: tuple[Take, ...]
    plan: Plan
    mix: Mix


def assemble(lines: Sequence[Line], mp3_path: Path, *, lexicon: Lexicon, cache_dir: Path,
             jobs: int | None = None, on_render: Progress | None = None,
             on_encode: Progress | None = None,
             engines: Mapping[str, Engine] | None = None) -> Assembled:
    """Speak every line and mix the takes into mp3_path, overlapping the two when anything
    has to be synthesized. Progress callbacks are called from this thread only."""
    cache_dir = Path(cache_dir)
    lookup = look_up(lines, lexicon=lexicon, cache_dir=cache_dir, engines=engines)
    if not lookup.missing:
        takes = render_takes(lines, lexicon=lexicon, cache_dir=cache_dir, jobs=jobs,
                             progress=on_render, engines=engines, lookup=lookup)
        plan = plan_episode(takes, sample_rate=takes[0].sample_rate)
        mix = mixcache.cached_mix(takes, plan, mp3_path, cache_dir=cache_dir, progress=on_encode)
        return Assembled(takes, plan, mix)

    first = excerpt_lines(lines)
    stream = _Stream(lines)
    feeder = threading.Thread(target=stream.feed, name="mixdown", daemon=True,
                              args=(first, Path(mp3_path), _expected_ms(lines)))
    feeder.start()
    try:
        takes = render_takes(lines, lexicon=lexicon, cache_dir=cache_dir, jobs=jobs,
                             progress=on_render, engines=engines, first=first,
                             on_take=stream.offer, rest_after=stream.levelled, lookup=lookup)
        while feeder.is_alive():  # relay the encoder's progress, and stay interruptible
            feeder.join(0.05)
            stream.raise_failure()
            if on_encode and stream.progress:
                on_encode(*stream.progress)
        stream.raise_failure()
    except BaseException:
        stream.stop()
        feeder.join()
        raise
    if on_encode and stream.progress:
        on_encode(*stream.progress)
    mixcache.remember(stream.plan, stream.mix, cache_dir=cache_dir)
    return Assembled(takes, stream.plan, stream.mix)


class _Stopped(Exception):
    """The build stopped (an error or Ctrl-C in the main thread): the encoder gives up."""


class _Stream:
    """Takes handed from the synthesis (main thread) to the mixdown (its own thread)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.total = len(lines)
        self.takes: dict[int, Take] = {}
        self.ready = threading.Condition()
        self.levelled = threading.Event()  # the rest of the synthesis waits for this
        self.stopped = False
        self.failure: BaseException | None = None
        self.progress: tuple[int, int] | None = None
        self.plan: Plan | None = None
        self.mix: Mix | None = None

    # --- the synthesis side

    def offer(self, index: int, take: Take) -> None:
        self.raise_failure()  # the mixdown failed: stop synthesizing for nothing
        with self.ready:
            self.takes[index] = take
            self.ready.notify_all()

    def stop(self) -> None:
        with self.ready:
            self.stopped = True
            self.ready.notify_all()
        self.levelled.set()

    def raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure

    # --- the mixdown side

    def feed(self, first: Collection[int], mp3_path: Path, expected_ms: int) -> None:
        try:
            opening = self._wait_for(sorted(first))
            rate = self.takes[0].sample_rate  # the clock: the opening line's (the narrator's)
            try:
                levels, cut_at = level_and_cut(opening, self.lines, rate)
            finally:
                self.levelled.set()

            def arriving():
                previous: Placement | None = None
                for index in range(self.total):
                    previous = place(previous, self._wait_for([index])[0], rate)
                    yield previous

            def plan_when_done() -> Plan:
                self.plan = plan_episode([self.takes[i] for i in range(self.total)],
                                         sample_rate=rate)
                return self.plan

            self.mix = mix_arriving(arriving(), rate, levels, mp3_path,
                                    plan_when_done=plan_when_done, expected_ms=expected_ms,
                                    cut_at=cut_at, progress=self._progress)
        except _Stopped:
            pass
        except BaseException as exc:  # handed to the main thread, which raises it
            self.failure = exc

    def _wait_for(self, indices: Sequence[int]) -> list[Take]:
        with self.ready:
            self.ready.wait_for(lambda: self.stopped or all(i in self.takes for i in indices))
            if self.stopped:
                raise _Stopped()
            return [self.takes[i] for i in indices]

    def _progress(self, done_ms: int, total_ms: int) -> None:
        if self.stopped:
            raise _Stopped()
        self.progress = (done_ms, total_ms)


def _expected_ms(lines: Sequence[Line]) -> int:
    """About how long the episode will be, for the progress bar until the plan is known."""
    return sum(round(estimated_s(line) * 1000) + 500 for line in lines)
