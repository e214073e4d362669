"""Staging folders name the host and process that made them, and a build removes another's only
when it is sure that build is dead: by pid on this host, by age (a day) from another host,
since OUT may be shared between machines. Also how -j is shared between builds at once."""

from __future__ import annotations

import os
import time

import pytest

from podcast.pipeline import staging
from podcast.pipeline.batch import split_jobs
from podcast.pipeline.staging import (FOREIGN_MAX_AGE_S, BuildFolder, folder_name, is_dead,
                             parse_folder_name, remove_dead_builds, staging_folder)

HOUR = 3600.0


def judge(name: str, *, age_s: float = 60.0, alive=(), running=()) -> bool:
    return is_dead(name, age_s=age_s, this_host="here", this_pid=100,
                   running_here=set(running).__contains__, pid_alive=set(alive).__contains__)


def test_a_folder_name_carries_slug_host_and_pid():
    name = folder_name("moon-news", "building", host="pod-host-2", pid=4321)
    assert name == ".moon-news.building-pod-host-2-4321"
    assert parse_folder_name(name) == BuildFolder("moon-news", "building", "pod-host-2", 4321)
    assert parse_folder_name(".moon-news.old-77", this_host="here") == BuildFolder(
        "moon-news", "old", "here", 77)  # written before host names: read as this host's
    assert parse_folder_name("moon-news") is None
    assert parse_folder_name(".feed.xml.abc.tmp") is None


def test_this_hosts_folders_are_judged_by_pid():
    assert judge(".a.building-here-200", alive={200}) is False
    assert judge(".a.building-here-200", alive=()) is True
    assert judge(".a.old-here-200", alive=(), age_s=1.0) is True  # age does not matter here
    assert judge(".a.building-200", alive=()) is True  # the old name: this host


def test_our_own_pid_is_dead_unless_one_of_our_threads_is_building_there():
    assert judge(".a.building-here-100", running={".a.building-here-100"}) is False
    assert judge(".a.building-here-100", running={".b.building-here-100"}) is True


def test_another_hosts_folders_are_judged_by_age_never_by_pid():
    # pid 200 is dead here, but that says nothing about host "there"
    assert judge(".a.building-there-200", alive=(), age_s=23 * HOUR) is False
    assert judge(".a.building-there-200", alive={200}, age_s=25 * HOUR) is True
    assert judge(".a.old-there-100", age_s=FOREIGN_MAX_AGE_S - 1) is False  # even our own pid


def test_something_else_hidden_is_never_removed():
    assert judge(".publish.lock", age_s=1e9) is False
    assert judge(".cache", age_s=1e9) is False


def test_remove_dead_builds_on_disk(tmp_path):
    host, me = staging.HOST, os.getpid()
    dead_pid = _a_dead_pid()
    names = {
        "dead here": folder_name("a", "building", host=host, pid=dead_pid),
        "alive here": folder_name("b", "building", host=host, pid=1),
        "fresh elsewhere": folder_name("c", "building", host="elsewhere", pid=dead_pid),
        "stale elsewhere": folder_name("d", "old", host="elsewhere", pid=1),
        "ours, finished": folder_name("e", "building", host=host, pid=me),
    }
    for name in names.values():
        (tmp_path / name).mkdir()
        (tmp_path / name / "episode.json").write_text("{}")
    day_ago = time.time() - FOREIGN_MAX_AGE_S - HOUR
    os.utime(tmp_path / names["stale elsewhere"], (day_ago, day_ago))
    with staging_folder(tmp_path, "f") as live:  # a build of ours running now
        removed = remove_dead_builds(tmp_path)
        assert live.is_dir()
    assert sorted(removed) == sorted([names["dead here"], names["stale elsewhere"],
                                      names["ours, finished"]])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [names["alive here"], names["fresh elsewhere"]])  # and the live one is gone after it


def _a_dead_pid() -> int:
    for pid in range(os.getpid() + 50_000, os.getpid() + 60_000):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            continue
    pytest.skip("no free pid found")


@pytest.mark.parametrize("jobs, builds, expected", [
    (2, 1, (1, 2)),
    (2, 2, (2, 1)),
    (2, 3, (2, 1)),  # two cores: two builds at a time, one eSpeak NG each
    (8, 3, (3, 2)),
    (1, 5, (1, 1)),
    (16, 2, (2, 8)),
])
def test_jobs_are_shared_between_builds_not_multiplied(jobs, builds, expected):
    at_once, each = split_jobs(jobs, builds)
    assert (at_once, each) == expected
    assert at_once * each <= max(jobs, at_once)


def test_default_jobs_are_the_cores():
    assert split_jobs(None, 1) == (1, os.cpu_count() or 1)


def test_builds_run_one_at_a_time_when_an_engine_cannot_overlap(monkeypatch):
    """pyttsx3's drivers must not speak for two builds at once: one render keeps its own calls
    apart, two renders at once would not."""
    from podcast.pipeline import batch
    from podcast.pipeline.batch import Prepared, _may_overlap
    from podcast.engines.fake import FakeEngine
    from podcast.model import Cast, Lexicon, Script, Show, Voice
    from podcast.pipeline.settings import Settings
    from podcast.pipeline.sources import Source

    serial = FakeEngine("serial")
    serial.parallel = False
    found = {"fake": FakeEngine("fake"), "serial": serial}
    monkeypatch.setattr(batch, "get_engine", found.__getitem__)

    def prepared(*voices: Voice) -> Prepared:
        cast = Cast(narrator=voices[0], overrides=tuple(("Someone", v) for v in voices[1:]))
        settings = Settings(Show(title="Show"), (), cast, Lexicon())
        return Prepared(Source("a.txt", Script("A", "", (), ())), settings)

    fake, other = Voice("fake", "low"), Voice("serial", "one")
    assert _may_overlap([prepared(fake), prepared(fake)]) is True
    assert _may_overlap([prepared(fake), prepared(fake, other)]) is False
