"""The timeline: takes laid end to end with pauses that grow with the boundary they mark,
chapters that start inside the pause before their first word, cues on the same clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podcast.errors import RenderError
from podcast.model import NARRATOR, SPEAKER, Line, Segment, Take, Voice
from podcast.audio.timeline import (CHAPTER, PARAGRAPH, SENTENCE, TURN, Pauses, plan_episode,
                              samples_to_ms)

RATE = 22050
NARRATOR_VOICE = Voice("espeak", "en-us")
HEAD_VOICE = Voice("espeak", "en+m3")


def take(chapter="One", paragraph=0, speaker=None, seconds=2.0, rate=RATE, text="Words here."):
    role, voice = (SPEAKER, HEAD_VOICE) if speaker else (NARRATOR, NARRATOR_VOICE)
    segment = Segment(role, speaker, text, chapter, paragraph=paragraph)
    return Take(Line(segment, voice), Path("unused.wav"), rate, int(seconds * rate))


def gaps_ms(plan):
    """(boundary, silence added before the take) for every take after the first."""
    pairs = zip(plan.placements, plan.placements[1:])
    return [(b.boundary, plan.ms(b.start_sample - a.end_sample)) for a, b in pairs]


def test_pauses_grow_sentence_turn_paragraph_chapter():
    plan = plan_episode([
        take(),                                   # narrator
        take(),                                   # same voice, same paragraph: sentence
        take(speaker="James Head"),               # another voice: turn
        take(paragraph=1),                        # new paragraph
        take(chapter="Two", paragraph=2),         # new chapter
    ])
    gaps = gaps_ms(plan)
    assert [kind for kind, _ in gaps] == [SENTENCE, TURN, PARAGRAPH, CHAPTER]
    lengths = [ms for _, ms in gaps]
    assert lengths == sorted(lengths) and len(set(lengths)) == 4


def test_chapter_starts_inside_the_pause_before_its_first_word():
    pauses = Pauses()
    plan = plan_episode([take(), take(chapter="Two", paragraph=1), take(chapter="Three", paragraph=2)])
    assert [c.title for c in plan.chapters] == ["One", "Two", "Three"]
    assert plan.chapters[0].start_ms == 0
    for chapter, (before, first) in zip(plan.chapters[1:], zip(plan.placements, plan.placements[1:])):
        assert plan.ms(before.end_sample) < chapter.start_ms < plan.ms(first.start_sample)
        assert plan.ms(first.start_sample) - chapter.start_ms == pauses.chapter_lead_ms


def test_chapters_are_contiguous_and_end_with_the_audio():
    plan = plan_episode([take(), take(chapter="Two", paragraph=1)])
    first, second = plan.chapters
    assert first.end_ms == second.start_ms
    assert second.end_ms == plan.duration_ms
    assert plan.total_samples == plan.placements[-1].end_sample + round(Pauses().tail_ms * RATE / 1000)


def test_cues_follow_the_takes_with_speaker_names():
    plan = plan_episode([take(text="Hello  there.\n"), take(speaker="James Head", text="Hi."),
                         take(chapter="Two", paragraph=1)])
    assert [c.speaker for c in plan.cues] == ["Narrator", "James Head", "Narrator"]
    assert plan.cues[0].text == "Hello there."
    for cue, placement in zip(plan.cues, plan.placements):
        assert cue.start_ms == plan.ms(placement.start_sample)
        assert cue.end_ms == plan.ms(placement.end_sample)


def test_an_unattributed_quote_is_labelled_not_left_blank():
    segment = Segment(SPEAKER, None, "Nobody knows.", "One", attribution="unattributed")
    plan = plan_episode([Take(Line(segment, HEAD_VOICE), Path("x.wav"), RATE, RATE)])
    assert plan.cues[0].speaker == "Unnamed speaker"


def test_takes_at_another_rate_are_timed_on_the_mix_clock():
    plan = plan_episode([take(seconds=1.0), take(seconds=1.0, rate=16000)])
    assert plan.sample_rate == RATE  # the rate most takes have
    assert plan.placements[1].samples == RATE  # one second, whatever the take's own rate
    explicit = plan_episode([take(seconds=1.0)], sample_rate=44100)
    assert explicit.placements[0].samples == 44100


def test_first_chapter_gets_a_title_even_when_the_script_has_none():
    assert plan_episode([take(chapter=" ")]).chapters[0].title == "Chapter 1"


def test_nothing_to_plan_is_a_render_error_naming_the_problem():
    with pytest.raises(RenderError, match="no takes"):
        plan_episode([])
    empty = Take(take().line, Path("silent.wav"), RATE, 0)
    with pytest.raises(RenderError, match="silent.wav"):
        plan_episode([empty])


def test_pauses_must_grow_with_the_boundary():
    with pytest.raises(ValueError):
        Pauses(sentence_ms=900, turn_ms=400)
    with pytest.raises(ValueError):
        Pauses(chapter_lead_ms=5000)


# Any script: the arithmetic holds for every sequence of chapters, paragraphs and voices.
steps = st.lists(st.tuples(st.integers(0, 2), st.booleans(), st.booleans(),
                           st.integers(1, 200_000), st.sampled_from([16000, 22050, 24000])),
                 min_size=1, max_size=40)


@given(steps)
def test_any_script_gives_ordered_gapless_chapters_and_non_overlapping_takes(script):
    takes, chapter, paragraph = [], 0, 0
    for new_chapter, new_paragraph, quoted, samples, rate in script:
        chapter += new_chapter == 2
        paragraph += new_paragraph or new_chapter == 2
        role, speaker, voice = (SPEAKER, "Ann Lee", HEAD_VOICE) if quoted else (NARRATOR, None, NARRATOR_VOICE)
        segment = Segment(role, speaker, "text", f"Chapter {chapter}", paragraph=paragraph)
        takes.append(Take(Line(segment, voice), Path("x.wav"), rate, samples))
    plan = plan_episode(takes)
    ends = [0] + [p.end_sample for p in plan.placements]
    assert all(p.start_sample >= end for p, end in zip(plan.placements, ends))
    assert plan.chapters[0].start_ms == 0
    assert all(a.end_ms == b.start_ms and a.start_ms < b.start_ms
               for a, b in zip(plan.chapters, plan.chapters[1:]))
    assert plan.chapters[-1].end_ms == plan.duration_ms == samples_to_ms(plan.total_samples, plan.sample_rate)
    assert len(plan.chapters) == 1 + sum(p.boundary == CHAPTER for p in plan.placements)
    assert len(plan.cues) == len(takes)
