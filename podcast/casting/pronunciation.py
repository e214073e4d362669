"""Say names and acronyms right: apply a lexicon to a segment's text before synthesis (pure).

Rules, so a lexicon means the same thing to everyone who edits it:
- Whole words only: an entry matches where no letter, digit or underscore touches it on either
  side, so "SPA" changes in "the SPA Basin" and "SPA’s", never in "SPAce" or "Spain".
- Case: exact by default ("SPA" leaves "spa" alone); an entry with ignore_case matches any case.
- An apostrophe in an entry matches a straight (') or curly (’) one in the text; a space matches
  any run of spaces, so "Wu Weiren" still matches across a line break.
- Longer entries win over shorter ones that overlap them ("Chang'e 6" before "Chang'e").
- The replacement is the entry's engine-specific phonemes when it has some for the engine that
  speaks, else its respelling, which every engine reads.

speakable_text() also drops quotation marks (never apostrophes): a reader does not pause at
scare quotes, but eSpeak NG stops for each one.
"""

from __future__ import annotations

import functools
import re

from ..model import Lexicon, Pronunciation

_APOSTROPHES = "'’ʼ"


def _pattern(written: str) -> str:
    parts = []
    for char in written:
        if char in _APOSTROPHES:
            parts.append(f"[{_APOSTROPHES}]")
        elif char.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@functools.lru_cache(maxsize=32)
def _compile(entries: tuple[Pronunciation, ...],
             engine: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    ordered = sorted(entries, key=lambda e: (-len(e.written), e.written))
    alternatives, replacements = [], []
    for index, entry in enumerate(ordered):
        body = _pattern(entry.written)
        if entry.ignore_case:
            body = f"(?i:{body})"
        alternatives.append(f"(?P<e{index}>{body})")
        replacements.append(dict(entry.phonemes).get(engine, entry.say))
    pattern = r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"
    return re.compile(pattern), tuple(replacements)


def apply_lexicon(text: str, lexicon: Lexicon, engine: str = "") -> str:
    """text with every lexicon entry replaced by how engine should say it."""
    if not lexicon.entries:
        return text
    pattern, replacements = _compile(lexicon.entries, engine)
    return pattern.sub(lambda m: replacements[int(m.lastgroup[1:])], text)


# Quotation marks, but not an apostrophe inside a word (Chang’e, 6’s) or after a plural (States’).
_QUOTE_MARKS = re.compile(r"[“”„\"«»‘]|(?<!\w)['’]|(?<![s\W])['’](?!\w)")


def speakable_text(text: str, lexicon: Lexicon, engine: str = "") -> str:
    """What an engine is given to say: the lexicon applied, quotation marks dropped."""
    # "[[" starts phoneme input in eSpeak NG: only the lexicon may write it, never the article.
    text = text.replace("[[", "[ [").replace("]]", "] ]")
    return _QUOTE_MARKS.sub("", apply_lexicon(text, lexicon, engine))
