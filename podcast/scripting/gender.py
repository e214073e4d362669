"""Gender from the article's own evidence: honorifics, kin words, and pronouns after a mention.

Marks which mentions open their sentence (their subjects), then lets a he/she that follows a
subject vote for that person's gender, unless someone else is named in between or the pronoun
answers a quoted question. Every vote keeps its evidence, so casting can show why.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..model import FEMALE, MALE
from .namewords import _KIN_GENDER, _ROLE_WORDS, HONORIFICS
from .quotes import DOUBLE, find_quotes, split_sentences

_PRONOUNS = {MALE: ("he", "himself"), FEMALE: ("she", "herself")}
_KIN = re.compile(rf"\b({'|'.join(_KIN_GENDER)}),?\s+$", re.IGNORECASE)


_NOT_SUBJECT_BEFORE = {"from", "in", "at", "of", "to", "near", "by", "for", "with", "on", "into",
                       "after", "before", "toward", "against", "over", "under", "about", "like",
                       "than", "and", "or", "guarding", "told", "asked", "called", "through",
                       "across", "past", "behind", "beyond", "via", "between", "among", "within",
                       "without", "beside", "alongside", "beat", "beating", "replaced", "replacing"}


_FRONTING = {"in", "on", "at", "back", "after", "before", "for", "with", "during", "despite",
             "although", "though", "while", "when", "like", "unlike", "as", "since", "earlier",
             "later", "meanwhile", "still", "yet", "but", "and", "then", "now", "today",
             "yesterday", "instead", "however", "by", "from", "under", "over", "outside",
             "inside", "last", "next", "this", "that", "once", "if", "asked", "speaking"}


def _opens_sentence(before: str) -> bool:
    """Whether a name after this lead is its sentence's subject: "Milbrook coach …", "Back on
    Weaver Street, …", "The local MP, …", "“…,” …" — not "… from her father, …"."""
    if re.search(r"[”\"]\s*$", before):
        return True  # “…,” Hanlon says
    *front, last = before.split(",")
    words = last.lower().split()
    if len(words) > 4 or _NOT_SUBJECT_BEFORE.intersection(words):
        return False
    if not front:
        return True
    lead = ",".join(front).split()
    first = lead[0].lower() if lead else ""
    return (first in _FRONTING or first.endswith(("ed", "ing"))
            or (len(lead) <= 4 and first in ("the", "a", "an", "its", "their", "our", "his", "her",
                                             "my", "your")))




def vote_kin_and_titles(text: str, people, runs) -> None:
    """Kin words first ("Her son, Paul Dunmore"), then honorifics, which by then can tell a
    mother from her son: "Mr Dunmore" is the Dunmore who is a man, "Mrs Dunmore" the woman."""
    for pos, raw, _ in runs:
        kin = _KIN.search(text[max(0, pos - 40):pos])
        if kin:  # "her father, Anders Halvorsen", "His wife, Gloria Galván"
            people.vote(people.resolve(raw, pos), _KIN_GENDER[kin.group(1).lower()],
                        f"called {kin.group(0).strip(' ,')}")
    for pos, raw, _ in runs:
        hon = raw.split()[0].lower().rstrip(".")
        if HONORIFICS.get(hon):
            name = people.resolve(raw, pos)
            people.vote(name, HONORIFICS[hon], f"called {raw.split()[0]}")


@dataclass(frozen=True)
class _Sentence:
    """One sentence as the pronoun rule sees it: its text, the same with its quotes blanked,
    where it starts in the article's text, and the mentions in it (all, and its subjects)."""

    text: str
    shade: str
    base: int
    mentions: list[tuple[int, str]]
    subjects: list[tuple[int, str]]


@dataclass
class _Subject:
    """The last sentence subject a later pronoun may mean: where it was named, the text read
    since (another person named there blurs a pronoun), whether it asked the question just
    quoted, and the number of the sentence it opened."""

    name: str | None = None
    at: int = 0
    tail: str = ""
    asker: bool = False
    sentence: int = -9

    def follow(self, s: _Sentence, count: int, previous: str) -> None:
        """After sentence number count: its last subject is the one, else its text is read since."""
        if s.subjects:
            at, name = s.subjects[-1]
            self.name, self.sentence, self.at = name, count, at
            self.tail = s.text[at - s.base:]
            # “Including you?” Hart asked. / “Including me,” she said: she is not Hart
            self.asker = (bool(re.search(r"\?[”\"’']\s*$", previous))
                          and not s.shade[:at - s.base].strip())
        elif self.name is not None:
            self.tail += " " + s.text


