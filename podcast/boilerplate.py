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

_PROMO = re.compile(
    r"\b(?:subscrib\w*|newsletter|sign up|sign-up|support (?:our|independent|quality) "
    r"(?:\w+ )?journalism|supporting (?:our|science|independent) (?:\w+ )?journalism|"
    r"enjoying this article|become a (?:member|subscriber)|donate|"
    r"download (?:our|the) app|follow us on|share this (?:article|story)|"
    r"listen to this article|advertisement|skip advertisement|read more:|related:|"
    r"recommended for you|most popular|click here|all rights reserved|copyright ©|©\s*\d{4})",
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
_DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted)\s*:?\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"(?:[\s,]+\d{1,2}:\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s*[A-Z]{2,4})?)?$",
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
    return words(text) <= 80 and bool(_PROMO.search(text))


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
