"""People in an article: who is named where, what a surname or pronoun refers to, and gender.

A surname resolves to the fullest name the article gives for that person ("Head" -> "James
Head"); "she says" resolves to the last-named woman. Gender comes only from the article's own
evidence (pronouns that follow a mention, honorifics; see gender.py), recorded so casting can
show why. The words names are made of live in namewords.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .gender import gather_gender, vote_kin_and_titles
from .namewords import (_KIN_GENDER, _NOT_NAMES, _ORG_WORDS, _ROLE_WORDS, HONORIFICS, INITIALS,
                        NAME_RUN, PARTICLE, PARTICLE_PREFIX, PLACE_INITIALS, title_key)
from .quotes import DOUBLE, UPPER, find_quotes


def _tokens(name: str) -> list[str]:
    return [t.rstrip(".,") for t in name.split()]


def strip_possessive(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word)


# letters after a name for a seat or an honour: "Helen Drummond MSP", "Jo Roe MP", "Ann Lee KC"
_POST_NOMINALS = {"MP", "MSP", "MS", "AM", "MLA", "MPP", "MHA", "MNA", "TD", "MEP", "QC", "KC",
                  "OBE", "MBE", "CBE", "PhD"}


def person_tokens(run: str) -> list[str] | None:
    """The tokens of a capitalised run if it reads as a person's name, else None."""
    raw = run.split()
    toks = [strip_possessive(t) for t in raw]
    titles = [i for i, t in enumerate(toks[:-1]) if t.lower().rstrip(".") in HONORIFICS
              or t.lower() in _ROLE_WORDS or (len(t.rstrip(".")) > 1 and t.isupper()
                                              and not _initials(t))
              or re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)+", t)]  # "Left-back", "Co-founder",
    # "Nineteen-year-old": roles and ages, not names
    if titles:  # "Industry Minister Lee Ji-won", "NASA Administrator Bill Nelson"
        toks = toks[titles[-1] + 1:]
    while toks and (re.fullmatch(r"[A-Z]\.?", toks[-1]) or toks[-1] in _POST_NOMINALS):
        toks = toks[:-1]  # "Bloomberg L.": an initial ends no one's name; "Jo Roe MSP": a seat
    while toks and (toks[0].lower().rstrip(".") in _NOT_NAMES
                    or toks[0].lower().rstrip(".") in HONORIFICS):
        toks = toks[1:]
    caps = [t for t in toks if t[:1].isupper() or re.match(PARTICLE_PREFIX, t)]  # al-Hashimi
    if not caps:
        return None
    for t in toks:
        bare = t.rstrip(".").lower()
        if bare in _ORG_WORDS or bare in _NOT_NAMES:
            return None
        if len(t) > 2 and t.replace(".", "").replace("-", "").isupper() and not _initials(t):
            return None  # an acronym: NASA, ILRS
        if any(ch.isdigit() for ch in t):
            return None
    return toks


def _initials(token: str) -> bool:
    """"H.R." in "H.R. Manjunath" is a person's initials; "U.S." is a country."""
    return bool(INITIALS.fullmatch(token)) and token not in PLACE_INITIALS


