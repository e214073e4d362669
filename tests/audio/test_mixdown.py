"""The mixdown, checked the way a listener's player and a loudness meter see the MP3: real
eSpeak NG takes in, real ffmpeg out, everything read back from the decoded file."""

from __future__ import annotations

import json
import statistics
import subprocess
import wave
from dataclasses import replace

import pytest
from mutagen.mp3 import MP3, BitrateMode

from assembly_fixtures import (LI_VOICE, decoded_seconds, ffmpeg_without_mp3, loudness,
                               make_takes, needs_tools, silences)
from podcast.audio import ffmpeg as ffmpeg_tools
from podcast.audio import mixdown
from podcast.errors import EngineError, RenderError
from podcast.audio.mixdown import mix_episode
from podcast.audio.timeline import CHAPTER, PARAGRAPH, SENTENCE, TURN, plan_episode

pytestmark = [needs_tools, pytest.mark.audio]


@pytest.fixture(scope="module")
def episode(tmp_path_factory):
    """Three chapters, three voices (one quiet, one at 16 kHz as Piper voices can be), mixed once."""
    folder = tmp_path_factory.mktemp("mix")
    takes = list(make_takes(folder))
    li = next(i for i, t in enumerate(takes) if t.line.voice == LI_VOICE)
    resampled = folder / "li-16k.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(takes[li].path), "-ar", "16000",
                    str(resampled)], check=True)
    with wave.open(str(resampled)) as wav:
        takes[li] = replace(takes[li], path=resampled, sample_rate=16000, samples=wav.getnframes())
    plan = plan_episode(takes)
    seen = []
    mix = mix_episode(takes, plan, folder / "episode.mp3", progress=lambda d, t: seen.append((d, t)))
    return takes, plan, mix, folder / "episode.mp3", seen


def test_the_decoded_audio_is_exactly_as_long_as_the_plan(episode):
    _, plan, mix, mp3, _ = episode
    assert abs(decoded_seconds(mp3) - plan.duration_ms / 1000) < 0.005  # delay and padding trimmed
    assert mix.duration_ms == plan.duration_ms
    assert mix.audio_bytes == mp3.stat().st_size


def test_the_encoded_file_measures_minus_16_lufs_and_at_most_minus_1_dbtp(episode):
    *_, mix, mp3, _ = episode
    lufs, peak = loudness(mp3)
    assert abs(lufs + 16) <= 1.0
    assert peak <= -1.0
    assert (mix.integrated_lufs, mix.true_peak_dbtp) == pytest.approx((lufs, peak), abs=0.1)


def test_every_voice_is_levelled_to_within_1_lu(episode, tmp_path):
    takes, plan, mix, mp3, _ = episode
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1",
                          "-ar", "44100", "-"], capture_output=True, check=True).stdout
    by_voice: dict = {}
    for placement in plan.placements:
        start, end = (round(plan.ms(s) * 44.1) * 2 for s in (placement.start_sample, placement.end_sample))
        by_voice.setdefault(placement.take.line.voice, []).append(pcm[start:end])
    mixed, raw = [], []
    for n, (voice, pieces) in enumerate(by_voice.items()):
        path = tmp_path / f"voice{n}.wav"
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1), wav.setsampwidth(2), wav.setframerate(44100)
            wav.writeframes(b"".join(pieces))
        mixed.append(loudness(path)[0])
        raw.append(loudness(next(t.path for t in takes if t.line.voice == voice))[0])
    assert max(raw) - min(raw) > 5  # the takes really differed (eSpeak amplitude 30 vs 100)
    assert max(mixed) - min(mixed) <= 1.0, mixed
    # What the mixdown's own meter heard of each voice (read from its block log while
    # encoding) agrees with cutting the voices out of the decoded file and metering them.
    own = {level.voice: level.limited_lufs for level in mix.voices}
    for voice, heard in zip(by_voice, mixed):
        assert own[voice] == pytest.approx(heard, abs=0.5), voice.label


