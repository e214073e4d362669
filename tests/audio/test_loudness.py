"""Loudness arithmetic: BS.1770 gating over ffmpeg's block log, per-voice loudness from one
metering pass, and reading a limiter's gain curve. Pure functions, plus one check against
ffmpeg's own integrated figure for the same audio."""

from __future__ import annotations

import subprocess

import pytest

from assembly_fixtures import make_takes, needs_tools
from podcast.audio import loudness


def test_steady_blocks_integrate_to_their_own_level():
    assert loudness.integrated([-20.0] * 30) == pytest.approx(-20.0, abs=1e-9)


def test_silence_is_below_the_absolute_gate():
    assert loudness.integrated([-120.7] * 10) is None
    assert loudness.integrated([-120.7] * 10 + [-23.0] * 10) == pytest.approx(-23.0, abs=1e-9)


def test_quiet_blocks_fall_under_the_relative_gate():
    # -40 is more than 10 LU below the mean of the blocks: BS.1770 leaves it out.
    assert loudness.integrated([-20.0] * 10 + [-40.0] * 10) == pytest.approx(-20.0, abs=1e-9)
    # -25 is within 10 LU: it counts, and pulls the level down.
    assert loudness.integrated([-20.0] * 10 + [-25.0] * 10) < -21.0


def test_a_block_counts_for_a_voice_only_when_it_hears_that_voice_alone():
    spans = [(0.0, 2.0, "a"), (2.5, 4.0, "b")]
    blocks = [(1.0, -20.0),   # 0.6-1.0 s: a alone
              (2.7, -99.0),   # 2.3-2.7 s: the end of a's pause and the start of b: b alone
              (2.2, -50.0),   # 1.8-2.2 s: a, then the pause: a alone
              (3.9, -30.0)]   # b alone
    found = loudness.loudness_by_span(sorted(blocks), spans)
    assert found["a"] == pytest.approx(-20.0, abs=0.01)  # -50 falls under a's relative gate
    assert found["b"] == pytest.approx(-30.0, abs=0.01)
    straddling = loudness.loudness_by_span([(2.2, -10.0)], [(0.0, 2.0, "a"), (2.0, 4.0, "b")])
    assert straddling == {"a": None, "b": None}


def test_an_offset_shifts_the_log_against_the_spans():
    spans = [(0.0, 1.0, "a"), (1.0, 2.0, "b")]
    # The block ending at 1.42 s heard 1.02-1.42 s: b alone; with the log 50 ms late against
    # the spans (an encoder's delay), it heard 0.97-1.37 s of them: a and b.
    assert loudness.loudness_by_span([(1.42, -20.0)], spans)["b"] == -20.0
    assert loudness.loudness_by_span([(1.42, -20.0)], spans, offset_s=0.05)["b"] is None


def test_the_gain_is_read_between_measured_points():
    points = [(0.0, -20.0), (2.5, -18.0), (5.0, -16.5)]  # the limiter flattens the curve
    gain, bracketed = loudness.solve_gain(points, -17.25)
    assert bracketed and gain == pytest.approx(3.75)


def test_outside_the_points_the_nearest_slope_is_extended_but_never_flattened_away():
    gain, bracketed = loudness.solve_gain([(0.0, -20.0), (2.0, -19.0)], -17.0)
    assert not bracketed and gain == pytest.approx(6.0)  # slope 0.5: 2 LU more needs 4 dB
    gain, _ = loudness.solve_gain([(0.0, -20.0), (2.0, -19.9)], -19.0)
    assert gain == pytest.approx(2.0 + 0.9 / 0.3)  # slope 0.05 is taken as 0.3
    gain, _ = loudness.solve_gain([(0.0, -20.0), (2.0, -18.0)], -23.0)
    assert gain == pytest.approx(-3.0)


def test_named_meters_blocks_are_told_apart():
    log = (b"[ebur128@raw @ 0x1] t: 0.4        TARGET:-23 LUFS    M: -21.2 S:-120.7\n"
           b"[ebur128@g0 @ 0x2] t: 0.4        TARGET:-23 LUFS    M: -18.5 S:-120.7\n"
           b"[ebur128@raw @ 0x1] t: 0.5        TARGET:-23 LUFS    M:-120.7 S:-120.7\n")
    assert loudness.blocks_by_meter(log) == {"raw": [(0.4, -21.2), (0.5, -120.7)],
                                             "g0": [(0.4, -18.5)]}


@needs_tools
def test_integrating_ffmpegs_block_log_gives_ffmpegs_own_figure(tmp_path):
    take = make_takes(tmp_path)[0].path
    done = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(take),
                           "-af", "ebur128=framelog=info", "-f", "null", "-"],
                          capture_output=True, check=True)
    blocks = list(loudness.blocks_from_lines(done.stderr.splitlines()))
    ffmpeg_says = loudness.summary_number(done.stderr.decode().rsplit("Summary:", 1)[1], "I",
                                          "LUFS")
    assert len(blocks) > 10
    assert loudness.integrated(m for _, m in blocks) == pytest.approx(ffmpeg_says, abs=0.1)
