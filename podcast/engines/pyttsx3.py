"""pyttsx3: the system voices of macOS (NSSpeechSynthesizer) and Windows (SAPI5).

On Linux pyttsx3 speaks through eSpeak, and its save_to_file there keeps about a second of a long
text or writes no file at all (pyttsx3 issues #98, #149, #259, #334, #408). A silent truncation is
the worst failure a podcast can have, so on Linux this engine refuses and points at `espeak`,
which drives the same eSpeak NG voices directly.

Voice names: "default" (the system's), an exact system voice name or id (Samantha, Daniel, or a
full id), or "english-N": the N-th English voice the system offers (counting from 1, wrapping),
so one cast file works on any Mac or PC.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..errors import EngineError
from ..model import FEMALE, MALE, Voice
from .base import CountingEngine, VoiceInfo

LINUX_REFUSAL = ("pyttsx3 cannot write whole audio files on Linux: its eSpeak driver's "
                 "save_to_file truncates or drops multi-sentence text")
LINUX_HINT = "use --engine espeak, which drives the same eSpeak NG voices directly"
_ENGLISH_N = re.compile(r"english-(\d+)$")


def refuses_here(platform: str | None = None) -> bool:
    """True on Linux (and other platforms where pyttsx3 falls back to eSpeak)."""
    platform = platform or sys.platform
    return not (platform == "darwin" or platform.startswith("win"))


class Pyttsx3Engine(CountingEngine):
    """pyttsx3's save_to_file, converted to 16-bit mono WAV by ffmpeg."""

    name = "pyttsx3"
    default_rate_wpm = 200  # pyttsx3's documented default rate
    parallel = False  # the drivers run one event loop per process

    def __init__(self) -> None:
        super().__init__()
        if refuses_here():
            raise EngineError(LINUX_REFUSAL, hint=LINUX_HINT)
        try:
            import pyttsx3
        except ImportError as exc:
            raise EngineError("pyttsx3 is not installed",
                              hint="pip install pyttsx3, or use --engine espeak") from exc
        if shutil.which("ffmpeg") is None:
            raise EngineError("ffmpeg is not installed (pyttsx3 audio is converted with it)",
                              hint="install ffmpeg from ffmpeg.org or your package manager")
        self._driver = pyttsx3.init()
        self._lock = threading.Lock()
        self._version = getattr(pyttsx3, "__version__", "pyttsx3") + f" {sys.platform}"

    def fingerprint(self) -> str:
        return self._version

    def _system_voices(self) -> list:
        return list(self._driver.getProperty("voices") or ())

    def voices(self) -> tuple[VoiceInfo, ...]:
        infos = []
        for v in self._system_voices():
            languages = ",".join(str(x) for x in (getattr(v, "languages", None) or ()))
            gender = str(getattr(v, "gender", "") or "").lower()
            infos.append(VoiceInfo(self.name, v.name, languages,
                                   MALE if gender == "male" else FEMALE if gender == "female"
                                   else None, v.id))
        return tuple(infos)

    def _resolve(self, voice: Voice) -> str | None:
        """The system voice id for a cast voice name (None: the system default)."""
        if voice.name == "default":
            return None
        system = self._system_voices()
        for v in system:
            if voice.name in (v.name, v.id):
                return v.id
        match = _ENGLISH_N.match(voice.name)
        english = [v for v in system if "en" in (str(v.languages) + v.id).lower()]
        if match and english:
            return english[(int(match.group(1)) - 1) % len(english)].id
        raise EngineError(f"the system has no voice {voice.name!r} for pyttsx3",
                          hint="pick one from `build-episode --list-voices --engine pyttsx3`")

    def check_voice(self, voice: Voice) -> None:
        self._resolve(voice)

    def _synthesize(self, text: str, voice: Voice, wav_path: Path) -> None:
        suffix = ".aiff" if sys.platform == "darwin" else ".wav"
        with self._lock, tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / f"speech{suffix}"
            voice_id = self._resolve(voice)
            if voice_id is not None:
                self._driver.setProperty("voice", voice_id)
            self._driver.setProperty("rate", voice.rate_wpm or self.default_rate_wpm)
            self._driver.save_to_file(text, str(raw))
            self._driver.runAndWait()
            if not raw.is_file() or raw.stat().st_size == 0:
                raise EngineError(f"pyttsx3 wrote no audio for voice {voice.label}",
                                  hint="use --engine espeak")
            done = subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(raw), "-ac", "1",
                                   "-ar", "22050", "-c:a", "pcm_s16le", str(wav_path)],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise EngineError(f"ffmpeg could not convert pyttsx3 audio: "
                                  f"{done.stderr.strip()[-200:]}", hint="check the ffmpeg install")
