"""What the fault tests share: short articles, the command in-process and as a real process,
and the checks every failure must pass (one line, its status, nothing half-written)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from locations import ROOT

REAL_TOOLS = pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
                                reason="needs espeak-ng and ffmpeg (dev.sh installs them)")

LIBRARY = """Town Opens Its First Library in a Century

The new library opened on Saturday in the old fire station.

“We waited a hundred years for this,” said Mayor Ruth Okafor.
"""

BRIDGE = """Village Reopens Its Old Stone Bridge

The stone bridge over the river opened again on Monday after two years of repairs.

“Our children can walk to school again,” said Councillor Ben Adeyemi.
"""


def process(*args, env=None, cwd=None) -> subprocess.Popen:
    """The command as a real process (the installed package, run as `python -m podcast`), in
    its own process group, as a shell runs a job."""
    return subprocess.Popen([sys.executable, "-m", "podcast", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, cwd=cwd,
                            start_new_session=True)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def published_files(out: Path) -> dict[str, bytes]:
    """Every file a listener or a feed reader sees (not the cache or the lock)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.parts and p.name != ".publish.lock"}


def leftovers(out: Path) -> list[str]:
    """Staging folders, scratch folders and temporary files a build should not leave behind."""
    return [str(p.relative_to(out)) for p in out.rglob("*")
            if re.search(r"\.(building|old)-(.+-)?\d+$|^\.render-|\.tmp(\.\w+)?$|^\.write-check-",
                         p.name)]


def assert_one_line_error(output: str, status: int, got: int, *words: str) -> str:
    lines = output.strip().splitlines()
    assert got == status, output
    assert len(lines) == 1 and lines[0].startswith("error: ") and "; " in lines[0], output
    assert "Traceback" not in output
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.fixture(scope="module")
def published(tmp_path_factory, run) -> Path:
    """An OUT with one episode and its feed, built for real; tests work on copies of it."""
    src = tmp_path_factory.mktemp("src")
    out = tmp_path_factory.mktemp("published") / "out"
    result = run(write(src / "library.txt", LIBRARY), "-o", out, "-q")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def out(published, tmp_path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(published, copy)
    return copy


LONGER = "Harbour Festival Draws Record Crowds\n\n" + "\n\n".join(
    f"On day {n} of the festival, boats number {n} and {n + 1} raced along the harbour wall "
    f"while families watched from the old pier and the rain held off."
    for n in range(1, 25)) + "\n"


class StrictPage(HTMLParser):
    """An HTML page read strictly: every element closed in order (void elements aside); the
    text collected apart from what is inside <script>."""

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.scripts, self.errors = [], [], [], []

    VOID = {"meta", "link", "img", "br", "hr", "input", "source", "track", "wbr", "col", "area"}

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        (self.scripts if self.stack[-1:] == ["script"] else self.text).append(data)


def read_page(path: Path) -> StrictPage:
    """index.html read twice: lxml refuses malformed HTML, StrictPage checks every element is
    closed in order; the page (its text, its scripts) is returned for more checks."""
    from lxml import etree

    html = path.read_text(encoding="utf-8")
    etree.fromstring(html.encode("utf-8"), etree.HTMLParser(recover=False))
    page = StrictPage()
    page.feed(html)
    page.close()
    assert page.errors == [] and page.stack == []
    page.html = html
    return page
