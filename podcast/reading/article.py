"""Parsing an article: plain text, Markdown or HTML -> Article.

Every format is first reduced to a list of blocks (title, heading, paragraph); one set of rules
then finds the title, dek, byline and sections and drops what is not the story. Reading the
text from a file or stdin is source.py's job.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError
from ..model import Article, Dropped, Section
from . import boilerplate as bp
from .markup import ITEM, Block, html_to_markdown, markdown_blocks
from .pagematter import (drop_end_matter, drop_link_lists, drop_masthead_tagline, drop_top_matter,
                         find_dek, is_heading)

TEXT, MARKDOWN, HTML = "text", "markdown", "html"
_BULLET = re.compile(r"^[-•*·]\s+")  # a list item's mark, not read
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_STARS = re.compile(r"[★☆⭐½\s]+")  # a review's star rating
_TITLE_AND_YEAR = re.compile(r"[^.!?]{1,80}\(\d{4}\)")  # "The Salt Orchard (2026)"


# --- the pure core: text -> blocks -> Article --------------------------------------------------


def parse_article(text: str, *, fmt: str = TEXT, source: str = "") -> Article:
    """Parse article text of the given format into an Article."""
    link = ""
    meta_title = meta_dek = ""
    meta_authors: tuple[str, ...] = ()
    if fmt == HTML:
        text, meta_title, meta_dek, meta_authors, link = html_to_markdown(text, source)
        fmt = MARKDOWN
    text = bp.without_link_labels(clean_text(text))
    blocks = markdown_blocks(text) if fmt == MARKDOWN else text_blocks(text)
    if meta_title:  # a page's own title wins; the extracted text may start at a subhead
        first = next((i for i, b in enumerate(blocks) if b.kind == "title"), None)
        if first is not None and _squash(blocks[first].text) != _squash(meta_title):
            text = blocks[first].text  # a subhead stays one; a first paragraph is no heading
            blocks[first] = Block("heading" if is_heading(text) else "para", text)
            first = None
        if first is None:
            blocks.insert(0, Block("title", meta_title))
    article = article_from_blocks(blocks, source=source, link=link, dek=meta_dek,
                                  authors=meta_authors)
    if not any(section.paragraphs for section in article.sections):
        raise InputError(f"{source or 'the article'}: no story text found",
                         hint="give an article with at least one paragraph of prose")
    return article


def clean_text(text: str) -> str:
    """Unicode NFC, no invisible characters, plain spaces, Unix line ends."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)


def _squash(text: str) -> str:
    return " ".join(text.split())


def text_blocks(text: str) -> list[Block]:
    """Plain text: paragraphs separated by blank lines; the first line is the title."""
    chunks = [[ln.strip() for ln in c.strip().split("\n") if ln.strip()]
              for c in re.split(r"\n\s*\n", text) if c.strip()]
    rubrics = bp.leading_rubrics([ln for lines in chunks[:4] for ln in lines][:8])
    blocks: list[Block] = []
    while rubrics:  # "News" / "Greater Manchester News" over the headline
        blocks.append(Block("rubric", chunks[0].pop(0)))
        rubrics -= 1
        if not chunks[0]:
            chunks.pop(0)
    for i, lines in enumerate(chunks):
        if i == 0 and len(lines) == 1 and len(chunks) > 1 and _is_rubric(lines[0]) \
                and _is_headline(chunks[1][0]):
            blocks.append(Block("rubric", lines[0]))  # "COLLEGE FOOTBALL" over the headline
            continue
        if not any(b.kind == "title" for b in blocks):
            if i == 0 and len(lines) > 1 and _is_rubric(lines[0]) and _is_headline(lines[1]):
                blocks.append(Block("rubric", lines[0]))
                lines = lines[1:]
            blocks.append(Block("title", lines[0]))
            lines = lines[1:]
        listed = bool(blocks) and bp.is_list_label(blocks[-1].text) and (
            len(lines) > 1 or _BULLET.match(lines[0]))  # "Key points:" alone, its list below
        if lines and bp.is_list_label(lines[0]) and len(lines) > 1:  # "Summary" over the points
            blocks.append(Block("para", lines[0]))
            lines, listed = lines[1:], True
        if listed:
            blocks.extend(Block(ITEM, _squash(_BULLET.sub("", ln))) for ln in lines)
        elif _separate_lines(lines):  # "Ryan Castellano / Staff Writer / Mar 31, 2025"
            blocks.extend(Block("para", _squash(ln)) for ln in lines)
        elif lines:  # a hard-wrapped paragraph; a line broken after a hyphen joins up
            blocks.append(Block("para", _squash(re.sub(r"(?<=\w-)\n(?=\w)", "", "\n".join(lines)))))
    return blocks


def _is_rubric(line: str) -> bool:
    """A section label printed above the headline ("COLLEGE FOOTBALL", "WORLD | ASIA"): one or
    two words in capitals, no sentence punctuation. It names the desk, not the story."""
    letters = [ch for ch in line if ch.isalpha()]
    words = len([w for w in line.split() if any(ch.isalnum() for ch in w)])
    return (0 < words <= 2 and bool(letters) and all(ch.isupper() for ch in letters)
            and not bp.ends_like_sentence(line) and not line.rstrip().endswith((":", ","))
            and any(len(w.strip("|/-·")) > 3 for w in line.split()))


