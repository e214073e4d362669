"""One build, as the list of its stages: each a function over the build's state.

    cast → open staging → voice (synthesize and mix) → tag → sidecars → record → swap in
    (land), then publish: cover, show page and feed (build; once for several articles)

Every stage from the voice to the swap writes into a hidden staging folder, so a failed or interrupted
build leaves the previous episode and the feed as they were; the swap puts the finished folder
in place with two renames, and the feed is rebuilt from the records after it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from ..audio.mixdown import Mix
from ..audio.stream import Assembled, assemble
from ..casting.cast import Casting, cast_episode
from ..layout import SCRIPT, EpisodeFiles, Layout
from ..model import EpisodeRecord, Script, Show, Voice
from ..publishing.feed import feed_url
from ..publishing.id3 import tag_episode
from ..publishing.publish import Published, publish, publishing_lock
from ..publishing.records import new_guid, previous_record, write_record
from ..publishing.show import ensure_cover
from ..publishing.sidecars import write_sidecars
from .settings import Settings, load_show_only
from .sources import Source, save_script
from .staging import remove_dead_builds, staging_folder, swap_in

Progress = Callable[[int, int], None]


class BuildCancelled(Exception):
    """A build stopped at a checkpoint because its batch was interrupted (Ctrl-C, kill)."""


@dataclass(frozen=True)
class Built:
    """What a build made, for the summary."""

    script: Script
    mp3: Path
    record: EpisodeRecord
    mix: Mix
    roles: tuple[tuple[str, Voice], ...]
    cached: int
    synthesized: int
    feed: Path
    feed_url: str
    defaults: tuple[str, ...]
    seconds: float
    cover: Path | None = None


@dataclass
class Build:
    """One build's state: what it was given, and what each stage has made so far."""

    source: Source
    settings: Settings
    layout: Layout
    episode: EpisodeFiles  # where the episode lives in OUT once swapped in
    cache_dir: Path
    jobs: int | None = None
    id3_version: int = 3
    on_render: Progress | None = None
    on_encode: Progress | None = None
    cancelled: threading.Event | None = None
    cleanup: contextlib.ExitStack | None = None  # closed when the build ends, however it ends
    staging: EpisodeFiles | None = None  # where the stages write, until the swap
    casting: Casting | None = None
    voiced: Assembled | None = None
    published: datetime | None = None
    guid: str = ""
    cover: Path | None = None
    sidecars: dict[str, Path] | None = None
    record: EpisodeRecord | None = None

    @property
    def script(self) -> Script:
        return self.source.script

    @property
    def show(self) -> Show:
        return self.settings.show

    def checkpoint(self) -> None:
        """Stop here with BuildCancelled when the batch was interrupted."""
        if self.cancelled is not None and self.cancelled.is_set():
            raise BuildCancelled(self.source.name)

    def checked(self, report: Progress | None) -> Progress:
        """A progress callback that is also a checkpoint (a finished segment, a stretch of
        encoding)."""
        def progress(done: int, total: int) -> None:
            self.checkpoint()
            if report:
                report(done, total)
        return progress


# --- the stages, in order ----------------------------------------------------------------------


def cast(state: Build) -> None:
    """Every line's voice, and who is heard in which, chosen once."""
    state.casting = cast_episode(state.script, state.settings.cast)


def open_staging(state: Build) -> None:
    """A fresh hidden folder for this build's files, after the leftovers of dead builds go;
    removed when the build ends (after the swap it is gone already)."""
    remove_dead_builds(state.layout.episodes)
    folder = state.cleanup.enter_context(staging_folder(state.layout.episodes, state.episode.slug))
    state.staging = state.episode.at(folder)


def voice(state: Build) -> None:
    """Synthesize what the cache lacks and mix the episode's MP3 (the two overlap)."""
    state.voiced = assemble(state.casting.lines, state.staging.mp3,
                            lexicon=state.settings.lexicon, cache_dir=state.cache_dir,
                            jobs=state.jobs, on_render=state.checked(state.on_render),
                            on_encode=state.checked(state.on_encode))


