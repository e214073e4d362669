"""The stage boundaries hold: import-linter checks the contracts in pyproject.toml.

Layers from the CLI down to the shared core, reading and script-writing free of every later
stage, publishing free of audio. The second test proves the check can fail: the same contracts
against a copy of the package with one forbidden import added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import podcast

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
PACKAGE = Path(podcast.__file__).resolve().parent


def lint_imports(*, pythonpath: Path | None = None, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as main; main()",
         "--config", str(PYPROJECT), "--no-cache", "--no-logo"],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_the_package_keeps_its_stage_boundaries(tmp_path):
    result = lint_imports(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_an_import_across_a_boundary_breaks_the_contract(tmp_path):
    copy = tmp_path / "src" / "podcast"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    feed = copy / "publishing" / "feed.py"
    feed.write_text(feed.read_text(encoding="utf-8") + "\nfrom ..audio import timeline  # noqa\n",
                    encoding="utf-8")
    words = copy / "scripting" / "namewords.py"
    words.write_text(words.read_text(encoding="utf-8") + "\nfrom ..casting import cast  # noqa\n",
                     encoding="utf-8")
    result = lint_imports(pythonpath=tmp_path / "src", cwd=tmp_path)
    assert result.returncode != 0
    assert "Publishing never imports audio BROKEN" in result.stdout
    assert "Reading and script-writing import only the shared core BROKEN" in result.stdout
    assert "podcast.publishing.feed -> podcast.audio.timeline" in result.stdout
    assert "podcast.scripting.namewords -> podcast.casting.cast" in result.stdout
