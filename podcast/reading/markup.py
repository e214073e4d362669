"""Markup to blocks: Markdown (and HTML, through trafilatura's Markdown) -> title, headings and
paragraphs, with what the listener should not hear (images, markup) left out.

article.py classifies the blocks; this module only knows the formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

ITEM = "item"


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Block:
    """A unit of the source before classification: kind is "title", "heading", "para", or
    ITEM (a paragraph that is never a heading: a list item, an interviewer's bold question)."""

    kind: str
    text: str


def markdown_blocks(text: str) -> list[Block]:
    """Markdown: the first heading is the title, later ones are section headings."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    pending: str | None = None
    lists = 0
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif tok.type == "heading_open":
            pending = "heading"
        elif tok.type == "paragraph_open":
            pending = "para"
        elif tok.type == "inline" and pending:
            content = _squash(_inline_text(tok))
            if content:
                kind = pending
                if kind == "para" and (lists or _bold_question(tok, content)):
                    kind = ITEM  # a list item or an interviewer's question: never a heading
                if kind == "heading" and not any(b.kind == "title" for b in blocks):
                    kind = "title"
                blocks.append(Block(kind, content))
            pending = None
        elif tok.type in ("fence", "code_block", "html_block"):
            pending = None
    if blocks and not any(b.kind == "title" for b in blocks):
        blocks[0] = Block("title", blocks[0].text)
    return blocks


def _bold_question(token, content: str) -> bool:
    """A paragraph all in bold that asks a question: an interview's question, as magazines set
    their Q&As ("**Do you hear yourself on the train?**")."""
    kids = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    return (content.endswith("?") and len(kids) >= 3 and kids[0].type == "strong_open"
            and kids[-1].type == "strong_close")


def _inline_text(token) -> str:
    """The text a listener should hear of an inline token: no markup, no images."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue
    return "".join(parts)


def html_to_markdown(html: str, source: str = "") -> tuple[str, str, str, tuple[str, ...], str]:
    """Main content of a web page as Markdown, with its title, dek, authors and URL."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_formatting=True,
                                      include_images=False, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{source or 'the HTML page'}: no article text could be extracted",
                         hint="save the article page itself, or paste its text into a .txt file")
    authors = tuple(a.strip() for a in re.split(r";|,|\band\b", doc.author or "") if a.strip())
    return doc.text, doc.title or "", doc.description or "", authors, doc.url or ""