def gather_gender(paragraphs: list[str], people, runs, style: str = DOUBLE) -> None:
    """Mark sentence subjects; pronouns that follow a mention, before anyone else is named (in
    the same or the next sentence, across a paragraph break too), vote for its gender."""
    text = "\n".join(paragraphs)
    positions = [p for p, _ in people.mentions]
    last = _Subject()
    offset = count = 0
    previous = ""
    for para in paragraphs:
        cursor = 0
        # a quote's pronouns are the speaker's, even when its sentences are split
        masked = _blank_quotes(para, style)
        for sentence in split_sentences(para):
            count += 1
            start = para.find(sentence, cursor)
            cursor = start + len(sentence)
            s = _read_sentence(people, positions, sentence, masked[start:cursor], offset + start)
            if last.name and count - last.sentence <= 2:
                _vote_pronoun(people, text, s, last, style)
            last.follow(s, count, previous)
            previous = sentence
        offset += len(para) + 1


def _read_sentence(people, positions: list[int], sentence: str, shade: str, base: int) -> _Sentence:
    """The sentence with its mentions, marking those that open it as subjects."""
    lo = bisect_left(positions, base)
    hi = bisect_left(positions, base + len(sentence))
    here = people.mentions[lo:hi]  # mentions are in reading order
    for p, _ in here:
        if _opens_sentence(sentence[: p - base]):
            people.subjects.add(p)
    subjects = [(p, name) for p, name in here if p in people.subjects]
    return _Sentence(sentence, shade, base, here, subjects)


def _vote_pronoun(people, text: str, s: _Sentence, last: _Subject, style: str) -> None:
    """The sentence's first he/she votes for the subject named before it in the sentence, else
    for the last subject: unless another person is named between them, the pronoun answers the
    last subject's question, or the subject was introduced as someone's of that gender."""
    first_pronoun = _first_pronoun(s.shade, style)
    if not first_pronoun:
        return
    gender, at = first_pronoun
    named_before = [(p, name) for p, name in s.subjects if p - s.base < at]
    subject = named_before[-1][1] if named_before else last.name
    since = named_before[-1][0] - s.base if named_before else 0
    between = s.text[since:at] if named_before else last.tail + " " + s.text[:at]
    answer = not named_before and last.asker and not s.shade[:at].strip()
    subject_at = named_before[-1][0] if named_before else last.at
    if (not s.mentions or named_before) and not _PERSON_NOUN.search(between) and not answer \
            and not _owned_by(text[max(0, subject_at - 40):subject_at], gender):
        people.vote(subject, gender, _snippet(s.text, at))


def _blank_quotes(text: str, style: str) -> str:
    """The text with every quotation blanked out, its length kept (positions still hold)."""
    for q in find_quotes(text, style):
        text = text[:q.start] + " " * (q.end - q.start) + text[q.end:]
    return text


# "Achterhof asked the witness whether she …": the pronoun is the nearer person's
_PERSON_NOUN = re.compile(
    rf"\b(?:the|a|an|his|her|their|its|this|that)\s+(?:[\w’'-]+\s+){{0,2}}"
    rf"(?:{'|'.join(sorted(_ROLE_WORDS | set(_KIN_GENDER)))}|witness|woman|man|girl|boy|person|"
    rf"child|juror|victim|neighbou?r|friend|customer|patient|passenger|driver|keeper|officer|"
    rf"lawyer|client|worker|colleague|partner)s?\b", re.IGNORECASE)


_OWNER = re.compile(r"\b(her|his)\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+,\s*$", re.IGNORECASE)


def _owned_by(before: str, gender: str) -> bool:
    """"Her deputy, Adam Bell, …, she said": a she after someone introduced as hers is most
    likely the woman whose deputy he is, so it tells nothing of his gender."""
    m = _OWNER.search(before)
    return bool(m) and _PRONOUNS[gender][0] == {"her": "she", "his": "he"}[m.group(1).lower()]


def _first_pronoun(sentence: str, style: str = DOUBLE) -> tuple[str, int] | None:
    """The first he/she outside quotation marks (pronouns inside a quote are the speaker's)."""
    sentence = _blank_quotes(sentence, style)
    best: tuple[str, int] | None = None
    for gender, words in _PRONOUNS.items():
        m = re.search(rf"\b(?:{'|'.join(words)})\b", sentence, re.IGNORECASE)
        if m and (best is None or m.start() < best[1]):
            best = (gender, m.start())
    return best


def _snippet(sentence: str, at: int) -> str:
    return "…" + sentence[max(0, at - 30): at + 30].strip() + "…"


# "Akers, who uses they/them pronouns,": the article says so, and "they said" then means them
_THEY_THEM = re.compile(r"\b(?:uses?|use|go(?:es)? by|prefers?)\s+(?:the\s+)?they(?:/| and )them\b",
                        re.IGNORECASE)


def they_person(people, text: str, pos: int) -> str | None:
    """The person, named last before pos, whom the article says uses they/them pronouns."""
    said = [m.start() for m in _THEY_THEM.finditer(text[:pos])]
    declared = {name for at in said for p, name in people.mentions if at - 120 <= p < at}
    named = [name for p, name in people.mentions if p < pos and name in declared]
    return named[-1] if named else None