@dataclass
class People:
    """Every person named in an article, in reading order, keyed by position."""

    mentions: list[tuple[int, str]] = field(default_factory=list)  # (position, canonical name)
    subjects: set[int] = field(default_factory=set)  # positions of mentions that open a sentence
    oblique: set[int] = field(default_factory=set)  # positions of mentions after a preposition
    full_names: list[tuple[int, str]] = field(default_factory=list)
    votes: dict[str, Counter] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)  # "Dan Hart" -> {"councillor"}
    seniority: dict[str, str] = field(default_factory=dict)  # "his older brother, X" -> "elder"

    def resolve(self, name: str, position: int) -> str:
        """The canonical (fullest) form of a name as used at a position in the text."""
        rank = _RANK.match(name)  # "the elder Fifita": one of two who share the name
        if rank:
            name = name[rank.end():]
        toks = [strip_possessive(t) for t in _tokens(name)]
        sex = HONORIFICS.get(toks[0].lower().rstrip(".")) if len(toks) > 1 else None
        # "Headteacher Angela Price", "Mrs Price", "Council Member Price": the title ends at
        # its last title word
        cut = max((i for i, t in enumerate(toks[:-1]) if t.lower().rstrip(".") in HONORIFICS
                   or t.lower() in _ROLE_WORDS), default=-1)
        titles = {title_key(t) for t in toks[:cut + 1]}
        toks = toks[cut + 1:]
        if not toks:
            return name.strip()
        matches = [(pos, full) for pos, full in self.full_names if _contains(full, toks)]
        if sex and len({full for _, full in matches}) > 1:  # "Mr. Kowal" is not Donna Kowal
            matches = ([m for m in matches if self.gender(m[1]) == sex]
                       or [m for m in matches if self.gender(m[1]) is None] or matches)
        if rank and len({full for _, full in matches}) > 1:  # the one said to be so, or else
            want = "elder" if rank.group(1).lower() in _ELDER else "younger"  # not the other one
            matches = ([m for m in matches if self.seniority.get(m[1]) == want]
                       or [m for m in matches if self.seniority.get(m[1]) in (want, None)] or matches)
        if titles and len({full for _, full in matches}) > 1:  # "Cllr Hart": the councillor
            matches = [m for m in matches if titles & self.titles.get(m[1], set())] or matches
        if not matches:
            return " ".join(toks)
        before = [m for m in matches if m[0] <= position]
        exact = [m for m in before if _tokens(m[1]) == toks]
        pos, full = (exact or before or matches)[0]
        longer = [f for _, f in matches if _contains(f, _tokens(full)) and len(f) > len(full)]
        return max(longer, key=len) if longer else full

    def last_named(self, position: int, gender: str | None, paragraph_start: int = -1,
                   described: tuple[tuple[int, str], ...] = (),
                   exclude: frozenset[str] = frozenset()) -> str | None:
        """Who "she says" at position means: the subject of a sentence earlier in the same
        paragraph, else the most recent person (or described speaker, "one resident")
        whose gender is that one or unknown; a name after a preposition ("the manager of
        Ridgeline Toyota") only when no one else fits."""
        earlier = sorted([(pos, name) for pos, name in self.mentions if pos < position]
                         + [(pos, who) for pos, who in described if pos < position
                            and not (gender and is_plural(who))])  # "she" is not "doctors"
        earlier = [(pos, name) for pos, name in earlier if name not in exclude]
        fits = [(pos, name) for pos, name in earlier[-40:] if self.gender(name) in (gender, None)]
        for pos, name in reversed(earlier):
            if pos < paragraph_start:
                break
            if pos in self.subjects and self.gender(name) in (gender, None):
                return name
        for pos, name in reversed(fits):
            if pos not in self.oblique:
                return name
        return fits[-1][1] if fits else None

    def gender(self, name: str) -> str | None:
        votes = self.votes.get(name)
        if not votes:
            return None
        (top, n), *rest = votes.most_common(2) + [(None, 0)]
        return top if n > rest[0][1] else None

    def vote(self, name: str, gender: str, evidence: str) -> None:
        self.votes.setdefault(name, Counter())[gender] += 1
        self.evidence.setdefault(name, evidence)


_ELDER = {"elder", "eldest", "older", "oldest", "big"}
_RANK = re.compile(r"(?:the\s+)?(elder|eldest|older|oldest|younger|youngest)\s+(?=[A-Z])",
                   re.IGNORECASE)
_RANK_BEFORE = re.compile(r"\bthe\s+(elder|eldest|older|oldest|younger|youngest)\s+$", re.IGNORECASE)
# "his older brother, flanker Sione Fifita", "her younger sister Ana": who is the elder of two
_SIBLING = re.compile(r"\b(elder|eldest|older|oldest|big|younger|youngest|little|baby)\s+"
                      r"(?:brother|sister|sibling|son|daughter|twin)\b[^.;]{0,25}$", re.IGNORECASE)


def _seniority(before: str) -> str | None:
    m = _SIBLING.search(before)
    return None if not m else "elder" if m.group(1).lower() in _ELDER else "younger"


