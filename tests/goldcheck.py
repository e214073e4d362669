"""Compare a script with a hand-made gold annotation (the format of tests/data/*.gold.json).

Text matching ignores case, quote styles, apostrophes, punctuation and spacing, as the team's
scorer does. Returns the misses, so a test can show every one of them at once.
"""

from __future__ import annotations

import re
import unicodedata

from podcast.model import SPEAKER, Script

_APOS = "'’‘‛`´ʼ"


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    for a in _APOS:
        text = text.replace(a, "")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def norm_name(name: str) -> str:
    words = norm(name.replace(".", " ")).split()
    while words and words[0] in ("a", "an", "the", "mr", "mrs", "ms", "miss", "dr", "prof"):
        words = words[1:]
    return " ".join(words)


def _contains(hay: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {hay} "


def gold_misses(gold: dict, script: Script) -> list[str]:
    """Every way the script departs from the gold: quotes, speakers, fragments, leaks, chapters."""
    misses: list[str] = []
    spk = [(i, s) for i, s in enumerate(script.segments) if s.role == SPEAKER]
    cursor = 0
    for q in gold["quotes"]:
        start = norm(q["text_start"])
        hits = [i for i, s in spk if _contains(norm(s.text), start)]
        hit = next((i for i in hits if i >= cursor), hits[0] if hits else None)
        if hit is None:
            if q.get("kind", "direct") == "direct":
                misses.append(f"not voiced: {q['text_start']}")
            continue
        cursor = hit
        allowed = {norm_name(q["speaker"])} | {norm_name(a) for a in q.get("aliases", [])}
        said = script.segments[hit].speaker or ""
        if norm_name(said) not in allowed:
            misses.append(f"{said!r} should be {q['speaker']!r}: {q['text_start']}")
    for fragment in gold.get("fragments", []):
        f = norm(fragment)
        if any((norm(s.text) + " ").startswith(f + " ") for _, s in spk):
            misses.append(f"fragment voiced: {fragment}")
    spoken = norm(" \n ".join(s.text for s in script.segments))
    misses += [f"boilerplate spoken: {b}" for b in gold.get("boilerplate", [])
               if _contains(spoken, norm(b))]
    chapters = {norm(c) for c in script.chapters}
    misses += [f"chapter missing: {c}" for c in gold.get("chapters", []) if norm(c) not in chapters]
    return misses
