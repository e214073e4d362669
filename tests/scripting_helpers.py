"""Short made-up texts through the script-writer, and what came out, for the script-writer's tests
(test_writer, test_writer_conventions, test_interview)."""

from __future__ import annotations

from podcast.model import SPEAKER, Article, Section
from podcast.scripting.writer import write_script


def script_of(*paragraphs: str, headings: dict[int, str] | None = None):
    """A script from paragraphs; headings maps a paragraph index to the heading before it."""
    headings = headings or {}
    sections, current, heading = [], [], None
    for i, p in enumerate(paragraphs):
        if i in headings:
            sections.append(Section(heading, tuple(current)))
            heading, current = headings[i], []
        current.append(p)
    sections.append(Section(heading, tuple(current)))
    return write_script(Article("A Title", "", (), tuple(sections)))


def spoken(script):
    """(who, text) for every segment after the title: who is the speaker or "N"."""
    return [(s.speaker if s.role == SPEAKER else "N", s.text) for s in script.segments[1:]]


def quotes(script):
    return [(s.speaker, s.text) for s in script.segments if s.role == SPEAKER]