def is_plural(description: str) -> bool:
    """"Doctors", "local officials": a group, never what "he" or "she" refers to."""
    words = re.split(r"\s(?:in|of|who|whose|with|at|from|for|on)\s", description.lower())[0].split()
    if not words or words[0] in ("a", "an", "one", "each", "every"):
        return False  # "a man in his eighties"
    head = words[-1]
    return head in ("police", "staff", "people", "residents") or (
        head.endswith("s") and not head.endswith(("ss", "us", "is", "’s", "'s")))


def _contains(full: str, toks: list[str]) -> bool:
    """Whether a full name holds the given tokens as its first or last tokens, in order."""
    ft = [t.lower() for t in _tokens(full)]
    toks = [t.lower() for t in toks]  # "Van der Berg" opening a sentence is "van der Berg"
    if len(toks) > len(ft):
        return False
    return ft[-len(toks):] == toks or ft[:len(toks)] == toks


def find_people(paragraphs: list[str], style: str = DOUBLE) -> People:
    """Index people by position (positions count characters over paragraphs joined by \\n)."""
    people = People()
    offset = 0
    runs: list[tuple[int, str, list[str]]] = []
    quoted: set[int] = set()
    for para in paragraphs:
        spans = [(q.start, q.end) for q in find_quotes(para, style)]
        for m in NAME_RUN.finditer(_without_nicknames(para)):
            for start, run in _split_possessives(m.start(), m.group(0)):
                toks = person_tokens(run)
                if toks:
                    runs.append((offset + start, run, toks))
                    if _AFTER_PREPOSITION.search(para[max(0, start - 12):start]):
                        people.oblique.add(offset + start)
                    if any(a <= start < b for a, b in spans):
                        quoted.add(offset + start)
        offset += len(para) + 1
    text = "\n".join(paragraphs)
    runs = _share_surnames(runs, text)
    persons = {" ".join(toks) for _, _, toks in runs if _is_full_name(toks)
               and _looks_like_person(" ".join(toks), toks, text)}
    parts = {t for full in persons for t in full.split()}  # "Pike, 29," is Aaron Pike already
    persons |= {toks[0] for _, _, toks in runs
                if len(toks) == 1 and toks[0] not in parts and _named_once(toks[0], text)}
    for pos, run, toks in runs:
        if " ".join(toks) in persons:
            people.full_names.append((pos, " ".join(toks)))
            people.titles.setdefault(" ".join(toks), set()).update(_titles_of(run, toks, text, pos))
            if rank := _seniority(text[max(0, pos - 60):pos]):
                people.seniority[" ".join(toks)] = rank
    vote_kin_and_titles(text, people, runs)  # before mentions: "Mr Dunmore" needs them
    known = {f for _, f in people.full_names}
    for pos, run, toks in runs:
        if pos in quoted:
            continue  # a name inside a quotation is not who a following "she said" means
        if " ".join(toks) in known or any(_contains(f, toks) for f in known):  # "Van Houten"
            hon = run.split()[0].rstrip(".")
            said = f"{hon} {' '.join(toks)}" if hon.lower() in HONORIFICS else " ".join(toks)
            rank = _RANK_BEFORE.search(text[max(0, pos - 16):pos])  # "the elder Fifita smiled"
            said = f"the {rank.group(1)} {said}" if rank else said
            people.mentions.append((pos, people.resolve(said, pos)))  # "Mr Dunmore": the son
    gather_gender(paragraphs, people, runs, style)
    return people


def _share_surnames(runs: list[tuple[int, str, list[str]]], text: str) -> list[tuple[int, str, list[str]]]:
    """"siblings Maya and Theo Lindqvist": a given name alone before "and" and a full name,
    introduced as a pair, shares that name's surname, so "Maya said" is Maya Lindqvist; so does one after "his
    daughter", the surname of the person named last before it."""
    at = {pos: toks for pos, run, toks in runs if run == " ".join(toks)}  # no title in it
    surnames = {toks[-1] for _, _, toks in runs if len(toks) > 1}  # "said Clarke and Jo Roe"
    out = []
    for pos, run, toks in runs:
        after = re.match(r"\s+and\s+", text[pos + len(run):])
        partner = at.get(pos + len(run) + after.end()) if after else None
        kin = _FAMILY_BEFORE.search(text[max(0, pos - 30):pos])
        family = [t for p, _, t in out if p < pos and (len(t) > 1 or t[0] in surnames)]
        if len(toks) == 1 and run == toks[0] and toks[0] not in surnames:
            if partner and len(partner) == 2 and _PAIR_BEFORE.search(text[max(0, pos - 40):pos]):
                toks = [toks[0], partner[-1]]
            elif kin and family:  # "opposite his daughter Lowri": Lowri Pritchard
                toks = [toks[0], family[-1][-1]]
        out.append((pos, run, toks))
    return out


