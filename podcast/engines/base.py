"""What a TTS engine is, and the registry that finds engines by name.

Engines are named, swappable backends that check themselves when created: a missing program or
package fails at construction with a message that says how to install it. The built-in engines
register through the same entry-point group ("podcast.engines") that a third-party package uses,
so `pip install podcast-engine-foo` is all it takes to add one.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..errors import EngineError
from ..model import Voice

ENTRY_POINT_GROUP = "podcast.engines"
DEFAULT_ENGINE = "espeak"


@dataclass(frozen=True)
class VoiceInfo:
    """A voice an engine offers, as `build-episode --list-voices` shows it."""

    engine: str
    name: str
    language: str = ""
    gender: str | None = None
    description: str = ""

    @property
    def label(self) -> str:
        """One line for a listing: name, then what is known of it."""
        facts = [f for f in (self.language if self.language != self.name else "",
                             self.gender or "", self.description) if f]
        return f"{self.name:<24} {' · '.join(facts)}".rstrip()


@runtime_checkable
class Engine(Protocol):
    """A local TTS engine: turns text into a 16-bit mono WAV file."""

    name: str
    default_rate_wpm: int  # words a minute the engine speaks when a voice sets no rate
    parallel: bool  # False when calls must not overlap (a driver that is not thread-safe)

    def voices(self) -> tuple[VoiceInfo, ...]:
        """The voices this engine offers on this machine."""
        ...

    def check_voice(self, voice: Voice) -> None:
        """Raise EngineError naming the voice when this engine cannot speak with it."""
        ...

    def fingerprint(self) -> str:
        """A version string: cached audio is reused only while it stays the same."""
        ...

    def synthesize(self, text: str, voice: Voice, wav_path: Path) -> None:
        """Speak text with voice into wav_path (16-bit mono PCM WAV)."""
        ...


class CountingEngine:
    """Base for the built-in engines: counts synthesis calls, so tests can prove a warm run
    synthesizes nothing. Subclasses implement _synthesize."""

    name = "?"
    default_rate_wpm = 175
    parallel = True

    def __init__(self) -> None:
        self._calls = 0
        self._calls_lock = threading.Lock()

    @property
    def calls(self) -> int:
        """How many times synthesize() has run on this instance."""
        return self._calls

    def synthesize(self, text: str, voice: Voice, wav_path: Path) -> None:
        with self._calls_lock:
            self._calls += 1
        self._synthesize(text, voice, wav_path)

    def _synthesize(self, text: str, voice: Voice, wav_path: Path) -> None:
        raise NotImplementedError


@functools.cache  # reading the installed packages' metadata takes a few ms each time
def _registered() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def engine_names() -> tuple[str, ...]:
    """The names of every registered engine, the default first."""
    names = sorted(_registered())
    if DEFAULT_ENGINE in names:
        names.remove(DEFAULT_ENGINE)
        names.insert(0, DEFAULT_ENGINE)
    return tuple(names)


_instances: dict[str, Engine] = {}
_instances_lock = threading.Lock()


def get_engine(name: str) -> Engine:
    """The engine registered under name, created (and so checked) once per process."""
    with _instances_lock:
        if name in _instances:
            return _instances[name]
        registered = _registered()
        if name not in registered:
            valid = ", ".join(engine_names()) or "none (reinstall podcast-builder)"
            raise EngineError(f"unknown TTS engine {name!r}", hint=f"choose one of: {valid}")
        try:
            factory = registered[name].load()
        except ImportError as exc:
            raise EngineError(f"TTS engine {name!r} cannot be loaded ({exc})",
                              hint="reinstall the package that provides it") from exc
        engine = factory()
        _instances[name] = engine
        return engine
