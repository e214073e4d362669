"""Who an untagged quotation belongs to, read from the paragraphs around it.

News writing often lets a quote stand alone and names its speaker in the narration just before
("the elder Merritt smiled. “…”") or just after ("“…” / Ruiz-Hale laughs at the memory."). These
pure helpers read those neighbours; scriptwriter.py decides when to ask them.
"""

from __future__ import annotations

import re

from .attribution import Tag
from .model import FEMALE, MALE
from .names import People, is_plural

_QUOTE_MARKS = "“”\"‘’«»„"
_SPEECH = re.compile(r"\b(?:says|said|told|tells|adds|added|argues|argued|explains|explained|"
                     r"notes|noted|insists|insisted|writes|wrote|asks|asked|according to)\b")


def only_names(people: People, start: int, end: int, speaker: str) -> bool:
    """Whether the narration between start and end names someone, and only the speaker (or
    their family name, as "the elder Merritt" does)."""
    named = [who for p, who in people.mentions if start <= p < end]
    family = speaker.split()[-1]
    return bool(named) and all(who.split()[-1] == family for who in named)


def named_after(people: People, text: str, paragraph_end: int) -> str | None:
    """The person who opens the next paragraph as its subject ("Ruiz-Hale laughs at the
    memory."), when that paragraph is narration with no quotation of its own."""
    start = paragraph_end + 1
    if start >= len(text):
        return None
    stop = text.find("\n", start)
    following = text[start: stop if stop != -1 else len(text)]
    if any(mark in following for mark in _QUOTE_MARKS) or _SPEECH.search(following.split(". ")[0]):
        return None  # "Baker said he would vote no." reports Baker anew; a beat does not
    return next((who for p, who in people.mentions if p == start and p in people.subjects), None)


def names_several(people: People, start: int, end: int) -> bool:
    """Whether a stretch of narration names two people or more: then "the last one named" is a
    guess, and the paragraph after an untagged quote is the better witness."""
    return len({who for p, who in people.mentions if start <= p < end}) >= 2


def inside_pronoun_sentence(text: str, pos: int, pronoun: str) -> bool:
    """Whether pos lies in a sentence whose subject is that pronoun ("She described an
    annotation in which an 18th-century Corbet-Lyle had written …"): a later "she said" goes on
    with that subject, not with the person embedded in her sentence."""
    start = max(text.rfind("\n", 0, pos), *(text.rfind(e, 0, pos) for e in (". ", "? ", "! ")))
    sentence = text[start + 1:pos].lstrip(" ‘’“”\"'")
    return bool(re.match(rf"{pronoun}\b", sentence, re.IGNORECASE))


# An epithet a sports or feature writer uses for someone just named: "the 24-year-old", "the
# Scot", "the defender". It is never a new, unnamed person.
EPITHET = re.compile(
    r"the\s+(?:\d{1,3}-year-old|[A-Z][a-z]+|(?:former\s+|veteran\s+|young\s+)?(?:defender|"
    r"striker|midfielder|goalkeeper|keeper|forward|winger|full-back|quarterback|pitcher|"
    r"outfielder|infielder|catcher|linebacker|receiver|guard|batter|batsman|bowler|jockey|"
    r"skipper|youngster|rookie|veteran|champion|actor|actress|singer|rapper|novelist|star))")


def recent_subject(people: People, position: int, window: int = 700) -> str | None:
    """The person who most recently opened a sentence, not long before position."""
    found = [who for p, who in people.mentions
             if position - window <= p < position and p in people.subjects]
    return found[-1] if found else None


def contradicts(tags: tuple[Tag | None, ...], who: str, people: People) -> bool:
    """Whether a quote's own "he"/"she" tag rules out who: a group, or someone of the other
    gender ("His wife, Morag, …" / “…,” she says: not him)."""
    said = next((MALE if t.who.lower() == "he" else FEMALE for t in tags if t is not None
                 and t.kind == "pronoun" and t.who.lower() in ("he", "she")), None)
    return said is not None and (is_plural(who) or people.gender(who) not in (said, None))
