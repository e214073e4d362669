"""Turn cast lines into takes: the TTS side effect, cached by content, parallel, and checked.

Each line is spoken once and kept in a cache folder under a key made of everything that shapes
its sound (engine and its version, voice, rate, pitch, and the text after the lexicon), so a
rebuild with nothing changed synthesizes nothing, and editing one paragraph re-synthesizes only
its segments. Long segments are cut at sentence ends before synthesis (engines misbehave on very
long inputs, and short pieces spread better over the workers), then joined sample for sample:
eSpeak NG ends every piece with its own sentence pause, so the join has no seam.

Every take is checked against its word count and the voice's rate: audio far too short for its
words (a truncation) or none at all is a RenderError naming the segment, never a silent gap.
Silence at the edges is trimmed to a few milliseconds, so the pauses between takes are the
mixdown's to choose.
"""

from __future__ import annotations

import hashlib
import json
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
from dataclasses import dataclass, replace
from pathlib import Path

from ..engines import Engine, get_engine
from ..errors import EngineError, OutputError, RenderError
from ..model import NARRATOR, Lexicon, Line, Take, Voice
from ..casting.pronunciation import speakable_text
from ..files import FOREIGN_MAX_AGE_S, HOST, pid_alive

CACHE_FORMAT = 1  # bump when the way takes are made changes, to leave old takes unused
MAX_CHUNK_CHARS = 400  # longer segments are cut at sentence ends into pieces about this long
MAX_SPEEDUP = 2.0  # words going by at over twice the voice's rate means audio is missing
SILENCE_LEVEL = 200  # |sample| at or below this is silence (about -44 dBFS)
KEEP_LEAD_MS, KEEP_TAIL_MS = 10, 80  # silence kept at the edges of a trimmed take

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A sentence ends at . ! ? … (and any closing quotes) before a capital, digit or opening quote;
# so "the U.S. and China" is not cut, though "the U.S. Department" may be.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]*[^\W_a-z])")


def count_words(text: str) -> int:
    """Words as a listener counts them ("Chang’e" is one, "2,500" two)."""
    return len(_WORD.findall(text))


def split_sentences(text: str, max_chars: int = MAX_CHUNK_CHARS) -> tuple[str, ...]:
    """text cut at sentence ends into pieces of at most max_chars (one longer sentence stays
    whole)."""
    text = text.strip()
    if len(text) <= max_chars:
        return (text,) if text else ()
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append(text[start:match.start() + len(match.group().rstrip())].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    pieces: list[str] = []
    for sentence in filter(None, sentences):
        if pieces and len(pieces[-1]) + 1 + len(sentence) <= max_chars:
            pieces[-1] = f"{pieces[-1]} {sentence}"
        else:
            pieces.append(sentence)
    return tuple(pieces)


def describe_line(index: int, line: Line) -> str:
    """How an error names a segment: its number, who speaks, and how it starts."""
    who = "narrator" if line.segment.role == NARRATOR else (line.segment.speaker or "unattributed")
    words = line.segment.text.split()
    start = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
    return f"segment {index + 1} ({who}, “{start}”)"


def check_take(index: int, line: Line, samples: int, sample_rate: int, rate_wpm: int) -> None:
    """Raise RenderError when a take is empty or far too short for its words."""
    label = describe_line(index, line)
    if samples == 0:
        raise RenderError(f"{label}: the engine returned no audio ({line.voice.label})",
                          hint="try again; if it persists, pick another voice or --engine")
    words = count_words(line.segment.text)
    seconds = samples / sample_rate
    if words * 60.0 / seconds > MAX_SPEEDUP * rate_wpm:
        raise RenderError(
            f"{label}: only {seconds:.1f} s of audio for {words} words "
            f"({words * 60.0 / seconds:.0f} words a minute; {line.voice.label} speaks about "
            f"{rate_wpm}): the engine cut it short",
            hint="try again; if it persists, pick another voice or --engine")


@dataclass(frozen=True)
class _Job:
    """One distinct take to synthesize (lines with the same voice and text share one)."""

    engine: Engine
    voice: Voice
    chunks: tuple[str, ...]
    path: Path
    lines: tuple[int, ...]


def _cache_key(engine: Engine, voice: Voice, chunks: tuple[str, ...]) -> str:
    facts = {"format": CACHE_FORMAT, "engine": engine.name, "version": engine.fingerprint(),
             "voice": voice.name, "rate": voice.rate_wpm, "pitch": voice.pitch,
             "chunks": list(chunks)}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode("utf-8")).hexdigest()


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
    on_take: Callable[[int, Take], None] | None = None,
    rest_after: threading.Event | None = None,
) -> tuple[Take, ...]:
    """One checked take per line, in order: from the cache, or synthesized by `jobs` workers.

    engines maps engine names to instances to use instead of the registered ones (tests pass a
    fake or a counting engine). progress(done, total) is called from this thread as lines finish.
    For a mixdown that starts before synthesis ends: on_take(index, take) is called from this
    thread as each take is ready (cached ones first), the lines in `first` are synthesized
    first, and the rest in script order, once rest_after is set (when given: the mixdown
    levels its voices from the first takes with the cores to itself); otherwise the longest
    go first, to finish soonest.
    """
    cache_dir = Path(cache_dir)
    total = len(lines)
    takes, pending = _lookup(lines, lexicon, cache_dir, _resolve_engines(lines, engines or {}),
                             max_chunk_chars)
    for index in sorted(takes) if on_take else ():
        on_take(index, takes[index])
    if progress:
        progress(len(takes), total)
    if pending:
        todo = list(pending.values())
        if on_take:  # in the order a mixdown will want them
            todo.sort(key=lambda job: (not any(i in first for i in job.lines), min(job.lines)))
        held = {n for n, job in enumerate(todo) if not any(i in first for i in job.lines)}
        _synthesize(todo, lines, cache_dir, jobs, takes, progress, total, on_take,
                    held if rest_after else set(), rest_after)
    return tuple(takes[i] for i in range(total))


