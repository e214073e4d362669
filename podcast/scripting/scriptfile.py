"""The script as JSON: what `--script-only` writes and what a hand-edited script is read from.

The shape is DESIGN.md's ({"title", "summary", "byline", "segments": [{"role", "speaker",
"text", "chapter"}]}) plus keys of our own that a reader may ignore.
"""

from __future__ import annotations

import json

from ..errors import InputError
from ..model import NARRATOR, SPEAKER, Dropped, Script, Segment, Speaker
from .finishing import scrub

FORMAT = "podcast-script/1"


def script_to_json(script: Script) -> str:
    """The script as indented UTF-8 JSON, keys in a stable order."""
    doc = {
        "format": FORMAT,
        "title": script.title,
        "summary": script.summary,
        "byline": list(script.byline),
        "source": script.source,
        "link": script.link,
        "language": script.language,
        "chapters": list(script.chapters),
        "speakers": [{"name": s.name, "gender": s.gender, "evidence": s.evidence}
                     for s in script.speakers],
        "segments": [{"role": s.role, "speaker": s.speaker, "text": s.text,
                      "chapter": s.chapter, "paragraph": s.paragraph,
                      "attribution": s.attribution} for s in script.segments],
        "dropped": [{"text": d.text, "reason": d.reason} for d in script.dropped],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def looks_like_script(text: str) -> bool:
    """Whether a text is a script JSON rather than an article."""
    head = text.lstrip()[:1]
    if head != "{":
        return False
    try:
        doc = json.loads(text)
    except ValueError:
        return False
    return isinstance(doc, dict) and "segments" in doc


def script_from_json(text: str, name: str = "script") -> Script:
    """Read a script back, checking every segment; errors name the segment and the fix."""
    doc = _script_doc(text, name)
    title = _string(doc.get("title", ""), f"{name}: \"title\"")
    segments = _segments(doc["segments"], name)
    speakers = tuple(
        Speaker(str(s.get("name")), s.get("gender"), str(s.get("evidence") or ""))
        for s in doc.get("speakers") or () if isinstance(s, dict) and s.get("name")
    )
    dropped = tuple(
        Dropped(str(d.get("text", "")), str(d.get("reason", "")))
        for d in doc.get("dropped") or () if isinstance(d, dict)
    )
    byline = doc.get("byline") or ()
    if isinstance(byline, str):
        byline = (byline,)
    return scrub(Script(
        title=title or segments[0].text[:80],
        summary=_string(doc.get("summary", ""), f"{name}: \"summary\""),
        byline=tuple(str(b) for b in byline),
        segments=tuple(segments),
        speakers=speakers,
        dropped=dropped,
        source=str(doc.get("source") or name),
        link=str(doc.get("link") or ""),
        language=str(doc.get("language") or "en"),
    ))


def _script_doc(text: str, name: str) -> dict:
    """The parsed JSON, once it is an object with a "segments" list."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{name}: not valid JSON (line {getattr(exc, 'lineno', '?')})",
                         hint="fix the JSON, or give the article itself") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("segments"), list):
        raise InputError(f"{name}: a script needs a \"segments\" list",
                         hint="see the script format in the README") from None
    return doc


def _segments(raws: list, name: str) -> list[Segment]:
    """The segments with text, each in the chapter it names or the one before; none is an error."""
    segments: list[Segment] = []
    chapter = "Introduction"
    for i, raw in enumerate(raws, start=1):
        paragraph = segments[-1].paragraph + 1 if segments else 0
        segment = _segment(raw, f"{name}: segment {i}", chapter, paragraph)
        if segment is not None:
            chapter = segment.chapter
            segments.append(segment)
    if not segments:
        raise InputError(f"{name}: the script has no text to speak",
                         hint="add segments with \"text\"")
    return segments


def _segment(raw, where: str, chapter: str, paragraph: int) -> Segment | None:
    """One segment, checked; None when it has no text. chapter and paragraph are the defaults:
    the chapter before, and the paragraph after the one before."""
    if not isinstance(raw, dict):
        raise InputError(f"{where} is not an object", hint="each segment is {\"role\", \"text\", …}")
    role = raw.get("role", NARRATOR)
    if role not in (NARRATOR, SPEAKER):
        raise InputError(f"{where}: role {role!r} is neither \"narrator\" nor \"speaker\"",
                         hint="use one of the two")
    text = _string(raw.get("text"), f"{where}: \"text\"").strip()
    if not text:
        return None
    speaker = raw.get("speaker")
    if speaker is not None:
        speaker = _string(speaker, f"{where}: \"speaker\"").strip() or None
    if role == NARRATOR:
        speaker = None
    chapter = _string(raw.get("chapter") or chapter, f"{where}: \"chapter\"").strip() or chapter
    paragraph = raw.get("paragraph", paragraph)
    if not isinstance(paragraph, int) or isinstance(paragraph, bool):
        raise InputError(f"{where}: \"paragraph\" must be a whole number", hint="or leave it out")
    return Segment(role, speaker, text, chapter, paragraph, str(raw.get("attribution") or ""))


def _string(value, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where} must be text, not {type(value).__name__}", hint="quote it")
    return value
