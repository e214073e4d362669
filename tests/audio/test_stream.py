"""Synthesis and mixdown at once, with real eSpeak NG and ffmpeg: the encoder starts before the
last take is spoken, the MP3 is byte for byte the one a fully cached build makes, and a failure
or Ctrl-C on either side stops both and leaves nothing behind."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from assembly_fixtures import ffmpeg_without_mp3, loudness, needs_tools
from podcast.audio import ffmpeg as ffmpeg_tools
from podcast.audio.stream import assemble
from podcast.engines.espeak import EspeakEngine
from podcast.errors import EngineError
from podcast.model import NARRATOR, SPEAKER, Lexicon, Line, Segment, Voice

pytestmark = [needs_tools, pytest.mark.audio]

NARRATOR_VOICE = Voice("espeak", "en-us", 165)
GUEST_VOICE = Voice("espeak", "en-gb+f3", 160, pitch=65)


def script_lines(paragraphs: int = 24) -> list[Line]:
    """Narration with a guest now and then: about 90 s, twice what levelling listens to."""
    lines = []
    for paragraph in range(paragraphs):
        lines.append(Line(Segment(NARRATOR, None, f"In part {paragraph + 1}, the harbour boats "
                                  "raced along the old wall while families watched.",
                                  "Opening", paragraph), NARRATOR_VOICE))
        if paragraph % 3 == 1:
            lines.append(Line(Segment(SPEAKER, "Ada Okafor", "We have never seen crowds like "
                                      f"this one, not in {paragraph + 20} years.", "Opening",
                                      paragraph), GUEST_VOICE))
    return lines


class Watching(EspeakEngine):
    """eSpeak NG, noting whether the encoder had started when each line was spoken. Before the
    last line it waits (up to 20 s) for the encoder: a mixdown that only starts after synthesis
    would never come."""

    def __init__(self, folder: Path, lines: int, on_speak=None) -> None:
        super().__init__()
        self.folder, self.lines, self.on_speak, self.encoding_seen = folder, lines, on_speak, []

    def encoding(self) -> bool:
        return any(self.folder.glob(".mix-*.tmp.mp3"))

    def _synthesize(self, text, voice, wav_path):
        if len(self.encoding_seen) == self.lines - 1:
            deadline = time.monotonic() + 20
            while not self.encoding() and time.monotonic() < deadline:
                time.sleep(0.01)
        self.encoding_seen.append(self.encoding())
        if self.on_speak:
            self.on_speak(len(self.encoding_seen))
        super()._synthesize(text, voice, wav_path)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_encoding_starts_before_synthesis_ends_and_makes_the_cached_builds_bytes(tmp_path):
    lines, cache = script_lines(40), tmp_path / "cache"  # long enough to encode in two parts
    engine = Watching(tmp_path, len(lines))
    streamed = assemble(lines, tmp_path / "streamed.mp3", lexicon=Lexicon(), cache_dir=cache,
                        jobs=1, engines={"espeak": engine})
    assert engine.encoding_seen[0] is False and engine.encoding_seen[-1] is True
    lufs, peak = loudness(tmp_path / "streamed.mp3")
    assert abs(lufs + 16) <= 1 and peak <= -1
    assert streamed.mix.duration_ms == streamed.plan.duration_ms
    assert streamed.mix.parts == 2

    shutil.rmtree(cache / "mixes")  # every take cached, the mix not: levelled and mixed anew
    again = assemble(lines, tmp_path / "again.mp3", lexicon=Lexicon(), cache_dir=cache,
                     jobs=1, engines={"espeak": EspeakEngine()})
    assert all(take.cached for take in again.takes)
    laid = lambda plan: [(p.take.path, p.start_sample, p.samples) for p in plan.placements]
    assert laid(again.plan) == laid(streamed.plan) and again.plan.chapters == streamed.plan.chapters
    assert again.mix.parts == 2
    assert sha(tmp_path / "again.mp3") == sha(tmp_path / "streamed.mp3")


def test_a_mixdown_failure_stops_synthesis_and_leaves_no_scraps(tmp_path, monkeypatch):
    fake = ffmpeg_without_mp3(tmp_path)
    which = shutil.which
    monkeypatch.setattr(ffmpeg_tools.shutil, "which",
                        lambda name, *a, **k: str(fake) if name == "ffmpeg" else which(name))
    lines = script_lines(60)
    engine = Watching(tmp_path, len(lines))
    with pytest.raises(EngineError, match="libmp3lame"):
        assemble(lines, tmp_path / "episode.mp3", lexicon=Lexicon(), cache_dir=tmp_path / "c",
                 jobs=1, engines={"espeak": engine})
    assert len(engine.encoding_seen) < len(lines)  # it gave up early, not after every take
    assert not (tmp_path / "episode.mp3").exists()
    assert list(tmp_path.glob(".mix-*")) == []
    assert not [t for t in threading.enumerate() if t.name == "mixdown"]


def test_ctrl_c_during_synthesis_stops_the_encoder_too(tmp_path):
    lines = script_lines(60)

    def interrupt(spoken: int) -> None:
        if spoken == len(lines) - 3:  # the encoder is running by now
            raise KeyboardInterrupt

    engine = Watching(tmp_path, len(lines), on_speak=interrupt)
    with pytest.raises(KeyboardInterrupt):
        assemble(lines, tmp_path / "episode.mp3", lexicon=Lexicon(), cache_dir=tmp_path / "c",
                 jobs=1, engines={"espeak": engine})
    assert engine.encoding_seen[-1] is True
    assert not (tmp_path / "episode.mp3").exists()
    assert list(tmp_path.glob(".mix-*")) == []
    assert not [t for t in threading.enumerate() if t.name == "mixdown"]
    assert running_children("ffmpeg") == []


def running_children(name: str) -> list[int]:
    """Our child processes called name (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip() == name:
                    found.append(int(pid))
            except OSError:
                pass  # it ended meanwhile
    return found
