"""People in an article: who is named where, what a surname or pronoun refers to, and gender.

A surname resolves to the fullest name the article gives for that person ("Head" -> "James
Head"); "she says" resolves to the last-named woman. Gender comes only from the article's own
evidence (pronouns that follow a mention, honorifics), recorded so casting can show why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .model import FEMALE, MALE
from .quotes import UPPER, split_sentences

_TOKEN = rf"(?:[{UPPER}][\w’'\-]*\.?|[{UPPER}]\.)"
_PARTICLE = r"(?:de|da|di|del|della|der|den|van|von|bin|ibn|al|el|la|le|du|dos|das|ter|ten)"
_NAME_RUN = re.compile(rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN})*")
HONORIFICS = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "sir": MALE,
              "dame": FEMALE, "lord": MALE, "lady": FEMALE, "dr": None, "prof": None,
              "professor": None, "sen": None, "rep": None, "gov": None, "gen": None,
              "president": None, "judge": None, "justice": None, "mayor": None, "rev": None,
              "sgt": None, "capt": None, "col": None, "lt": None, "chancellor": None,
              "minister": None, "secretary": None, "senator": None, "representative": None,
              "governor": None, "director": None, "administrator": None, "chief": None,
              "speaker": None, "coach": None, "officer": None, "detective": None,
              "commissioner": None, "ambassador": None, "admiral": None, "general": None,
              "colonel": None, "captain": None, "lieutenant": None, "sergeant": None,
              "deputy": None, "superintendent": None, "inspector": None, "chairman": MALE,
              "chairwoman": FEMALE, "chair": None, "councilman": MALE, "councilwoman": FEMALE,
              "assemblyman": MALE, "assemblywoman": FEMALE, "congressman": MALE,
              "congresswoman": FEMALE, "king": MALE, "queen": FEMALE, "prince": MALE,
              "princess": FEMALE, "pope": MALE, "father": MALE, "sister": FEMALE, "brother": MALE,
              "premier": None, "prime": None, "vice": None, "mx": None, "st": None}
# Capitalised words that start a run but are not given names.
_NOT_NAMES = {
    "the", "a", "an", "and", "but", "or", "so", "yet", "then", "now", "today", "also", "when",
    "while", "after", "before", "since", "in", "on", "at", "for", "as", "if", "of", "to", "by",
    "from", "with", "without", "under", "over", "despite", "although", "though", "because",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his",
    "her", "their", "our", "my", "your", "there", "here", "what", "who", "why", "how", "where",
    "one", "another", "both", "each", "some", "many", "most", "no", "not", "still", "however",
    "meanwhile", "instead", "even", "yes", "said", "says", "according", "like", "unlike",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "contacted", "asked", "speaking", "writing", "science",
    "given", "during", "following", "thanks", "among", "amid", "beyond", "against", "including",
    "just", "only", "perhaps", "maybe", "every", "all", "any", "few", "several", "much", "more",
    "less", "last", "next", "early", "late", "later", "until", "unless", "whether", "which",
}
# Words that make a capitalised run an organisation or a place, not a person.
_ORG_WORDS = {
    "university", "institute", "institution", "department", "academy", "sciences", "center",
    "centre", "agency", "administration", "program", "programme", "station", "observatory",
    "observatories", "mission", "treaty", "space", "state", "states", "national", "international",
    "united", "nations", "moon", "mars", "earth", "basin", "region", "society", "association",
    "council", "party", "foundation", "company", "inc", "corp", "group", "news", "times", "post",
    "journal", "magazine", "museum", "lab", "laboratory", "house", "senate", "congress", "court",
    "ministry", "office", "bank", "fund", "service", "police", "hospital", "school", "college",
    "river", "street", "lake", "mount", "road", "park", "island", "airport", "league", "club",
    "system", "project", "accords", "pole", "sea", "ocean", "county", "city", "republic",
    "kingdom", "union", "army", "navy", "force", "forces", "committee", "commission", "board",
    "network", "research", "global", "positioning", "law", "air", "american", "chinese",
    "british", "european", "world", "war", "cup", "games", "award", "prize", "festival",
    "autonomous", "inner", "outer", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "new", "old", "great", "first", "cold",
}
_PRONOUNS = {MALE: ("he", "him", "his", "himself"), FEMALE: ("she", "her", "hers", "herself")}


def _tokens(name: str) -> list[str]:
    return [t.rstrip(".,") for t in name.split()]


def strip_possessive(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word)


def person_tokens(run: str) -> list[str] | None:
    """The tokens of a capitalised run if it reads as a person's name, else None."""
    raw = run.split()
    for i, t in enumerate(raw[:-1]):
        if strip_possessive(t) != t:  # "China’s Chang’e": a possessive ends a name
            raw = raw[: i + 1]
            break
    toks = [strip_possessive(t) for t in raw]
    if toks and len(toks[-1]) > 2 and toks[-1].endswith("."):
        toks[-1] = toks[-1][:-1]  # the sentence's full stop, not an initial
    while toks and (toks[0].lower().rstrip(".") in _NOT_NAMES
                    or toks[0].lower().rstrip(".") in HONORIFICS):
        toks = toks[1:]
    caps = [t for t in toks if t[:1].isupper()]
    if not caps:
        return None
    for t in toks:
        bare = t.rstrip(".").lower()
        if bare in _ORG_WORDS or bare in _NOT_NAMES:
            return None
        if len(t) > 2 and t.replace(".", "").replace("-", "").isupper():
            return None  # an acronym: NASA, ILRS
        if any(ch.isdigit() for ch in t):
            return None
    return toks


