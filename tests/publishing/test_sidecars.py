"""Sidecars: Podcasting 2.0 chapters and speaker-labelled transcripts whose times are the
audio's own (checked against the decoded MP3), with names and text escaped per format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assembly_fixtures import make_takes, needs_tools, silences
from podcast.errors import OutputError
from podcast.audio.mixdown import mix_episode
from podcast.model import NARRATOR, SPEAKER, Line, Segment, Take, Voice
from podcast.layout import EpisodeFiles
from podcast.publishing.sidecars import transcript_srt, transcript_vtt, write_sidecars
from podcast.audio.timeline import plan_episode

VOICE = Voice("espeak", "en-us")


def fake_plan(*rows):
    """A plan from (speaker, text, chapter) rows; takes of 2 s each (no audio needed)."""
    takes = []
    for paragraph, (speaker, text, chapter) in enumerate(rows):
        segment = Segment(SPEAKER if speaker else NARRATOR, speaker, text, chapter, paragraph=paragraph)
        takes.append(Take(Line(segment, VOICE), Path("x.wav"), 22050, 44100))
    return plan_episode(takes)


def vtt_cues(text: str) -> list[tuple[str, str, str]]:
    return re.findall(r"^(\d{2}:\d{2}:\d{2}\.\d{3}) --> (\d{2}:\d{2}:\d{2}\.\d{3})\n(.*)$", text, re.M)


def seconds(stamp: str) -> float:
    h, m, s = stamp.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def _write(folder, plan):
    return write_sidecars(EpisodeFiles(folder, "episode"), plan.chapters, plan.cues)


def test_chapters_json_is_podcasting_2_chapters_in_order(tmp_path):
    plan = fake_plan((None, "Hello.", "Opening"), ("Ann Lee", "Hi.", "Opening"),
                     (None, "Next.", "Racing to the Moon"))
    paths = _write(tmp_path, plan)
    doc = json.loads(paths["chapters"].read_text(encoding="utf-8"))
    assert doc["version"] == "1.2.0"
    assert [(c["title"], c["startTime"]) for c in doc["chapters"]] == [
        (c.title, c.start_ms / 1000) for c in plan.chapters]
    starts = [c["startTime"] for c in doc["chapters"]]
    assert starts[0] == 0 and starts == sorted(set(starts))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chapters.json", "transcript.srt",
                                                          "transcript.vtt"]


def test_vtt_names_each_speaker_in_a_voice_span_at_the_plan_times(tmp_path):
    plan = fake_plan((None, "China landed.", "One"), ("James Head", "It is a treasure chest.", "One"))
    text = _write(tmp_path, plan)["transcript_vtt"].read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n\n")
    cues = vtt_cues(text)
    assert [c[2] for c in cues] == ["<v Narrator>China landed.</v>",
                                    "<v James Head>It is a treasure chest.</v>"]
    assert [(seconds(a), seconds(b)) for a, b, _ in cues] == [
        (c.start_ms / 1000, c.end_ms / 1000) for c in plan.cues]


def test_srt_numbers_cues_and_leads_with_the_speaker(tmp_path):
    plan = fake_plan((None, "China landed.", "One"), ("James Head", "It is a treasure chest.", "One"))
    blocks = transcript_srt(plan.cues).strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["1", "2"]
    assert re.fullmatch(r"\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}", blocks[1].splitlines()[1])
    assert blocks[1].splitlines()[2] == "James Head: It is a treasure chest."


def test_hostile_names_and_text_cannot_break_the_formats():
    plan = fake_plan(("Ann <b>&</b> Lee>", "A --> B\n\nsecond <i>line</i> {\\an8}", "One"))
    vtt = transcript_vtt(plan.cues)
    assert "<v Ann &lt;b&gt;&amp;&lt;/b&gt; Lee&gt;>" in vtt
    assert "A --&gt; B second &lt;i&gt;line&lt;/i&gt;" in vtt
    assert len(vtt_cues(vtt)) == 1  # no blank line and no stray arrow split the cue
    srt = transcript_srt(plan.cues)
    assert "<" not in srt and ">" not in srt.replace(" --> ", "") and "{" not in srt
    assert len(srt.strip().split("\n\n")) == 1


def test_long_episodes_keep_counting_hours():
    takes = [Take(Line(Segment(NARRATOR, None, "Long.", "One"), VOICE), Path("x.wav"), 1000,
                  101 * 3600 * 1000)]
    assert "100:59:59" not in transcript_vtt(plan_episode(takes).cues)
    assert "101:00:00.000" in transcript_vtt(plan_episode(takes).cues)


def test_a_folder_that_cannot_be_written_is_an_output_error(tmp_path):
    blocker = tmp_path / "episode"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(OutputError, match="episode"):
        _write(blocker, fake_plan((None, "Hello.", "One")))


@needs_tools
@pytest.mark.audio
def test_transcript_times_match_the_decoded_audio(tmp_path):
    """Between two cues the MP3 is silent; a cue never starts before its voice is done."""
    takes = make_takes(tmp_path)
    plan = plan_episode(takes)
    mp3 = mix_episode(takes, plan, tmp_path / "episode.mp3").path
    cues = vtt_cues(_write(tmp_path, plan)["transcript_vtt"].read_text(encoding="utf-8"))
    pauses = silences(mp3, min_s=0.1)
    for (_, end, _), (start, _, _) in zip(cues, cues[1:]):
        gap = (seconds(end), seconds(start))
        assert any(s - 0.02 <= gap[0] and gap[1] <= e + 0.02 for s, e in pauses), (gap, pauses)
    assert seconds(cues[-1][1]) < plan.duration_ms / 1000
