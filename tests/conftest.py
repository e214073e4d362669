"""Shared fixtures: the sample article (copied into tests/data so the tests need nothing else),
and `build-episode` run in-process."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from locations import GOLD, SAMPLE
from podcast.cli import build_episode
from podcast.reading.source import read_article


@pytest.fixture(scope="session")
def sample_article():
    return read_article(SAMPLE)


@pytest.fixture(scope="session")
def sample_gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def run():
    """`build-episode` in-process: run(*args, input=None) passes every argument as a string (so
    paths and numbers go in as they are) and returns click's Result; input= is its stdin."""
    def invoke(*args, input=None):
        return CliRunner().invoke(build_episode, [str(a) for a in args], input=input)
    return invoke
