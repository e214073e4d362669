"""Q&A interviews: the questions are the publication's, the answers are the interviewee's.

Magazines run an interview as bold questions followed by answers with no quotation marks ("The
conversation has been edited for length and clarity."). The answers are the interviewee's words,
so each is voiced by them; the questions stay with the narrator.
"""

from __future__ import annotations

import re

from .names import People
from .quotes import DOUBLE, find_quotes, words

_YOU = re.compile(r"\byou(?:r|rs|rself)?\b", re.IGNORECASE)
_MAX_QUESTION_WORDS = 40


def is_question(paragraph: str, style: str = DOUBLE) -> bool:
    """An interviewer's question: one short paragraph, put to "you", ending in a question mark,
    quoting no one."""
    text = paragraph.strip()
    asked = bool(_YOU.search(text)) or bool(re.match(r"Q[:.]\s", text))  # "Q: Why now?"
    return (text.endswith("?") and words(text) <= _MAX_QUESTION_WORDS and asked
            and not find_quotes(text, style))


def interview_answers(sections: list[tuple[str | None, tuple[str, ...]]], people: People,
                      style: str = DOUBLE) -> dict[int, str]:
    """{paragraph number: interviewee} for the answers of every Q&A run in the article.

    A run is two questions or more in one section, each followed by answers that open with no
    quotation mark; the interviewee is the person named last before the first question. Numbers
    and positions count paragraphs across sections, as the script-writer does.
    """
    answers: dict[int, str] = {}
    number = offset = 0
    for _, paragraphs in sections:
        starts = []
        for p in paragraphs:
            starts.append(offset)
            offset += len(p) + 1
        answers.update(_section_answers(paragraphs, starts, number, people, style))
        number += len(paragraphs)
    return answers


def _section_answers(paragraphs, starts, number, people, style) -> dict[int, str]:
    asked = [i for i, p in enumerate(paragraphs) if is_question(p, style)]
    if len(asked) < 2:
        return {}
    first = asked[0]
    run = [i for i in range(first + 1, len(paragraphs)) if i not in asked]
    if any(i + 1 in asked for i in asked) or paragraphs[-1] is paragraphs[asked[-1]]:
        return {}  # a question with no answer after it: rhetoric, not an interview
    if any(paragraphs[i].lstrip()[:1] in "“\"‘«„" for i in run):
        return {}  # answers carry no quotation marks; quoted paragraphs are reporting
    named = [name for pos, name in people.mentions if pos < starts[first]]
    if not named:
        return {}
    who = named[-1]
    answers = {}
    for i in run:
        end = starts[i] + len(paragraphs[i])
        if i > asked[-1] and any(starts[i] <= pos < end and name == who
                                 for pos, name in people.mentions):
            break  # "Lima is opening a second restaurant in May.": the story again, not her
        answers[number + i] = who
    return answers
