"""Casting: one voice per speaker for the whole episode, distinct, gender-aware, deterministic;
and the cast files it starts from."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podcast.casting.cast import (
    NARRATOR_LABEL,
    UNATTRIBUTED_LABEL,
    assign_voices,
    cast_episode,
    cast_script,
)
from podcast.casting.voicefiles import load_cast
from podcast.errors import ConfigError
from podcast.model import FEMALE, MALE, NARRATOR, SPEAKER, Cast, Script, Segment, Speaker, Voice

NARRATOR_VOICE = Voice("espeak", "en-us", 165, gender=MALE)
POOL = (
    Voice("espeak", "en-gb+m3", gender=MALE),
    Voice("espeak", "en-us", pitch=70),  # the narrator's voice at another pitch: never used
    Voice("espeak", "en-029+f2", gender=FEMALE),
    Voice("espeak", "en-us-nyc+m6", gender=MALE),
    Voice("espeak", "en-gb-scotland"),
)
CAST = Cast(NARRATOR_VOICE, POOL)


def script(*turns: tuple[str | None, str], speakers: tuple[Speaker, ...] = ()) -> Script:
    """A script from (speaker, text) turns; speaker "-" is the narrator."""
    segments = tuple(
        Segment(NARRATOR, None, text, "Opening") if who == "-"
        else Segment(SPEAKER, who, text, "Opening")
        for who, text in turns
    )
    return Script("T", "S", (), segments, speakers)


STORY = script(
    ("-", "Head says:"), ("James Head", "It is first-class."),
    ("-", "Hanlon says:"), ("Michelle Hanlon", "Due regard."),
    ("-", "Someone said:"), (None, "An unattributed quote."),
    ("James Head", "And again."),
    speakers=(Speaker("James Head", MALE), Speaker("Michelle Hanlon", FEMALE)),
)


def test_narrator_segments_get_the_narrator_voice_and_speakers_keep_theirs():
    lines = cast_script(STORY, CAST)
    assert [line.segment for line in lines] == list(STORY.segments)
    assert {line.voice for line in lines if line.segment.role == NARRATOR} == {NARRATOR_VOICE}
    head = {line.voice for line in lines if line.segment.speaker == "James Head"}
    assert len(head) == 1


def test_speakers_get_distinct_voices_never_the_narrators():
    voices = assign_voices(STORY, CAST)
    assert len(set(voices.values())) == len(voices) == 3
    assert all(v.name != NARRATOR_VOICE.name for v in voices.values())


def test_gender_picks_a_voice_of_that_gender():
    voices = assign_voices(STORY, CAST)
    assert voices["James Head"].gender == MALE
    assert voices["Michelle Hanlon"] == Voice("espeak", "en-029+f2", gender=FEMALE)


def test_speakers_with_known_gender_choose_first():
    # The unknown speaker quotes first, but the only female voice still goes to the woman.
    story = script(("Dean Cheng", "First."), ("Michelle Hanlon", "Second."),
                   speakers=(Speaker("Dean Cheng"), Speaker("Michelle Hanlon", FEMALE)))
    pool = (Voice("espeak", "en-029+f2", gender=FEMALE), Voice("espeak", "en-gb"))
    voices = assign_voices(story, Cast(NARRATOR_VOICE, pool))
    assert voices == {"Dean Cheng": pool[1], "Michelle Hanlon": pool[0]}


def test_unattributed_quotes_get_a_voice_of_their_own():
    voices = assign_voices(STORY, CAST)
    assert None in voices
    assert voices[None] not in {voices["James Head"], voices["Michelle Hanlon"], NARRATOR_VOICE}


def test_user_override_by_name_wins_and_the_pool_avoids_it():
    chosen = Voice("espeak", "en-gb+m3", rate_wpm=170)
    voices = assign_voices(STORY, Cast(NARRATOR_VOICE, POOL, (("Michelle Hanlon", chosen),)))
    assert voices["Michelle Hanlon"] == chosen
    assert voices["James Head"].name != "en-gb+m3"


def test_speakers_share_only_when_the_pool_runs_out():
    many = script(*[(f"Person {i}", "Words here.") for i in range(6)])
    pool = (Voice("espeak", "a"), Voice("espeak", "b"))
    voices = assign_voices(many, Cast(NARRATOR_VOICE, pool))
    names = [v.name for v in voices.values()]
    assert names[:2] == ["a", "b"]
    assert sorted(names) == ["a", "a", "a", "b", "b", "b"]  # least-used first: even sharing


def test_no_pool_voice_besides_the_narrators_is_a_config_error():
    with pytest.raises(ConfigError, match="no voice for quoted speakers"):
        cast_script(STORY, Cast(NARRATOR_VOICE, (Voice("espeak", "en-us", pitch=80),)))
    narrator_only = script(("-", "Only narration."))
    assert cast_script(narrator_only, Cast(NARRATOR_VOICE, ()))[0].voice == NARRATOR_VOICE


def test_cast_roles_lists_narrator_then_speakers_in_order_of_first_quote():
    casting = cast_episode(STORY, CAST)
    assert casting.lines == cast_script(STORY, CAST)
    roles = casting.roles
    assert [who for who, _ in roles] == [NARRATOR_LABEL, "James Head", "Michelle Hanlon",
                                         UNATTRIBUTED_LABEL]
    assert roles[0][1] == NARRATOR_VOICE


@given(st.lists(st.tuples(st.sampled_from(["-", "A", "B", "C", "D", None]),
                          st.sampled_from(["x y.", "z."])), max_size=30),
       st.permutations(POOL))
def test_casting_is_deterministic_and_distinct_while_voices_last(turns, pool):
    story = script(*turns)
    cast = Cast(NARRATOR_VOICE, tuple(pool))
    assert cast_script(story, cast) == cast_script(story, cast)
    voices = assign_voices(story, cast)
    free = {v.name for v in pool} - {NARRATOR_VOICE.name}
    if len(voices) <= len(free):
        assert len({v.name for v in voices.values()}) == len(voices)
    assert NARRATOR_VOICE.name not in {v.name for v in voices.values()}


# --- cast files --------------------------------------------------------------------------------


def test_shipped_espeak_cast_has_a_pool_of_distinct_voices():
    cast = load_cast(None, "espeak")
    names = [v.name for v in cast.pool]
    assert len(names) >= 8 and len(set(names)) == len(names)
    assert cast.narrator.name not in names
    accents = {name.split("+")[0] for name in names}
    assert {"en-gb", "en-us", "en-gb-scotland", "en-029", "en-us-nyc"} <= accents
    assert {v.gender for v in cast.pool} == {MALE, FEMALE}


def test_piper_cast_narrates_on_piper_with_espeak_speakers():
    cast = load_cast(None, "piper")
    assert cast.narrator == Voice("piper", "en_US-joe-medium", gender=MALE)
    assert cast.pool == load_cast(None, "espeak").pool


def test_user_cast_overrides_by_speaker_name_and_narrator(tmp_path):
    user = tmp_path / "cast.toml"
    user.write_text(
        '"James Head" = { engine = "espeak", voice = "en-gb+m3", rate = 170 }\n'
        'narrator = { voice = "en-gb-x-rp+m1" }\n'
        '[speakers]\n"Michelle Hanlon" = "en-029+f2"\n', encoding="utf-8")
    cast = load_cast(user, "espeak")
    assert cast.override("James Head") == Voice("espeak", "en-gb+m3", rate_wpm=170)
    assert cast.override("Michelle Hanlon") == Voice("espeak", "en-029+f2")
    assert cast.narrator == Voice("espeak", "en-gb-x-rp+m1")
    assert cast.pool == load_cast(None, "espeak").pool


def test_a_model_path_is_relative_to_the_cast_file(tmp_path, monkeypatch):
    user = tmp_path / "show" / "cast.toml"
    user.parent.mkdir()
    user.write_text('"Bill Nelson" = { engine = "piper", voice = "voices/alan.onnx" }\n',
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    voice = load_cast(user, "espeak").override("Bill Nelson")
    assert voice == Voice("piper", str(tmp_path / "show" / "voices" / "alan.onnx"))


def test_user_cast_can_replace_an_engines_pool(tmp_path):
    user = tmp_path / "cast.toml"
    user.write_text('[espeak]\npool = [\n  { voice = "en-gb+f3", gender = "female" },\n]\n',
                    encoding="utf-8")
    cast = load_cast(user, "espeak")
    assert cast.pool == (Voice("espeak", "en-gb+f3", gender=FEMALE),)
    assert cast.narrator == load_cast(None, "espeak").narrator


@pytest.mark.parametrize("content, line, words", [
    ('"James Head" = { voice = "en-gb+m3", speed = 170 }\n', 1,
     '"James Head".speed is not a setting'),
    ('[espeak]\npool = [\n  { voice = "a" },\n  { voice = "b", rate = "fast" },\n]\n', 4,
     "espeak.pool[1].rate must be a whole number"),
    ('\n\n"Bill Nelson" = { voice = "x", engine = "festival" }\n', 3, "unknown engine 'festival'"),
    ('"Bill Nelson" = { voice = "x", gender = "robot" }\n', 1, '"Bill Nelson".gender must be'),
    ('[espeak]\nnarrator = { voice = "en-us", pitch = 120 }\n', 2, "espeak.narrator.pitch must be"),
    ('"Bill Nelson" = { voice = "x" \n', 1, "not valid TOML"),
    ('[espeak]\npool = "nowhere"\n', 2, "names 'nowhere'"),
])
def test_a_bad_user_cast_names_file_line_and_key(tmp_path, content, line, words):
    user = tmp_path / "cast.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_cast(user, "espeak")
    assert str(caught.value).startswith(f"{user}, line {line}: ")
    assert words in str(caught.value)


def test_an_engine_without_a_cast_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"no cast for engine 'festival'.*add a \[festival\]"):
        load_cast(None, "festival")
