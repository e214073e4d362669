"""Who an untagged quotation belongs to, read from the paragraphs around it.

News writing often lets a quote stand alone and names its speaker in the narration just before
("the elder Merritt smiled. “…”") or just after ("“…” / Ruiz-Hale laughs at the memory."). These
pure helpers read those neighbours; scriptwriter.py decides when to ask them.
"""

from __future__ import annotations

import re

from ..model import FEMALE, MALE
from .attribution import Tag, inverted_phrase
from .names import People, is_plural, person_tokens
from .quotes import ends_sentence, find_quotes, sentence_ends
from .unnamed import description, may_be_pronoun, statement_issuer

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


# "So said Independent councillor Nora Cahill, who …", "That was Oscar Lemus, owner of …",
# "Those were the words of a council spokesperson.": a paragraph that reveals who spoke the
# quote just before it. "That was …" reveals only a person's name ("That was March, …").
_REVEAL = re.compile(r"(?:(So (?:said|says)|Those were the words of|These are the words of|"
                     r"The (?:admission|answer|reply|response|apology|explanation|warning|promise) "
                     r"came from)|That was|That’s|That's)\s+(?=[A-Za-z])")


def revealed_after(people: People, descriptions: list[str], text: str, paragraph_end: int,
                   position: int) -> str | None:
    """Who a reveal opening the next paragraph names, for a quote that stands alone before it:
    a person's canonical name, or an unnamed speaker's description."""
    m = _REVEAL.match(text, paragraph_end + 1)
    if not m:
        return None
    stop = text.find("\n", m.end())
    phrase = inverted_phrase(text[m.end(): stop if stop != -1 else len(text)])
    if phrase and phrase[1] == "description" and m.group(1) and phrase[0].split()[0].lower() in (
            "a", "an", "one", "the"):
        return description(phrase[0], descriptions)
    if not phrase or phrase[1] != "name":
        return None
    toks = person_tokens(phrase[0])  # "That was Dublin City Council …" reveals no one
    return people.resolve(phrase[0], position) if toks and len(toks) >= 2 else None


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


def subject_chain(people: People, text: str, paragraph_start: int, position: int, pronoun: str,
                  speakers: list[tuple[int, str]], style: str) -> str | None:
    """Who a he/she tag means when the sentences before it keep one subject: writers go on
    with "He said …" / "In 1999, he explained why." about the person a sentence last opened
    with, so people named inside those pronoun sentences ("like Council Member Ortega", "he
    married Lise Gagnon") are not candidates. None when the chain breaks (the caller guesses).

    speakers are (position, name) of speech tags, which are subjects too (“…,” said X)."""
    gender = {"he": MALE, "she": FEMALE}[pronoun.lower()]
    opens = re.compile(rf"(?:[^,;:“”\"]{{1,60}},\s+)?{pronoun}\b", re.IGNORECASE)
    for start, end, sentence in _sentences_before(text, paragraph_start, position, style):
        sentence = re.sub(r"“Q*\.?”", " ", sentence).strip(" ,.")
        if not sentence or opens.match(sentence):
            continue  # the same subject goes on, whoever else the sentence names
        named = ([who for p, who in people.mentions if start <= p < end and p in people.subjects]
                 or [who for p, who in speakers if start <= p < end])
        if not named:
            return None
        who = named[0]
        if all(who != f for _, f in people.full_names) and (  # a body or the other gender
                is_plural(who) or who[:1].isupper() or not may_be_pronoun(who, gender)):
            return None
        return who if people.gender(who) in (gender, None) else None
    return None


