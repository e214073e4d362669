"""A paragraph's segments in broadcast order: narration and voiced quotes as written, except
that a tag trailing a quote ("…,” Head says.) is said by the narrator before the voice changes.

scriptwriter.py decides who speaks each quotation; this module only lays the paragraph out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import NARRATOR, SPEAKER, Segment
from .attribution import Tag, broadcast_tag
from .quotes import QuoteSpan, spoken_quote, tidy_narration


@dataclass
class QuoteChoice:
    """What the writer decided about one quotation in a paragraph."""

    span: QuoteSpan
    voiced: bool = False
    speaker: str | None = None
    why: str = ""
    trailing: Tag | None = None  # a tag right after the quote, to be said before it
    lead: Tag | None = None
    continues: bool = False  # the paragraph goes on with a quote left open before it


def broadcast_segments(text: str, quotes: list[QuoteChoice], chapter: str, index: int) -> list[Segment]:
    """Narration and voiced quotes in order, each trailing tag moved ahead of its quote(s)."""
    items: list[tuple[str, object]] = []  # ("n", str) narration, ("q", QuoteChoice), ("t", str)
    cursor = 0
    for q in quotes:
        if not q.voiced:
            continue
        items.append(("n", text[cursor:q.span.start]))
        items.append(("q", q))
        cursor = q.span.end
    items.append(("n", text[cursor:]))

    for q in [q for q in quotes if q.voiced and q.trailing is not None]:
        k = next(i for i, (kind, v) in enumerate(items) if v is q)
        narration = items[k + 1][1]
        tag = q.trailing
        items[k + 1] = ("n", narration[: tag.start] + narration[tag.end:])
        first = k
        while (first >= 2 and items[first - 2][0] == "q" and not items[first - 1][1].strip()
               and items[first - 2][1].speaker == q.speaker and items[first - 2][1].trailing is None):
            first -= 2
        items.insert(first, ("t", broadcast_tag(narration[tag.start:tag.end], tag)))

    out: list[Segment] = []
    for kind, value in items:
        if kind == "q":
            quote = value
            role = SPEAKER
            out.append(Segment(role, quote.speaker, spoken_quote(quote.span.text), chapter, index,
                               quote.why))
        else:
            said = tidy_narration(value)
            if said:
                out.append(Segment(NARRATOR, None, said, chapter, index,
                                   "tag" if kind == "t" else ""))
    return out
