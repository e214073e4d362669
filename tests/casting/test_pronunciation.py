"""Pronunciation: a lexicon applied whole-word, with explicit case rules, and loaded from TOML."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podcast.casting.voicefiles import load_lexicon
from podcast.errors import ConfigError
from podcast.model import Lexicon, Pronunciation
from podcast.casting.pronunciation import apply_lexicon, speakable_text

LEXICON = Lexicon((
    Pronunciation("SPA", "S-P-A"),
    Pronunciation("Chang'e", "Chahng-uh", phonemes=(("espeak", "[[tS'A:N@]]"),)),
    Pronunciation("Chang'e 6", "Chahng-uh six"),
    Pronunciation("nasa", "Nassa", ignore_case=True),
    Pronunciation("Wu Weiren", "Woo Way-ren"),
))


def test_whole_words_only():
    said = apply_lexicon("The SPA Basin, SPA’s depths, SPAce, SPAIN and SPA-like rocks", LEXICON)
    assert said == "The S-P-A Basin, S-P-A’s depths, SPAce, SPAIN and S-P-A-like rocks"


def test_exact_case_is_the_default():
    assert apply_lexicon("a spa day at the Spa", LEXICON) == "a spa day at the Spa"


def test_ignore_case_matches_any_case():
    assert apply_lexicon("NASA, Nasa and nasa", LEXICON) == "Nassa, Nassa and Nassa"


def test_a_straight_apostrophe_matches_a_curly_one():
    assert apply_lexicon("China’s Chang’e 4 and Chang'e 5", LEXICON) == \
        "China’s Chahng-uh 4 and Chahng-uh 5"


def test_the_longer_entry_wins():
    assert apply_lexicon("Chang’e 6 and Chang’e 7", LEXICON) == "Chahng-uh six and Chahng-uh 7"


def test_a_phrase_matches_across_any_spacing():
    assert apply_lexicon("said Wu\nWeiren", LEXICON) == "said Woo Way-ren"


def test_engine_phonemes_win_for_that_engine_only():
    assert apply_lexicon("Chang'e 4", LEXICON, "espeak") == "[[tS'A:N@]] 4"
    assert apply_lexicon("Chang'e 4", LEXICON, "piper") == "Chahng-uh 4"


def test_speakable_text_drops_quotation_marks_but_keeps_apostrophes():
    text = "“Due regard,” a ‘first mover’ edge, Chang’e 6’s soil, the States’ view, it's \"so\""
    assert speakable_text(text, Lexicon()) == \
        "Due regard, a first mover edge, Chang’e 6’s soil, the States’ view, it's so"


def test_only_the_lexicon_can_write_espeak_phoneme_input():
    assert speakable_text("a [[bracketed]] aside on Chang'e", LEXICON, "espeak") == \
        "a [ [bracketed] ] aside on [[tS'A:N@]]"


@given(st.text(alphabet="abcdefghijklm opqrstuvwxyz.,’'-\n", max_size=200))
def test_text_without_entries_is_left_alone(text):
    assert apply_lexicon(text, LEXICON) == text
    assert apply_lexicon(text, Lexicon()) == text


@given(st.lists(st.sampled_from(["SPA", "spa", "SPAce", "Chang’e", "x", "NASA’s", "6"]),
                max_size=20))
def test_replacing_is_idempotent_for_respellings_that_hold_no_entry(words):
    once = apply_lexicon(" ".join(words), LEXICON)
    assert apply_lexicon(once, LEXICON) == once


# --- the shipped lexicon and the user's --------------------------------------------------------


def test_shipped_lexicon_has_what_the_sample_needs():
    said = apply_lexicon("Chang’e 6, the SPA Basin, NASA and the ILRS", load_lexicon(None))
    assert said == "Chahng-uh 6, the S.P.A Basin, Nassa and the I.L.R.S"


def test_user_lexicon_adds_and_replaces_entries(tmp_path):
    user = tmp_path / "words.toml"
    user.write_text('NASA = "N-A-S-A"\nJolliff = { say = "Jol-iff", case = "ignore" }\n',
                    encoding="utf-8")
    lexicon = load_lexicon(user)
    assert apply_lexicon("NASA and JOLLIFF", lexicon) == "N-A-S-A and Jol-iff"
    assert apply_lexicon("Chang’e", lexicon) == "Chahng-uh"  # shipped entries stay


def test_user_lexicon_with_engine_phonemes(tmp_path):
    user = tmp_path / "words.toml"
    user.write_text("Aitken = { say = \"Ate-kin\", espeak = \"[['eItkIn]]\" }\n", encoding="utf-8")
    lexicon = load_lexicon(user)
    assert apply_lexicon("Aitken", lexicon, "espeak") == "[['eItkIn]]"
    assert apply_lexicon("Aitken", lexicon, "piper") == "Ate-kin"


@pytest.mark.parametrize("content, line, words", [
    ('NASA = "Nassa"\nSPA = \n', 2, "not valid TOML"),
    ('NASA = "Nassa"\n\nSPA = { say = "S-P-A", case = "upper" }\n', 3, 'SPA.case must be'),
    ('ILRS = { sya = "I-L-R-S" }\n', 1, "ILRS.sya is not a setting"),
    ('"Chang\'e" = 6\n', 1, "must be a respelling"),
    ('X = { say = "" }\n', 1, "X.say needs a respelling"),
])
def test_a_bad_user_lexicon_names_file_line_and_key(tmp_path, content, line, words):
    user = tmp_path / "words.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_lexicon(user)
    message = str(caught.value)
    assert message.startswith(f"{user}, line {line}: ")
    assert words in message


def test_a_missing_user_lexicon_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="no such lexicon file"):
        load_lexicon(tmp_path / "nope.toml")