def _sentences_before(text: str, paragraph_start: int, position: int, style: str,
                      paragraphs: int = 3, limit: int = 8) -> list[tuple[int, int, str]]:
    """The whole sentences before the one holding position, latest first, quotations blanked
    (a quote's pronouns are the speaker's): (start, end, masked sentence)."""
    out: list[tuple[int, int, str]] = []
    stop, start = position, paragraph_start
    for _ in range(paragraphs):
        para = text[start:text.find("\n", start) if "\n" in text[start:] else len(text)]
        masked = para
        for q in find_quotes(para, style):
            if q.end - q.start >= 3:  # “QQQ.”: same length, and still ends a sentence if it did
                body = "Q" * (q.end - q.start - 3) + ("." if ends_sentence(q.text) else "Q")
                masked = masked[:q.start] + "“" + body + "”" + masked[q.end:]
        masked = masked[:stop - start]
        ends = [0] + sentence_ends(masked)
        if stop < start + len(para):  # the sentence holding position is not over yet
            masked = masked[:ends[-1]]
        elif masked[ends[-1]:].strip():
            ends.append(len(masked))
        ends = [e for e in ends if e <= len(masked)]
        out += [(start + a, start + b, masked[a:b]) for a, b in reversed(list(zip(ends, ends[1:])))]
        if start == 0 or len(out) >= limit:
            break
        stop = start - 1
        start = text.rfind("\n", 0, stop) + 1
    return out[:limit]


def lead_in_subject(people: People, text: str, end: int, offset: int) -> str | None:
    """The person a sentence ending in a colon at text[offset:offset + end] is about (its
    subject), if it names one ("…, Kristin Vollmer, laid out the pattern:"); or the body whose
    statement it leads in ("A club statement read:")."""
    lead_in = text[offset:offset + end].rstrip()
    ends = sentence_ends(lead_in)
    start = offset + (ends[-1] if ends and ends[-1] < len(lead_in) else 0)
    subjects = [name for p, name in people.mentions
                if start <= p < offset + end and p in people.subjects]
    persons = {full for _, full in people.full_names if people.gender(full)}
    return subjects[-1] if subjects else statement_issuer(
        lead_in, text[offset + end:], text[:offset + end], persons) or _statement_giver(
        people, text, start, lead_in[start - offset:])


def _statement_giver(people: People, text: str, start: int, sentence: str) -> str | None:
    """"The statement read in part, “…”": the person who, a sentence or two before, made or
    issued "a statement" (the subject of that sentence) speaks it."""
    if not re.match(r"(?:the|that|this)\s+statement\b", sentence.strip(), re.IGNORECASE):
        return None
    window = max(0, start - 400)
    said = [m.start() + window for m in re.finditer(r"\bstatement\b", text[window:start])]
    if not said:
        return None
    ends = sentence_ends(text[:said[-1]])
    begin = ends[-1] if ends else 0
    named = [(p, name) for p, name in people.mentions if begin <= p < said[-1]]
    subjects = [name for p, name in named if p in people.subjects]
    return subjects[-1] if subjects else named[0][1] if named else None  # "The officer, Jo Roe,"


# "Asked what would happen, she shrugged.": a beat of narration whose last sentence has a
# he/she for its subject, after a fronted clause or none
_PRONOUN_BEAT = re.compile(r"(?:[^,;:“”\"‘’]{1,90},\s+)?(he|she)\s+[a-z][^“”\"]*$", re.IGNORECASE)


def closing_pronoun(paragraph: str) -> str | None:
    """The he/she a paragraph's last sentence opens with, if it has no quotation in it: the
    person it means is who speaks an untagged quote opening the next paragraph."""
    ends = sentence_ends(paragraph.rstrip())
    last = paragraph.rstrip()[ends[-2] if len(ends) > 1 else 0:].strip()
    m = _PRONOUN_BEAT.match(last)
    return m.group(1).lower() if m else None


def answerer(people: People, position: int, asker: str, window: int = 600) -> str | None:
    """Who answers a question someone asked in the paragraph before (“How long?” Albright
    asked. / “Since supper.”): the last person named other than the asker, if named just before,
    as someone in the scene is. With no one there, the asker goes on (a rhetorical question)."""
    who = people.last_named(position, None, exclude=frozenset({asker}))
    near = {name for p, name in people.mentions if position - window <= p < position}
    return who if who in near else None


def opening_pronoun(lead_in: str) -> str | None:
    """The he/she the last sentence of a colon lead-in opens with ("She remembers asking one
    question:"): the person it means asked the quoted question."""
    lead_in = lead_in.rstrip()
    ends = [e for e in sentence_ends(lead_in) if e < len(lead_in)]
    m = re.match(r"(he|she)\b", lead_in[ends[-1] if ends else 0:].strip(), re.IGNORECASE)
    return m.group(1).lower() if m else None
