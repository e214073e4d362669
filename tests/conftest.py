"""Shared fixtures: the sample article (copied into tests/data so the tests need nothing else)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podcast.reading.source import read_article

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "change6-far-side-samples.txt"
GOLD = DATA / "change6.gold.json"


@pytest.fixture(scope="session")
def sample_article():
    return read_article(SAMPLE)


@pytest.fixture(scope="session")
def sample_gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))