def missing_takes(lines: Sequence[Line], *, lexicon: Lexicon, cache_dir: Path,
                  engines: Mapping[str, Engine] | None = None,
                  max_chunk_chars: int = MAX_CHUNK_CHARS) -> int:
    """How many takes render_takes would have to synthesize (0: all are in the cache)."""
    _, pending = _lookup(lines, lexicon, Path(cache_dir), _resolve_engines(lines, engines or {}),
                         max_chunk_chars)
    return len(pending)


def _lookup(lines: Sequence[Line], lexicon: Lexicon, cache_dir: Path,
            resolved: Mapping[str, Engine], max_chunk_chars: int
            ) -> tuple[dict[int, Take], dict[str, _Job]]:
    """The takes already in the cache, by line, and the jobs still to do, by cache key."""
    takes: dict[int, Take] = {}
    pending: dict[str, _Job] = {}
    for index, line in enumerate(lines):
        if count_words(line.segment.text) == 0:
            raise RenderError(f"{describe_line(index, line)} has no words to say",
                              hint="remove the empty segment from the script")
        engine = resolved[line.voice.engine]
        chunks = split_sentences(speakable_text(line.segment.text, lexicon, engine.name),
                                 max_chunk_chars)
        key = _cache_key(engine, line.voice, chunks)
        path = cache_dir / key[:2] / f"{key}.wav"
        if key in pending:
            pending[key] = replace(pending[key], lines=pending[key].lines + (index,))
            continue
        cached = _read_cached(path)
        if cached is not None:
            takes[index] = _take(index, line, path, cached, engine, cached=True)
        else:
            pending[key] = _Job(engine, line.voice, chunks, path, (index,))
    return takes, pending


def _resolve_engines(lines: Sequence[Line], given: Mapping[str, Engine]) -> dict[str, Engine]:
    """Each engine the lines need, checked against every voice before any synthesis starts."""
    resolved: dict[str, Engine] = {}
    checked: set[Voice] = set()
    for line in lines:
        name = line.voice.engine
        if name not in resolved:
            resolved[name] = given[name] if name in given else get_engine(name)
        if line.voice not in checked:
            resolved[name].check_voice(line.voice)
            checked.add(line.voice)
    return resolved


def _take(index: int, line: Line, path: Path, audio: tuple[int, int], engine: Engine,
          *, cached: bool) -> Take:
    samples, sample_rate = audio
    check_take(index, line, samples, sample_rate, line.voice.rate_wpm or engine.default_rate_wpm)
    return Take(line=line, path=path, sample_rate=sample_rate, samples=samples, cached=cached)


