"""Every path under OUT, named once.

    OUT/feed.xml, OUT/index.html, OUT/cover.png|jpg, OUT/.cache/, OUT/.publish.lock
    OUT/episodes/SLUG/SLUG.mp3, episode.json, script.json, chapters.json,
                      transcript.vtt, transcript.srt

The feed, the show page and the records link to these files, the build writes them, and a
later run finds them again: one spelling keeps them agreeing. Paths only, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FEED = "feed.xml"
PAGE = "index.html"
CACHE = ".cache"
LOCK = ".publish.lock"
EPISODES = "episodes"
RECORD = "episode.json"

# The files beside an episode's MP3, by kind (an episode record may list other names).
CHAPTERS = "chapters"
TRANSCRIPT_VTT = "transcript_vtt"
TRANSCRIPT_SRT = "transcript_srt"
SCRIPT = "script"
SIDECAR_NAMES = {CHAPTERS: "chapters.json", TRANSCRIPT_VTT: "transcript.vtt",
                 TRANSCRIPT_SRT: "transcript.srt", SCRIPT: "script.json"}


@dataclass(frozen=True)
class EpisodeFiles:
    """The files of one episode in a folder: its place in OUT, or the staging folder a build
    writes before it swaps in (same names, so the swap is one rename)."""

    folder: Path
    slug: str

    @property
    def mp3(self) -> Path:
        return self.folder / f"{self.slug}.mp3"

    @property
    def record(self) -> Path:
        return self.folder / RECORD

    @property
    def script(self) -> Path:
        return self.sidecar(SCRIPT)

    def sidecar(self, kind: str, name: str | None = None) -> Path:
        """The sidecar of a kind, under name when the record gives its own."""
        return self.folder / (name or SIDECAR_NAMES[kind])

    def at(self, folder: Path) -> EpisodeFiles:
        """The same files in another folder."""
        return EpisodeFiles(Path(folder), self.slug)


@dataclass(frozen=True)
class Layout:
    """The paths of one OUT folder."""

    out: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "out", Path(self.out))

    @property
    def episodes(self) -> Path:
        return self.out / EPISODES

    @property
    def feed(self) -> Path:
        return self.out / FEED

    @property
    def page(self) -> Path:
        return self.out / PAGE

    @property
    def cache(self) -> Path:
        return self.out / CACHE

    @property
    def lock(self) -> Path:
        return self.out / LOCK

    def episode(self, slug: str) -> EpisodeFiles:
        """An episode's files in place: OUT/episodes/SLUG."""
        return EpisodeFiles(self.episodes / slug, slug)


def episode_href(slug: str, name: str) -> str:
    """A file of an episode as a path relative to OUT, for URLs and links (not yet quoted)."""
    return f"{EPISODES}/{slug}/{name}"
