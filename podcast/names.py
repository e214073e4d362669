"""People in an article: who is named where, what a surname or pronoun refers to, and gender.

A surname resolves to the fullest name the article gives for that person ("Head" -> "James
Head"); "she says" resolves to the last-named woman. Gender comes only from the article's own
evidence (pronouns that follow a mention, honorifics), recorded so casting can show why.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from .model import FEMALE, MALE
from .quotes import DOUBLE, UPPER, find_quotes, split_sentences

_ABBREV = r"(?:Mr|Mrs|Ms|Mx|Dr|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Hon|Cllr)"
PARTICLE_PREFIX = rf"(?:al|el|ul|bin|ibn|abu|ben|d)[-’'][{UPPER}]"  # al-Rashidi, d’Alembert
_TOKEN = (rf"(?:{_ABBREV}\.|[{UPPER}]\.(?!\w)|[{UPPER}][\w’'\-]*"
          rf"|{PARTICLE_PREFIX}[\w’'\-]*)")
PARTICLE = r"(?:de|da|di|del|della|der|den|van|von|bin|ibn|al|el|la|le|du|dos|das|ter|ten)"
_NAME_RUN = re.compile(rf"{_TOKEN}(?:\s+(?:{PARTICLE}\s+)*{_TOKEN})*")
HONORIFICS = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "sir": MALE,
              "dame": FEMALE, "lord": MALE, "lady": FEMALE, "dr": None, "prof": None,
              "professor": None, "sen": None, "rep": None, "gov": None, "gen": None,
              "president": None, "judge": None, "justice": None, "mayor": None, "rev": None,
              "sgt": None, "capt": None, "col": None, "lt": None, "chancellor": None,
              "minister": None, "secretary": None, "senator": None, "representative": None,
              "governor": None, "cllr": None, "councillor": None, "director": None, "administrator": None, "chief": None,
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
    "the", "a", "an", "and", "but", "or", "los", "las", "les", "so", "yet", "then", "now", "today", "also", "when",
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
    "journal", "magazine", "museum", "lab", "laboratory", "senate", "congress", "court",
    "ministry", "office", "fund", "service", "police", "hospital", "school", "college",
    "river", "delta", "valley", "bay", "gulf", "coast", "canyon", "desert", "forest",
    "mountains", "hills", "peninsula", "street", "salon", "salón", "hall", "cafe", "café", "restaurant", "bar", "theater",
    "theatre", "church", "cathedral", "temple", "mosque", "stadium", "arena", "market", "hotel",
    "pharmacy", "store", "shop", "mall", "gallery", "studio", "farm", "ranch", "llc", "ltd",
    "partners", "holdings", "capital", "ventures", "media", "press", "records", "brothers",
    "hermanos", "drive", "avenue", "boulevard", "square", "plaza", "bridge", "highway", "mount", "road", "island", "airport", "league", "club",
    "system", "project", "accords", "pole", "sea", "ocean", "county", "city", "republic",
    "kingdom", "union", "army", "navy", "force", "forces", "committee", "commission", "board",
    "network", "research", "global", "positioning", "air", "american", "chinese",
    "british", "european", "world", "war", "cup", "games", "award", "prize", "festival",
    "autonomous", "inner", "outer", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "new", "old", "great", "first", "cold",
}
# Subject pronouns only: "his"/"her" as often point at someone else ("called her number").
# Roles written in front of a name: "Pharmacist Dale Hinshaw", "Councilmember Anita Brockway".
_ROLE_WORDS = {"executive", "officer", "founder", "co-founder", "chairman", "chairwoman",
               "president", "chief", "head", "leader", "spokesman", "spokeswoman", "spokesperson",
               "analyst", "economist", "researcher", "scientist", "professor", "coach", "manager",
               "editor", "reporter", "correspondent", "lawyer", "attorney", "minister", "secretary",
               "councilmember", "councilor", "councillor", "alderman", "alderwoman", "trustee",
               "pharmacist", "physicist", "nurse", "doctor", "farmer", "teacher", "student",
               "resident", "activist", "historian", "author", "artist", "engineer", "pastor",
               "rabbi", "imam", "priest", "bishop", "judge", "prosecutor", "sheriff", "ranger",
               "principal", "superintendent", "owner", "chef", "designer", "architect", "headteacher",
               "headmaster", "headmistress", "landlord", "landlady", "vicar", "constable"}

_PRONOUNS = {MALE: ("he", "himself"), FEMALE: ("she", "herself")}
ROLE_WORDS = frozenset(_ROLE_WORDS)


def _tokens(name: str) -> list[str]:
    return [t.rstrip(".,") for t in name.split()]


def strip_possessive(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word)


def person_tokens(run: str) -> list[str] | None:
    """The tokens of a capitalised run if it reads as a person's name, else None."""
    raw = run.split()
    toks = [strip_possessive(t) for t in raw]
    titles = [i for i, t in enumerate(toks[:-1]) if t.lower().rstrip(".") in HONORIFICS
              or t.lower() in _ROLE_WORDS or (len(t.rstrip(".")) > 1 and t.isupper())
              or re.fullmatch(r"[A-Z][a-z]+-[a-z]+", t)]  # "Left-back", "Co-founder": roles
    if titles:  # "Industry Minister Lee Ji-won", "NASA Administrator Bill Nelson"
        toks = toks[titles[-1] + 1:]
    while toks and re.fullmatch(r"[A-Z]\.?", toks[-1]):
        toks = toks[:-1]  # "Bloomberg L.": an initial ends no one's name
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
        if len(t) > 2 and t.replace(".", "").replace("-", "").isupper():
            return None  # an acronym: NASA, ILRS
        if any(ch.isdigit() for ch in t):
            return None
    return toks


