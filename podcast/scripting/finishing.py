"""The last touches every script gets before anyone voices it, whoever wrote it.

Control characters go from every string (both for the script-writer's scripts and for a
hand-edited script JSON); a title or heading with no word a voice can say is taken out of what
the narrator reads (only for the script-writer's own: a hand-edited script keeps them, and the
error they cause, since someone chose to write them there).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace

from ..model import HEADING, NARRATOR, TITLE, Dropped, Script

_SAYABLE = re.compile(r"[^\W_]")  # a letter or digit: what the synthesis stage counts as a word
_CONTROLS = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n") | {0x7F: None}


def finished(script: Script) -> Script:
    """A script the script-writer made, ready to voice."""
    return drop_unspoken_titles(scrub(script))


def scrub(value):
    """The value with control characters (NUL, ESC, ...) taken out of every string: they end a
    title early in ID3, make HTML invalid and garble terminals, and no one means to say them."""
    if isinstance(value, str):
        return value.translate(_CONTROLS)
    if isinstance(value, tuple):
        return tuple(scrub(v) for v in value)
    if is_dataclass(value):
        return replace(value, **{f.name: scrub(getattr(value, f.name)) for f in fields(value)})
    return value


def drop_unspoken_titles(script: Script) -> Script:
    """The script without title and heading segments a voice cannot say (all emoji, symbols):
    the title still names the episode, the heading its chapter, but the narrator skips them,
    where voicing them would fail with "no words to say"."""
    silent = [s for s in script.segments if s.role == NARRATOR
              and s.attribution in (TITLE, HEADING) and not _SAYABLE.search(s.text)]
    if not silent:
        return script
    return replace(script, segments=tuple(s for s in script.segments if s not in silent),
                   dropped=script.dropped + tuple(Dropped(s.text, f"{s.attribution} with no words "
                                                              "a voice can say") for s in silent))
