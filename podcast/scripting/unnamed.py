"""Unnamed speakers: "a U.S. State Department spokesperson", "the statement", "a man in his eighties".

News writing names some speakers only by a description. These rules find the description a
phrase refers back to, the body that issued a document that "said" something, and the unnamed
people a sentence introduces as its subject, so a later "he told us:" can refer to them.
"""

from __future__ import annotations

import re

from ..model import FEMALE, MALE
from .namewords import KIN_GENDER, ROLE_WORDS

_DOCUMENT = re.compile(r"^(?:the|that|this|its|their)\s+(?:\w+\s+)?(?:statement|letter|memo|email|"
                       r"e-mail|release|post|message|note|notice)$", re.IGNORECASE)
_ISSUER = re.compile(
    r"\b(?:an?|the|one)\s+(?:[\w’'.-]+\s+){0,4}?(?:spokesperson|spokesman|spokeswoman|"
    r"representative|official|officer|press office|press secretary)"
    r"(?:\s+(?:for|of|at)\s+(?:(?-i:[A-Z])[\w’'.-]*|of|and|the|for)"
    r"(?:\s+(?:(?-i:[A-Z])[\w’'.-]*|of|and|the|for))*)?",
    re.IGNORECASE)


def is_document(phrase: str) -> bool:
    """"the statement", "the note": a document, which speaks for whoever issued it."""
    return bool(_DOCUMENT.match(phrase))


def issuer(phrase: str, before: int, paragraph: str) -> str | None:
    """"the statement said" speaks for whoever issued it earlier in the paragraph ("a
    spokesperson for Laos’s Ministry of Energy and Mines rejected the link")."""
    if not _DOCUMENT.match(phrase):
        return None
    found = list(_ISSUER.finditer(paragraph[:max(before, 0)]))
    if not found:
        return None
    return re.sub(r"\s+(?:of|and|the|for)$", "", found[-1].group(0))


_POSTMODIFIER = {"familiar", "with", "of", "for", "who", "whose", "which", "at", "from", "in",
                 "close", "briefed", "knowledgeable", "involved", "on", "to", "that"}


_BODY_NOUNS = ("company|firm|department|ministry|agency|council|collective|club|union|group|"
               "authority|board|charity|school|university|hospital|district|bank|utility|operator|"
               "airline|retailer|carrier|organi[sz]ation|foundation|trust|network|station|service|"
               "commission|office|regulator|insurer|developer|manufacturer|maker|chain|league")
_BUSINESS = {"company", "firm", "group", "maker", "manufacturer", "retailer", "chain", "carrier",
             "airline", "operator", "developer", "insurer"}
_ORG = r"(?-i:[A-Z][\w’'&.-]*(?:\s+(?:of\s+|and\s+|for\s+|the\s+|&\s+)*[A-Z][\w’'&.-]*){0,5})"
_STATEMENT = r"(?:an?\s+)?(?:[a-z]+\s+)?(?:statement|release|email|e-mail)"


# "the head of the company, Jane Roe,": a person at the body, not the body
_OF_THE = re.compile(r"\b(?:of|at|for|from|with|to|in|by)\s+(?:the|a|an|its|their)\s+(?:[\w’'-]+\s+)?$",
                     re.IGNORECASE)


def named_body(phrase: str, before: str, persons: set[str]) -> str | None:
    """"the company said" / "the statement said" -> the organisation the article named:
    "Valley Reefer Lines, a local trucking company", "its parent company, Meridian Regional
    Health,", or whoever last "said in a statement" ("In an emailed statement, Indigenous
    Services Canada said"). A statement is spoken by the body that issued it."""
    m = re.fullmatch(rf"the\s+(?:[a-z]+\s+)?({_BODY_NOUNS})(?:(?:’s|'s)\s+{_STATEMENT})?",
                     phrase.strip(), re.IGNORECASE)  # "the council", "the council's statement"
    if not m and not _DOCUMENT.match(phrase.strip()):
        return None
    window = before[-1500:]
    found: list[tuple[int, str]] = []
    if m:
        noun = re.escape(m.group(1).lower())
        kinds = _BODY_NOUNS if noun in _BUSINESS else noun  # "chocolate maker X" is a company
        for rx in (rf"({_ORG}),\s+(?:the|a|an|its|their)\s+(?:[\w’'-]+\s+){{0,4}}?{noun}\b",
                   rf"\b{noun},\s+({_ORG}),", rf"\b(?:{kinds})\s+({_ORG})\s+(?:said|says|[a-z]+ed)\b",
                   rf"\b((?-i:[A-Z][\w’'&.-]*\s+){{1,4}}(?-i:{noun.capitalize()}))\b"):  # "Brenton
            # Town Council" is the council
            found += [(x.start(), x.group(1)) for x in re.finditer(rx, window, re.IGNORECASE)
                      if not _OF_THE.search(window[max(0, x.start() - 40):x.start()])]
    for rx in (rf"({_ORG}),?\s+said\s+(?:on\s+\w+\s+)?in\s+{_STATEMENT}",
               rf"\bin\s+{_STATEMENT},\s+({_ORG})\s+said",
               rf"(?:\bthe\s+)?({_ORG})\s+said\s+in\s+its\s+"):  # "The CPSC said in its notice"
        found += [(x.start(), x.group(1)) for x in re.finditer(rx, window, re.IGNORECASE)]
    found = [(at, name) for at, name in found
             if name not in persons and name.split()[0].lower() not in ("the", "a", "an", "in")]
    return max(found)[1] if found else None


