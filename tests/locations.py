"""Where the tests find their data, the team's checker and the checkout, from any folder a test
module sits in (the test modules live one level down, in folders named after the package's
stages; this module stays at tests/, next to conftest.py, which puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
TOOLS = TESTS / "tools"
SAMPLE = DATA / "change6-far-side-samples.txt"
GOLD = DATA / "change6.gold.json"
