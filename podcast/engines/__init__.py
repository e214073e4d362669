"""Local TTS engines, found by name: espeak (default), pyttsx3, piper, and any a plug-in adds."""

from .base import (
    DEFAULT_ENGINE,
    ENTRY_POINT_GROUP,
    CountingEngine,
    Engine,
    VoiceInfo,
    engine_names,
    get_engine,
)

__all__ = [
    "DEFAULT_ENGINE",
    "ENTRY_POINT_GROUP",
    "CountingEngine",
    "Engine",
    "VoiceInfo",
    "engine_names",
    "get_engine",
]
