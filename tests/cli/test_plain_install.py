"""A plain `pip install .` (no extras) reads every documented input.

The test extras bring in more than the package declares, so a missing runtime dependency (the
HTML path once crashed on lxml.html.clean after a plain install) only shows in a virtualenv
that has nothing else: this test makes one and scripts a .txt, a .md, a saved .html page and
stdin through the installed command.
"""

from __future__ import annotations

import json
import subprocess
import venv

import pytest

from locations import DATA, ROOT

pytestmark = pytest.mark.slow

INPUTS = [DATA / "corpus" / "01-ap-wildfire-crews.txt",
          DATA / "corpus" / "07-tech-blog-ereader-update.md",
          DATA / "heldout9" / "04-uk-broadcaster-regional-bank-closure.html"]


@pytest.fixture(scope="module")
def plain_command(tmp_path_factory):
    env = tmp_path_factory.mktemp("plain") / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    install = subprocess.run([python, "-m", "pip", "install", "-q", str(ROOT)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-2000:]
    extras = subprocess.run([python, "-c", "import pytest"], capture_output=True)
    assert extras.returncode != 0, "the plain virtualenv has the test extras"
    return env / "bin" / "build-episode"


@pytest.mark.parametrize("article", INPUTS + ["-"], ids=lambda a: getattr(a, "suffix", "stdin"))
def test_a_plain_install_scripts_every_input(plain_command, article, tmp_path):
    out = tmp_path / "script.json"
    stdin = INPUTS[0].read_bytes() if article == "-" else None
    done = subprocess.run([plain_command, str(article), "--script-only", "--script-out", str(out)],
                          input=stdin, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    script = json.loads(out.read_text(encoding="utf-8"))
    assert script["title"] and any(s["role"] == "speaker" for s in script["segments"])
