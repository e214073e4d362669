"""Text mechanics for quotations: where quotes open and close, where sentences end.

Only double quotation marks delimit a quote; single marks inside it are nested quotes, and
apostrophes (Chang’e, it’s) are never quotes. A quote still open at the end of a paragraph runs
on into the next one, as news style marks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"

# Abbreviations that never end a sentence, and those that may (then the next word decides).
# Titles abbreviated in front of a name ("Det. Sam Roe", "Coun. Mary Roe"): never a sentence end.
TITLE_ABBREVS = ("Mr", "Mrs", "Ms", "Mx", "Dr", "St", "Prof", "Gen", "Sen", "Rep", "Gov",
                 "Lt", "Col", "Capt", "Sgt", "Rev", "Hon", "Cllr", "Det", "Supt", "Insp", "Cpl",
                 "Pvt", "Maj", "Adm", "Cmdr", "Coun", "Atty", "Fr", "Msgr", "Amb", "Const", "Ald",
                 "Brig", "Pres", "Cr", "Clr", "Barr", "Engr")
_NEVER_FINAL = {t.lower() for t in TITLE_ABBREVS} | {
    "vs", "v", "no", "nos", "fig", "figs", "e.g", "i.e", "cf", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
}
_SENTENCE_STARTERS = {
    "a", "an", "the", "another", "and", "but", "or", "so", "yet", "it", "its", "this", "that",
    "these", "those", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "in",
    "on", "at", "for", "as", "if", "when", "while", "after", "before", "since", "still", "however",
    "meanwhile", "there", "here", "then", "now", "today", "some", "many", "most", "both", "each",
    "one", "no", "not", "what", "who", "why", "how", "with", "without", "by", "from", "under",
    "over", "despite", "although", "though", "because", "even", "also", "instead", "such",
}
_END = re.compile(r"[.!?…]+[)\]’'”\"]*(?=\s+|$)")


@dataclass(frozen=True)
class QuoteSpan:
    """A top-level quotation in a paragraph: [start, end) with its marks, inner text, closure."""

    start: int
    end: int
    text: str
    closed: bool


DOUBLE, SINGLE = "double", "single"
_TAG_WORD = re.compile(r"\s+(?:he|she|they|i|we|it|says|said|say|told|tells|adds|added|asked|"
                       r"according|[A-Z])", re.IGNORECASE)


def quote_style(paragraphs: list[str]) -> str:
    """SINGLE for papers that quote with ‘…’ (British tabloids), DOUBLE otherwise."""
    text = "\n".join(paragraphs)
    doubles = sum(text.count(ch) for ch in OPENING + CLOSING + STRAIGHT)
    singles = len(re.findall(r"(?:^|[\s(—–-])‘\S", text, re.MULTILINE))
    # doubles counts marks (two a quotation), singles counts openings: ‘speech’ with the odd
    # “quoted phrase” inside narration is still a single-quote paper
    return SINGLE if singles >= 2 and doubles / 2 < singles else DOUBLE


def find_quotes(paragraph: str, style: str = DOUBLE) -> tuple[QuoteSpan, ...]:
    """Top-level quoted spans, in order: double marks, or ‘single’ ones in that style."""
    if style == SINGLE:
        return _single_quotes(paragraph)
    spans: list[QuoteSpan] = []
    start: int | None = None
    for i, ch in enumerate(paragraph):
        if start is None:
            if ch in OPENING or (ch == STRAIGHT and _opens_straight(paragraph, i)):
                start = i
            elif ch in CLOSING and not spans and paragraph[:i].strip():
                # a closing mark with no opening: the paragraph continues a quote (rare typo)
                continue
        elif ch in CLOSING or ch == STRAIGHT:
            spans.append(QuoteSpan(start, i + 1, paragraph[start + 1:i], True))
            start = None
        elif ch in OPENING:
            # a new opening mark while one is open: the first was never closed
            spans.append(QuoteSpan(start, i, paragraph[start + 1:i], False))
            start = i
    if start is not None:
        spans.append(QuoteSpan(start, len(paragraph), paragraph[start + 1:], False))
    return tuple(s for s in spans if s.text.strip())


def _single_quotes(paragraph: str) -> tuple[QuoteSpan, ...]:
    """‘…’ quotes, telling a closing ’ from an apostrophe (it’s, the students’ union)."""
    spans: list[QuoteSpan] = []
    start: int | None = None
    for i, ch in enumerate(paragraph):
        if ch == "‘" and (i == 0 or not paragraph[i - 1].isalnum()):
            if start is not None:  # opened again before closing: the first ran on
                spans.append(QuoteSpan(start, i, paragraph[start + 1:i], False))
            start = i
        elif ch == "’" and start is not None and _closes_single(paragraph, i):
            spans.append(QuoteSpan(start, i + 1, paragraph[start + 1:i], True))
            start = None
    if start is not None:
        spans.append(QuoteSpan(start, len(paragraph), paragraph[start + 1:], False))
    return tuple(s for s in spans if s.text.strip())


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1:]
    if after[:1].isalnum():
        return False  # it’s, Chang’e
    if text[i - 1:i] in ",.!?…—-" or not after.strip() or after[:1] in ",.;:!?)—–":
        return True
    return bool(_TAG_WORD.match(after))  # ‘…’ she said / ‘…’ Smith said; not "students’ union"


def _opens_straight(text: str, i: int) -> bool:
    """A straight quote opens when it starts a word: after a space, a dash or an opening bracket."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end in a run of plain (unquoted) text."""
    ends: list[int] = []
    for m in _END.finditer(text):
        if m.group(0)[0] == "." and not _is_full_stop(text, m.start(), m.end()):
            continue
        ends.append(m.end())
    return ends


