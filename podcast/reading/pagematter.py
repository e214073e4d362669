"""The page around the story: what sits above it (byline, dates, kicker, standfirst) and below
it (bios, "More by" lines, lists of related links), and which short lines are section headings.

Pure functions over the blocks article.py classifies; each dropped block is recorded with why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Dropped
from . import boilerplate as bp
from .markup import ITEM, Block

_HEADING_MAX_WORDS = 12

# A heading that opens a list of links ("Most Read from Bloomberg"): the short lines after it go.
_LINK_LIST = re.compile(r"^(?:most (?:read|popular|viewed)|read more|related(?: stories| articles)?|"
                        r"recommended|trending|more (?:from|on|in) [\w .]{1,40}|you may also like|top stories|"
                        r"editor(?:'|’)?s picks|popular now|more stories|what to read next|"
                        r"you might also like|key events)\b.{0,40}$",
                        re.IGNORECASE)
_MORE_BY = re.compile(r"^(?:more by|read more by|other (?:articles|stories) by)\s+(.{2,80})$",
                      re.IGNORECASE)
_BIO_ROLE = re.compile(
    r"\b(?:is|was|has been)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:author|writer|journalist|reporter|correspondent|editor|columnist|contributor|"
    r"freelancer|producer|fellow|professor of journalism)\b",
    re.IGNORECASE,
)
_BIO_VERB = re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+(?:covers|writes about|"
                       r"reports on|is based in|has written for|has covered)\b")


def is_link_list_heading(text: str) -> bool:
    return bool(_LINK_LIST.match(text.strip()))


def more_by_name(text: str) -> str | None:
    m = _MORE_BY.match(text.strip())
    return m.group(1).strip() if m else None


_REFERENCE = re.compile(r"doi\.org/|\bet al\.|^https?://|\bdoi:\s*10\.", re.IGNORECASE)
_REFERENCES_HEADING = re.compile(r"^(?:references|sources|bibliography|further reading|"
                                 r"related articles|related stories|subjects|"
                                 r"(?:suggested |related |more )?topics|tags?)\s*:?$",
                                 re.IGNORECASE)


def is_reference(text: str) -> bool:
    """A citation or a bare link, as a references list at the end of a science story has."""
    return bp.words(text) <= 60 and bool(_REFERENCE.search(text))


def is_references_heading(text: str) -> bool:
    return bool(_REFERENCES_HEADING.match(text.strip()))


def is_bio(text: str, authors: Sequence[str]) -> bool:
    """An author bio: starts with an author's name, or describes someone as a writer."""
    first = text.strip()
    for name in authors:
        surname = name.split()[-1]
        if first.startswith(name) or re.match(rf"{re.escape(surname)}\b(?:'s|’s)?\s", first):
            return True
    opening = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return ((bool(_BIO_ROLE.search(opening)) or bool(_BIO_VERB.search(opening)))
            and bool(re.match(r"[A-Z][\w.'’-]+\s+[A-Z]", first)))


def is_heading(text: str) -> bool:
    """A short line without end punctuation between paragraphs is a section heading; so is a
    short question ("Can a co-op pay the bills?") or a quoted phrase (‘A double squeeze’)."""
    text = text.strip()
    if not 0 < bp.words(text) <= _HEADING_MAX_WORDS:
        return False
    # ‘Ice is ice’ is a heading; “She was. It worked.” is someone speaking
    if re.fullmatch(r"[‘“'\"][^‘’“”\"]+[’”'\"]", text):
        return bp.words(text) <= 8 and not re.search(r"[.!]\s|[.!,;:]$", text[1:-1])
    if re.match(r"[‘“'\"][^‘’“”\"]{1,60}[’”'\"]:\s+[A-Z]", text):  # ‘…’: the rest of a headline
        return not bp.ends_like_sentence(text)
    if text.startswith(("“", '"', "‘", "'", "-", "*", "•", "—", "–", "(")):
        return False
    return not bp.ends_like_sentence(text) or (text.endswith("?") and bp.words(text) <= 8)


def _is_prose(text: str) -> bool:
    """A paragraph of the story: a dozen words or more, ending like a sentence."""
    return bp.words(text) >= 12 and bp.ends_like_sentence(text)


_LIVE_STAMP = re.compile(r"\d+\s*(?:m|min|mins|h|hr|hrs|d)\s+ago\b|\d{1,2}[:.]\d{2}\b",
                         re.IGNORECASE)


def drop_link_lists(body: list[Block], dropped: dict[int, Dropped]) -> None:
    """"Most Read from Bloomberg" and the headlines that follow it."""
    for i, block in enumerate(body):
        if not is_link_list_heading(block.text) or bp.ends_like_sentence(block.text):
            continue
        if re.search(r":\s*\S+\s+\S+", block.text):
            continue  # "Related: How to protect your home": one link, not the head of a list
        if block.text.strip().lower().startswith("key events") and not (
                i + 1 < len(body) and _LIVE_STAMP.match(body[i + 1].text)):
            continue  # a live blog's list says "25m ago"; an explainer's timeline is story
        dropped[i] = Dropped(block.text, "list of links")
        for j in range(i + 1, len(body)):
            text = body[j].text
            if j in dropped and dropped[j].reason == "date line":
                break  # a live blog's time stamp: the next entry begins, with its headline
            if j in dropped:
                continue
            if bp.words(text) > 15 or bp.ends_like_sentence(text) and not text.endswith("?"):
                break
            dropped[j] = Dropped(text, "list of links")


