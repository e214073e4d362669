"""Two parts encoded at once and joined: the joined MP3 must be the episode a single encode
makes -- every sample where the plan puts it, a LAME tag that tells players and decoders the
truth, and no seam to hear. Checked with real eSpeak NG takes, real ffmpeg, mutagen and ffprobe.
"""

from __future__ import annotations

import math
import subprocess
from array import array
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from assembly_fixtures import make_takes, needs_tools
from podcast.audio import encoder
from podcast.audio import lametag
from podcast.audio import mixdown
from podcast.audio import mp3parts
from podcast.errors import EngineError
from podcast.audio.levelling import VoiceLevel
from podcast.audio.lametag import NotAnInfoFrame, crc16, crc16_combine, frame_bytes, read_info
from podcast.model import NARRATOR, Line, Segment, Voice
from podcast.audio.mp3parts import JOIN_GAP, cut_between, cut_index, joinable
from podcast.audio.timeline import Placement, plan_episode

MP3_RATE = encoder.MP3_SAMPLE_RATE
VOICE = Voice("espeak", "en-us", 175)


# --- where to cut (pure) -------------------------------------------------------------------------

def line(paragraph: int, words: int = 20, chapter: str = "") -> Line:
    return Line(Segment(NARRATOR, None, " ".join(["word"] * words), chapter, paragraph), VOICE)


def test_a_long_script_is_cut_at_the_break_nearest_its_middle():
    # 40 lines of ~6.9 s, two to a paragraph: the middle is line 20
    assert cut_index([line(i // 2) for i in range(40)]) == 20
    # the pauses count too: 20 paragraphs (0.8 s pauses), then one long paragraph (0.3 s)
    # put the middle 5 s before line 20
    assert cut_index([line(min(i, 20)) for i in range(40)]) == 19


def test_a_short_script_is_encoded_in_one_part():
    assert cut_index([line(i) for i in range(10)]) is None  # about 70 s
    assert cut_index([line(0, words=1000)]) is None  # one line: nowhere to cut


def placed(start: int, samples: int) -> Placement:
    return Placement(None, start, samples, "")


@pytest.mark.parametrize("rate", [22050, 44100, 11025])
def test_a_cut_lies_inside_the_pause_and_pads_the_first_part_to_a_known_gap(rate):
    before, after = placed(0, 10 * rate), placed(int(10.8 * rate), rate)  # a paragraph's 800 ms
    cut = cut_between(before, after, rate, MP3_RATE)
    scale = MP3_RATE // rate
    end_out, start_out = cut.end_sample * scale, cut.start_sample * scale
    assert before.end_sample * scale + 4410 <= end_out < start_out <= after.start_sample * scale - 4410
    assert (end_out + mp3parts.ENCODER_DELAY) % 1152 == mp3parts.CUT_PHASE
    assert start_out - end_out == JOIN_GAP == mp3parts.PART_PADDING + mp3parts.ENCODER_DELAY


def test_no_cut_where_the_pause_is_too_short_or_the_rate_does_not_divide_44_1_khz():
    assert cut_between(placed(0, 22050), placed(22050 + 2205, 100), 22050, MP3_RATE) is None
    assert not joinable(16000, MP3_RATE) and not joinable(24000, MP3_RATE)
    assert joinable(22050, MP3_RATE) and joinable(44100, MP3_RATE)
    assert cut_between(placed(0, 16000), placed(32000, 100), 16000, MP3_RATE) is None


def test_crc16_is_lame_s_and_combines_without_rereading():
    assert crc16(b"123456789") == 0xBB3D  # CRC-16/ARC's check value
    a, b = bytes(range(256)) * 40, b"episode audio" * 999
    assert crc16_combine(crc16(a), crc16(b), len(b)) == crc16(a + b)
    assert crc16_combine(crc16(a), crc16(b""), 0) == crc16(a)


def test_only_an_mpeg1_layer3_frame_with_an_info_tag_is_read():
    header = bytes([0xFF, 0xFB, 0x70, 0xC4])  # MPEG-1 Layer III, 96 kb/s, 44.1 kHz, mono
    assert frame_bytes(header) == 313
    with pytest.raises(NotAnInfoFrame):
        read_info(b"ID3\x03\x00" + bytes(400))  # a tag in front: not ours to write
    with pytest.raises(NotAnInfoFrame):
        read_info(header + bytes(309))  # an audio frame, no Info tag


# --- the join, on real audio ----------------------------------------------------------------------

def encode(takes, plan, out: Path, cut_at):
    gains = {take.line.voice: 0.0 for take in takes}
    return encoder.encode(plan.placements, plan.sample_rate, gains, out, makeup_db=6.0,
                          limit_dbfs=-2.3, cut_at=cut_at)


def decoded(mp3: Path) -> array:
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-"],
                         capture_output=True, check=True).stdout
    return array("h", pcm)


def probed_seconds(mp3: Path) -> float:
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                            "csv=p=0", str(mp3)], capture_output=True, text=True, check=True)
    return float(probe.stdout)


def rms_db(samples) -> float:
    energy = sum(s * s for s in samples) / max(1, len(samples))
    return 10 * math.log10(max(energy, 1e-9) / 32768 ** 2)


@pytest.fixture(scope="module")
def encoded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parts")
    takes = make_takes(folder)
    plan = plan_episode(takes)
    cut_at = 3  # the break before the second chapter
    one = encode(takes, plan, folder / ".mix-one.tmp.mp3", None)
    two = encode(takes, plan, folder / ".mix-two.tmp.mp3", cut_at)
    cut = cut_between(plan.placements[cut_at - 1], plan.placements[cut_at], plan.sample_rate,
                      MP3_RATE)
    return plan, cut, (folder / ".mix-one.tmp.mp3", one), (folder / ".mix-two.tmp.mp3", two)



