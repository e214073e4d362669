"""Lines -> takes: the TTS side effect, run by parallel workers and checked.

Synthesis starts from one look in the cache (takes.look_up), made once per build: only the
takes missing there are spoken, each long segment in sentence pieces that are then joined
sample for sample (eSpeak NG ends every piece with its own sentence pause, so the join has no
seam). Silence at the edges is trimmed to a few milliseconds, so the pauses between takes are
the mixdown's to choose. A take is checked before it enters the cache, never after.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import wave
from array import array
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

from ..engines import Engine
from ..errors import EngineError, OutputError
from ..files import FOREIGN_MAX_AGE_S, HOST, pid_alive
from ..model import Lexicon, Line, Take
from .takes import MAX_CHUNK_CHARS, Job, Lookup, check_take, look_up, store_take

SILENCE_LEVEL = 200  # |sample| at or below this is silence (about -44 dBFS)
KEEP_LEAD_MS, KEEP_TAIL_MS = 10, 80  # silence kept at the edges of a trimmed take

TakeReady = Callable[[int, Take], None]


def render_takes(
    lines: Sequence[Line],
    *,
    lexicon: Lexicon,
    cache_dir: Path,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    engines: Mapping[str, Engine] | None = None,
    max_chunk_chars: int = MAX_CHUNK_CHARS,
    first: Collection[int] = (),
    on_take: TakeReady | None = None,
    rest_after: threading.Event | None = None,
    lookup: Lookup | None = None,
) -> tuple[Take, ...]:
    """One checked take per line, in order: from the cache, or synthesized by `jobs` workers.

    lookup is the cache look already made for these lines (made here when not given).
    engines maps engine names to instances to use instead of the registered ones (tests pass a
    fake or a counting engine). progress(done, total) is called from this thread as lines finish.
    For a mixdown that starts before synthesis ends: on_take(index, take) is called from this
    thread as each take is ready (cached ones first), the lines in `first` are synthesized
    first, and the rest in script order, once rest_after is set (when given: the mixdown
    levels its voices from the first takes with the cores to itself); otherwise the longest
    go first, to finish soonest.
    """
    cache_dir = Path(cache_dir)
    if lookup is None:
        lookup = look_up(lines, lexicon=lexicon, cache_dir=cache_dir, engines=engines,
                         max_chunk_chars=max_chunk_chars)
    total = len(lines)
    takes = dict(lookup.found)
    for index in sorted(takes) if on_take else ():
        on_take(index, takes[index])
    if progress:
        progress(len(takes), total)
    if lookup.pending:
        todo = list(lookup.pending.values())
        if on_take:  # in the order a mixdown will want them
            todo.sort(key=lambda job: (not any(i in first for i in job.lines), min(job.lines)))
        held = {n for n, job in enumerate(todo) if not any(i in first for i in job.lines)}
        _synthesize(todo, lines, cache_dir, jobs, takes, progress, total, on_take,
                    held if rest_after else set(), rest_after)
    return tuple(takes[i] for i in range(total))


def _synthesize(jobs_to_do: list[Job], lines: Sequence[Line], cache_dir: Path,
                jobs: int | None, takes: dict[int, Take],
                progress: Callable[[int, int], None] | None, total: int,
                on_take: TakeReady | None = None,
                held: set[int] | frozenset[int] = frozenset(),
                rest_after: threading.Event | None = None) -> None:
    """Speak every job's pieces in a pool of workers; each job's take is finished (joined,
    trimmed, checked, cached) as soon as its last piece is spoken."""
    serial = {id(job.engine): threading.Lock() for job in jobs_to_do if not job.engine.parallel}

    def finished(job_number: int, scratch: Path) -> None:
        _finish(jobs_to_do[job_number], scratch, job_number, lines, takes)
        for index in jobs_to_do[job_number].lines if on_take else ():
            on_take(index, takes[index])
        if progress:
            progress(len(takes), total)

    with _scratch_folder(cache_dir) as scratch:
        def speak(job_number: int, chunk_number: int) -> None:
            job = jobs_to_do[job_number]
            if job_number in held:
                rest_after.wait()
            out = scratch / f"{job_number}-{chunk_number}.wav"
            with serial.get(id(job.engine)) or contextlib.nullcontext():
                job.engine.synthesize(job.chunks[chunk_number], job.voice, out)

        # Longest first, so one long segment does not start last and hold up the end (unless
        # a mixdown waits for them in the order given).
        order = [(j, c) for j, job in enumerate(jobs_to_do) for c in range(len(job.chunks))]
        if not on_take:
            order.sort(key=lambda jc: -len(jobs_to_do[jc[0]].chunks[jc[1]]))
        _run_pool(order, speak, {j: len(job.chunks) for j, job in enumerate(jobs_to_do)},
                  lambda j: finished(j, scratch), max(1, jobs or os.cpu_count() or 1),
                  rest_after)


def _run_pool(order: list[tuple[int, int]], speak: Callable[[int, int], None],
              pieces: dict[int, int], finished: Callable[[int], None], workers: int,
              rest_after: threading.Event | None) -> None:
    """Run speak(job, piece) for each in order on the workers; finished(job) on this thread
    once all of a job's pieces are spoken. A worker's error is raised here, after the queued
    work is dropped, so nothing half-made enters the cache."""
    futures: dict[Future[None], tuple[int, int]] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tts") as pool:
        try:
            for j, c in order:
                futures[pool.submit(speak, j, c)] = (j, c)
            not_done = set(futures)
            while not_done:
                done, not_done = wait(not_done, return_when=FIRST_COMPLETED)
                for future in done:
                    future.result()  # a worker's error surfaces here
                    j, _ = futures[future]
                    pieces[j] -= 1
                    if pieces[j] == 0:
                        finished(j)
        except BaseException:
            for future in futures:
                future.cancel()
            if rest_after:
                rest_after.set()  # workers held back must not keep the pool waiting
            raise


@contextlib.contextmanager
def _scratch_folder(cache_dir: Path):
    """A fresh folder in the cache for the pieces being spoken, emptied and removed after."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _remove_dead_scratch(cache_dir)
        scratch = Path(tempfile.mkdtemp(prefix=f".render-{HOST}-{os.getpid()}-", dir=cache_dir))
    except OSError as exc:
        raise OutputError(f"{cache_dir}: cannot write the take cache ({exc.strerror})",
                          hint="choose another --cache-dir or fix its permissions") from exc
    try:
        yield scratch
    finally:
        for leftover in scratch.glob("*"):
            leftover.unlink(missing_ok=True)
        scratch.rmdir()