# "A club statement read:", "The council's statement said:": a document leads in the quote
_STATEMENT_LEAD = re.compile(r"\b(?:an?|the|its|their)\s+(?:([a-z]+)(?:’s|'s)?\s+)?(?:statement|"
                             r"release|notice)\s+(?:read|reads|said|says|stated)\s*:$", re.IGNORECASE)
# its words name the body that issued it: "Castlefield Athletic is delighted to announce …"
_SELF_NAMED = re.compile(rf"[‘'“\"]?({_ORG})\s+(?:is|are|has|have|would like|wishes|regrets|"
                         rf"can confirm|confirms)\b")


def statement_issuer(lead_in: str, quote: str, before: str, persons: set[str]) -> str | None:
    """Who speaks a statement quoted after "A club statement read:": the body its first words
    name, else the body of that kind the article named ("the club")."""
    m = _STATEMENT_LEAD.search(lead_in)
    if not m:
        return None
    own = _SELF_NAMED.match(quote.lstrip())
    if own and own.group(1) not in persons and own.group(1).split()[0] not in ("The", "We", "I"):
        return own.group(1)
    return named_body(f"the {m.group(1)}", before, persons) if m.group(1) else None


_ABBREVIATED = {"gm": "general manager", "ceo": "chief executive", "cfo": "chief financial officer",
                "coo": "chief operating officer", "ad": "athletic director", "da": "district attorney",
                "md": "managing director", "pm": "prime minister", "gp": "family doctor"}


def head_noun(phrase: str) -> str:
    """"one person familiar with the deliberations" -> "person"; "a U.S. … spokesperson" ->
    "spokesperson"."""
    head: list[str] = []
    for word in phrase.replace(",", " , ").split():
        if word == "," or word.lower() in _POSTMODIFIER:
            break
        head.append(word)
    return (head or phrase.split())[-1].lower()


def description(phrase: str, known: list[str]) -> str:
    """"the spokesperson" -> the spokesperson introduced earlier ("a U.S. State Department …");
    a new description is added to known."""
    words_ = phrase.split()
    first = words_[0].lower()
    if first in ("the", "that", "this", "its", "their") and len(words_) >= 2:
        head = head_noun(phrase)
        spelled = _ABBREVIATED.get(head)  # "the GM" after "a Power Four general manager"
        for earlier in reversed(known):
            if head_noun(earlier) == head or (spelled and spelled in earlier.lower()):
                return earlier
    canonical = (first + phrase[len(words_[0]):]) if first in ("a", "an", "the", "one") else phrase
    if canonical not in known:
        known.append(canonical)
    return canonical


_AGE = r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|\d0s)"
_GENDERED = {"man": MALE, "woman": FEMALE, "boy": MALE, "girl": FEMALE, "gentleman": MALE,
             "lady": FEMALE, **KIN_GENDER}
_PEOPLE = sorted(set(_GENDERED) | ROLE_WORDS | {
    "person", "teenager", "teen", "resident", "neighbour", "neighbor", "witness", "volunteer",
    "customer", "patient", "passenger", "driver", "worker", "employee", "parent", "visitor",
    "shopper", "fan", "voter", "commuter", "local", "retiree", "pensioner", "veteran", "survivor"},
    key=len, reverse=True)
# "A man in his eighties, who asked me not to use his name, brought back …", "… in Amman, where
# a man who had lived in the city heard her …": an unnamed person as the subject of a clause
_INTRODUCED = re.compile(
    rf"(?:^|(?<=[.!?])[\"”’]?\s+|\b(?:where|when|then|until)\s+)"
    rf"((?:A|An|One|a|an|one)\s+(?:[a-z][\w’'-]*\s+){{0,2}}?({'|'.join(_PEOPLE)})"
    rf"(?:\s+in\s+(?:his|her|their)\s+(?:early\s+|mid-?|late\s+)?{_AGE})?)(?=,|\s+(?:who\s|[a-z]))")


def introduced(narration: str) -> list[tuple[int, str, str | None]]:
    """Unnamed people a clause opens with: (offset, "a man in his eighties", gender or None)."""
    found = []
    for m in _INTRODUCED.finditer(narration):
        phrase = m.group(1)
        if m.start(1) != 0 and narration[m.start(1) - 1:m.start(1)] not in " \n":
            continue
        if re.match(r"[^,.;:]{0,60},\s+(?:he|she|they)\b", narration[m.end(1):]):
            continue  # "A former audio engineer from Grand Rapids, he …" describes "he"
        canonical = phrase[:1].lower() + phrase[1:]
        found.append((m.start(1), canonical, _GENDERED.get(m.group(2).lower())))
    return found


