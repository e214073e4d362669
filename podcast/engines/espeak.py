"""eSpeak NG, driven directly through its `espeak-ng` program (the default engine).

Not through pyttsx3: on Linux its save_to_file keeps a second of a long text or writes nothing.
A voice name is an eSpeak voice or language (en-us, en-gb-scotland) with an optional variant
after "+" (en-gb+f3); rate is words a minute (-s), pitch 0-99 (-p).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from ..errors import EngineError
from ..model import FEMALE, MALE, Voice
from .base import CountingEngine, VoiceInfo

PROGRAM = "espeak-ng"
INSTALL_HINT = ("install eSpeak NG: `sudo apt-get install espeak-ng` (Debian/Ubuntu), "
                "`brew install espeak-ng` (macOS), or see github.com/espeak-ng/espeak-ng")
MIN_RATE_WPM, MAX_RATE_WPM = 80, 450
TIMEOUT_S = 300


class EspeakEngine(CountingEngine):
    """eSpeak NG through its command-line program: one short-lived process per call."""

    name = "espeak"
    default_rate_wpm = 175  # espeak-ng's own default for -s
    parallel = True

    def __init__(self, program: str = PROGRAM) -> None:
        super().__init__()
        found = shutil.which(program)
        if found is None:
            raise EngineError(f"eSpeak NG is not installed ({program} is not on PATH)",
                              hint=INSTALL_HINT)
        self.program = found
        self._version = self._run(["--version"]).strip()

    def _run(self, args: list[str], text: str | None = None) -> str:
        try:
            done = subprocess.run([self.program, *args], input=text, capture_output=True,
                                  text=True, encoding="utf-8", timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EngineError(f"{self.program} failed to run ({exc})", hint=INSTALL_HINT) from exc
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise EngineError(f"{self.program} {' '.join(args[:2])} failed: "
                              f"{detail[-1] if detail else 'exit status ' + str(done.returncode)}",
                              hint="check the voice name with build-episode --list-voices")
        return done.stdout

    def fingerprint(self) -> str:
        return self._version

    @functools.cached_property
    def _voice_table(self) -> tuple[tuple[VoiceInfo, ...], tuple[VoiceInfo, ...], frozenset[str]]:
        """(base voices, variants, every name -v accepts for a base voice, lower-cased)."""
        bases, aliases = [], set()
        for row in _rows(self._run(["--voices"])):
            language, gender, title, file = row[1], row[2], row[3], row[4]
            bases.append(VoiceInfo(self.name, language, language, _gender(gender),
                                   title.replace("_", " ")))
            aliases.update(s.lower() for s in (language, title, file, file.rsplit("/", 1)[-1]))
        variants = []
        for row in _rows(self._run(["--voices=variant"])):
            gender, title, file = row[2], row[3], row[4]
            ident = file.rsplit("/", 1)[-1]
            variants.append(VoiceInfo(self.name, f"+{ident}", "", _gender(gender),
                                      f"variant {title}: add to any voice, e.g. en-us+{ident}"))
        return tuple(bases), tuple(variants), frozenset(aliases)

    def voices(self) -> tuple[VoiceInfo, ...]:
        bases, variants, _ = self._voice_table
        return bases + variants

    def check_voice(self, voice: Voice) -> None:
        _, variants, aliases = self._voice_table
        base, _, variant = voice.name.partition("+")
        if base.lower() not in aliases:
            raise EngineError(f"eSpeak NG has no voice {base!r} (in {voice.label})",
                              hint="pick one from `build-episode --list-voices --engine espeak`")
        if variant and f"+{variant}" not in {v.name for v in variants}:
            raise EngineError(f"eSpeak NG has no variant {variant!r} (in {voice.label})",
                              hint="pick one from `build-episode --list-voices --engine espeak`"
                                   ", e.g. +m3 or +f2")
        if voice.rate_wpm is not None and not MIN_RATE_WPM <= voice.rate_wpm <= MAX_RATE_WPM:
            raise EngineError(f"eSpeak NG cannot speak at {voice.rate_wpm} words a minute "
                              f"({voice.label})",
                              hint=f"use a rate from {MIN_RATE_WPM} to {MAX_RATE_WPM}")
        if voice.pitch is not None and not 0 <= voice.pitch <= 99:
            raise EngineError(f"eSpeak NG pitch must be 0-99, not {voice.pitch} ({voice.label})",
                              hint="use a pitch from 0 to 99 (50 is the voice's own)")

    def _voice_args(self, voice: Voice) -> list[str]:
        args = ["-v", voice.name]
        if voice.rate_wpm is not None:
            args += ["-s", str(voice.rate_wpm)]
        if voice.pitch is not None:
            args += ["-p", str(voice.pitch)]
        return args

    def _synthesize(self, text: str, voice: Voice, wav_path: Path) -> None:
        # Text goes in on stdin, so no text can be mistaken for an option.
        self._run([*self._voice_args(voice), "-b", "1", "-w", str(wav_path), "--stdin"], text)
        if not Path(wav_path).is_file():
            raise EngineError(f"{self.program} wrote no audio for voice {voice.label}",
                              hint="run espeak-ng by hand to see why, or pick another voice")

    def phonemes(self, text: str, voice: Voice | None = None, *, ipa: bool = True) -> str:
        """What eSpeak NG will say, as IPA (or its own ASCII notation): pronunciations are
        checked by reading this, not by ear."""
        voice = voice or Voice(self.name, "en-us")
        flag = "--ipa" if ipa else "-x"
        return self._run([*self._voice_args(voice), "-q", flag, "-b", "1", "--stdin"], text).strip()


def _rows(listing: str) -> list[list[str]]:
    """The rows of `espeak-ng --voices` (Pty Language Age/Gender VoiceName File Other...)."""
    rows = []
    for line in listing.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 5:
            rows.append(parts)
    return rows


def _gender(age_gender: str) -> str | None:
    code = age_gender.rpartition("/")[2].upper()
    return {"M": MALE, "F": FEMALE}.get(code)
