"""Several articles in one command: built at once, published once.

Everything that can be checked is checked before the first sound (the CLI reads, scripts and
loads the settings of every article first). Then the episodes build in threads, each swapped into
OUT as it finishes; the work is in eSpeak NG and ffmpeg processes, so threads are enough. A build
that fails does not stop the others. The feed and show page are rebuilt once at the end from
what landed, even after Ctrl-C, so the feed always matches the episode folders.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from ..engines import get_engine
from ..publishing.publish import publish
from .settings import Settings
from .sources import Source
from .stages import Built, BuildCancelled, land

# progress(article index, "render" or "encode", done, total): segments, then milliseconds
BatchProgress = Callable[[int, str, int, int], None]


@dataclass(frozen=True)
class Prepared:
    """An article read, scripted and checked, with the settings it builds with."""

    source: Source
    settings: Settings


@dataclass(frozen=True)
class Outcome:
    """One article's result: the episode it built, or the error that stopped it."""

    source: Source
    built: Built | None = None
    error: BaseException | None = None


@dataclass(frozen=True)
class Batch:
    """The outcomes in the order the articles were given, and the feed if it was rebuilt."""

    outcomes: tuple[Outcome, ...]
    feed: Path | None
    at_once: int
    workers_each: int


def split_jobs(jobs: int | None, builds: int) -> tuple[int, int]:
    """(builds at once, synthesis workers each) from `jobs` workers in all (default: the cores).

    Each build is a row of eSpeak NG and ffmpeg processes; giving every build all the workers
    would run builds × jobs processes on jobs cores. So -j 2 with three articles runs two builds
    at a time with one worker each, and -j 8 with three runs all three with two workers each.
    """
    total = max(1, jobs or os.cpu_count() or 1)
    at_once = max(1, min(builds, total))
    return at_once, max(1, total // at_once)


def build_all(prepared: Sequence[Prepared], *, out_dir: Path, jobs: int | None = None,
              cache_dir: Path | None = None, id3_version: int = 3,
              progress: BatchProgress | None = None,
              cancelled: threading.Event | None = None) -> Batch:
    """Build every prepared article at once, then publish the feed and page once.

    Interrupted (KeyboardInterrupt, which SIGTERM becomes in the CLI), or with cancelled set,
    the builds still running stop at their next checkpoint, what landed is published, and the
    interrupt goes on up (BuildCancelled when only cancelled was set).
    """
    out_dir = Path(out_dir)
    at_once, workers = split_jobs(jobs, len(prepared) if _may_overlap(prepared) else 1)
    cancelled = cancelled or threading.Event()

    def build_one(index: int, item: Prepared) -> Built:
        def report(kind: str):
            return (lambda done, total: progress(index, kind, done, total)) if progress else None

        return land(item.source, out_dir=out_dir, settings=item.settings, jobs=workers,
                    cache_dir=cache_dir, id3_version=id3_version, on_render=report("render"),
                    on_encode=report("encode"), cancelled=cancelled)

    pool = ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="build")
    futures = [pool.submit(build_one, i, item) for i, item in enumerate(prepared)]
    try:
        wait(futures)
    except BaseException:
        cancelled.set()
        for future in futures:
            future.cancel()
        pool.shutdown(wait=True)
        _publish_landed(prepared, futures, out_dir)
        raise
    pool.shutdown(wait=True)
    outcomes = tuple(_outcome(item, future) for item, future in zip(prepared, futures))
    feed = _publish_landed(prepared, futures, out_dir)
    if cancelled.is_set():  # a signal whose exception something on the way swallowed
        raise BuildCancelled("interrupted")
    return Batch(outcomes, feed, at_once, workers)


def _may_overlap(prepared: Sequence[Prepared]) -> bool:
    """Whether every engine the builds use may speak for two builds at once (pyttsx3's drivers
    may not: one render keeps its calls apart, two renders at once would not)."""
    casts = [item.settings.cast for item in prepared]
    names = {voice.engine for cast in casts
             for voice in (cast.narrator, *cast.pool, *(v for _, v in cast.overrides))}
    return all(get_engine(name).parallel for name in names)


def _outcome(item: Prepared, future) -> Outcome:
    error = future.exception()
    return Outcome(item.source, error=error) if error else Outcome(item.source, future.result())


def _publish_landed(prepared, futures, out_dir: Path) -> Path | None:
    """Rebuild the feed once if any episode landed, with the show settings of the last one given
    that did (as a run of single builds in that order would leave it), and the cover it made."""
    landed = [(item, future.result()) for item, future in zip(prepared, futures)
              if future.done() and not future.cancelled() and future.exception() is None]
    if not landed:
        return None
    item, built = landed[-1]
    return publish(item.settings.show, out_dir, cover=built.cover).feed


__all__ = ["Batch", "BatchProgress", "BuildCancelled", "Outcome", "Prepared", "build_all",
           "split_jobs"]
