"""A fake engine for fast tests of the logic around synthesis (caching, ordering, the guard).

It writes a quiet tone as long as the words would take at the voice's rate, so timing code sees
plausible takes; `speed` makes it misbehave on purpose (e.g. 10.0: a truncated take). Never the
only test of a capability: the real engines have their own tests.
"""

from __future__ import annotations

import math
import re
import struct
import threading
import wave
from pathlib import Path

from ..model import Voice
from .base import CountingEngine, VoiceInfo

SAMPLE_RATE = 22050
_WORD = re.compile(r"[^\W_]+")


class FakeEngine(CountingEngine):
    """Writes a tone of the length the text would take; records every text it was given."""

    default_rate_wpm = 170
    parallel = True

    def __init__(self, name: str = "fake", *, speed: float = 1.0, version: str = "1") -> None:
        super().__init__()
        self.name = name
        self.speed = speed
        self.version = version
        self.texts: list[str] = []
        self._lock = threading.Lock()

    def voices(self) -> tuple[VoiceInfo, ...]:
        return (VoiceInfo(self.name, "low", "en", "male", "a low tone"),
                VoiceInfo(self.name, "high", "en", "female", "a high tone"))

    def check_voice(self, voice: Voice) -> None:
        return None

    def fingerprint(self) -> str:
        return f"fake {self.version}"

    def _synthesize(self, text: str, voice: Voice, wav_path: Path) -> None:
        with self._lock:
            self.texts.append(text)
        words = len(_WORD.findall(text))
        rate = voice.rate_wpm or self.default_rate_wpm
        seconds = words * 60.0 / rate / self.speed
        frequency = 110.0 + 2.0 * (voice.pitch or 50) + 7.0 * (sum(map(ord, voice.name)) % 40)
        count = int(seconds * SAMPLE_RATE)
        frames = b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * i / SAMPLE_RATE)))
            for i in range(count)
        )
        with wave.open(str(wav_path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(frames)
