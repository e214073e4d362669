"""Give every segment a voice (pure and deterministic: same script, same cast, same voices).

The narrator keeps the cast's narrator voice. Each quoted speaker keeps one voice for the whole
episode: the user's choice by name if there is one, else a pool voice that no one else has and
that is not the narrator's, of the speaker's gender where the script shows one and the pool has
one. Speakers with known gender choose first, so a pool's few voices of one gender go to the
people who need them. Quotes no one could be found to have said (speaker None) share one voice
of their own. Only when the pool runs out do two speakers share, the least-used voice first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..errors import ConfigError
from ..model import SPEAKER, Cast, Line, Script, Voice

NARRATOR_LABEL = "Narrator"
UNATTRIBUTED_LABEL = "Unattributed quotes"


def _identity(voice: Voice) -> tuple[str, str]:
    # Rate and pitch change a voice's sound less than its name does: two speakers on one named
    # voice count as sharing it.
    return voice.engine, voice.name


def _gender(script: Script, speaker: str | None) -> str | None:
    found = script.speaker(speaker) if speaker is not None else None
    return found.gender if found else None


def assign_voices(script: Script, cast: Cast) -> dict[str | None, Voice]:
    """Each quoted speaker's voice (key None: unattributed quotes), in order of first quote."""
    speakers = script.quoted
    chosen: dict[str | None, Voice] = {}
    used: Counter[tuple[str, str]] = Counter()
    for speaker in speakers:
        override = cast.override(speaker) if speaker is not None else None
        if override is not None:
            chosen[speaker] = override
            used[_identity(override)] += 1
    pool: dict[tuple[str, str], Voice] = {}
    for voice in cast.pool:
        if _identity(voice) != _identity(cast.narrator):
            pool.setdefault(_identity(voice), voice)
    waiting = [s for s in speakers if s not in chosen]
    if waiting and not pool:
        raise ConfigError(f"the cast has no voice for quoted speakers besides the narrator's "
                          f"({cast.narrator.label})",
                          hint="add voices to the engine's pool in your --cast file")
    # Stable sort: speakers with known gender first, each group in order of first quote.
    for speaker in sorted(waiting, key=lambda s: _gender(script, s) is None):
        gender = _gender(script, speaker)
        free = [v for key, v in pool.items() if used[key] == 0]
        candidates = free or sorted(pool.values(), key=lambda v: used[_identity(v)])
        matching = [v for v in candidates if gender is not None and v.gender == gender]
        unmarked = [v for v in candidates if v.gender is None]
        voice = (matching or (unmarked if gender is None else []) or candidates)[0]
        chosen[speaker] = voice
        used[_identity(voice)] += 1
    return {speaker: chosen[speaker] for speaker in speakers}


@dataclass(frozen=True)
class Casting:
    """A script cast once: every line with its voice, and who is heard in which voice."""

    lines: tuple[Line, ...]
    roles: tuple[tuple[str, Voice], ...]  # (who, voice): the narrator, then each speaker


def cast_episode(script: Script, cast: Cast) -> Casting:
    """The voices of a build, chosen once for the lines and the summary alike."""
    voices = assign_voices(script, cast)
    lines = tuple(
        Line(segment, voices[segment.speaker] if segment.role == SPEAKER else cast.narrator)
        for segment in script.segments
    )
    roles = ((NARRATOR_LABEL, cast.narrator),
             *((speaker if speaker is not None else UNATTRIBUTED_LABEL, voice)
               for speaker, voice in voices.items()))
    return Casting(lines, roles)


def cast_script(script: Script, cast: Cast) -> tuple[Line, ...]:
    """Every segment of the script, in order, with the voice that speaks it."""
    return cast_episode(script, cast).lines
