"""Speech tags: the words that say who is talking ("Head says", "says Dean Cheng, a …").

Finds a tag right after a quote, right before one (a lead-in ending in a colon or comma), or
anywhere in narration (for context), and names its speaker phrase. Pure string work; resolving
the phrase to a person is names.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .namewords import _NOT_NAMES, _ORG_WORDS, HONORIFICS, PARTICLE, PARTICLE_PREFIX
from .quotes import sentence_ends

# Speech verbs as they are written, never a bare stem that is also a noun ("the point is",
# "a note", "the claim"): present, past, and for a few the base form ("I say", "will tell").
_REGULAR = (
    "explain note argue recall conclude continue suggest state declare insist remark respond "
    "warn acknowledge observe emphasize emphasise caution claim agree counter concede muse "
    "predict announce tweet testify comment recount exclaim whisper shout laugh sigh reflect "
    "confirm wonder complain boast promise vow elaborate reason maintain contend assert affirm "
    "mention retort interject plead urge reckon text email add ask reply recollect answer"
).split()


def _forms(stem: str) -> list[str]:
    if stem.endswith("y") and stem not in ("say",):
        return [stem[:-1] + "ies", stem[:-1] + "ied"]
    third = stem + ("es" if stem.endswith(("s", "sh", "ch", "x")) else "s")
    past = stem + ("d" if stem.endswith("e") else "ed")
    return [third, past]


VERB = "(?:" + "|".join(sorted(
    {f for stem in _REGULAR for f in _forms(stem)}
    | {"put it bluntly", "say", "says", "said", "tell", "tells", "told", "write", "writes", "wrote", "written",
       "add", "ask", "quipped", "quips", "admitted", "admits", "posted", "pleaded",
       "pointed out", "points out", "put it", "puts it"},
    key=len, reverse=True)) + ")"
_VERB_RX = re.compile(rf"\b{VERB}\b")
_PRONOUN = {"he": "he", "she": "she", "they": "they", "i": "i", "we": "we"}
_DETERMINERS = {"the", "a", "an", "one", "another", "two", "three", "several", "some", "many",
                "its", "his", "her", "their", "this", "that"}
_VERBISH = re.compile(r"^(?:is|are|was|were|be|been|has|have|had|will|would|could|should|may|"
                      r"might|can|do|does|did|not|that|which|who|whom|where|when|while|and|or|"
                      r"but|because|if|as|than|then|still|also|to)$")


_OBJECT_PRONOUNS = {"her", "him", "them", "me", "us", "it"}
_AUXILIARIES = {"had", "has", "have", "was", "is", "were", "been", "once", "later", "then"}
# where the words were said or written, between the verb and a colon: "next to a passage on idleness"
_PLACE_PHRASE = (r"(?:next to|beside|in the margins? of|on the back of|under|beneath|above|below|"
                 r"across|inside|on|in)\s+(?:the|a|an|his|her|their|its)\s+[^,;:.]{1,40}")
# a noun phrase that speaks does not run across these ("a reporter before a friend told her")
_SUBORDINATORS = {"before", "after", "until", "unless", "since", "once", "whereas", "although",
                  "though", "because", "whether", "where", "how", "why"}


@dataclass(frozen=True)
class Tag:
    """A speech tag: its text span in the string searched, the speaker phrase, its kind.

    kind: "name", "pronoun" or "description". inverted: verb before speaker ("says Dean Cheng").
    """

    start: int
    end: int
    who: str
    kind: str
    verb: str
    inverted: bool = False


_PARTICLE_NAME = re.compile(PARTICLE_PREFIX)  # al-Rashidi


_ORG_GLUE = {"and", "of", "&", "the", "for", "de"}
_RANKS = {"elder", "eldest", "older", "oldest", "younger", "youngest"}


def speaker_phrase(words: list[str]) -> tuple[str, str] | None:
    """The speaker phrase that ends a list of words, with its kind, or None."""
    if not words or words[-1][-1:] in ",”\"’;:":
        return None  # a clause or a quotation ends here, not a speaker's name
    last = words[-1]
    if last.lower() in _PRONOUN:
        return last, "pronoun"
    if last[:1].isupper() or _PARTICLE_NAME.match(last):
        return _named_phrase(words)
    # a description: "a U.S. State Department spokesperson", "the company", "officials"
    if last.lower() in _OBJECT_PRONOUNS:
        return None  # "heard her ask": the verb after an object is not a speech tag
    return _described_phrase(words)


def _named_phrase(words: list[str]) -> tuple[str, str] | None:
    """The phrase when the words end in a capitalised one: mostly a name, sometimes a role that
    ends in a name ("a spokesperson for the Department of Transportation", "the Scot")."""
    run = _name_run(words)
    if len(run) == 1 and run[0].lower() in _NOT_NAMES:
        return None
    before = words[:len(words) - len(run)]
    if role := _role_of_body(words, before, run):
        return role
    lead = before[-3:]
    if len(run) == 1 and lead[-2:-1] == ["the"] and lead[-1].lower() in _RANKS:
        return f"the {lead[-1]} {run[0]}", "name"  # "the elder Fifita": one of two Fifitas
    if len(run) == 1 and lead[-1:] == ["the"] and run[0][1:].islower():
        return "the " + run[0], "description"  # "the Scot said": an epithet, not a name
    for k in range(len(lead)):  # "an 18th-century Corbet-Lyle": one of a family, unnamed
        if lead[k].lower() in ("a", "an") and not any(w[:1].isupper() for w in lead[k + 1:]):
            return " ".join(lead[k:] + run), "description"
    return (" ".join(run), "name") if run else None


def _name_run(words: list[str]) -> list[str]:
    """The capitalised words (and particles) that end the list, less the capitalised words
    before them that are no part of a name."""
    run: list[str] = []
    for w in reversed(words):
        bare = w.strip(",")
        if bare != w and run:
            break
        if bare[:1].isupper() or _PARTICLE_NAME.match(bare) or (
                run and re.fullmatch(PARTICLE, bare.lower())):
            run.insert(0, bare)
        else:
            break
    while run and run[0].lower().rstrip(".") in _NOT_NAMES and len(run) > 1:
        run = run[1:]
    return run


def _role_of_body(words: list[str], before: list[str], run: list[str]) -> tuple[str, str] | None:
    """"A spokesperson for the Department of Transportation": when the name is the object of a
    preposition, the speaker is the role before it, as a description."""
    j = len(before)  # back over the rest of an organisation's name: "the Coffee and …"
    while j > 0 and (before[j - 1][:1].isupper() or before[j - 1].lower() in _ORG_GLUE):
        j -= 1
    if j and before[j - 1].lower() in ("of", "for", "at", "from", "with") and (
            len(run) == 1 or run[-1].lower() in _ORG_WORDS):
        for k in range(j - 2, max(-1, j - 10), -1):
            if before[k].lower() in ("a", "an", "one") and before[k + 1][:1].islower():
                return " ".join(w.strip(",") for w in words[k:]), "description"
    return None


def _described_phrase(words: list[str]) -> tuple[str, str] | None:
    """A description that ends the words, from its leftmost determiner ("one person familiar
    with the deliberations"), or a bare plural ("officials said")."""
    start = None
    for i in range(len(words) - 1, max(-1, len(words) - 9), -1):
        w = words[i]
        if w.lower() in ("who", "whose") and i < len(words) - 1:
            head = _head_before_relative(words[:i])  # "A resident who lives near the plant"
            if head is not None:
                return " ".join(x.strip(",") for x in words[head:]), "description"
        if ((w.endswith(",") and i != len(words) - 1) or _VERBISH.match(w.lower())
                or w.lower() in _SUBORDINATORS):
            break
        if w.lower() in _DETERMINERS or re.search(r"(?:’s|'s)$", w):
            start = i
    if start is not None:
        return " ".join(x.strip(",") for x in words[start:]), "description"
    last = words[-1]
    if (len(words) == 1 or words[-2].endswith(",")) and re.fullmatch(r"[a-z]+s|police|staff", last):
        return last, "description"  # "officials said", ", scientists say"
    return None


def _head_before_relative(words: list[str]) -> int | None:
    """Where the noun phrase a relative clause hangs on starts: "A resident" of "A resident who
    lives near the plant said", when it opens with a determiner a few words back."""
    for k in range(len(words) - 1, max(-1, len(words) - 5), -1):
        if words[k].endswith(",") or _VERBISH.match(words[k].lower()):
            return None
        if words[k].lower() in _DETERMINERS:
            return k if k == 0 or words[k - 1].lower() in _CLAUSE_OPENERS else None
    return None


_CLAUSE_OPENERS = {"and", "but", "where", "when", "while", "then", "as"}


def _words_before(text: str) -> list[str]:
    """The words of the clause that ends text (stops at sentence and clause punctuation)."""
    ends = sentence_ends(text)
    text = text[ends[-1]:] if ends and ends[-1] < len(text.rstrip()) else text
    clause = re.split(r"[;:!?—–()]\s*|,\s(?=\S)", text.rstrip())[-1]
    return clause.split()


def _subject_before_appositive(text: str) -> tuple[str, str] | None:
    """"A senior aide, who spoke on condition of anonymity, said": the subject before the commas."""
    ends = sentence_ends(text)
    sentence = text[ends[-1]:] if ends and ends[-1] < len(text.rstrip()) else text
    m = re.match(r"\s*([^,]{1,80}),\s+([^;:]{1,200}),\s*$", sentence)
    if not m:
        return None
    phrase = speaker_phrase(m.group(1).split())
    if not phrase or not _starts_phrase(m.group(1), phrase[0]):
        return None
    appositive = m.group(2).split(",")[0].strip()  # "His son, Caleb Ruddock, 33, said"
    named = speaker_phrase(appositive.split())
    if phrase[1] == "description" and named and named[1] == "name" and named[0] == appositive:
        return named  # "Its spokesperson, Le Minh Duc, put it": the name, not the role
    return phrase


def tag_after(text: str) -> Tag | None:
    """A tag at the start of the text that follows a quote: ‘, Head says.’ / ‘says Dean Cheng, …’."""
    m = re.match(r"[\s,]*", text)
    i = m.end()
    rest = text[i:]
    inv = re.match(rf"({VERB})\s+(.+)", rest)
    if inv and not _VERBISH.match(inv.group(1)):
        phrase = inverted_phrase(inv.group(2))
        if phrase:
            return Tag(i, i + len(rest), phrase[0], phrase[1], inv.group(1), inverted=True)
    acc = re.match(r"(according to)\s+(.+)", rest, re.IGNORECASE)
    if acc:
        phrase = inverted_phrase(acc.group(2))
        if phrase:
            return Tag(i, i + len(rest), phrase[0], phrase[1], "according to", inverted=True)
    verb = _VERB_RX.search(rest)
    if not verb or verb.start() == 0:
        return None
    head = rest[:verb.start()].strip()
    appositive = re.match(r"(.+?),\s+.{1,160},$", head)  # "Smith, a spokesperson for X, said"
    candidates = [head] + ([appositive.group(1)] if appositive else [])
    for cand in candidates:
        if "," in cand or len(cand.split()) > 8:
            continue
        phrase = speaker_phrase(cand.split())
        if phrase and " ".join(cand.split()).endswith(phrase[0]) and _starts_phrase(cand, phrase[0]):
            comma = rest.find(",", verb.end())  # "Head says, noting that …": the tag ends at the comma
            end = i + (comma if comma != -1 else len(rest))
            return Tag(i, end, phrase[0], phrase[1], verb.group(0))
    return None


def _starts_phrase(clause: str, phrase: str) -> bool:
    """The speaker phrase must be the whole subject, allowing a title before a name."""
    lead = " ".join(clause.split())[: -len(phrase)].strip()
    words = lead.split()
    if not words:
        return True
    if all(w[:1].islower() or w.lower().rstrip(".") in HONORIFICS for w in words):
        return len(words) <= 4  # "space lawyer", "Sen."
    # an organisation and a role: "Morgan Tate analyst", "Former Castlefield captain"
    return len(words) <= 5 and words[-1][:1].islower() and words[-1].isalpha()


def inverted_phrase(text: str) -> tuple[str, str] | None:
    """The speaker phrase after an inverted verb: "space lawyer Michelle Hanlon, executive …"."""
    head = re.split(r",|;|—|\s(?:who|which|of|at|from|in|on|for|with)\s", text, maxsplit=1)[0]
    owner = re.match(rf"{re.escape(head)}(\s(?:of|at|for)\s(?:the\s)?[A-Z][\w’'.&-]*"
                     rf"(?:\s(?:of\s|and\s|for\s)?[A-Z][\w’'.&-]*)*)", text)
    if owner and head.split()[:1] and head.split()[0].lower() in ("a", "an", "one"):
        head += owner.group(1)  # "said a spokesperson for the Department of Transportation"
    words = head.split()
    if words and words[-1].endswith(".") and words[-1].count(".") == 1 and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]  # the sentence's full stop
    if not words or len(words) > 9:
        return None
    if words[0].lower() in _PRONOUN:
        return (words[0], "pronoun") if len(words) == 1 else None
    if len(words) == 2 and words[0].lower() in ("the", "a", "an") and words[1].isupper():
        return " ".join(words), "description"  # "said the GM": a role, abbreviated
    caps = [k for k, w in enumerate(words) if w[:1].isupper()]
    if caps and words[-1][:1].isupper():
        return speaker_phrase(words)
    if words[0].lower() in _DETERMINERS or len(words) <= 2:
        return " ".join(words), "description"
    return None


