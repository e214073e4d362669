"""`build-episode --script-only`: the sample against its gold script, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from goldcheck import gold_misses
from locations import ROOT, SAMPLE
from podcast.cli import build_episode
from podcast.errors import EXIT_DATA, EXIT_NO_INPUT
from podcast.scripting.scriptfile import script_from_json


def test_sample_script_matches_the_gold(tmp_path, sample_gold, run):
    out = tmp_path / "s.json"
    result = run(SAMPLE, "--script-only", "--script-out", out)
    assert result.exit_code == 0, result.output
    script = script_from_json(out.read_text(encoding="utf-8"))
    assert gold_misses(sample_gold, script) == []
    assert script.chapters == ("Introduction",) + tuple(sample_gold["chapters"])
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {"title", "summary", "byline", "segments"} <= doc.keys()
    assert {"role", "speaker", "text", "chapter"} <= doc["segments"][0].keys()


def test_summary_shows_chapters_speakers_and_dropped(tmp_path, run):
    result = run(SAMPLE, "--script-only", "--script-out", tmp_path / "s.json")
    assert "James Head: 5 segments, male" in result.output
    assert "A Gateway to the Universe" in result.output
    assert "[photo credit] VCG/VCG via Getty Images" in result.output


def test_verbose_explains_each_attribution(tmp_path, run):
    result = run(SAMPLE, "--script-only", "--script-out", tmp_path / "s.json", "-v")
    assert "quote → Bill Nelson: tag after the quote: “Nelson said”" in result.output


def test_default_script_location_is_next_to_the_episode(tmp_path, run):
    result = run(SAMPLE, "--script-only", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    written = list((tmp_path / "episodes").glob("*/script.json"))
    assert [p.parent.name for p in written] == [
        "china-makes-history-with-first-ever-samples-from-the-moons"]


def test_an_edited_script_is_read_back_as_it_stands(tmp_path, run):
    first = tmp_path / "s.json"
    run(SAMPLE, "--script-only", "--script-out", first)
    doc = json.loads(first.read_text(encoding="utf-8"))
    doc["segments"][1]["text"] = "An edited opening."
    doc["segments"][1]["role"] = "speaker"
    doc["segments"][1]["speaker"] = "Jane Roe"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    again = tmp_path / "again.json"
    result = run(edited, "--script-only", "--script-out", again)
    assert result.exit_code == 0, result.output
    script = script_from_json(again.read_text(encoding="utf-8"))
    assert (script.segments[1].speaker, script.segments[1].text) == ("Jane Roe", "An edited opening.")


def test_stdin(tmp_path, run):
    out = tmp_path / "s.json"
    result = run("-", "--script-only", "--script-out", out,
                 input="Title\n\n“It works,” Maria Lopez said.\n")
    assert result.exit_code == 0, result.output
    assert script_from_json(out.read_text()).segments[-1].speaker == "Maria Lopez"


@pytest.mark.parametrize("make, status, words", [
    (lambda p: p / "missing.txt", EXIT_NO_INPUT, "no such file"),
    (lambda p: p, EXIT_NO_INPUT, "is a folder"),
    (lambda p: _write(p / "bin.txt", b"\x00\x01\x02ELF" * 100), EXIT_DATA, "binary"),
    (lambda p: _write(p / "l.txt", "Caf\u00e9\n\nText.".encode("cp1252")), EXIT_DATA, "--encoding"),
    (lambda p: _write(p / "e.txt", b"\n \n"), EXIT_DATA, "no story text"),
    (lambda p: _write(p / "bad.json", b'{"segments": [{"role": "singer", "text": "x"}]}'),
     EXIT_DATA, "segment 1"),
])
def test_bad_input_one_line_no_traceback_nothing_written(tmp_path, make, status, words, run):
    out = tmp_path / "out"
    script_out = tmp_path / "s.json"
    result = run(make(tmp_path), "--script-only", "--script-out", script_out, "-o", out)
    assert result.exit_code == status
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0]
    assert "Traceback" not in result.output
    assert not script_out.exists() and not out.exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.skipif(not os.access(ROOT, os.W_OK), reason="needs a writable checkout")
def test_unreadable_file_as_a_real_process(tmp_path):
    """The installed entry point: one line on stderr, the documented status, no traceback."""
    article = tmp_path / "secret.txt"
    article.write_text("Title\n\nText.")
    article.chmod(0)
    if os.access(article, os.R_OK):
        pytest.skip("running as a user who can read any file (root)")
    proc = subprocess.run([sys.executable, "-m", "podcast", str(article), "--script-only"],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == EXIT_NO_INPUT
    assert proc.stderr.strip() == f"error: {article}: permission denied; make the file readable " \
                                  "(chmod +r) or copy it"


def test_every_option_has_help(run):
    for param in build_episode.params:
        if isinstance(param, click.Option):
            assert getattr(param, "help", None), f"--{param.name} has no help"
    result = run("--help")
    assert result.exit_code == 0 and "Examples:" in result.output