def _is_full_stop(text: str, dot: int, end: int) -> bool:
    """Whether the period at text[dot] ends a sentence rather than an abbreviation."""
    word = re.search(r"([\w.’']+)$", text[:dot])
    token = word.group(1).lower().rstrip(".") if word else ""
    nxt = re.match(r"\s*([“\"‘(]?)(\S*)", text[end:])
    next_word = nxt.group(2) if nxt else ""
    if not next_word:
        return True
    if next_word[0].islower() or next_word[0] in ",;:":
        return False
    if token in _NEVER_FINAL or re.fullmatch(r"[a-z]", token):
        return False  # Mr. Smith, J. Smith
    if "." in token:  # U.S., D.C., a.m.: only if a sentence visibly starts next
        return next_word.strip("“\"‘(").lower().rstrip(",") in _SENTENCE_STARTERS
    return True


def split_sentences(text: str) -> list[str]:
    """Sentences of plain text, each keeping its punctuation."""
    out, last = [], 0
    for end in sentence_ends(text):
        if text[last:end].strip():
            out.append(text[last:end].strip())
        last = end
    if text[last:].strip():
        out.append(text[last:].strip())
    return out


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def ends_sentence(quote_text: str) -> bool:
    """Whether a quotation ends with its own sentence punctuation (“… new.” rather than “… new,”)."""
    return quote_text.rstrip().rstrip("’'\")]").rstrip()[-1:] in (".", "!", "?", "…")


def spoken_quote(text: str) -> str:
    """A quotation as spoken: no marks, and a full stop where the tag's comma was."""
    text = text.strip()
    for closer in ("", "’", "'"):
        if text.endswith("," + closer):
            body = text[: len(text) - len(closer) - 1]
            return body + ("" if body.endswith(".") else ".") + closer  # "2 a.m.," -> "2 a.m."
    return text


def tidy_narration(text: str) -> str:
    """Narration left between quotes: trimmed; nothing if only punctuation is left."""
    text = " ".join(text.split())
    stripped = text.strip(" ,;:.—–-")
    if not any(ch.isalnum() for ch in stripped):
        return ""
    return text.lstrip(",;: ").strip()