def tag(state: Build) -> None:
    """The MP3's ID3 tags and chapters, with the episode's lasting identity (guid, first date:
    a rebuild keeps them, so apps do not see a new episode) and the show's cover."""
    previous = previous_record(state.layout.out, state.episode.slug)
    state.published = (previous.published if previous
                       else datetime.now(timezone.utc).replace(microsecond=0))
    state.guid = previous.guid if previous else new_guid()  # the MP3's TGID frame carries it too
    state.cover = ensure_cover(state.show, state.layout.out)
    script, mix = state.script, state.voiced.mix
    tag_episode(state.staging.mp3, title=script.title, show=state.show,
                chapters=state.voiced.plan.chapters, description=script.summary,
                date=state.published, link=script.link, feed_url=feed_url(state.show),
                guid=state.guid, cover=state.cover, id3_version=state.id3_version,
                duration_ms=mix.duration_ms)


def sidecars(state: Build) -> None:
    """chapters.json, the transcripts and the script JSON beside the MP3."""
    plan = state.voiced.plan
    state.sidecars = write_sidecars(state.staging, plan.chapters, plan.cues)
    state.sidecars[SCRIPT] = save_script(state.script, state.staging.script)


def record(state: Build) -> None:
    """episode.json: everything the feed and the show page will need of this episode."""
    script, mix, mp3 = state.script, state.voiced.mix, state.staging.mp3
    state.record = write_record(state.staging.folder, EpisodeRecord(
        slug=state.episode.slug, title=script.title, description=script.summary,
        guid=state.guid, published=state.published, duration_s=mix.duration_ms / 1000,
        audio_bytes=mp3.stat().st_size, audio_file=mp3.name,
        chapters=state.voiced.plan.chapters,
        speakers=tuple(s for s in script.quoted if s),
        narrator_voice=state.settings.cast.narrator.label, byline=script.byline,
        source=script.source, link=script.link,
        files=tuple((kind, path.name) for kind, path in state.sidecars.items()),
    ), keep_identity=False)


def swap(state: Build) -> None:
    """The finished folder in place of the old episode (two builds of one slug: one at a time)."""
    with publishing_lock(state.layout.out):
        swap_in(state.staging.folder, state.episode.folder)


LANDING = (cast, open_staging, voice, tag, sidecars, record, swap)


# --- running them ------------------------------------------------------------------------------


def land(source: Source, *, out_dir: Path, settings: Settings, jobs: int | None = None,
         cache_dir: Path | None = None, id3_version: int = 3, on_render: Progress | None = None,
         on_encode: Progress | None = None, cancelled: threading.Event | None = None) -> Built:
    """Run the stages up to the swap for one episode; the feed is left to the caller (several
    builds publish once). Setting cancelled stops the build at its next checkpoint (between
    stages, a finished segment, a stretch of encoding) with BuildCancelled."""
    started = time.monotonic()
    layout = Layout(out_dir)
    state = Build(source, settings, layout, layout.episode(source.slug),
                  Path(cache_dir) if cache_dir else layout.cache,
                  jobs=jobs, id3_version=id3_version, on_render=on_render,
                  on_encode=on_encode, cancelled=cancelled)
    with contextlib.ExitStack() as state.cleanup:
        for stage in LANDING:
            state.checkpoint()
            stage(state)
    return _built(state, time.monotonic() - started)


def build(source: Source, *, out_dir: Path, settings: Settings, script_out: Path | None = None,
          jobs: int | None = None, cache_dir: Path | None = None, id3_version: int = 3,
          on_render: Progress | None = None, on_encode: Progress | None = None,
          cancelled: threading.Event | None = None) -> Built:
    """Land one episode, then publish: the feed is rebuilt from the records after the swap,
    and script_out is written last, so a failed build leaves none there."""
    built = land(source, out_dir=out_dir, settings=settings, jobs=jobs, cache_dir=cache_dir,
                 id3_version=id3_version, on_render=on_render, on_encode=on_encode,
                 cancelled=cancelled)
    published = publish(settings.show, Path(out_dir), cover=built.cover)
    if script_out:
        save_script(source.script, script_out)
    return replace(built, feed=published.feed)


def republish(out_dir: Path, *, show_file: Path | None, base_url: str | None) -> Published:
    """Rebuild the cover, show page and feed from the episode records in out_dir."""
    return publish(load_show_only(show_file, base_url), Path(out_dir))


def _built(state: Build, seconds: float) -> Built:
    takes = state.voiced.takes
    return Built(script=state.script, mp3=state.episode.mp3,
                 record=state.record, mix=state.voiced.mix, roles=state.casting.roles,
                 cached=sum(1 for t in takes if t.cached),
                 synthesized=sum(1 for t in takes if not t.cached), feed=state.layout.feed,
                 feed_url=feed_url(state.show), defaults=state.settings.defaults,
                 seconds=seconds, cover=state.cover)