@dataclass
class People:
    """Every person named in an article, in reading order, keyed by position."""

    mentions: list[tuple[int, str]] = field(default_factory=list)  # (position, canonical name)
    full_names: list[tuple[int, str]] = field(default_factory=list)
    votes: dict[str, Counter] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    def resolve(self, name: str, position: int) -> str:
        """The canonical (fullest) form of a name as used at a position in the text."""
        toks = [t for t in _tokens(name) if t.lower().rstrip(".") not in HONORIFICS]
        toks = [strip_possessive(t) for t in toks]
        if not toks:
            return name.strip()
        matches = [(pos, full) for pos, full in self.full_names if _contains(full, toks)]
        if not matches:
            return " ".join(toks)
        before = [m for m in matches if m[0] <= position]
        pos, full = (before[-1] if before else matches[0])
        longer = [f for _, f in matches if _contains(f, _tokens(full)) and len(f) > len(full)]
        return max(longer, key=len) if longer else full

    def last_named(self, position: int, gender: str | None,
                   prefer: set[str] | None = None) -> str | None:
        """The most recent person named before position with that gender (or unknown gender)."""
        earlier = [name for pos, name in self.mentions if pos < position]
        pools = [[n for n in earlier if n in prefer], earlier] if prefer else [earlier]
        for wanted in (gender, None):
            for pool in pools:
                for name in reversed(pool):
                    if self.gender(name) == wanted:
                        return name
        return None

    def gender(self, name: str) -> str | None:
        votes = self.votes.get(name)
        if not votes:
            return None
        (top, n), *rest = votes.most_common(2) + [(None, 0)]
        return top if n > rest[0][1] else None

    def vote(self, name: str, gender: str, evidence: str) -> None:
        self.votes.setdefault(name, Counter())[gender] += 1
        self.evidence.setdefault(name, evidence)


def _contains(full: str, toks: list[str]) -> bool:
    """Whether a full name holds the given tokens as its first or last tokens, in order."""
    ft = _tokens(full)
    if len(toks) > len(ft):
        return False
    return ft[-len(toks):] == toks or ft[:len(toks)] == toks


def find_people(paragraphs: list[str]) -> People:
    """Index people by position (positions count characters over paragraphs joined by \\n)."""
    people = People()
    offset = 0
    runs: list[tuple[int, str, list[str]]] = []
    for para in paragraphs:
        for m in _NAME_RUN.finditer(para):
            toks = person_tokens(m.group(0))
            if toks:
                runs.append((offset + m.start(), m.group(0), toks))
        offset += len(para) + 1
    for pos, _, toks in runs:
        if len(toks) >= 2:
            people.full_names.append((pos, " ".join(toks)))
    for pos, _, toks in runs:
        if len(toks) >= 2 or any(_contains(f, toks) for _, f in people.full_names):
            people.mentions.append((pos, people.resolve(" ".join(toks), pos)))
    _gather_gender(paragraphs, people, runs)
    return people


def _gather_gender(paragraphs: list[str], people: People, runs) -> None:
    """Pronouns that follow a mention, before anyone else is named, vote for its gender."""
    for pos, raw, _ in runs:
        hon = raw.split()[0].lower().rstrip(".")
        if HONORIFICS.get(hon):
            name = people.resolve(raw, pos)
            people.vote(name, HONORIFICS[hon], f"called {raw.split()[0]}")
    offset = 0
    for para in paragraphs:
        sentences = split_sentences(para)
        cursor = 0
        last: str | None = None
        last_sentence = -9
        for n, sentence in enumerate(sentences):
            start = para.find(sentence, cursor)
            cursor = start + len(sentence)
            here = [(p, name) for p, name in people.mentions
                    if offset + start <= p < offset + start + len(sentence)]
            first_pronoun = _first_pronoun(sentence)
            if first_pronoun and last and n - last_sentence <= 1:
                gender, at = first_pronoun
                named_before = [name for p, name in here if p - offset - start < at]
                subject = named_before[-1] if named_before else last
                if not here or named_before:
                    people.vote(subject, gender, _snippet(sentence, at))
            if here:
                last, last_sentence = here[-1][1], n
        offset += len(para) + 1


def _first_pronoun(sentence: str) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for gender, words in _PRONOUNS.items():
        m = re.search(rf"\b(?:{'|'.join(words)})\b", sentence, re.IGNORECASE)
        if m and (best is None or m.start() < best[1]):
            best = (gender, m.start())
    return best


def _snippet(sentence: str, at: int) -> str:
    return "…" + sentence[max(0, at - 30): at + 30].strip() + "…"
