"""A finished mix, kept by its inputs, so a rebuild with nothing changed encodes nothing.

The mix is a pure function of the takes (content-addressed files of known length), where the
plan puts them, and the mixdown's settings. Levelling and encoding the sample take seconds of
ffmpeg; copying the MP3 the same inputs made last time takes milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from ..files import atomic_replace, atomic_write, temp_path_beside
from ..model import Take
from . import levelling
from . import mixdown
from .timeline import Plan

KEEP_MIXES = 12  # the finished mixes kept (an MP3 each, ~9 MB for 12 minutes): the newest used
# 2: levelled from excerpts, limiter at 2x, voices checked in the MP3; 3: encoded in two parts
CACHE_FORMAT = 3


def mix_key(plan: Plan, *, target_lufs: float, bitrate_kbps: int) -> str:
    """What the mix depends on: every take's content and place, and the mixdown's settings."""
    facts = {
        "format": CACHE_FORMAT,
        "target_lufs": target_lufs,
        "bitrate_kbps": bitrate_kbps,
        "settings": [mixdown.MP3_SAMPLE_RATE, mixdown.LIMIT_START_DBFS, mixdown.CEILING_DBTP,
                     mixdown.LUFS_AIM, mixdown.LIMITER_OVERSAMPLE, mixdown.VOICE_AIM_LU,
                     levelling.LEVEL_EXCERPT_S, levelling.LEVEL_STEP_DB],
        "rate": plan.sample_rate,
        "total": plan.total_samples,
        "takes": [(p.take.path.name, p.take.samples, p.take.sample_rate, p.start_sample,
                   p.samples) for p in plan.placements],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def cached_mix(takes: Sequence[Take], plan: Plan, mp3_path: Path, *, cache_dir: Path,
               progress: mixdown.Progress | None = None,
               target_lufs: float = mixdown.TARGET_LUFS,
               bitrate_kbps: int = mixdown.MP3_BITRATE_KBPS) -> mixdown.Mix:
    """mix_episode, or a copy of the MP3 that the same inputs made before."""
    known = recall(plan, mp3_path, cache_dir=cache_dir, target_lufs=target_lufs,
                   bitrate_kbps=bitrate_kbps)
    if known:
        return known
    mix = mixdown.mix_episode(takes, plan, mp3_path, progress=progress, target_lufs=target_lufs,
                              bitrate_kbps=bitrate_kbps)
    remember(plan, mix, cache_dir=cache_dir, target_lufs=target_lufs, bitrate_kbps=bitrate_kbps)
    return mix


def recall(plan: Plan, mp3_path: Path, *, cache_dir: Path,
           target_lufs: float = mixdown.TARGET_LUFS,
           bitrate_kbps: int = mixdown.MP3_BITRATE_KBPS) -> mixdown.Mix | None:
    """The mix these inputs made before, copied to mp3_path; None when there is none."""
    audio, facts = _entry(plan, cache_dir, target_lufs, bitrate_kbps)
    mp3_path = Path(mp3_path)
    try:
        known = json.loads(facts.read_text(encoding="utf-8"))
        if audio.stat().st_size == known["audio_bytes"]:
            _copy(audio, mp3_path)
            os.utime(facts)  # used: among the newest, so kept
            return mixdown.Mix(mp3_path, known["duration_ms"], known["audio_bytes"],
                               known["integrated_lufs"], known["true_peak_dbtp"],
                               known["sample_rate"], known["bitrate_kbps"], (), 0)
    except (OSError, ValueError, KeyError):
        pass  # not there, or damaged: mix again
    return None


def remember(plan: Plan, mix: mixdown.Mix, *, cache_dir: Path,
             target_lufs: float = mixdown.TARGET_LUFS,
             bitrate_kbps: int = mixdown.MP3_BITRATE_KBPS) -> None:
    """Keep a finished mix (before it is tagged) for the next build of the same inputs."""
    audio, facts = _entry(plan, cache_dir, target_lufs, bitrate_kbps)
    _copy(mix.path, audio)
    atomic_write(facts, json.dumps({
        "duration_ms": mix.duration_ms, "audio_bytes": mix.audio_bytes,
        "integrated_lufs": mix.integrated_lufs, "true_peak_dbtp": mix.true_peak_dbtp,
        "sample_rate": mix.sample_rate, "bitrate_kbps": mix.bitrate_kbps}))
    forget_old(audio.parent)


def forget_old(folder: Path, keep: int = KEEP_MIXES) -> None:
    """Remove all but the `keep` most recently made or used mixes: every edit of an article
    makes a new one, and an old mix is only worth its disk space while it may come back."""
    entries = sorted(folder.glob("*.json"), key=_mtime, reverse=True)
    for facts in entries[keep:]:
        facts.unlink(missing_ok=True)  # first: a mix without its facts is never used
        facts.with_suffix(".mp3").unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _entry(plan: Plan, cache_dir: Path, target_lufs: float, bitrate_kbps: int
           ) -> tuple[Path, Path]:
    key = mix_key(plan, target_lufs=target_lufs, bitrate_kbps=bitrate_kbps)
    folder = Path(cache_dir) / "mixes"
    return folder / f"{key}.mp3", folder / f"{key}.json"


def _copy(source: Path, target: Path) -> None:
    """Copy a file so that target is never seen half-written."""
    tmp = temp_path_beside(target)
    try:
        shutil.copyfile(source, tmp)
        atomic_replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
