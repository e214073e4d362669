"""Safe, stable file names from titles that may hold anything (`../`, NUL, emoji, RTL)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 60


def slugify(title: str, fallback: str = "episode") -> str:
    """A lowercase ASCII slug: letters, digits and single hyphens, at most MAX_SLUG characters.

    A title with no ASCII letters or digits (all emoji, Arabic, Chinese) gets the fallback plus a
    short hash of the title, so different titles still get different, stable names.
    """
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    ascii_ = re.sub(r"['’]", "", ascii_.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    if not slug:
        digest = hashlib.sha1(title.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{fallback}-{digest}" if title.strip() else fallback
    return slug