# a pair of people introduced together: "siblings Maya and Theo Lindqvist", "the couple, Jo and
# Sam Roe" (not "in Paris and Anne Hidalgo's office")
_PAIR_BEFORE = re.compile(r"\b(?:siblings|brothers|sisters|twins|couple|spouses|co-?founders|founders|"
                          r"parents|cousins|husband and wife|wife and husband|father and (?:son|daughter)|"
                          r"mother and (?:son|daughter)),?\s+$", re.IGNORECASE)
_FAMILY_BEFORE = re.compile(r"\b(?:his|her)\s+(?:daughter|son|wife|husband|brother|sister|mother|"
                            r"father)\s+$")


def _titles_of(run: str, toks: list[str], text: str, pos: int) -> set[str]:
    """The title words a mention carries: inside its run ("Cllr", "Council Member") or the
    word just before it ("Fianna Fáil councillor Dan Hart")."""
    words = run.split()[: len(run.split()) - len(toks)] + text[max(0, pos - 30):pos].split()[-1:]
    return {title_key(w) for w in words
            if w.lower().rstrip(".") in HONORIFICS or w.lower().rstrip(".") in _ROLE_WORDS}


_NICKNAME = re.compile(rf"(\b[{UPPER}][\w’'.-]*)( [“\"‘][{UPPER}][\w’'.-]*[”\"’])(?= [{UPPER}])")


def _without_nicknames(text: str) -> str:
    """Lee “Tiny” Marchbank is Lee Marchbank: a quoted nickname inside a name is blanked out
    (same length, so positions hold)."""
    return _NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


_KIN_WORDS = "|".join(sorted(set(_KIN_GENDER) - {"spokesman", "spokeswoman", "chairman",
                                                   "chairwoman", "actor", "actress"}))
_WITHHELD = re.compile(
    r"(?:asked|requested|agreed) (?:that )?(?:only )?(?:her|his|their) (?:last|full|sur)\s?name "
    r"(?:not |be )(?:be )?(?:used|published|withheld|given)"
    r"|asked to be (?:identified|named|called) (?:only )?by (?:her|his|their) first name"
    r"|(?:gave|give|would give|shared|share|would share|used) only (?:her|his|their) first name"
    r"|(?:did not|didn't|does not|doesn't) want (?:her|his|their) (?:last|full) name")


def _named_once(name: str, text: str) -> bool:
    """A person the article names by one name only, as style guides allow when a source asks
    for it and the story says so ("Kayla asked that her last name not be used"), or when an
    age follows the name as for anyone introduced ("Kayla, 24, holds her son")."""
    if name.lower() in _NOT_NAMES or name.lower() in _ORG_WORDS or name.lower() in HONORIFICS:
        return False
    bare = re.escape(name)
    if re.search(rf"\b{bare}\b[^.!?\n]{{0,60}}?(?:{_WITHHELD.pattern})", text):
        return True
    if re.search(rf"\b(?:his|her|their|my|our)\s+(?:{_KIN_WORDS}),\s+{bare},", text, re.IGNORECASE):
        return True  # "His wife, Morag, bought him a hive": family, named as family is
    return bool(re.search(rf"(?:^|[.!?]\s+|\n){bare}, \d{{1,3}}, (?:a |an |the |[a-z]+s\b)", text))


_AFTER_PREPOSITION = re.compile(r"\b(?:of|at|for|from)\s+$")  # "the manager of X": a firm


