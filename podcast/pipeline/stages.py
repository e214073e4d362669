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


def cast(build: Build) -> None:
    """Every line's voice, and who is heard in which, chosen once."""
    build.casting = cast_episode(build.script, build.settings.cast)


def open_staging(build: Build) -> None:
    """A fresh hidden folder for this build's files, after the leftovers of dead builds go;
    removed when the build ends (after the swap it is gone already)."""
    remove_dead_builds(build.layout.episodes)
    folder = build.cleanup.enter_context(staging_folder(build.layout.episodes, build.source.slug))
    build.staging = EpisodeFiles(folder, build.source.slug)


def voice(build: Build) -> None:
    """Synthesize what the cache lacks and mix the episode's MP3 (the two overlap)."""
    build.voiced = assemble(build.casting.lines, build.staging.mp3,
                            lexicon=build.settings.lexicon, cache_dir=build.cache_dir,
                            jobs=build.jobs, on_render=build.checked(build.on_render),
                            on_encode=build.checked(build.on_encode))


def tag(build: Build) -> None:
    """The MP3's ID3 tags and chapters, with the episode's lasting identity (guid, first date:
    a rebuild keeps them, so apps do not see a new episode) and the show's cover."""
    previous = previous_record(build.layout.out, build.source.slug)
    build.published = (previous.published if previous
                       else datetime.now(timezone.utc).replace(microsecond=0))
    build.guid = previous.guid if previous else new_guid()  # the MP3's TGID frame carries it too
    build.cover = ensure_cover(build.show, build.layout.out)
    script, mix = build.script, build.voiced.mix
    tag_episode(build.staging.mp3, title=script.title, show=build.show,
                chapters=build.voiced.plan.chapters, description=script.summary,
                date=build.published, link=script.link, feed_url=feed_url(build.show),
                guid=build.guid, cover=build.cover, id3_version=build.id3_version,
                duration_ms=mix.duration_ms)


def sidecars(build: Build) -> None:
    """chapters.json, the transcripts and the script JSON beside the MP3."""
    plan = build.voiced.plan
    build.sidecars = write_sidecars(build.staging, plan.chapters, plan.cues)
    build.sidecars[SCRIPT] = save_script(build.script, build.staging.script)


def record(build: Build) -> None:
    """episode.json: everything the feed and the show page will need of this episode."""
    script, mix, mp3 = build.script, build.voiced.mix, build.staging.mp3
    build.record = write_record(build.staging.folder, EpisodeRecord(
        slug=build.source.slug, title=script.title, description=script.summary,
        guid=build.guid, published=build.published, duration_s=mix.duration_ms / 1000,
        audio_bytes=mp3.stat().st_size, audio_file=mp3.name,
        chapters=build.voiced.plan.chapters,
        speakers=tuple(s for s in script.quoted if s),
        narrator_voice=build.settings.cast.narrator.label, byline=script.byline,
        source=script.source, link=script.link,
        files=tuple((kind, path.name) for kind, path in build.sidecars.items()),
    ), keep_identity=False)


def swap(build: Build) -> None:
    """The finished folder in place of the old episode (two builds of one slug: one at a time)."""
    with publishing_lock(build.layout.out):
        swap_in(build.staging.folder, build.layout.episode(build.source.slug).folder)


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
    build = Build(source, settings, layout, Path(cache_dir) if cache_dir else layout.cache,
                  jobs=jobs, id3_version=id3_version, on_render=on_render,
                  on_encode=on_encode, cancelled=cancelled)
    with contextlib.ExitStack() as build.cleanup:
        for stage in LANDING:
            build.checkpoint()
            stage(build)
    return _built(build, time.monotonic() - started)


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


def _built(build: Build, seconds: float) -> Built:
    takes = build.voiced.takes
    return Built(script=build.script, mp3=build.layout.episode(build.source.slug).mp3,
                 record=build.record, mix=build.voiced.mix, roles=build.casting.roles,
                 cached=sum(1 for t in takes if t.cached),
                 synthesized=sum(1 for t in takes if not t.cached), feed=build.layout.feed,
                 feed_url=feed_url(build.show), defaults=build.settings.defaults,
                 seconds=seconds, cover=build.cover)