@pytest.mark.audio
@needs_tools
def test_the_joined_mp3_decodes_to_exactly_the_planned_length_everywhere(encoded):
    plan, _, (one_mp3, _), (mp3, heard) = encoded
    expected = plan.total_samples * MP3_RATE // plan.sample_rate
    assert heard.parts == 2
    assert len(decoded(mp3)) == expected  # ffmpeg trims delay and padding by the LAME tag
    assert read_info(mp3.read_bytes()).samples == expected
    # mutagen and ffprobe's header figure count whole frames: as many as one encode has
    assert MP3(mp3).info.length == MP3(one_mp3).info.length
    assert probed_seconds(mp3) == probed_seconds(one_mp3)
    assert heard.decoded_ms == plan.duration_ms


@pytest.mark.audio
@needs_tools
def test_every_sample_after_the_cut_lands_where_a_single_encode_puts_it(encoded):
    plan, cut, (one_mp3, _), (two_mp3, _) = encoded
    one, two = decoded(one_mp3), decoded(two_mp3)
    scale = MP3_RATE // plan.sample_rate
    end = cut.end_sample * scale
    # Before the cut: the same encoder fed the same samples.
    assert one[: end - 2 * 1152] == two[: end - 2 * 1152]

    # After it: another encoder run, so not the same bits, but the same audio, not shifted.
    def error_db(lag: int) -> float:
        a = one[end + 4410: len(one) - 4410]
        b = two[end + 4410 + lag: len(two) - 4410 + lag]
        return rms_db([x - y for x, y in zip(a, b)]) - rms_db(a)

    errors = {lag: error_db(lag) for lag in (-2, -1, 0, 1, 2)}
    assert min(errors, key=errors.get) == 0
    assert errors[0] < -20  # MP3 coding noise, not a misplaced signal (one sample off: -13 dB)


@pytest.mark.audio
@needs_tools
def test_the_join_is_silent(encoded):
    plan, cut, _, (two_mp3, _) = encoded
    two = decoded(two_mp3)
    scale = MP3_RATE // plan.sample_rate
    seam = two[cut.end_sample * scale - 2205: cut.start_sample * scale + 2205]
    assert max(abs(s) for s in seam) < 32768 * 10 ** (-50 / 20)


@pytest.mark.audio
@needs_tools
def test_the_lame_tag_describes_the_whole_file(encoded):
    _, _, (one_mp3, _), (two_mp3, _) = encoded
    data = two_mp3.read_bytes()
    info = read_info(data)
    assert info.total_bytes == info.music_length == len(data)
    assert info.music_crc == crc16(data[info.frame_bytes:])
    assert (len(data) - info.frame_bytes) // info.frames in (313, 314)  # CBR 96 kb/s frames
    assert info.delay == read_info(one_mp3.read_bytes()).delay == 576
    blank = bytearray(data[:lametag.TAG_CRC_SPAN])
    blank[info.tag_offset + 154: info.tag_offset + 156] = b"\0\0"
    assert int.from_bytes(data[info.tag_offset + 154: info.tag_offset + 156], "big") == crc16(blank)
    toc = data[info.tag_offset + 16: info.tag_offset + 116]
    assert toc[0] == 0 and list(toc) == sorted(toc) and 250 <= toc[-1] <= 255


@pytest.mark.audio
@needs_tools
def test_both_parts_are_metered_as_one_episode(encoded):
    _, _, (_, one), (_, two) = encoded
    assert two.lufs == pytest.approx(one.lufs, abs=0.1)
    assert two.peak_dbtp == pytest.approx(one.peak_dbtp, abs=0.3)
    assert set(two.voices) == set(one.voices)
    for voice, lufs in one.voices.items():
        assert two.voices[voice] == pytest.approx(lufs, abs=0.2)


@pytest.mark.audio
@needs_tools
def test_parts_that_cannot_be_joined_exactly_are_encoded_again_in_one(tmp_path, monkeypatch):
    takes = make_takes(tmp_path)
    plan = plan_episode(takes)

    def refuse(paths, infos):
        raise mp3parts.JoinError("padded otherwise")

    monkeypatch.setattr(encoder, "join", refuse)
    levels = [VoiceLevel(voice, -20.0, -3.0, 0.0) for voice in {t.line.voice for t in takes}]
    mix = mixdown.mix_arriving(plan.placements, plan.sample_rate, levels, tmp_path / "e.mp3",
                               plan_when_done=lambda: plan, expected_ms=plan.duration_ms,
                               cut_at=3)
    assert mix.parts == 1 and mix.passes >= 2
    assert len(decoded(tmp_path / "e.mp3")) == plan.total_samples * MP3_RATE // plan.sample_rate


@pytest.mark.audio
@needs_tools
def test_an_mp3_shorter_than_its_lame_tag_says_is_refused(encoded, tmp_path):
    """ffmpeg can exit 0 after a failed write: the tag's byte count gives the cut-short file away."""
    _, _, (one_mp3, _), _ = encoded
    assert encoder._written(one_mp3).total_bytes == one_mp3.stat().st_size
    short = tmp_path / "short.mp3"
    short.write_bytes(one_mp3.read_bytes()[:-1000])
    with pytest.raises(EngineError, match="incomplete MP3: .* bytes where its LAME tag counts"):
        encoder._written(short)
    short.write_bytes(b"")
    with pytest.raises(EngineError, match="no LAME tag"):
        encoder._written(short)