def _is_full_name(toks: list[str]) -> bool:
    """Two names or more; "Van der Berg" opening a sentence is still only a surname."""
    return len(toks) >= 2 and not re.fullmatch(PARTICLE, toks[0].lower())


def _split_possessives(start: int, run: str) -> list[tuple[int, str]]:
    """"Milbrook's Tatum Greer" -> "Milbrook's", "Tatum Greer": a possessive ends a name."""
    parts: list[tuple[int, str]] = []
    for m in re.finditer(r"\S+", run):
        word = m.group(0)
        if parts and not parts[-1][1].endswith(("’s", "'s", "’")):
            s0, text = parts[-1]
            parts[-1] = (s0, run[s0 - start: m.end()])
        else:
            parts.append((start + m.start(), word))
    return parts


def _looks_like_person(full: str, toks: list[str], text: str) -> bool:
    """Places and organisations look like names too; a person is referred to again by surname,
    given a title or an age or a role, or quoted."""
    if re.search(rf"\b(?:the|a|an)\s+{re.escape(full)}\b|\bthe\s+{re.escape(toks[-1])}\b(?!\s+[A-Z])",
                 text):  # ("the Okafor Market" is a place named for someone, not this one)
        return False  # "the Lumora Frame", "the Frame": a thing, not a person
    if re.search(rf"\b{re.escape(full)}(?:’s|'s)\s+(?:{_FIRM_PARTS})\b", text):
        return False  # "Pennine Water's chief executive": a firm, whatever words its name has
    others = re.sub(re.escape(full), " ", text)
    particle = next((i for i, t in enumerate(toks) if i and re.fullmatch(PARTICLE, t.lower())), None)
    surname = " ".join(toks[particle:]) if particle else toks[-1]  # "van der Berg"
    for alone in {surname, toks[0], toks[-1], surname[:1].upper() + surname[1:]}:  # "Al-Hashimi,"
        # referred to again by surname, as a subject: "Zhang agrees", "Hendricks, in his …"
        if re.search(rf"(?:^|[.!?”\"]\s+|,\s+|\n|\b(?:{_VERBS_NEAR})\s+){re.escape(alone)}"
                     rf"(?:’s|'s)?(?:,|\s+(?!(?:{_NOT_AFTER_NAME})\b)[a-z])", others):
            return True
    name = re.escape(full)
    return bool(re.search(
        rf"(?:^|[.!?]\s+|\n){name}\s+(?:and\s|[a-z])"
        rf"|{name},\s+(?:\d{{1,3}},|an?\s|the\s|who\s|whose\s)"
        rf"|(?:{_VERBS_NEAR})\s+(?:[a-z]+\s+){{0,3}}{name}\b"
        rf"|{name},?\s+(?:{_VERBS_NEAR})\b"
        rf"|\b(?:{'|'.join(_ROLE_WORDS | set(_KIN_GENDER))}|\w+(?:ist|ian|er|or))\b,?\s+{name}\b"
        rf"|\b(?:[a-z]+),\s+{name},"  # "The Nationals member for the area, Bryce Tolhurst,"
        rf"|\b(?:{'|'.join(h for h in HONORIFICS if HONORIFICS[h] or len(h) <= 4)})\.?\s+{re.escape(toks[-1])}\b"
        rf"|\b(?:{'|'.join(HONORIFICS)})\.?\s+{name}", text, re.IGNORECASE))


# What a firm has and a person does not.
_FIRM_PARTS = ("chief executive|ceo|chief operating officer|(?:operations|managing|finance|"
               "commercial) director|board of directors|shareholders|parent company|subsidiary|"
               "share price|annual report")
_NOT_AFTER_NAME = "where|which|in|of|on|at|to|and|or|is|was|has|had|for|from|with|that"
_VERBS_NEAR = ("says|said|told|tells|added|adds|asked|asks|wrote|writes|explained|recalled|"
               "noted|argued|concluded|suggested|stated|recalls|notes|explains|according to")


__all__ = ["HONORIFICS", "is_plural", "PARTICLE", "PARTICLE_PREFIX", "People", "find_people", "person_tokens",
           "strip_possessive", "_NOT_NAMES"]
