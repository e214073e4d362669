"""The value types passed between the stages of the pipeline.

Small frozen dataclasses with units in their names, tuples rather than lists. No I/O here, and
this module imports nothing of ours, so every stage can depend on it and on nothing later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

NARRATOR = "narrator"
SPEAKER = "speaker"
# What a narrator segment reads when it is not the story's prose: the title, a heading.
TITLE = "title"
HEADING = "heading"
FEMALE = "female"
MALE = "male"


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dropped:
    """A passage of the source that is not spoken, and why (kept in the script for the record)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under one heading; the opening section has heading None."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    """What the reader found in a source: the story, plus what it left out."""

    title: str
    dek: str
    byline: tuple[str, ...]
    sections: tuple[Section, ...]
    dropped: tuple[Dropped, ...] = ()
    source: str = ""
    link: str = ""
    language: str = "en"


# --- the script --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One stretch of speech by one voice.

    role is NARRATOR or SPEAKER. A SPEAKER segment names its speaker by canonical full name or
    description; speaker is None only for a quote whose speaker could not be found
    (attribution == "unattributed"). paragraph counts the article's spoken paragraphs from 0, so
    later stages can tell a paragraph break from a turn within one paragraph.
    """

    role: str
    speaker: str | None
    text: str
    chapter: str
    paragraph: int = 0
    attribution: str = ""


@dataclass(frozen=True)
class Speaker:
    """A quoted person: canonical name, gender where the article shows it, and the evidence."""

    name: str
    gender: str | None = None
    evidence: str = ""


@dataclass(frozen=True)
class Script:
    """The article as a sequence of narrator and speaker segments, in broadcast order."""

    title: str
    summary: str
    byline: tuple[str, ...]
    segments: tuple[Segment, ...]
    speakers: tuple[Speaker, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    source: str = ""
    link: str = ""
    language: str = "en"

    @property
    def chapters(self) -> tuple[str, ...]:
        """Chapter titles in order of first appearance."""
        seen: dict[str, None] = {}
        for segment in self.segments:
            seen.setdefault(segment.chapter, None)
        return tuple(seen)

    @property
    def quoted(self) -> tuple[str | None, ...]:
        """Who is heard, in order of their first quote (None: quotes no one was found to have
        said). The one speaker order: casting, the record and the summary all use it, and the
        script-writer lists its speakers in it (a hand-edited script's list may differ)."""
        return first_quote_order(self.segments)

    def speaker(self, name: str | None) -> Speaker | None:
        return next((s for s in self.speakers if s.name == name), None)


def first_quote_order(segments: Sequence[Segment]) -> tuple[str | None, ...]:
    """The speakers of SPEAKER segments, each once, in order of first quote."""
    return tuple(dict.fromkeys(s.speaker for s in segments if s.role == SPEAKER))


# --- voices ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voice:
    """A voice of one engine, with the settings that change its sound."""

    engine: str
    name: str
    rate_wpm: int | None = None
    pitch: int | None = None
    gender: str | None = None

    @property
    def label(self) -> str:
        extras = "".join(
            f" {k}={v}" for k, v in (("rate", self.rate_wpm), ("pitch", self.pitch)) if v is not None
        )
        return f"{self.engine}/{self.name}{extras}"


@dataclass(frozen=True)
class Cast:
    """The voices on offer for one episode: the narrator's, a pool for quoted speakers, and the
    user's choices by speaker name (which win over the pool)."""

    narrator: Voice
    pool: tuple[Voice, ...] = ()
    overrides: tuple[tuple[str, Voice], ...] = ()

    def override(self, speaker: str | None) -> Voice | None:
        return next((v for name, v in self.overrides if name == speaker), None)


@dataclass(frozen=True)
class Pronunciation:
    """How to say a word or phrase: a respelling every engine reads, or an engine's own phonemes.

    Matches whole words only; exact case unless ignore_case.
    """

    written: str
    say: str
    phonemes: tuple[tuple[str, str], ...] = ()  # (engine name, text in that engine's notation)
    ignore_case: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The pronunciations applied to every segment before synthesis."""

    entries: tuple[Pronunciation, ...] = ()


@dataclass(frozen=True)
class Line:
    """A segment with the voice cast to speak it."""

    segment: Segment
    voice: Voice


@dataclass(frozen=True)
class Take:
    """The synthesized audio of one line: a 16-bit mono WAV file of known length."""

    line: Line
    path: Path
    sample_rate: int
    samples: int
    cached: bool = False

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.samples / self.sample_rate


# --- timing and publishing ---------------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """A chapter of the episode, in milliseconds of the decoded audio."""

    title: str
    start_ms: int
    end_ms: int


MAX_TITLE_CHARS = 50  # longer chapter titles broke chapters in Apple Podcasts (ID3v2.4)


def clip_title(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    """One line, at most limit characters, cut at a word with an ellipsis when too long.

    Chapter titles are clipped here, once, so the ID3 chapters, chapters.json, the feed and the
    show page all carry the same title.
    """
    text = " ".join(str(title).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


@dataclass(frozen=True)
class Cue:
    """One transcript cue: who speaks what, when."""

    speaker: str
    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class EpisodeRecord:
    """What the feed and the show page need of one built episode (its episode.json)."""

    slug: str
    title: str
    description: str
    guid: str
    published: datetime
    duration_s: float
    audio_bytes: int
    audio_file: str
    chapters: tuple[Chapter, ...] = ()
    speakers: tuple[str, ...] = ()
    narrator_voice: str = ""
    byline: tuple[str, ...] = ()
    source: str = ""
    link: str = ""
    number: int | None = None
    files: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Show:
    """The podcast as a whole: what podcast.toml says, or sensible defaults."""

    title: str = "Article Podcast"
    description: str = "Articles read aloud."
    author: str = "Article Podcast"
    owner_name: str = ""
    owner_email: str = ""
    language: str = "en"
    categories: tuple[str, ...] = ("News",)
    explicit: bool = False
    link: str = ""
    copyright: str = ""
    image: Path | None = None
    base_url: str = ""
    locked: bool = True  # podcast:locked: other hosts may not import the feed without the owner
    podcast_guid: str = ""  # podcast:guid set by hand (keeps the identity when the feed moves)
