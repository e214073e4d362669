"""Where a build writes before its episode is in place, and how leftovers of dead builds go.

A build writes its episode into a hidden folder, `.SLUG.building-HOST-PID`, then swaps it in
place of the old one (which briefly becomes `.SLUG.old-HOST-PID`). A build that was killed
outright leaves its folder behind; the next build removes it once it is sure its owner is gone.
It can be sure by process id only on the host that ran it: OUT may be shared between machines
(NFS, a synced folder), and a pid on another host says nothing here. A folder from another host
is removed only when it has not changed for a day, far longer than any build takes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..files import FOREIGN_MAX_AGE_S, HOST, pid_alive


# Staging folders of builds running in this process (several articles build at once in
# threads): they share our pid, so the pid alone cannot tell them from our own dead ones.
_live: set[str] = set()
_live_lock = threading.Lock()

_NAME = re.compile(r"\.(?P<slug>[^.]+)\.(?P<kind>building|old)-(?:(?P<host>.+)-)?(?P<pid>\d+)")


@dataclass(frozen=True)
class BuildFolder:
    """What a staging or old folder's name says about the build that made it."""

    slug: str
    kind: str  # "building" or "old"
    host: str  # the name written by versions before host names is read as this host
    pid: int


def folder_name(slug: str, kind: str, *, host: str = HOST, pid: int | None = None) -> str:
    """The hidden folder name of a build of slug on host by process pid (default: this one)."""
    return f".{slug}.{kind}-{host}-{os.getpid() if pid is None else pid}"


def parse_folder_name(name: str, *, this_host: str = HOST) -> BuildFolder | None:
    """The build a folder name belongs to, or None when it is not a build's folder."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    return BuildFolder(match["slug"], match["kind"], match["host"] or this_host, int(match["pid"]))


def is_dead(name: str, *, age_s: float, this_host: str, this_pid: int,
            running_here: Callable[[str], bool], pid_alive: Callable[[int], bool]) -> bool:
    """Whether the build that made the folder called name is surely gone (the rule, no I/O).

    On this host: our own pid means a build of ours, dead unless it is running in a thread now;
    another pid is dead when no such process exists. From another host: dead only when the
    folder has not changed for FOREIGN_MAX_AGE_S. A name that is no build's folder: never.
    """
    folder = parse_folder_name(name, this_host=this_host)
    if folder is None:
        return False
    if folder.host != this_host:
        return age_s > FOREIGN_MAX_AGE_S
    if folder.pid == this_pid:
        return not running_here(name)
    return not pid_alive(folder.pid)


def remove_dead_builds(episodes: Path) -> list[str]:
    """Remove the staging and old folders of builds that were killed; return their names."""
    if not episodes.is_dir():
        return []
    removed = []
    now = time.time()
    for path in episodes.glob(".*"):
        if parse_folder_name(path.name) is None or not path.is_dir():
            continue
        try:
            age_s = now - path.stat().st_mtime
        except OSError:
            continue  # gone already: its build finished, or another build cleaned it up
        # Asked per folder, after the glob: a thread of ours registers its folder before making it.
        if is_dead(path.name, age_s=age_s, this_host=HOST, this_pid=os.getpid(),
                   running_here=_running_here, pid_alive=pid_alive):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def _running_here(name: str) -> bool:
    with _live_lock:
        return name in _live


@contextlib.contextmanager
def staging_folder(episodes: Path, slug: str):
    """A fresh staging folder for slug, known as live while the block runs, removed after it
    (after a swap-in it is gone already)."""
    staging = episodes / folder_name(slug, "building")
    with _live_lock:
        _live.add(staging.name)
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        with _live_lock:
            _live.discard(staging.name)


def swap_in(staging: Path, final: Path) -> None:
    """Put the finished episode folder in place of the old one with two renames."""
    old = final.with_name(folder_name(final.name, "old"))
    with _live_lock:
        _live.add(old.name)
    try:
        if final.exists():
            try:
                os.replace(final, old)
            except OSError as exc:  # EBUSY: a mount point; EACCES, EROFS, ...
                raise OutputError(f"{final}: cannot replace the episode folder ({exc.strerror})",
                                  hint="make sure it can be renamed (not a mount point, not "
                                       "read-only); the previous episode was kept") from exc
        try:
            os.replace(staging, final)
        except OSError as exc:
            if old.exists() and not final.exists():
                os.replace(old, final)  # put the previous episode back
            raise OutputError(f"{final}: cannot put the new episode folder in place "
                              f"({exc.strerror})",
                              hint="free some space or fix the folder's permissions; "
                                   "the previous episode was kept") from exc
        shutil.rmtree(old, ignore_errors=True)
    finally:
        with _live_lock:
            _live.discard(old.name)
