"""Takes and their cache: what a take is made from, finding it, checking it, storing it.

Each line is spoken once and kept in a cache folder under a key made of everything that shapes
its sound (engine and its version, voice, rate, pitch, and the text after the lexicon), so a
rebuild with nothing changed synthesizes nothing, and editing one paragraph re-synthesizes only
its segments. Long segments are cut at sentence ends before synthesis (engines misbehave on very
long inputs, and short pieces spread better over the workers).

Every take is checked against its word count and the voice's rate: audio far too short for its
words (a truncation) or none at all is a RenderError naming the segment, never a silent gap.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import threading
import wave
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..casting.pronunciation import speakable_text
from ..engines import Engine, get_engine
from ..errors import OutputError, RenderError
from ..model import NARRATOR, Lexicon, Line, Take, Voice

CACHE_FORMAT = 1  # bump when the way takes are made changes, to leave old takes unused
MAX_CHUNK_CHARS = 400  # longer segments are cut at sentence ends into pieces about this long
MAX_SPEEDUP = 2.0  # words going by at over twice the voice's rate means audio is missing

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A sentence ends at . ! ? … (and any closing quotes) before a capital, digit or opening quote;
# so "the U.S. and China" is not cut, though "the U.S. Department" may be.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]*[^\W_a-z])")


def count_words(text: str) -> int:
    """Words as a listener counts them ("Chang’e" is one, "2,500" two)."""
    return len(_WORD.findall(text))


def chunk_text(text: str, max_chars: int = MAX_CHUNK_CHARS) -> tuple[str, ...]:
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
class Job:
    """One distinct take to synthesize (lines with the same voice and text share one)."""

    engine: Engine
    voice: Voice
    chunks: tuple[str, ...]
    path: Path
    lines: tuple[int, ...]


def cache_key(engine: Engine, voice: Voice, chunks: tuple[str, ...]) -> str:
    facts = {"format": CACHE_FORMAT, "engine": engine.name, "version": engine.fingerprint(),
             "voice": voice.name, "rate": voice.rate_wpm, "pitch": voice.pitch,
             "chunks": list(chunks)}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Lookup:
    """One look in the cache for a script's lines: the takes found there, by line, and the
    jobs still to synthesize, by cache key (lines of one voice saying the same text share a
    job). Made once per build; synthesis starts from it."""

    found: Mapping[int, Take]
    pending: Mapping[str, Job]

    @property
    def missing(self) -> int:
        """How many takes are still to be synthesized (0: all are in the cache)."""
        return len(self.pending)


def look_up(lines: Sequence[Line], *, lexicon: Lexicon, cache_dir: Path,
            engines: Mapping[str, Engine] | None = None,
            max_chunk_chars: int = MAX_CHUNK_CHARS) -> Lookup:
    """Every line's take in the cache, or the job that will make it. Checks first that each
    line has words to say and each engine has its voice, before any synthesis starts."""
    resolved = resolve_engines(lines, engines or {})
    cache_dir = Path(cache_dir)
    takes: dict[int, Take] = {}
    pending: dict[str, Job] = {}
    for index, line in enumerate(lines):
        if count_words(line.segment.text) == 0:
            raise RenderError(f"{describe_line(index, line)} has no words to say",
                              hint="remove the empty segment from the script")
        engine = resolved[line.voice.engine]
        chunks = chunk_text(speakable_text(line.segment.text, lexicon, engine.name),
                            max_chunk_chars)
        key = cache_key(engine, line.voice, chunks)
        path = cache_dir / key[:2] / f"{key}.wav"
        if key in pending:
            pending[key] = replace(pending[key], lines=pending[key].lines + (index,))
            continue
        cached = read_cached(path)
        if cached is not None:
            takes[index] = cached_take(index, line, path, cached, engine)
        else:
            pending[key] = Job(engine, line.voice, chunks, path, (index,))
    return Lookup(takes, pending)


def resolve_engines(lines: Sequence[Line], given: Mapping[str, Engine]) -> dict[str, Engine]:
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


def cached_take(index: int, line: Line, path: Path, audio: tuple[int, int], engine: Engine
) -> Take:
    samples, sample_rate = audio
    check_take(index, line, samples, sample_rate, line.voice.rate_wpm or engine.default_rate_wpm)
    return Take(line=line, path=path, sample_rate=sample_rate, samples=samples, cached=True)


def read_cached(path: Path) -> tuple[int, int] | None:
    """(samples, sample_rate) of a cached take, or None when it is missing or unreadable."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes(), wav.getframerate()
    except FileNotFoundError:
        return None
    except (OSError, EOFError, wave.Error):
        path.unlink(missing_ok=True)  # a damaged take: make it again
        return None


def store_take(path: Path, pcm: array, sample_rate: int) -> None:
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