def drop_top_matter(body: list[Block], dropped: dict[int, Dropped], dek_index: int | None,
                     byline: list[str]) -> None:
    """Before the story's first sentence, short unpunctuated lines are bylines, roles, dates and
    kickers ("Staff Writer"), not section headings."""
    for i, block in enumerate(body):
        if i in dropped or i == dek_index:
            continue
        if block.kind == "heading" or bp.ends_like_sentence(block.text) and bp.words(block.text) >= 6:
            return
        if bp.is_top_matter(block.text):
            dropped[i] = Dropped(block.text, "top matter (byline, role or date)")
            names = bp.names_line(block.text)
            byline.extend(n for n in names if n not in byline)
        elif (0 < i < len(body) - 1 and i - 1 in dropped and i + 1 in dropped
              and _is_head_line(dropped[i - 1]) and _is_head_line(dropped[i + 1])
              and bp.words(block.text) <= 6 and not bp.ends_like_sentence(block.text)):
            # "By Jo Roe / The Alder Creek Sentinel / Nov. 25": the outlet between byline and date
            dropped[i] = Dropped(block.text, "top matter (outlet or role between byline and date)")


def _is_head_line(dropped: Dropped) -> bool:
    return dropped.reason.startswith(("byline", "date line", "top matter"))


def find_dek(body: list[Block], dropped: dict[int, Dropped], meta_dek: str) -> int | None:
    """The standfirst: the first block after the title, when it comes before any heading and is
    short, and is not a byline, date, credit or promo (it may lack a full stop)."""
    for i, block in enumerate(body):
        if i in dropped and not dropped[i].reason.startswith("image description") \
                or block.kind == ITEM:  # a key point under "Key takeaways:" is no standfirst
            continue
        if block.kind == "heading":
            return None
        if meta_dek:
            return i if " ".join(block.text.split()) == " ".join(meta_dek.split()) else None
        if bp.is_top_matter(block.text) or bp.words(block.text) < 6:
            continue
        if is_heading(block.text):  # a first subhead, not a standfirst…
            return i if _before_the_byline(body, dropped, i) else None  # …unless it is on top
        later = [j for j in range(i + 1, len(body)) if j not in dropped]
        return i if bp.words(block.text) <= 45 and len(later) >= 2 else None
    return None


def _before_the_byline(body: list[Block], dropped: dict[int, Dropped], i: int) -> bool:
    """Whether the byline or date line comes after this block, before any story: a short
    unpunctuated line up there is the standfirst, as no subhead comes above the byline."""
    for j in range(i + 1, min(len(body), i + 6)):
        if j in dropped or bp.is_top_matter(body[j].text):  # "Home › News" over the byline
            if j in dropped and _is_head_line(dropped[j]):
                return True
            continue
        if bp.words(body[j].text) > 3 or bp.ends_like_sentence(body[j].text):
            return False
    return False


def drop_end_matter(texts: list[str], dropped: dict[int, Dropped], byline: list[str]) -> None:
    """Author bios and "More by" lines at the end: walk back from the end while they last."""
    authors = list(byline)
    for text in texts:
        if (name := more_by_name(text)) and name not in authors:
            authors.append(name)
    for name in authors:
        if name not in byline:
            byline.append(name)
    tail = next((j for j in range(len(texts) * 3 // 5, len(texts))
                 if is_references_heading(texts[j])), None)
    if tail is not None:  # "References", "Subjects": what follows is end matter, not story
        for j in range(tail, len(texts)):
            if j > tail and _is_prose(texts[j]) and not is_reference(texts[j]):
                break
            dropped.setdefault(j, Dropped(texts[j], "end matter (references, related links)"))
    i = len(texts) - 1
    while i >= 0:
        text = texts[i]
        if i in dropped:
            i -= 1
            continue
        if more_by_name(text):
            dropped[i] = Dropped(text, "'More by' line")
        elif is_reference(text) or is_references_heading(text):
            dropped[i] = Dropped(text, "references")
        elif bp.is_promo(text) or bp.is_reporting_credit(text):
            dropped[i] = Dropped(text, "page furniture")
        elif is_bio(text, authors):
            dropped[i] = Dropped(text, "author bio")
        elif bp.words(text) <= 4 and bp.is_top_matter(text):  # the author card: "Jo Roe", "Reporter"
            dropped[i] = Dropped(text, "author's name or role")
        elif bp.words(text) <= 3 and not bp.ends_like_sentence(text) and not any(
                mark in text for mark in "“”\"‘"):  # "Bushfires", "Drought"; not “Never again”
            dropped[i] = Dropped(text, "topic tag")
        else:
            break
        i -= 1


# a newsletter's sign-off names it: "Thanks for reading Field Notes! Subscribe for free …"
_SIGN_OFF = re.compile(r"\bthanks for reading\s+([A-Z][^!.?]{1,40}?)\s*[!.]", re.IGNORECASE)


def drop_masthead_tagline(texts: list[str], dropped: dict[int, Dropped]) -> None:
    """A newsletter's name and motto under the post's title ("Field Notes: dispatches from the
    steppe"), as its sign-off names it: the publication's line, not this story's standfirst."""
    names = {m.group(1) for text in texts for m in _SIGN_OFF.finditer(text)}
    for i, text in enumerate(texts[:6]):
        if i not in dropped and any(text.startswith((f"{n}:", f"{n} —", f"{n} -")) for n in names):
            dropped[i] = Dropped(text, "the newsletter's name and motto")
