"""The inputs of a build: an article or an edited script JSON, read and scripted, and checked.

Everything here happens before the first sound, so a bad input among several stops the
command with nothing written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..files import atomic_write
from ..model import Article, Script
from ..reading.article import parse_article
from ..reading.source import SUFFIXES, read_text, text_format
from ..scripting.scriptfile import looks_like_script, script_from_json, script_to_json
from ..scripting.writer import write_script
from ..slug import slugify

# A longer article would make an episode of more than a day (1.7 million words, 10 MB of text,
# is a week of audio): refuse it before synthesis starts, and say how to go on.
MAX_EPISODE_WORDS = 200_000
WORDS_PER_MINUTE = 165


@dataclass(frozen=True)
class Source:
    """One input of a build: its name, and its script (from an article or a script JSON)."""

    name: str
    script: Script

    @property
    def slug(self) -> str:
        """The episode's name in OUT (and in its URLs): from the title."""
        return slugify(self.script.title)


def load_source(source: str | Path, *, encoding: str | None = None, stdin=None,
                max_words: int | None = None) -> Source:
    """Read an article (or an edited script JSON) and return its script.

    With max_words (a build; --script-only gives None), a story too long for one episode is
    refused before the script-writer runs: on 10 MB of text, parsing takes 1.7 s and counting
    0.1 s, writing the script 6 s. The parsed story is counted, not the raw text, so markup and
    boilerplate do not push a long but legal article over the limit.
    """
    name, text = read_text(source, encoding=encoding, stdin=stdin)
    suffix = Path(name).suffix.lower()
    if suffix == ".json" or (suffix not in SUFFIXES and looks_like_script(text)):
        script = script_from_json(text, name)
        if max_words is not None:
            check_length(script, max_words=max_words)
        return Source(name, script)
    article = parse_article(text, fmt=text_format(name, text), source=name)
    if max_words is not None:
        _check_words(name, article_words(article), max_words)
    return Source(name, write_script(article))


def article_words(article: Article) -> int:
    """The words its script will speak: title, headings and paragraphs (boilerplate is out)."""
    texts = [article.title, *(s.heading or "" for s in article.sections),
             *(p for s in article.sections for p in s.paragraphs)]
    return sum(len(text.split()) for text in texts)


def check_length(script: Script, *, max_words: int = MAX_EPISODE_WORDS) -> None:
    """Refuse a script too long to be one episode (the limit is MAX_EPISODE_WORDS)."""
    _check_words(script.source or script.title, sum(len(s.text.split()) for s in script.segments),
                 max_words)


def _check_words(what: str, words: int, max_words: int) -> None:
    if words > max_words:
        hours = words / WORDS_PER_MINUTE / 60
        limit_hours = max_words / WORDS_PER_MINUTE / 60
        raise InputError(f"{what}: {words:,} words would make an episode of about {hours:,.0f} "
                         f"hours, over the limit of {max_words:,} words "
                         f"(about {limit_hours:.0f} hours)",
                         hint="split it into several articles "
                              "(--script-only still writes its script)")


def check_distinct_slugs(sources: Sequence[Source]) -> None:
    """Two articles of one command would land in one episode folder: refuse before any work."""
    first: dict[str, str] = {}
    for source in sources:
        slug = source.slug
        if slug in first:
            same = first[slug] == source.name
            raise InputError(
                f"{source.name}: given twice" if same else
                f"{first[slug]} and {source.name}: both make the episode '{slug}' "
                "(the same title), so one would replace the other",
                hint="give each article once" if same else
                     "change one title, or build them in separate commands to replace one "
                     "with the other")
        first[slug] = source.name


def save_script(script: Script, path: Path) -> Path:
    """Write the script JSON atomically."""
    return atomic_write(Path(path), script_to_json(script))