def _read_cached(path: Path) -> tuple[int, int] | None:
    """(samples, sample_rate) of a cached take, or None when it is missing or unreadable."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes(), wav.getframerate()
    except FileNotFoundError:
        return None
    except (OSError, EOFError, wave.Error):
        path.unlink(missing_ok=True)  # a damaged take: make it again
        return None


def _synthesize(jobs_to_do: list[_Job], lines: Sequence[Line], cache_dir: Path,
                jobs: int | None, takes: dict[int, Take],
                progress: Callable[[int, int], None] | None, total: int,
                on_take: Callable[[int, Take], None] | None = None,
                held: set[int] | frozenset[int] = frozenset(),
                rest_after: threading.Event | None = None) -> None:
    workers = max(1, jobs or os.cpu_count() or 1)
    serial = {id(job.engine): threading.Lock() for job in jobs_to_do if not job.engine.parallel}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _remove_dead_scratch(cache_dir)
        scratch = Path(tempfile.mkdtemp(prefix=f".render-{HOST}-{os.getpid()}-", dir=cache_dir))
    except OSError as exc:
        raise OutputError(f"{cache_dir}: cannot write the take cache ({exc.strerror})",
                          hint="choose another --cache-dir or fix its permissions") from exc

    def speak(job_number: int, chunk_number: int) -> Path:
        job = jobs_to_do[job_number]
        if job_number in held:
            rest_after.wait()
        out = scratch / f"{job_number}-{chunk_number}.wav"
        lock = serial.get(id(job.engine))
        if lock is None:
            job.engine.synthesize(job.chunks[chunk_number], job.voice, out)
        else:
            with lock:
                job.engine.synthesize(job.chunks[chunk_number], job.voice, out)
        return out

    futures: dict[Future[Path], tuple[int, int]] = {}
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tts") as pool:
            try:
                # Longest first, so one long segment does not start last and hold up the end
                # (unless a mixdown waits for them in the order given).
                order = [(j, c) for j, job in enumerate(jobs_to_do)
                         for c in range(len(job.chunks))]
                if not on_take:
                    order.sort(key=lambda jc: -len(jobs_to_do[jc[0]].chunks[jc[1]]))
                for j, c in order:
                    futures[pool.submit(speak, j, c)] = (j, c)
                remaining = {j: len(job.chunks) for j, job in enumerate(jobs_to_do)}
                not_done = set(futures)
                while not_done:
                    done, not_done = wait(not_done, return_when=FIRST_COMPLETED)
                    for future in done:
                        future.result()  # a worker's error surfaces here
                        j, _ = futures[future]
                        remaining[j] -= 1
                        if remaining[j] == 0:
                            _finish(jobs_to_do[j], scratch, j, lines, takes)
                            for index in jobs_to_do[j].lines if on_take else ():
                                on_take(index, takes[index])
                            if progress:
                                progress(len(takes), total)
            except BaseException:
                # Drop queued work before the pool waits; nothing half-made enters the cache.
                for future in futures:
                    future.cancel()
                if rest_after:
                    rest_after.set()  # workers held back must not keep the pool waiting
                raise
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


def _finish(job: _Job, scratch: Path, job_number: int, lines: Sequence[Line],
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
    _write_wav(job.path, pcm, sample_rate or 1)
    for index in job.lines:
        takes[index] = Take(line=lines[index], path=job.path, sample_rate=sample_rate or 1,
                            samples=len(pcm), cached=False)


def _read_pcm(path: Path, job: _Job) -> tuple[array, int]:
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


def _write_wav(path: Path, pcm: array, sample_rate: int) -> None:
    """Write a take atomically, so a crash never leaves half a take in the cache."""
    if sys.byteorder == "big":  # WAV is little-endian
        pcm = array("h", pcm)
        pcm.byteswap()
    # The name is settled before the file exists, so a signal at any point leaves nothing
    # behind (mkstemp could be interrupted after creating its file, before naming it to us).
    tmp = path.with_name(f".{path.stem}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(fd, "wb") as raw, wave.open(raw, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(sample_rate)
            wav.writeframes(pcm.tobytes())
        os.replace(tmp, path)
    except BaseException as exc:  # Ctrl-C or kill mid-write too: no stray .tmp in the cache
        tmp.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        raise OutputError(f"{path.parent}: cannot write the take cache ({exc.strerror})",
                          hint="choose another --cache-dir or free some disk space") from exc
