"""TTS engines: found by name through the entry-point group, checking themselves, and (for the real
ones) writing whole files of plausible length, with the pronunciations the lexicon asks for."""

from __future__ import annotations

import importlib.util
import re
import wave
from array import array
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from podcast.casting.voicefiles import load_cast, load_lexicon
from podcast.engines import ENTRY_POINT_GROUP, Engine, engine_names, get_engine
from podcast.engines.espeak import EspeakEngine
from podcast.engines.fake import FakeEngine
from podcast.engines.pyttsx3 import refuses_here
from podcast.errors import EngineError
from podcast.model import Voice
from podcast.casting.pronunciation import speakable_text
from podcast.audio.takes import count_words

PARAGRAPH = ("China is a relative newcomer to interplanetary missions, Head says. But thanks to "
             "heavy, sustained investments, China is now a major player in planetary science. "
             "It has already sent an orbiter and rover to Mars. And it is sparing no expense "
             "in efforts to capitalize on its precious lunar samples.")


def wav_facts(path: Path) -> tuple[int, int, int, float]:
    with wave.open(str(path), "rb") as wav:
        return (wav.getnchannels(), wav.getsampwidth(), wav.getframerate(),
                wav.getnframes() / wav.getframerate())


def words_a_minute(text: str, seconds: float) -> float:
    return count_words(text) * 60.0 / seconds


# --- the registry ------------------------------------------------------------------------------


def test_builtin_engines_register_through_the_entry_point_group():
    registered = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    assert registered["espeak"] == "podcast.engines.espeak:EspeakEngine"
    assert registered["pyttsx3"] == "podcast.engines.pyttsx3:Pyttsx3Engine"
    assert registered["piper"] == "podcast.engines.piper:PiperEngine"
    assert engine_names()[0] == "espeak"  # the default first


def test_an_unknown_engine_names_the_valid_ones():
    with pytest.raises(EngineError, match=r"unknown TTS engine 'festival'.*espeak, piper, pyttsx3"):
        get_engine("festival")


def test_get_engine_gives_one_checked_instance_per_name():
    engine = get_engine("espeak")
    assert isinstance(engine, Engine) and engine is get_engine("espeak")


def test_a_missing_espeak_says_how_to_install_it():
    with pytest.raises(EngineError, match=r"not installed.*apt-get install espeak-ng"):
        EspeakEngine(program="espeak-ng-that-is-not-there")


def test_the_fake_engine_is_a_full_engine():
    assert isinstance(FakeEngine(), Engine)


# --- pyttsx3 -----------------------------------------------------------------------------------


def test_pyttsx3_refuses_where_it_would_truncate():
    assert refuses_here("linux") and not refuses_here("darwin") and not refuses_here("win32")


@pytest.mark.skipif(not refuses_here(), reason="pyttsx3 writes whole files on macOS and Windows")
def test_pyttsx3_on_linux_refuses_with_the_fix():
    with pytest.raises(EngineError) as caught:
        get_engine("pyttsx3")
    assert "truncates" in str(caught.value) and "--engine espeak" in str(caught.value)


# --- eSpeak NG ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def espeak() -> EspeakEngine:
    return EspeakEngine()


@pytest.mark.audio
def test_espeak_writes_a_whole_multi_sentence_file(espeak, tmp_path):
    out = tmp_path / "para.wav"
    espeak.synthesize(PARAGRAPH, Voice("espeak", "en-us", 165), out)
    channels, width, rate, seconds = wav_facts(out)
    assert (channels, width, rate) == (1, 2, 22050)
    assert 110 <= words_a_minute(PARAGRAPH, seconds) <= 230
    # The last sentence is there: the whole text takes longer than all but its last sentence.
    first = tmp_path / "first.wav"
    espeak.synthesize(PARAGRAPH.rsplit(" And ", 1)[0], Voice("espeak", "en-us", 165), first)
    assert seconds > wav_facts(first)[3] + 2.0


@pytest.mark.audio
def test_espeak_offers_its_accents_and_variants(espeak):
    names = {v.name for v in espeak.voices()}
    assert {"en-us", "en-gb", "en-gb-scotland", "en-029", "en-us-nyc", "+f3", "+m3"} <= names


@pytest.mark.audio
def test_every_shipped_espeak_voice_exists(espeak):
    cast = load_cast(None, "espeak")
    for voice in (cast.narrator, *cast.pool):
        espeak.check_voice(voice)


@pytest.mark.audio
@pytest.mark.parametrize("voice, words", [
    (Voice("espeak", "en-klingon"), "no voice 'en-klingon'"),
    (Voice("espeak", "en-us+zz9"), "no variant 'zz9'"),
    (Voice("espeak", "en-us", pitch=140), "pitch must be 0-99"),
    (Voice("espeak", "en-us", rate_wpm=20), "cannot speak at 20 words a minute"),
])
def test_espeak_rejects_a_voice_it_cannot_speak(espeak, voice, words):
    with pytest.raises(EngineError, match=re.escape(words)):
        espeak.check_voice(voice)