def test_pauses_are_audible_and_grow_sentence_turn_paragraph_chapter(episode):
    _, plan, _, mp3, _ = episode
    pauses = silences(mp3)  # -45 dBFS for at least 0.25 s, as the outside checker listens
    heard: dict[str, list[float]] = {}
    for before, after in zip(plan.placements, plan.placements[1:]):
        middle = (plan.ms(before.end_sample) + plan.ms(after.start_sample)) / 2000
        pause = next((p for p in pauses if p[0] <= middle <= p[1]), None)
        assert pause, f"no audible pause at {middle:.2f} s ({after.boundary})"
        heard.setdefault(after.boundary, []).append(pause[1] - pause[0])
    order = [statistics.mean(heard[kind]) for kind in (SENTENCE, TURN, PARAGRAPH, CHAPTER)]
    assert order == sorted(order)


def test_each_chapter_starts_inside_a_real_pause(episode):
    _, plan, _, mp3, _ = episode
    pauses = silences(mp3)
    for chapter in plan.chapters[1:]:
        t = chapter.start_ms / 1000
        # 0.1 s of margin either side covers any player that does not trim the encoder delay
        assert any(s + 0.1 <= t <= e - 0.1 for s, e in pauses), (chapter, pauses)


def test_the_mp3_is_44k_mono_constant_bitrate(episode):
    *_, mix, mp3, _ = episode
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-of", "json",
                                       str(mp3)], capture_output=True, check=True).stdout)
    stream = probe["streams"][0]
    assert (stream["codec_name"], stream["sample_rate"], stream["channels"]) == ("mp3", "44100", 1)
    info = MP3(mp3).info
    assert info.bitrate_mode == BitrateMode.CBR and info.bitrate == mix.bitrate_kbps * 1000 == 96000


def test_progress_is_reported_up_to_the_whole_length(episode):
    _, plan, _, _, seen = episode
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == plan.duration_ms
    assert {t for _, t in seen} == {plan.duration_ms}


# --- failures leave the previous episode whole and say what to do ------------------------------


@pytest.fixture()
def small(tmp_path):
    takes = make_takes(tmp_path)[:2]
    return takes, plan_episode(takes), tmp_path


def test_ffmpeg_without_mp3_support_is_an_engine_error_and_keeps_the_old_file(small, monkeypatch):
    takes, plan, folder = small
    fake = ffmpeg_without_mp3(folder)
    monkeypatch.setattr(mixdown, "require_ffmpeg", lambda: str(fake))
    old = folder / "episode.mp3"
    old.write_bytes(b"previous episode")
    with pytest.raises(EngineError, match="libmp3lame") as caught:
        mix_episode(takes, plan, old)
    assert "install ffmpeg" in str(caught.value)
    assert old.read_bytes() == b"previous episode"
    assert sorted(p.name for p in folder.iterdir() if ".tmp" in p.name) == []


def test_no_ffmpeg_on_path_says_how_to_install_it(small, monkeypatch):
    takes, plan, folder = small
    monkeypatch.setattr(ffmpeg_tools.shutil, "which", lambda name: None)
    with pytest.raises(EngineError, match="ffmpeg was not found.*install ffmpeg"):
        mix_episode(takes, plan, folder / "episode.mp3")


def test_a_missing_take_is_named(small):
    takes, plan, folder = small
    takes[1].path.unlink()
    with pytest.raises(RenderError, match=str(takes[1].path)):
        mix_episode(takes, plan, folder / "episode.mp3")
    assert not (folder / "episode.mp3").exists()


def test_a_take_that_is_not_as_long_as_declared_is_refused(small):
    takes, _, folder = small
    wrong = (takes[0], replace(takes[1], samples=takes[1].samples * 2))
    with pytest.raises(RenderError, match="expected"):
        mix_episode(wrong, plan_episode(wrong), folder / "episode.mp3")


def test_a_plan_made_from_other_takes_is_refused(small):
    takes, plan, folder = small
    with pytest.raises(ValueError, match="plan_episode"):
        mix_episode(takes[:1], plan, folder / "episode.mp3")