# a lead-in that hands the quote to its sentence's subject, as a colon does: "The statement read
# in part, “…”" (whoever issued it), "She also said …, asking, “…?”" (her)
_LEAD_IN = re.compile(r"(?::|\b(?:statement|letter|note|message|post|notice|release|memo)\s+"
                      r"(?:read|reads)(?:,?\s+in part)?,|,\s*(?:adding|asking|saying|noting|"
                      r"warning|explaining),)\s*$", re.IGNORECASE)


def leads_in(text: str) -> bool:
    """Whether the text before a quote ends in a colon or a lead-in that works like one."""
    return bool(_LEAD_IN.search(text))


def tag_before(text: str) -> Tag | None:
    """A lead-in tag that ends the text before a quote: ‘Wu said:’ / ‘Nelson told lawmakers,’."""
    stripped = text.rstrip()
    last_word = stripped.split()[-1] if stripped.split() else ""
    if not stripped.endswith((":", ",")) and not _VERB_RX.fullmatch(last_word):
        return None
    ends = sentence_ends(stripped)
    clause_start = ends[-1] if ends and ends[-1] < len(stripped) else 0
    clause = stripped[clause_start:]
    acc = re.search(r"according to\s+(.+?),?\s*$", clause, re.IGNORECASE)
    if acc:
        phrase = inverted_phrase(acc.group(1))
        if phrase:
            return Tag(clause_start + acc.start(), len(stripped), phrase[0], phrase[1],
                       "according to")
    for verb in reversed(list(_VERB_RX.finditer(clause))):
        after = clause[verb.end():].strip().rstrip(":,").strip()
        if re.fullmatch(r",\s*(?:in (?:full|part|a statement)|simply|only|again|later|then|"
                        r"quietly|finally)", after) or re.fullmatch(_PLACE_PHRASE, after):
            after = ""  # "The note said, in full, “…”", "had written next to a passage on idleness:"
        if (len(after.split()) > 6 or "," in after or re.search(r"[.!?]\s+[A-Z]|;", after)
                or any(_VERBISH.match(w) for w in after.lower().split())):
            continue
        before = _words_before(clause[:verb.start()])
        while before and before[-1].lower() in _AUXILIARIES:
            before = before[:-1]  # "had written", "has been quoted as saying"
        phrase = speaker_phrase(before)
        if phrase:
            return Tag(clause_start + verb.start(), len(stripped), phrase[0], phrase[1],
                       verb.group(0))
    return None


