"""One call that republishes OUT after an episode is built: cover, show page, then the feed.

The feed goes last so it never points at art or pages that are not there yet. Everything is
rebuilt from the episode records on disk under a lock on OUT, so two builds finishing at once
both end up in the feed: the second to take the lock reads the first one's record.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..layout import Layout
from ..model import EpisodeRecord, Show
from .feed import write_feed
from .records import read_records
from .show import ensure_cover
from .site import write_site

@dataclass(frozen=True)
class Published:
    """What publishing wrote (or found already up to date)."""

    feed: Path
    page: Path
    cover: Path
    episodes: tuple[EpisodeRecord, ...]


def publish(show: Show, out_dir: Path, *, cover: Path | None = None) -> Published:
    """Rebuild cover, index.html and feed.xml in out_dir from every episode record in it.

    cover: the show's art a build has just put in OUT (it is not made again), else it is made
    here."""
    out_dir = Path(out_dir)
    with publishing_lock(out_dir):
        records = read_records(out_dir)
        cover = cover or ensure_cover(show, out_dir)
        page = write_site(show, records, out_dir)
        feed = write_feed(show, records, out_dir)
    return Published(feed=feed, page=page, cover=cover, episodes=records)


@contextlib.contextmanager
def publishing_lock(out_dir: Path):
    """Hold an exclusive lock on out_dir while its feed is rebuilt (a no-op where flock is absent)."""
    try:
        import fcntl
    except ImportError:  # Windows: builds into one folder at once are not serialised there
        yield
        return
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = open(Layout(out_dir).lock, "a+b")
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write here ({exc.strerror})",
                          hint="choose another --out folder or fix its permissions") from exc
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