@dataclass
class People:
    """Every person named in an article, in reading order, keyed by position."""

    mentions: list[tuple[int, str]] = field(default_factory=list)  # (position, canonical name)
    subjects: set[int] = field(default_factory=set)  # positions of mentions that open a sentence
    oblique: set[int] = field(default_factory=set)  # positions of mentions after a preposition
    full_names: list[tuple[int, str]] = field(default_factory=list)
    votes: dict[str, Counter] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    def resolve(self, name: str, position: int) -> str:
        """The canonical (fullest) form of a name as used at a position in the text."""
        toks = [strip_possessive(t) for t in _tokens(name)]
        while len(toks) > 1 and (toks[0].lower().rstrip(".") in HONORIFICS
                                 or toks[0].lower() in _ROLE_WORDS):
            toks = toks[1:]  # "Headteacher Angela Price", "Mrs Price"
        if not toks:
            return name.strip()
        matches = [(pos, full) for pos, full in self.full_names if _contains(full, toks)]
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
                         + [(pos, who) for pos, who in described if pos < position])
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
        for m in _NAME_RUN.finditer(_without_nicknames(para)):
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
    persons = {" ".join(toks) for _, _, toks in runs if _is_full_name(toks)
               and _looks_like_person(" ".join(toks), toks, text)}
    for pos, _, toks in runs:
        if " ".join(toks) in persons:
            people.full_names.append((pos, " ".join(toks)))
    known = {f for _, f in people.full_names}
    for pos, _, toks in runs:
        if pos in quoted:
            continue  # a name inside a quotation is not who a following "she said" means
        if " ".join(toks) in known or any(_contains(f, toks) for f in known):  # "Van Houten"
            people.mentions.append((pos, people.resolve(" ".join(toks), pos)))
    _gather_gender(paragraphs, people, runs, style)
    return people


_NICKNAME = re.compile(rf"(\b[{UPPER}][\w’'.-]*)( [“\"‘][{UPPER}][\w’'.-]*[”\"’])(?= [{UPPER}])")


def _without_nicknames(text: str) -> str:
    """Lee “Tiny” Marchbank is Lee Marchbank: a quoted nickname inside a name is blanked out
    (same length, so positions hold)."""
    return _NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


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
    if re.search(rf"\b(?:the|a|an)\s+{re.escape(full)}\b|\bthe\s+{re.escape(toks[-1])}\b", text):
        return False  # "the Lumora Frame", "the Frame": a thing, not a person
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


_NOT_AFTER_NAME = "where|which|in|of|on|at|to|and|or|is|was|has|had|for|from|with|that"
_VERBS_NEAR = ("says|said|told|tells|added|adds|asked|asks|wrote|writes|explained|recalled|"
               "noted|argued|concluded|suggested|stated|recalls|notes|explains|according to")


_NOT_SUBJECT_BEFORE = {"from", "in", "at", "of", "to", "near", "by", "for", "with", "on", "into",
                       "after", "before", "toward", "against", "over", "under", "about", "like",
                       "than", "and", "or", "guarding", "told", "asked", "called"}


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


_KIN_GENDER = {w: MALE for w in ("father", "husband", "son", "brother", "uncle", "grandfather",
                                  "grandson", "nephew", "boyfriend", "widower", "spokesman",
                                  "chairman", "actor", "businessman", "congressman", "councilman",
                                  "stepfather", "dad")}
_KIN_GENDER.update({w: FEMALE for w in ("mother", "wife", "daughter", "sister", "aunt",
                                         "grandmother", "granddaughter", "niece", "girlfriend",
                                         "widow", "spokeswoman", "chairwoman", "actress",
                                         "businesswoman", "congresswoman", "councilwoman",
                                         "stepmother", "mom", "mum")})
_KIN = re.compile(rf"\b({'|'.join(_KIN_GENDER)}),?\s+$", re.IGNORECASE)
KIN_GENDER = dict(_KIN_GENDER)


def _gather_gender(paragraphs: list[str], people: People, runs, style: str = DOUBLE) -> None:
    """Mark sentence subjects; pronouns that follow a mention, before anyone else is named (in
    the same or the next sentence, across a paragraph break too), vote for its gender."""
    for pos, raw, _ in runs:
        hon = raw.split()[0].lower().rstrip(".")
        if HONORIFICS.get(hon):
            name = people.resolve(raw, pos)
            people.vote(name, HONORIFICS[hon], f"called {raw.split()[0]}")
    text = "\n".join(paragraphs)
    for pos, raw, _ in runs:
        kin = _KIN.search(text[max(0, pos - 40):pos])
        if kin:  # "her father, Anders Halvorsen", "His wife, Gloria Galván"
            people.vote(people.resolve(raw, pos), _KIN_GENDER[kin.group(1).lower()],
                        f"called {kin.group(0).strip(' ,')}")
    positions = [p for p, _ in people.mentions]
    offset = 0
    count = 0
    last: str | None = None
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
                if (not here or named_before) and not _PERSON_NOUN.search(between) and not answer:
                    people.vote(subject, gender, _snippet(sentence, at))
            if subjects:
                last, last_sentence = subjects[-1][1], count
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
