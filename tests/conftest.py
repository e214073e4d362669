"""Shared fixtures: the sample article (copied into tests/data so the tests need nothing else)."""

from __future__ import annotations

import json

import pytest

from locations import GOLD, SAMPLE
from podcast.reading.article import read_article


@pytest.fixture(scope="session")
def sample_article():
    return read_article(SAMPLE)


@pytest.fixture(scope="session")
def sample_gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))