# "according to its website" says where a fact comes from, not who is speaking
_DOCUMENT = re.compile(r"\b(?:website|report|reports|data|records|documents|filings?|figures|"
                       r"study|survey|poll|analysis|estimates?|census|statistics|research|"
                       r"court papers|records)$", re.IGNORECASE)


def tags_in(text: str) -> list[Tag]:
    """Every speech tag in a stretch of narration, for context ("Science aside, Head says, …")."""
    found: list[Tag] = []
    for acc in re.finditer(r"\baccording to\s+", text, re.IGNORECASE):
        phrase = inverted_phrase(text[acc.end():])
        if phrase and not (phrase[1] == "description" and _DOCUMENT.search(phrase[0])):
            found.append(Tag(acc.start(), acc.end(), phrase[0], phrase[1], "according to", True))
    for verb in _VERB_RX.finditer(text):
        phrase = (speaker_phrase(_words_before(text[:verb.start()]))
                  or _subject_before_appositive(text[:verb.start()]))
        if phrase is None:
            inv = inverted_phrase(text[verb.end():])
            before = text[:verb.start()].rstrip()
            if inv and inv[1] == "name" and before.endswith((",", "”", '"')):
                found.append(Tag(verb.start(), verb.end(), inv[0], inv[1], verb.group(0), True))
            continue
        found.append(Tag(verb.start(), verb.end(), phrase[0], phrase[1], verb.group(0)))
    return found


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def broadcast_tag(tag_text: str, tag: Tag) -> str:
    """The tag as said before the quote: "Head says:"; "Dean Cheng, a senior adviser …, says:"."""
    body = tag_text.strip().lstrip(",").strip().rstrip(",;").strip()
    if body.endswith(".") and body.split()[-1].count(".") == 1:
        body = body[:-1]  # the full stop, but not the one of "D.C."
    if tag.inverted and tag.verb != "according to":
        rest = body[len(tag.verb):].strip()
        sep = ", " if "," in rest else " "
        return upper_first(f"{rest}{sep}{tag.verb}:")
    return upper_first(f"{body}:")


__all__ = ["Tag", "tag_after", "tag_before", "tags_in", "broadcast_tag", "speaker_phrase",
           "upper_first"]
