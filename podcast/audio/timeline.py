"""Takes + pauses -> where every take sits, and the chapter and cue times (pure arithmetic).

Times come from the takes' known sample counts, never from probing the output: the mixdown
lays each take down at exactly the sample the plan gives it, so the chapter marks and transcript
cues computed here are the times of the audio. Pauses grow with the boundary they mark:
a sentence of the same voice < a change of voice < a new paragraph < a new chapter, and a
chapter starts inside the pause before its first word, shortly before the voice comes in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import RenderError
from ..model import NARRATOR, Chapter, Cue, Line, Take, clip_title

SENTENCE = "sentence"  # the same voice goes on within one paragraph
TURN = "turn"  # another voice takes over within one paragraph
PARAGRAPH = "paragraph"
CHAPTER = "chapter"

NARRATOR_LABEL = "Narrator"
UNNAMED_LABEL = "Unnamed speaker"
DEFAULT_WPM = 175  # a voice with no rate of its own (eSpeak NG's default)


@dataclass(frozen=True)
class Pauses:
    """Silence added between takes, by boundary: what the listener hears as the pause, since
    render trims each take's own silent edges to a few milliseconds.

    chapter_lead_ms is how long before the chapter's first word its mark sits, so a player
    that jumps to the chapter lands in the pause and hears a breath before the voice.
    """

    sentence_ms: int = 300
    turn_ms: int = 500
    paragraph_ms: int = 800
    chapter_ms: int = 1600
    chapter_lead_ms: int = 600
    tail_ms: int = 800

    def __post_init__(self) -> None:
        order = (self.sentence_ms, self.turn_ms, self.paragraph_ms, self.chapter_ms)
        if min(order) < 0 or list(order) != sorted(order):
            raise ValueError(f"pauses must grow sentence <= turn <= paragraph <= chapter: {order}")
        if not 0 <= self.chapter_lead_ms <= self.chapter_ms:
            raise ValueError("chapter_lead_ms must lie within chapter_ms")

    def for_boundary(self, boundary: str) -> int:
        return {SENTENCE: self.sentence_ms, TURN: self.turn_ms,
                PARAGRAPH: self.paragraph_ms, CHAPTER: self.chapter_ms}[boundary]


DEFAULT_PAUSES = Pauses()


@dataclass(frozen=True)
class Placement:
    """One take laid on the episode's timeline, in samples of the plan's rate."""

    take: Take
    start_sample: int
    samples: int
    boundary: str  # the kind of pause before it ("" for the first take)

    @property
    def end_sample(self) -> int:
        return self.start_sample + self.samples


@dataclass(frozen=True)
class Plan:
    """The whole episode as arithmetic: placements, chapters and cues on one sample clock."""

    sample_rate: int
    total_samples: int
    placements: tuple[Placement, ...]
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]

    @property
    def duration_ms(self) -> int:
        return samples_to_ms(self.total_samples, self.sample_rate)

    def ms(self, sample: int) -> int:
        """A sample position of this plan in whole milliseconds."""
        return samples_to_ms(sample, self.sample_rate)


def samples_to_ms(samples: int, sample_rate: int) -> int:
    return round(samples * 1000 / sample_rate)


def ms_to_samples(ms: float, sample_rate: int) -> int:
    return round(ms * sample_rate / 1000)


def speaker_label(take: Take) -> str:
    """Who the listener hears: the speaker's name, or Narrator."""
    segment = take.line.segment
    if segment.role == NARRATOR:
        return NARRATOR_LABEL
    return " ".join((segment.speaker or "").split()) or UNNAMED_LABEL


def boundary_kind(before: Line, after: Line) -> str:
    """The kind of boundary between two consecutive lines of the script."""
    a, b = before.segment, after.segment
    if a.chapter != b.chapter:
        return CHAPTER
    if a.paragraph != b.paragraph:
        return PARAGRAPH
    if (a.role, a.speaker, before.voice) == (b.role, b.speaker, after.voice):
        return SENTENCE
    return TURN


def estimated_s(line: Line) -> float:
    """About how long a line takes to say (its words at its voice's rate), before it is said."""
    return len(line.segment.text.split()) * 60 / (line.voice.rate_wpm or DEFAULT_WPM)


def place(previous: Placement | None, take: Take, rate: int,
          pauses: Pauses = DEFAULT_PAUSES) -> Placement:
    """Where a take goes on a clock of `rate`, given the take before it (None for the first).

    A take's place depends only on the takes before it, so an episode can be laid down as its
    takes arrive.
    """
    if take.samples <= 0 or take.sample_rate <= 0:
        raise RenderError(f"{take.path}: the take is empty",
                          hint="delete the segment cache and build again")
    boundary = boundary_kind(previous.take.line, take.line) if previous else ""
    gap = ms_to_samples(pauses.for_boundary(boundary), rate) if boundary else 0
    start = (previous.end_sample if previous else 0) + gap
    return Placement(take, start, max(1, round(take.samples * rate / take.sample_rate)), boundary)


def tail_samples(rate: int, pauses: Pauses = DEFAULT_PAUSES) -> int:
    """The silence after the last take."""
    return ms_to_samples(pauses.tail_ms, rate)


def plan_episode(takes: Sequence[Take], *, sample_rate: int | None = None,
                 pauses: Pauses = DEFAULT_PAUSES) -> Plan:
    """Lay the takes end to end with pauses; return their placements, chapters and cues.

    sample_rate is the clock of the mix; by default the rate most takes already have, so most
    takes need no resampling. Each take's length is converted to that clock exactly once.
    """
    if not takes:
        raise RenderError("nothing to assemble: the script produced no takes",
                          hint="check that the article has spoken text")
    rate = sample_rate or Counter(t.sample_rate for t in takes).most_common(1)[0][0]
    if rate <= 0:
        raise ValueError(f"sample_rate must be positive, not {rate}")
    placements: list[Placement] = []
    chapter_starts: list[tuple[str, int]] = []
    for take in takes:
        placement = place(placements[-1] if placements else None, take, rate, pauses)
        if not placements or placement.boundary == CHAPTER:  # the first starts at 0
            lead = (ms_to_samples(pauses.chapter_lead_ms, rate) if placements
                    else placement.start_sample)
            title = clip_title(take.line.segment.chapter) or f"Chapter {len(chapter_starts) + 1}"
            chapter_starts.append((title, placement.start_sample - lead))
        placements.append(placement)
    total = placements[-1].end_sample + tail_samples(rate, pauses)
    return Plan(
        sample_rate=rate,
        total_samples=total,
        placements=tuple(placements),
        chapters=_chapters(chapter_starts, total, rate),
        cues=tuple(Cue(speaker_label(p.take), " ".join(p.take.line.segment.text.split()),
                       samples_to_ms(p.start_sample, rate), samples_to_ms(p.end_sample, rate))
                   for p in placements),
    )


def _chapters(starts: list[tuple[str, int]], total: int, rate: int) -> tuple[Chapter, ...]:
    """Contiguous chapters: each ends where the next begins, the last at the end of the audio."""
    ends = [start for _, start in starts[1:]] + [total]
    return tuple(Chapter(title, samples_to_ms(start, rate), samples_to_ms(end, rate))
                 for (title, start), end in zip(starts, ends))