def _is_headline(line: str) -> bool:
    """A headline under a rubric: several words, no full stop at the end."""
    return bp.words(line) >= 4 and not line.rstrip().endswith((".", "…"))


def _separate_lines(lines: list[str]) -> bool:
    """Lines of a block are separate items, not a wrapped paragraph, when a line before the last
    is short and unpunctuated, or longer than any wrapped line (wrapped prose fills every line
    but the last to about 80 characters)."""
    if len(lines) > 2 and all(50 <= len(ln) <= 100 for ln in lines[:-1]):
        return False  # the even right edge of hard-wrapped prose
    return len(lines) > 1 and any(
        (len(ln) < 40 and not bp.ends_like_sentence(ln)) or bp.is_top_matter(ln)
        or bp.is_date_line(ln) or bp.is_credit(ln) or bp.byline_names(ln) or bp.is_promo(ln)
        or len(ln) > 120  # one paragraph a line, with no blank lines between them
        for ln in lines[:-1])


def article_from_blocks(blocks: list[Block], *, source: str = "", link: str = "", dek: str = "",
                        authors: tuple[str, ...] = ()) -> Article:
    """Classify blocks into title, dek, byline, sections; drop and record the boilerplate."""
    title = next((b.text for b in blocks if b.kind == "title"), "")
    body = [b for b in blocks if b.kind != "title"]
    texts = [b.text for b in body]
    dropped = _captions_and_score_boxes(body, texts)
    byline = list(authors)
    _drop_furniture(body, texts, dropped, byline)
    _drop_credit_boxes(texts, dropped)
    drop_link_lists(body, dropped)  # first: a "Most Viewed" list may close the page after the bios
    drop_end_matter(texts, dropped, byline)
    drop_masthead_tagline(texts, dropped)
    dek_index = find_dek(body, dropped, dek)
    if dek_index is not None:
        dek = texts[dek_index]
        dropped.pop(dek_index, None)
    drop_top_matter(body, dropped, dek_index, byline)

    sections = _sections(body, dropped, dek_index)
    return Article(
        title=title,
        dek=dek,
        byline=tuple(byline),
        sections=tuple(sections),
        dropped=tuple(dropped[i] for i in sorted(dropped)),
        source=source,
        link=link,
    )


def _captions_and_score_boxes(body: list[Block], texts: list[str]) -> dict[int, Dropped]:
    """Image captions and score boxes; a listed key point is story, however long, so it stays."""
    dropped: dict[int, Dropped] = bp.drop_caption_blocks(texts)
    dropped.update({i: Dropped(texts[i], "score box") for i in bp.score_box(texts)})
    for i in [i for i in dropped if body[i].kind == ITEM]:
        del dropped[i]
    return dropped


def _drop_furniture(body: list[Block], texts: list[str], dropped: dict[int, Dropped],
                    byline: list[str]) -> None:
    """Drop the blocks that are page furniture one by one; a byline's names join the byline."""
    for i, text in enumerate(texts):
        if body[i].kind == "rubric":  # a long banner is no image description, nor the dek
            dropped[i] = Dropped(text, "rubric above the headline")
        elif i not in dropped and (reason := _furniture(body, i, byline)):
            dropped[i] = Dropped(text, reason)


def _furniture(body: list[Block], i: int, byline: list[str]) -> str | None:
    """Why block i is not story (a label, a break, stars, a byline, a date, a promotion, a
    credit), or None when it may be."""
    text = body[i].text
    if bp.is_list_label(text) and i + 1 < len(body) and body[i + 1].kind == ITEM:
        return "label over the key points (they are read)"
    if not any(ch.isalnum() for ch in text):
        return "section break"
    if _STARS.fullmatch(text):  # a review's stars: a box, not words to read
        return "star rating"
    if names := bp.byline_names(text):
        byline.extend(n for n in names if n not in byline)
        return "byline (kept for the feed)"
    if bp.is_date_line(text):
        return "date line"
    if bp.is_promo(text):
        return "promotion or page furniture"
    if bp.is_reporting_credit(text):
        return "reporting credit"
    return None


def _drop_credit_boxes(texts: list[str], dropped: dict[int, Dropped]) -> None:
    """"The Salt Orchard (2026)" over "Directed by …": the title line of a review's credit box."""
    for i, text in enumerate(texts[:-1]):
        if (i not in dropped and _TITLE_AND_YEAR.fullmatch(text.strip())
                and dropped.get(i + 1, Dropped("", "")).reason == "promotion or page furniture"):
            dropped[i] = Dropped(text, "credit box (title and year)")


def _sections(body: list[Block], dropped: dict[int, Dropped], dek_index: int | None) -> list[Section]:
    """The story's blocks under their headings; a heading with nothing under it goes."""
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    last = max((i for i in range(len(body)) if i not in dropped), default=-1)
    for i, block in enumerate(body):
        if i in dropped:
            continue
        closing_quote = i == last and block.text.lstrip()[:1] in "“\"‘"  # “Never again” heads nothing
        if block.kind == "heading" or (block.kind == "para" and i != dek_index and not closing_quote
                                       and is_heading(block.text)):
            if paragraphs or heading is not None:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = block.text, []
        else:
            paragraphs.append(block.text)
    sections.append(Section(heading, tuple(paragraphs)))
    return [s for s in sections if s.paragraphs or s.heading is None]
