"""Reading an article's source: a file or stdin -> (name, text) and the format it is in.

The edge of the reading stage: bytes in, typed errors for what cannot be read or decoded, and
the format a file's suffix names or its text looks like. Parsing the text is article.py's job.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..errors import InputError, InputMissing
from ..model import Article
from .article import HTML, MARKDOWN, TEXT, parse_article

SUFFIXES = {".txt": TEXT, ".text": TEXT, ".md": MARKDOWN, ".markdown": MARKDOWN,
             ".html": HTML, ".htm": HTML, ".xhtml": HTML}
MAX_BYTES = 50 * 1024 * 1024


def read_source(source: str | Path, *, stdin=None) -> bytes:
    """The raw bytes of a path, or of stdin for "-"; typed errors for what cannot be read."""
    if str(source) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read(MAX_BYTES + 1)
    path = Path(source)
    if not path.exists():
        raise InputMissing(f"{path}: no such file", hint="check the path to the article")
    if path.is_dir():
        raise InputMissing(f"{path}: is a folder, not an article",
                           hint="give the path of a .txt, .md or .html file")
    try:
        with path.open("rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputMissing(f"{path}: permission denied",
                           hint="make the file readable (chmod +r) or copy it") from None
    except OSError as exc:
        raise InputMissing(f"{path}: cannot read ({exc.strerror})",
                           hint="check the file and try again") from None


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text from bytes: the given encoding, else UTF-8; refuse binary data with a clear message."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // 2**20} MB, too big to be an article",
                         hint="split it into articles")
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary data, not text",
                         hint="give a .txt, .md or .html article")
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}",
                             hint="use a Python codec name such as cp1252 or latin-1") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {encoding} (byte {exc.start})",
                             hint="pass the file's real encoding with --encoding") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        hint = (f"it looks like {guess}: pass --encoding {guess}" if guess
                else "pass its encoding with --encoding (for example --encoding cp1252)")
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start})", hint=hint) from None


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def read_text(source: str | Path, *, encoding: str | None = None, stdin=None) -> tuple[str, str]:
    """(name for messages, decoded text) of a path or "-" (stdin)."""
    name = "stdin" if str(source) == "-" else str(source)
    return name, decode(read_source(source, stdin=stdin), name, encoding)


def text_format(name: str, text: str) -> str:
    """The format a file's suffix names, else the one its text looks like."""
    return SUFFIXES.get(Path(name).suffix.lower()) or sniff_format(text)


def read_article(source: str | Path, *, encoding: str | None = None, fmt: str | None = None,
                 stdin=None) -> Article:
    """Read and parse an article from a path or "-" (stdin)."""
    name, text = read_text(source, encoding=encoding, stdin=stdin)
    return parse_article(text, fmt=fmt or text_format(name, text), source=name)


def sniff_format(text: str) -> str:
    """The format text looks like, for stdin and files with no known suffix."""
    head = text.lstrip()[:2048].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|div|article|body)\b", head):
        return HTML
    if re.search(r"^#{1,6}\s+\S", text, re.MULTILINE):
        return MARKDOWN
    return TEXT
