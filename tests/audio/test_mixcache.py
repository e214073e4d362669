"""A mix is kept by its inputs: the same takes in the same places encode nothing again."""

from __future__ import annotations

import os

import pytest

from assembly_fixtures import make_takes, needs_tools
from podcast.audio import mixdown
from podcast.audio.mixcache import cached_mix, forget_old, mix_key
from podcast.audio.timeline import Pauses, plan_episode

pytestmark = [needs_tools, pytest.mark.audio]


def test_same_inputs_copy_the_mix_and_new_pauses_make_a_new_one(tmp_path, monkeypatch):
    takes = make_takes(tmp_path)
    plan = plan_episode(takes)
    first = cached_mix(takes, plan, tmp_path / "a.mp3", cache_dir=tmp_path / "cache")

    def no_mixing(*args, **kwargs):
        raise AssertionError("mixed again although nothing changed")

    monkeypatch.setattr(mixdown, "mix_episode", no_mixing)
    again = cached_mix(takes, plan, tmp_path / "b.mp3", cache_dir=tmp_path / "cache")
    assert (tmp_path / "b.mp3").read_bytes() == (tmp_path / "a.mp3").read_bytes()
    assert (again.duration_ms, again.audio_bytes, again.integrated_lufs) == (
        first.duration_ms, first.audio_bytes, first.integrated_lufs)

    longer = plan_episode(takes, pauses=Pauses(chapter_ms=2000))
    assert mix_key(longer, target_lufs=-16, bitrate_kbps=96) != mix_key(
        plan, target_lufs=-16, bitrate_kbps=96)
    with pytest.raises(AssertionError, match="mixed again"):
        cached_mix(takes, longer, tmp_path / "c.mp3", cache_dir=tmp_path / "cache")


def test_only_the_newest_mixes_are_kept(tmp_path):
    """Each edit of an article makes a new mix; the cache keeps the most recently made or used."""
    folder = tmp_path / "mixes"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.json").write_text("{}")
        (folder / f"{n}.mp3").write_bytes(b"mp3")
        os.utime(folder / f"{n}.json", (1000 + n, 1000 + n))
    os.utime(folder / "0.json", (2000, 2000))  # used again lately
    forget_old(folder, keep=3)
    assert sorted(p.name for p in folder.iterdir()) == [
        "0.json", "0.mp3", "3.json", "3.mp3", "4.json", "4.mp3"]
