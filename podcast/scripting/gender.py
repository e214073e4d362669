"""Gender from the article's own evidence: honorifics, kin words, and pronouns after a mention.

Marks which mentions open their sentence (their subjects), then lets a he/she that follows a
subject vote for that person's gender, unless someone else is named in between or the pronoun
answers a quoted question. Every vote keeps its evidence, so casting can show why.
"""

from __future__ import annotations

import re
from bisect import bisect_left

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


def gather_gender(paragraphs: list[str], people, runs, style: str = DOUBLE) -> None:
    """Mark sentence subjects; pronouns that follow a mention, before anyone else is named (in
    the same or the next sentence, across a paragraph break too), vote for its gender."""
    text = "\n".join(paragraphs)
    positions = [p for p, _ in people.mentions]
    offset = 0
    count = 0
    last: str | None = None
    last_at = 0
    last_tail = ""  # the text after the last subject: another person named there blurs a pronoun
    asker, previous = False, ""  # whether the last subject asked the question just quoted
    last_sentence = -9
    for para in paragraphs:
        cursor = 0
        masked = para  # a quote's pronouns are the speaker's, even when its sentences are split
        for q in find_quotes(para, style):
            masked = masked[:q.start] + " " * (q.end - q.start) + masked[q.end:]
        for sentence in split_sentences(para):
            count += 1
            start = para.find(sentence, cursor)
            cursor = start + len(sentence)
            lo = bisect_left(positions, offset + start)
            hi = bisect_left(positions, offset + start + len(sentence))
            here = people.mentions[lo:hi]  # mentions are in reading order
            for p, _ in here:
                if _opens_sentence(sentence[: p - offset - start]):
                    people.subjects.add(p)
            subjects = [(p, name) for p, name in here if p in people.subjects]
            first_pronoun = _first_pronoun(masked[start:start + len(sentence)], style)
            if first_pronoun and last and count - last_sentence <= 2:
                gender, at = first_pronoun
                named_before = [(p, name) for p, name in subjects if p - offset - start < at]
                subject = named_before[-1][1] if named_before else last
                since = named_before[-1][0] - offset - start if named_before else 0
                between = sentence[since:at] if named_before else last_tail + " " + sentence[:at]
                answer = not named_before and asker and not masked[start:start + at].strip()
                subject_at = named_before[-1][0] if named_before else last_at
                if (not here or named_before) and not _PERSON_NOUN.search(between) and not answer \
                        and not _owned_by(text[max(0, subject_at - 40):subject_at], gender):
                    people.vote(subject, gender, _snippet(sentence, at))
            if subjects:
                last, last_sentence, last_at = subjects[-1][1], count, subjects[-1][0]
                last_tail = sentence[subjects[-1][0] - offset - start:]
                # “Including you?” Hart asked. / “Including me,” she said: she is not Hart
                asker = bool(re.search(r"\?[”\"’']\s*$", previous)) and not masked[
                    start:subjects[-1][0] - offset].strip()
            elif last is not None:
                last_tail += " " + sentence
            previous = sentence
        offset += len(para) + 1


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
    for q in find_quotes(sentence, style):
        sentence = sentence[:q.start] + " " * (q.end - q.start) + sentence[q.end:]
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
