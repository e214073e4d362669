"""What in a copied article is not the story: captions, credits, promos, bios, page furniture.

Pure functions over the article's blocks. Each rule says why it drops a block, because the
script records every dropped passage with its reason (and `-v` shows it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Dropped

_END_PUNCT = ".!?…:;\"”’)]"

# A photo credit: "VCG/VCG via Getty Images", "Photo: AP", "(Photo by Jane Roe/Reuters)",
# "Photograph: Jane Roe/The Guardian", "Credit: NASA/JPL-Caltech", "Getty Images".
_AGENCIES = (
    r"Getty Images|AP Photo|Associated Press|Reuters|AFP|Alamy|Shutterstock|iStock|EPA|"
    r"Bloomberg|NASA|ESA|Xinhua|VCG|Corbis|Science Photo Library|Wikimedia Commons|"
    r"Unsplash|Pexels|Flickr|Pool|Handout|Courtesy of [^.]{1,60}"
)
_CREDIT = re.compile(
    rf"^\(?\s*(?:(?:photo(?:graph)?s?|image|illustration|video|graphic|credit|source|"
    rf"pictured|caption)\b\s*(?:by|credit)?\s*[:/-]|\(?photo by\b)"
    rf"|^\(?(?:[\w.&]+\s+){{0,3}}(?:photo|photograph|image|video)s?\s*/"
    rf"|(?:^|[\s/(])(?:via\s+)?(?:{_AGENCIES})\)?\s*$",
    re.IGNORECASE,
)
# A caption ending in its credit, as many sites paste them: "A rover on Mars. Photograph: NASA"
_TRAILING_CREDIT = re.compile(
    r"[.!?]\s+(?:photo(?:graph)?|image|illustration|credit)\s*:\s*[^.]{1,80}$", re.IGNORECASE
)

# Page furniture that stands alone as a short block ("Advertisement"), or that leads into a
# link title after a colon ("Read more: Moon landing delayed").
_FURNITURE = re.compile(
    r"^(?:(?:advertisement|skip advertisement|ad|sponsored(?: content)?|share(?: this (?:article|"
    r"story))?|listen to this article|sign up|subscribe|comments?|print|email|skip to (?:main )?"
    r"content|trending(?: now)?|watch|video|continue reading|story continues below|most popular|"
    r"recommended(?: for you)?|read more|related(?: stories| articles| coverage)?)[\s.!…]*"
    r"|(?:read more|related(?: stories| articles| coverage)?|more on this story|see also|also read|"
    r"watch|recommended|most popular|more from [\w ]{1,30})\s*[:|—–-]\s*\S.{0,120})$",
    re.IGNORECASE,
)
# A call to action: to subscribe, sign up, donate, follow; and rights notices.
_PROMO = re.compile(
    r"\b(?:subscribe (?:now|today|to (?:our|the)|for)|by subscribing|consider (?:supporting|"
    r"subscribing|donating|becoming)|support (?:our|independent|quality) (?:\w+ )?journalism|"
    r"supporting (?:our|science|independent) (?:\w+ )?journalism|enjoying this article|"
    r"become a (?:member|subscriber)|sign up (?:for|to) (?:our|the)\b.{0,40}newsletter|"
    r"(?:get|receive) (?:our|the) \w+ newsletter|download (?:our|the) app|"
    r"follow (?:us|her|him|them) on|all rights reserved|copyright ©|©\s*\d{4}|"
    r"may not be published, broadcast|this (?:article|story) was (?:originally )?"
    r"(?:published|produced) (?:by|on|in partnership)|"
    r"(?:contact|email|reach) (?:the author|her|him|them|us) at|\S+@\S+\.\w{2,})",
    re.IGNORECASE,
)
_MORE_BY = re.compile(r"^(?:more (?:by|from)|read more from|other articles by)\s+(.{2,80})$",
                      re.IGNORECASE)
_BIO_ROLE = re.compile(
    r"\b(?:is|was|has been)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:author|writer|journalist|reporter|correspondent|editor|columnist|contributor|"
    r"freelancer|producer|fellow|professor of journalism)\b",
    re.IGNORECASE,
)
_REPORTING_CREDIT = re.compile(
    r"^\(?\s*(?:additional )?(?:reporting|writing|editing|research) by\b.{0,200}\)?\.?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|written by|words by)\s+(.{2,120})$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s*[A-Z]{2,4})?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last updated|first published)\s*(?:on|at)?\s*:?\s*)?"
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
    rf"(?:{_TIME}[\s,]+)?{_DATE}(?:[\s,]+(?:at\s+)?{_TIME})?"
    rf"(?:\s*[|/·•]\s*(?:updated\s+)?.{{0,40}})?\.?$",
    re.IGNORECASE,
)


def words(text: str) -> int:
    return len(text.split())


def ends_like_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in _END_PUNCT


def is_credit(text: str) -> bool:
    """A photo or image credit line (short, names a photographer or an agency)."""
    return words(text) <= 14 and bool(_CREDIT.search(text.strip()))


def is_promo(text: str) -> bool:
    """Subscription, newsletter and sharing prompts, and other page furniture."""
    n = words(text)
    return (n <= 12 and bool(_FURNITURE.match(text.strip()))) or (n <= 80 and bool(_PROMO.search(text)))


def is_alt_text(text: str) -> bool:
    """An image description pasted as a line: too long for a heading, no sentence punctuation."""
    return words(text) > 12 and not ends_like_sentence(text)


def byline_names(text: str) -> tuple[str, ...]:
    """Names in a "By A, B and C" line."""
    m = _BYLINE.match(text.strip())
    if not m:
        return ()
    names = re.split(r",\s*|\s+and\s+|\s*&\s*", m.group(1).strip().rstrip("."))
    return tuple(n.strip() for n in names if n.strip() and words(n) <= 5)


def more_by_name(text: str) -> str | None:
    m = _MORE_BY.match(text.strip())
    return m.group(1).strip() if m else None


def is_date_line(text: str) -> bool:
    return bool(_DATE_LINE.match(text.strip()))


def is_reporting_credit(text: str) -> bool:
    return bool(_REPORTING_CREDIT.match(text.strip()))


def is_bio(text: str, authors: Sequence[str]) -> bool:
    """An author bio: starts with an author's name, or describes someone as a writer."""
    first = text.strip()
    for name in authors:
        surname = name.split()[-1]
        if first.startswith(name) or re.match(rf"{re.escape(surname)}\b(?:'s|’s)?\s", first):
            return True
    opening = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return bool(_BIO_ROLE.search(opening)) and bool(re.match(r"[A-Z][\w.'’-]+\s+[A-Z]", first))


def drop_caption_blocks(texts: Sequence[str]) -> dict[int, Dropped]:
    """Captions and credits: a credit line, the caption just before it, and pasted alt text."""
    dropped: dict[int, Dropped] = {}
    for i, text in enumerate(texts):
        if is_credit(text):
            dropped[i] = Dropped(text, "photo credit")
            before = i - 1
            if (before >= 0 and before not in dropped and words(texts[before]) <= 60
                    and not any(mark in texts[before] for mark in '“”"')):  # quotes are story
                dropped[before] = Dropped(texts[before], "photo caption (just before its credit)")
                if before - 1 >= 0 and is_alt_text(texts[before - 1]):
                    dropped[before - 1] = Dropped(texts[before - 1], "image description")
        elif _TRAILING_CREDIT.search(text.strip()) and words(text) <= 70:
            dropped[i] = Dropped(text, "photo caption with its credit")
        elif is_alt_text(text):
            dropped[i] = Dropped(text, "image description (no sentence punctuation)")
    return dropped