def _pitch_hz(path: Path) -> float:
    """Median fundamental frequency of the loud frames (autocorrelation; enough to tell voices)."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        pcm = array("h", wav.readframes(wav.getnframes()))
    frame, pitches = rate // 25, []
    for start in range(0, len(pcm) - frame, frame):
        chunk = pcm[start:start + frame]
        if max(abs(s) for s in chunk) < 3000:
            continue
        best, best_lag = 0.0, 0
        for lag in range(rate // 400, rate // 70):
            score = sum(chunk[i] * chunk[i + lag] for i in range(0, frame - lag, 2))
            if score > best:
                best, best_lag = score, lag
        if best_lag:
            pitches.append(rate / best_lag)
    pitches.sort()
    return pitches[len(pitches) // 2]


@pytest.mark.audio
@pytest.mark.slow
def test_pool_voices_sound_different_from_the_narrator_and_each_other(espeak, tmp_path):
    """Two voices differ if eSpeak NG says the words differently (accent) or they are pitched
    apart by more than a few semitones; every pair in the shipped pool must differ."""
    cast = load_cast(None, "espeak")
    sentence = "Water ice preserved in the shadowy floors of craters could be processed."
    facts = []
    for i, voice in enumerate((cast.narrator, *cast.pool)):
        out = tmp_path / f"{i}.wav"
        espeak.synthesize(sentence, voice, out)
        facts.append((voice.name, espeak.phonemes(sentence, voice), _pitch_hz(out)))
    for i, (name_a, said_a, hz_a) in enumerate(facts):
        for name_b, said_b, hz_b in facts[i + 1:]:
            apart = max(hz_a, hz_b) / min(hz_a, hz_b)
            assert said_a != said_b or apart > 1.12, \
                f"{name_a} ({hz_a:.0f} Hz) and {name_b} ({hz_b:.0f} Hz) sound alike"


@pytest.mark.audio
@pytest.mark.parametrize("voice", ["en-us", "en-gb+m3", "en-029+f2"])
def test_change_is_said_chahng_uh_not_change(espeak, voice):
    speaker = Voice("espeak", voice)
    lexicon = load_lexicon(None)
    unaided = espeak.phonemes("Chang’e 6", speaker)
    said = espeak.phonemes(speakable_text("China’s Chang’e 6 probe", lexicon, "espeak"), speaker)
    assert not re.search(r"tʃˈ?[ɑa]ːŋ\S*[ʌəɐ]", unaided)  # eSpeak alone drops the final vowel
    assert re.search(r"tʃˈ?ɑːŋ\S*[ʌəɐ]", said), said  # "chahng-uh"
    assert "eɪndʒ" not in said  # not "change"


@pytest.mark.audio
def test_acronyms_are_said_as_a_newsroom_says_them(espeak):
    lexicon = load_lexicon(None)
    us = Voice("espeak", "en-us")

    def said(text: str) -> str:
        return espeak.phonemes(speakable_text(text, lexicon, "espeak"), us)

    assert re.search(r"ɛsp.?iː.?eɪ", said("the SPA ILRS NASA"))  # S-P-A, letter by letter
    assert re.search(r"aɪ.?ɛl.?ɑːɹ+.?ɛs", said("the ILRS plan"))  # I-L-R-S
    assert re.search(r"nˈæsə", said("NASA’s chief"))  # NASS-uh, a word
    assert "spˈɑː" not in said("the SPA ILRS NASA")  # not "spa"


# --- Piper -------------------------------------------------------------------------------------

PIPER_MISSING = importlib.util.find_spec("piper") is None


@pytest.mark.audio
@pytest.mark.skipif(PIPER_MISSING, reason="Piper extra not installed: pip install '.[piper]'")
def test_piper_speaks_whole_text_with_the_packaged_voice(tmp_path):
    piper = get_engine("piper")
    assert "en_US-joe-medium" in {v.name for v in piper.voices()}
    out = tmp_path / "piper.wav"
    piper.synthesize(PARAGRAPH, Voice("piper", "en_US-joe-medium"), out)
    channels, width, _, seconds = wav_facts(out)
    assert (channels, width) == (1, 2)
    assert 110 <= words_a_minute(PARAGRAPH, seconds) <= 230
    faster = tmp_path / "faster.wav"
    piper.synthesize(PARAGRAPH, Voice("piper", "en_US-joe-medium", rate_wpm=220), faster)
    assert wav_facts(faster)[3] < seconds * 0.9


@pytest.mark.skipif(PIPER_MISSING, reason="Piper extra not installed: pip install '.[piper]'")
def test_piper_says_the_lexicon_words_right_too():
    piper, joe = get_engine("piper"), Voice("piper", "en_US-joe-medium")
    text = "China’s Chang’e 6 probe, the SPA Basin, NASA and the ILRS."
    assert "tʃˈæŋ s" in piper.phonemes(text, joe)  # unaided: "chang six"
    said = piper.phonemes(speakable_text(text, load_lexicon(None), "piper"), joe)
    assert "tʃˈɑːŋˈʌ" in said and "nˈæsə" in said
    assert re.search(r"ɛsp.?iː.?.?eɪ", said) and re.search(r"aɪ.?ɛl.?ɑːɹ+.?ɛs", said)


@pytest.mark.skipif(PIPER_MISSING, reason="Piper extra not installed: pip install '.[piper]'")
def test_piper_rejects_a_model_that_is_not_there(tmp_path):
    with pytest.raises(EngineError, match="Piper has no voice"):
        get_engine("piper").check_voice(Voice("piper", str(tmp_path / "nope.onnx")))


@pytest.mark.skipif(not PIPER_MISSING, reason="Piper is installed here")
def test_without_piper_the_engine_says_how_to_install_it():
    with pytest.raises(EngineError, match=r"pip install 'podcast-builder\[piper\]'"):
        get_engine("piper")
