"""Q&A interviews: the questions are the publication's, the answers are the interviewee's.

Magazines run an interview as bold questions followed by answers with no quotation marks ("The
conversation has been edited for length and clarity."). The answers are the interviewee's words,
so each is voiced by them; the questions stay with the narrator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import People
from .quotes import DOUBLE, find_quotes, words

_YOU = re.compile(r"\byou(?:r|rs|rself)?\b", re.IGNORECASE)
_MAX_QUESTION_WORDS = 40


# the page's note that a Q&A follows: "The interview has been condensed and edited for clarity."
_EDITED = re.compile(r"\b(?:condensed|edited)\s+(?:and\s+(?:condensed|edited)\s+)?for\s+"
                     r"(?:length|clarity|brevity|space)", re.IGNORECASE)


def is_question(paragraph: str, style: str = DOUBLE, edited: bool = False) -> bool:
    """An interviewer's question: one short paragraph, put to "you", ending in a question mark,
    quoting no one. Once the page says the interview was edited, any short paragraph that opens
    with a question is one ("Does that make it melt faster?", "Why? I would expect …")."""
    text = paragraph.strip()
    if words(text) > _MAX_QUESTION_WORDS or find_quotes(text, style):
        return False
    if edited and re.match(r"[^.!?]+\?", text):
        return True
    asked = bool(_YOU.search(text)) or bool(re.match(r"Q[:.]\s", text))  # "Q: Why now?"
    return text.endswith("?") and asked


def interview_answers(sections: list[tuple[str | None, tuple[str, ...]]], people: People,
                      style: str = DOUBLE) -> dict[int, str]:
    """{paragraph number: interviewee} for the answers of every Q&A run in the article.

    A run is two questions or more in one section (a plain-text question line read as a heading
    counts, and keeps the run going), each followed by answers that open with no quotation mark;
    the interviewee is the person named last before the first question. Numbers and positions
    count paragraphs across sections, as the script-writer does.
    """
    groups: list[list[_Item]] = []
    number = offset = 0
    edited = any(_EDITED.search(p) for _, paragraphs in sections for p in paragraphs)
    for heading, paragraphs in sections:
        asks = heading is not None and is_question(heading, style)
        if not asks or not groups:
            groups.append([])
        if asks:
            groups[-1].append(_Item(heading, None, offset, True))
        for p in paragraphs:
            after_question = bool(groups[-1]) and groups[-1][-1].asks
            asks = is_question(p, style) or (edited and not after_question
                                              and is_question(p, style, edited))
            groups[-1].append(_Item(p, number, offset, asks))  # "Why would I? …" answers
            number += 1
            offset += len(p) + 1
    answers: dict[int, str] = {}
    for items in groups:
        answers.update(_run_answers(items, people))
    return answers


@dataclass(frozen=True)
class _Item:
    """A paragraph (number set) or a question heading (number None) with its text position."""

    text: str
    number: int | None
    start: int
    asks: bool


def _run_answers(items: list[_Item], people: People) -> dict[int, str]:
    asked = [i for i, item in enumerate(items) if item.asks]
    if len(asked) < 2 or any(i + 1 in asked for i in asked) or asked[-1] == len(items) - 1:
        return {}  # a question with no answer after it: rhetoric, not an interview
    run = [i for i in range(asked[0] + 1, len(items)) if i not in asked]
    if any(items[i].text.lstrip()[:1] in "“\"‘«„" for i in run):
        return {}  # answers carry no quotation marks; quoted paragraphs are reporting
    named = [name for pos, name in people.mentions if pos < items[asked[0]].start]
    if not named:
        return {}
    who = named[-1]
    answers = {}
    reporting = False
    for i in run:
        item = items[i]
        named_here = [name for pos, name in people.mentions
                      if item.start <= pos < item.start + len(item.text)]
        if i > asked[-1] and who in named_here:
            break  # "Lima is opening a second restaurant in May.": the story again, not her
        if i - 1 in asked:
            reporting = False
        if any(item.start <= pos < item.start + 5 and name != who for pos, name in people.mentions):
            reporting = True  # "Reyes said the entrance worries him most.": the story, till a question
        if not reporting:
            answers[item.number] = who
    return answers