def tells_object(text: str, gender: str, pronouns: dict[str, str]) -> bool:
    """Whether a tag at the start of text speaks *to* someone of that gender ("told her …"): then
    its speaker is not who a later "she says" means."""
    m = re.match(r"[\w’'-]+\s+(her|him)\b", text)
    return bool(m) and pronouns.get({"her": "she", "him": "he"}[m.group(1)]) == gender


def titled_person(role: str, before: str) -> str | None:
    """"the judge" -> the person the article gave that title ("Superior Court Judge Harold
    Nakashima-Reyes"), as the name run after the capitalised title word, if there is one."""
    found = re.findall(rf"\b{re.escape(role.capitalize())}\s+((?:[A-Z][\w’'.-]*\s+){{1,3}}"
                       rf"[A-Z][\w’'-]*)", before)
    return found[-1] if found else None


def may_be_pronoun(phrase: str, gender: str) -> bool:
    """Whether "he"/"she" can mean a described speaker: a body ("the board") is "it", and "a
    board spokeswoman" is no "he"."""
    noun = head_noun(phrase)
    if re.fullmatch(_BODY_NOUNS, noun):
        return False
    return _GENDERED.get(noun) in (gender, None)


def refers_back(noun: str, known: list[str], gender_of) -> str | None:
    """"the woman testified" after "The state's first witness, a fellow keeper, said": a plain
    "the woman/man/person" with no description of its own is the last unnamed speaker who fits."""
    if noun not in _GENDERED and noun not in ("person", "teenager", "witness"):
        return None
    if any(head_noun(k) == noun for k in known):
        return None
    wanted = _GENDERED.get(noun)
    fits = [k for k in known if gender_of(k) in (wanted, None)]
    return fits[-1] if fits else None


# "The district argued in its filings …" : a body that is a sentence's subject, for a later "its"
_BODY_SUBJECT = re.compile(r"(?:^|[.!?]\s+|\n)The\s+([a-z]+)\s+(?:[a-z]+(?:ed|s)|has|had|is|was|"
                           r"will|would|said|says)\b")


def owner_of_its(phrase: str, before: str) -> str:
    """"its lawyers" -> "the district’s lawyers" when the text before last made "the district"
    a sentence's subject; the phrase as it stands otherwise."""
    m = re.match(r"(?:its|their)\s+(.+)$", phrase, re.IGNORECASE)
    bodies = _BODY_SUBJECT.findall(before[-800:])
    if not m or not bodies:
        return phrase
    return f"the {bodies[-1]}’s {m.group(1)}"


def unnamed_since(noun: str, before: str, since: int) -> str | None:
    """"the nurse said" after "Nurse Linda Park …" and then "a nurse who asked not to be
    named": the unnamed one, introduced after the titled one (at since), is meant."""
    found = list(re.finditer(rf"\b(?:an?|one)\s+(?:[a-z][\w’'-]*\s+){{0,2}}?{re.escape(noun)}\b"
                             rf"(?:\s+who\s+[^,.;]{{1,80}})?", before))
    if not found or found[-1].start() < since:
        return None
    phrase = found[-1].group(0)
    return phrase[:1].lower() + phrase[1:]


_CHILDREN = ("son", "sons", "daughter", "daughters", "child", "children", "kids")
_PARENTS = ("mother", "father", "parents")
# "his mother" is whoever the article named as the parent of a child of hers: "Oyunchimeg's son"
_INVERSE_KIN = {"mother": _CHILDREN, "father": _CHILDREN, "mum": _CHILDREN, "dad": _CHILDREN,
                "son": _PARENTS, "daughter": _PARENTS, "wife": ("husband",),
                "husband": ("wife",), "brother": ("brother", "sister"),
                "sister": ("brother", "sister")}
_NAME = r"(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"


def named_relative(phrase: str, before: str) -> str | None:
    """"his mother" -> the name the article gave her: as someone's mother ("his mother, Ana
    Ruiz,"), or as the parent whose son it named ("Oyunchimeg's son, Batbold Ganbaatar"). A
    kinship description is a way of referring back, not a new speaker, once the family is named."""
    m = re.fullmatch(rf"(?:his|her|their)\s+({'|'.join(_INVERSE_KIN)})", phrase.strip(), re.IGNORECASE)
    if not m:
        return None
    kin = m.group(1).lower()
    found = [(x.start(), x.group(1)) for x in re.finditer(
        rf"\b(?:his|her|their|{_NAME}(?:’s|'s))\s+{kin},\s+({_NAME}),", before, re.IGNORECASE)]
    found += [(x.start(), x.group(1)) for x in re.finditer(
        rf"\b({_NAME})(?:’s|'s)\s+(?:{'|'.join(_INVERSE_KIN[kin])}),\s+{_NAME}\b", before,
        re.IGNORECASE)]
    return max(found)[1] if found else None