_SCRATCH = re.compile(r"\.render-(?P<host>[A-Za-z0-9-]+?)-(?P<pid>\d+)-\w+")


def _remove_dead_scratch(cache_dir: Path) -> None:
    """Remove the scratch folders of renders that were killed outright (SIGKILL runs no
    clean-up), by the rule build folders follow (staging.py): on this host, when no process
    has its pid; from another host, when untouched for a day."""
    now = time.time()
    for folder in cache_dir.glob(".render-*"):
        found = _SCRATCH.fullmatch(folder.name)
        if not found or int(found["pid"]) == os.getpid():
            continue  # not ours to judge, or a render running in this process
        try:
            age_s = now - folder.stat().st_mtime
        except OSError:
            continue
        dead = (not pid_alive(int(found["pid"])) if found["host"] == HOST
                else age_s > FOREIGN_MAX_AGE_S)
        if dead:
            shutil.rmtree(folder, ignore_errors=True)


def _finish(job: Job, scratch: Path, job_number: int, lines: Sequence[Line],
            takes: dict[int, Take]) -> None:
    """Join a job's pieces, trim, check, then cache and record its takes."""
    pcm, sample_rate = array("h"), None
    for chunk_number in range(len(job.chunks)):
        piece, rate = _read_pcm(scratch / f"{job_number}-{chunk_number}.wav", job)
        if sample_rate not in (None, rate):
            raise EngineError(f"{job.engine.name} changed sample rate within one take",
                              hint="report this engine bug")
        sample_rate = rate
        pcm.extend(piece)
    pcm = _trim(pcm, sample_rate or 1)
    for index in job.lines:  # check before caching: a bad take must never be reused
        check_take(index, lines[index], len(pcm), sample_rate or 1,
                   job.voice.rate_wpm or job.engine.default_rate_wpm)
    store_take(job.path, pcm, sample_rate or 1)
    for index in job.lines:
        takes[index] = Take(line=lines[index], path=job.path, sample_rate=sample_rate or 1,
                            samples=len(pcm), cached=False)


def _read_pcm(path: Path, job: Job) -> tuple[array, int]:
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                raise EngineError(f"{job.engine.name} wrote {wav.getnchannels()} channel(s) of "
                                  f"{8 * wav.getsampwidth()}-bit audio, not 16-bit mono",
                                  hint="fix the engine to write 16-bit mono WAV")
            rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    except (FileNotFoundError, EOFError, wave.Error) as exc:
        raise EngineError(f"{job.engine.name} wrote no readable audio for {job.voice.label} "
                          f"({exc})", hint="try again, or pick another voice or --engine") from exc
    pcm = array("h")
    pcm.frombytes(frames[: len(frames) // 2 * 2])
    if sys.byteorder == "big":
        pcm.byteswap()
    return pcm, rate


def _trim(pcm: array, sample_rate: int) -> array:
    """pcm without its leading and trailing silence, bar a few milliseconds."""
    first = next((i for i, s in enumerate(pcm) if abs(s) > SILENCE_LEVEL), None)
    if first is None:
        return array("h")
    last = next(i for i in range(len(pcm) - 1, -1, -1) if abs(pcm[i]) > SILENCE_LEVEL)
    start = max(0, first - KEEP_LEAD_MS * sample_rate // 1000)
    end = min(len(pcm), last + 1 + KEEP_TAIL_MS * sample_rate // 1000)
    return pcm[start:end]
