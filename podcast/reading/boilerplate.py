"""What in a copied article is not the story: captions, credits, promos, bylines, dates, page
furniture. (Bios, "More by" lines and reference lists at the end are pagematter.py's.)

Pure functions over the article's blocks. Each rule says why it drops a block, because the
script records every dropped passage with its reason (and `-v` shows it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Dropped


# A photo credit: "VCG/VCG via Getty Images", "Photo: AP", "(Photo by Jane Roe/Reuters)",
# "Photograph: Jane Roe/The Guardian", "Credit: NASA/JPL-Caltech", "Getty Images".
_AGENCIES = (
    r"Getty Images|AP Photo|Associated Press|Reuters|AFP|Alamy|Shutterstock|iStock|EPA|"
    r"Bloomberg|NASA|ESA|Xinhua|VCG|Corbis|Science Photo Library|Wikimedia Commons|"
    r"Unsplash|Pexels|Flickr|Pool|Handout|Courtesy of [^.]{1,60}"
)
_CREDIT = re.compile(
    rf"^\(?\s*(?:(?:photo(?:graph)?s?|pictures?|pics?|image|illustration|video|graphic|credit|source|"
    rf"pictured|caption)\b\s*(?:by|credit)?\s*[:/-]|\(?(?:photo(?:graph)?s?|photography|"
    rf"illustrations?|images?|video|artwork) by\b)"
    rf"|^\(?(?:[\w.&]+\s+){{0,3}}(?:photo|photograph|image|video)s?\s*/"
    rf"|(?:^\(?|/|\(|\bvia\s+)\s*(?:{_AGENCIES})\)?\s*$"
    rf"|^(?:{_AGENCIES})\s*/|/\s*file photo\)?$"
    rf"|^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}\s*[/|]\s*(?:The\s+)?[A-Z][\w'’.&-]*"
    rf"(?:\s+[A-Z][\w'’.&-]*){{0,3}}$",
    re.IGNORECASE,
)
# A caption ending in its credit, as many sites paste them: "A rover on Mars. Photograph: NASA"
_TRAILING_CREDIT = re.compile(
    r"[.!?]\s*(?:(?:photo(?:graph)?|picture|pic|image|illustration|credit)\s*:|(?:photo(?:graph)?|"
    r"image|illustration) by)\s*.{1,80}$"
    r"|[.!?][”\"’]?\s*courtesy of\s+[^.!?]{1,60}$"  # "… in 1988.Courtesy of the family", run together
    r"|\((?:[\w.&]+\s+){0,3}(?:photo|photograph|image)s?\s*/[^)]{1,80}\)\s*$"
    r"|\((?:[A-Z][\w'’.-]*\s+){1,3}?[A-Z][\w'’.-]*\s*/\s*[^)]{2,60}\)\s*$"  # "(Ellen Marsh/The Ledger)"
    r"|\((?:[A-Z][\w'’.-]*\s+){1,3}for\s+(?:the\s+)?[A-Z][^)]{1,60}\)\s*$"  # "(Jo Roe for The Ledger)"
    r"|\((?:image|photo|picture|pic|photograph|credit|illustration)s?\s*:[^)]{1,80}\)\s*$"
    r"|[.!?]\s+\([^():]{2,60}:\s*[A-Z][^()]{1,60}\)\s*$"  # "… Moree. (ABC New England: Name)"
    r"|[.!?]\s+(?:photo|picture)\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})$"  # "… Photo Jo Roe"
    r"|^file\s*[-—–]\s", re.IGNORECASE
)

# Page furniture that stands alone as a short block ("Advertisement"), or that leads into a
# link title after a colon ("Read more: Moon landing delayed").
_FURNITURE = re.compile(
    r"^(?:(?:advertisement|skip advertisement|ad|sponsored(?: content)?|save|share(?: this (?:article|"
    r"story))?|listen to this article|sign up|subscribe|comments?|print|email|skip to (?:main )?"
    r"content|trending(?: now)?|watch|video|continue reading|story continues below|most popular|"
    r"recommended(?: for you)?|read more|related(?: stories| articles| coverage)?|gift (?:this )?"
    r"article|comments?(?: \d+)?|listen(?: \d+ min(?:utes)?)?|listen to this story|enlarge this "
    r"image|toggle caption|hide caption|view (?:gallery|image)|republish this (?:story|article)|"
    r"open in app|copy link|bookmark|share (?:on|via|to|by) (?:twitter|x|facebook|e-?mail|linkedin|"
    r"whatsapp|reddit|bluesky|threads|pinterest|messenger|sms|text)|reply|thanks?\s*\(\d+\)|loading|licen[cs]e this (?:article|story)|"
    r"(?:(?:normal|small(?:er)?|larger?|very large|increase|decrease|reset)\s+)?text size|"
    r"open this (?:photo|image) in gallery:?|listen\s*[·|•-]\s*\d{1,2}:\d{2}|story continues below(?: advertisement)?|continue reading below|"
    r"sponsor message|download (?:references|citation|pdf)|on supporting \w+ journalism|"
    r"\d+ comments?(?:\s*[·|•]\s*(?:leave|add|post|write|join) (?:a|the) (?:comment|conversation))?|"
    r"(?:leave|add|post|write|join) (?:a|the) (?:comment|conversation)|scroll down for video|watch (?:now|live)|video \d+:\d+|"
    r"this (?:story|article|page) will be updated.{0,60}|"
    # a TV site's player and a tech site's credit: "Play Video", "Duration 2:14", "Image Credits: …"
    r"video player (?:is )?loading|play video|duration \d{1,2}:\d{2}|image credits?:.{1,60}|"
    r"author:\s*.{1,40}|kindly share this (?:story|article|news):?|"
    r"read (?:this |it )?in (?:english|irish|welsh|gaelic|french|spanish)|darllenwch yn gymraeg|"
    r"tickets:.{0,40}(?:\w\.\w{2,}|\d{3}[ -]?\d{3,4})[^.]{0,40}|"
    r"(?:please )?(?:turn on|enable) javascript\b.{0,60}|provided by\s+(?:the\s+)?(?-i:[A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+|and\s+|the\s+)*[A-Z][\w&'’.-]*){0,6})|"
    r"read more about\s+\S.{0,60}|report (?:an )?(?:error|typo|a correction)(?:\s+submit a tip)?|"
    r"submit a (?:news )?tip|show key events only|live(?: updates| blog| coverage)?|"
    r"[—–]\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}|"  # a live blog's author line: "— Renee Castille"
    r"rated (?:g|pg|pg-13|r|nc-17|u|12a?|15|18|tv-\w+)\b.{0,120}|running time:.{0,100}|"
    r"(?:directed|written|produced|edited|narrated|photographed) by\s+[A-Z][\w'’. -]{2,50})[\s.!…]*(?:[·|•—–-]\s*\d+\s*min(?:ute)?s?(?:\s+(?:read|listen))?)?[\s.!…]*"
    r"|(?:read more|related(?: stories| articles| coverage)?|more on this story|see also|also read|"
    r"subscribe|sign up|"
    r"watch|recommended|most popular|more from [\w ]{1,30})\s*[:|—–-]\s*\S.{0,120})$",
    re.IGNORECASE,
)
# A call to action: to subscribe, sign up, donate, follow; and rights notices.
_PROMO = re.compile(
    r"\b(?:subscribe (?:now|today|to (?:our|the)|for)|by subscribing|consider (?:supporting|"
    r"subscribing|donating|becoming)|support (?:our|independent|quality) (?:\w+ )?journalism|"
    r"supporting (?:our|science|independent) (?:\w+ )?journalism|enjoying this article|"
    r"become a (?:member|subscriber)|sign up (?:for|to) (?:our|the)\b.{0,40}newsletter|"
    r"(?:get|receive) (?:our|the) \w+ newsletter|download (?:our|the) app|"
    r"follow (?:us|her|him|them) on|all rights reserved|copyright ©|©\s*\d{4}|"
    r"may not be published, broadcast|this (?:article|story) was (?:originally )?"
    r"(?:published|produced) (?:by|on|in partnership)|"
    r"(?:contact|email|reach) (?:the author|her|him|them|us) at|\S+@\S+\.\w{2,}|"
    r"sign up here|subscribe here|privacy notice|newsletter promotion|"
    r"download the [\w\s]{0,30}\bapp\b|appears in (?:the )?print|print edition|"
    r"our standards:|trust principles|this (?:story|article|report) is part of|donate today|"
    r"support (?:local|independent|nonprofit) (?:\w+ )?journalism|readers like you|"
    r"unlimited access|enjoy more audio|your browser does not support|"
    r"sign up (?:for|to)\b.{0,60}\bnewsletter|subscribe to \S+|news tip|delivered to your inbox|"
    r"may earn (?:a )?commission|read our (?:interview|review|coverage)|affiliate link|"
    r"subject to copyright|for information purposes only|how our newsroom (?:operates|works)|"
    r"(?:reviewed|checked) by (?:an|our) (?:editing|editorial) team|"
    # a site's note that it rewrote a release: "This article was written with information from …"
    r"this (?:article|story|report) (?:was|is) (?:written|compiled|prepared|based) (?:with|using|"
    r"from|on) (?:information|details|material)|information (?:for|in) this (?:article|story) "
    r"(?:was|is) (?:provided|supplied) by|"
    # a funder note: "Education coverage in the Dispatch is supported in part by …"
    r"\b(?:coverage|reporting|journalism)\b[^.]{0,60}\b(?:is|are|was|were) (?:made possible|supported|"
    r"funded|underwritten) (?:in part )?by\b|(?:full|complete|sole) editorial (?:control|independence)|"
    r"editorially independent of (?:its|our) (?:funders|sponsors|donors|supporters)|\bjoin (?:the |our )?[\w’'\s]{0,30}\b(?:whatsapp|telegram) channel|"
    r"republished (?:online or in print )?under (?:a )?creative commons|"
    r"is an independent,? (?:nonprofit|non-profit|not-for-profit) newsroom|"
    r"become a supporter (?:from|for|today|now)|not free to produce|\bregister now[.!]?$|"
    r"save up to \S+ on (?:passes|tickets))"
    r"|©\s*\d{4}|copyright \d{4}",
    re.IGNORECASE,
)
_REPORTING_CREDIT = re.compile(
    r"^\(?\s*(?:additional )?(?:reporting|writing|editing|research) by\b.{0,200}\)?\.?$"
    r"|^[-—–\s]*with assistance from\b.{0,120}$"
    r"|^(?:translation|interpretation|translated|interpreted)(?: from \w+)? by\b.{0,80}$"
    r"|^.{0,120}\bcontributed (?:reporting )?(?:to this (?:report|story|article)|from [A-Z][^.]{0,60})\.?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by:?|written by|words by|posted by|authors?:|reporters?:)\s+(.{2,160})$",
                     re.IGNORECASE)
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
           "april|june|july|august|september|october|november|december")
_WEEKDAYS = "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE_FILLER = re.compile(
    rf"^(?:{_MONTHS}|{_WEEKDAYS}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d{{2}}|a\.?m\.?|p\.?m\.?|"
    rf"\d{{1,2}}(?:[:.]\d{{2}})?(?:am|pm)|e[sd]t|c[sd]t|m[sd]t|p[sd]t|et|ct|mt|pt|bst|cest|cet|ist|jst|kst|aest|aedt|utc|gmt(?:[+-]\d{{1,2}})?|updated|published|posted|last|first|on|at|min|mins|"
    rf"minutes?|hours?|days?|ago|read|modified|edited|revised|issue|edition|\d{{4}}-\d{{2}}-\d{{2}}(?:t[\d:.z+-]*)?|[|/·•-]+)$"
)


def words(text: str) -> int:
    return len(text.split())


def ends_like_sentence(text: str) -> bool:
    """Ends with sentence punctuation, perhaps inside closing quotes or brackets
    ("…here.”" does; "Governor: ‘Do not go out and look at it’" does not)."""
    stripped = text.rstrip()
    bare = stripped.rstrip("\"”’')]")
    if bare != stripped:
        return bare[-1:] in ".!?…:;,"
    return stripped[-1:] in ".!?…:;"


def is_credit(text: str) -> bool:
    """A photo or image credit line (short, names a photographer or an agency)."""
    return words(text) <= 14 and bool(_CREDIT.search(text.strip()))


_SOCIAL = re.compile(r"^(?:(?:share (?:on|via|to) )?(?:twitter|x|facebook|email this (?:story|article)|"
                     r"email|e-mail|linkedin|whatsapp|reddit|bluesky|threads|pinterest|print|"
                     r"copy link|share|flipboard|subscribe|save|bookmark|reply|comments?)[\s,|·•/:]*){2,}$",
                     re.IGNORECASE)


_LISTED_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}(?:\s*\([^()]{1,30}\))?\.?")
_BOX_LABEL = re.compile(r"(?:referee|attendance|venue|kick-?off|booked|bookings|sent off|subs|"
                        r"substitutes|subs not used|scorers?|goals?|half-time|man of the match|"
                        r"player of the match|crowd)\s*:", re.IGNORECASE)


def is_match_box(text: str) -> bool:
    """A results box, not prose: a team line-up ("Vale: Roe; Poe, Doe, …") or the officials and
    crowd ("Referee: Jo Roe. Attendance: 3,106.")."""
    text = text.strip()
    team = re.match(r"[A-Z][\w'’ .&-]{1,40}:\s+(.+)$", text)
    if team:
        items = [i.strip() for i in re.split(r"[,;]", team.group(1)) if i.strip()]
        if len(items) >= 8 and all(_LISTED_NAME.fullmatch(i) for i in items):
            return True
    pairs = [p for p in re.split(r"(?<=[.\d])\s+(?=[A-Z])", text) if p]
    return bool(pairs) and all(_BOX_LABEL.match(p) for p in pairs) and words(text) <= 30


def is_promo(text: str) -> bool:
    """Subscription, newsletter and sharing prompts, and other page furniture."""
    n = words(text)
    if _SOCIAL.match(text.strip()) or is_match_box(text):  # "Twitter Facebook Email"
        return True
    return (n <= 25 and bool(_FURNITURE.match(text.strip()))) or (n <= 80 and bool(_PROMO.search(text)))


def is_alt_text(text: str) -> bool:
    """An image description pasted as a line: too long for a heading, no sentence punctuation."""
    return words(text) > 12 and not ends_like_sentence(text)


def byline_names(text: str) -> tuple[str, ...]:
    """Names in a "By A, B and C" line."""
    m = _BYLINE.match(text.strip()) or _BYLINE.match(re.split(r"\s[/|·]\s", text.strip())[-1])
    if not m:
        return ()
    # "By Jo Roe at Anfield", "Posted by Jo Roe on May 2": a place or a date may follow the names
    who = re.split(r"\s[·|•—–-]\s|\s+(?:for|of|at|on|in)\s+(?:the\s+)?[A-Z]", m.group(1).strip())[0]
    names = [_without_role(n) for n in re.split(r",\s*|\s+and\s+|\s*&\s*", who.strip().rstrip("."))]
    found = tuple(_name_case(n.strip()) for n in names
                  if n.strip() and words(n) <= 5 and not is_date_line(n) and not _ROLE_LINE.search(n))
    if not found or not _BYLINE_NAME.fullmatch(found[0]):
        return ()  # "By then, Marcus Bell was …" is a sentence, not a byline
    return tuple(n for n in found if _BYLINE_NAME.fullmatch(n))


_ROLE_AFTER = re.compile(r"(?:[A-Z][\w&-]*\s+){0,2}(?:Reporter|Writer|Correspondent|Editor|"
                         r"Columnist|Contributor|Photographer|Producer|Journalist)s?")


def _without_role(name: str) -> str:
    """"Holly Brennan Court Reporter" -> "Holly Brennan": a role run on after the name."""
    words_ = name.split()
    for k in range(2, len(words_)):
        if _ROLE_AFTER.fullmatch(" ".join(words_[k:])):
            return " ".join(words_[:k])
    return name


_BYLINE_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:de|da|di|del|van|von|der|den|la|le|al|bin|ibn)\s+)*"
                          r"[A-Z][\w'’.-]*){0,4}")


def _name_case(name: str) -> str:
    """"HANNAH LOCKWOOD" -> "Hannah Lockwood" (wire bylines shout)."""
    return name.title() if name.isupper() else name


def names_line(text: str) -> tuple[str, ...]:
    """"Siobhan Mercer and Anil Raghunathan": a line of nothing but names, as bylines are."""
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+|\s*&\s*", text.strip()) if p.strip()]
    if len(parts) > 1 and _ROLE_LINE.search(", " + parts[-1]):  # "Jo Roe, Ledger Staff"
        text, parts = ", ".join(parts[:-1]), parts[:-1]
    name = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}")
    if any(w.lower() in _NOT_IN_NAMES for w in text.split()) or _ROLE_LINE.search(text):
        return ()  # "What Comes Next" is a heading, "Staff Writer" a role
    return tuple(parts) if parts and all(name.fullmatch(p) for p in parts) else ()


_NOT_IN_NAMES = {"what", "the", "a", "an", "of", "to", "in", "on", "for", "next", "how", "why",
                 "when", "where", "who", "is", "are", "new", "first", "last", "after", "before",
                 "with", "from", "at", "by", "our", "your", "my", "it", "this", "that", "up",
                 "down", "out", "over", "into", "more", "most", "not", "no", "all", "one", "two",
                 "twitter", "facebook", "email", "linkedin", "whatsapp", "reddit", "share",
                 "print", "copy", "link", "save", "comment", "comments", "listen"}


_ROLE_LINE = re.compile(r"\b(?:staff|senior|chief|contributing)?\s*(?:writer|correspondent|reporter|"
                        r"editor|contributor|columnist|photographer|producer|journalist|author)s?\b"
                        r"|,\s*(?:[\w'’.&-]+\s+){0,3}staff$"  # "Jo Roe, Neighborly Staff"
                        r"|\b\d+\s*min(?:ute)?s?\s+read\b", re.IGNORECASE)


# the site's path to the story: "Home › News › Local News", "News » World"
_BREADCRUMB = re.compile(r"(?:[^›»>\s][^›»>]{0,30}\s*[›»>]\s*){1,6}[^›»>\s][^›»>]{0,30}")


def is_top_matter(text: str) -> bool:
    """A line of the page's head: a byline without "By", a role ("Staff Writer"), a reading time,
    a one-word kicker in capitals."""
    text = text.strip()
    if words(text) > 10 or ends_like_sentence(text):
        return False
    return bool(names_line(text) or _ROLE_LINE.search(text) or is_date_line(text)
                or re.match(r"(?:as )?heard on\b", text, re.IGNORECASE)
                or " | " in text  # a section rubric: "Finance & economics | Copper and the peso"
                or bool(_BREADCRUMB.fullmatch(text))
                or bool(re.fullmatch(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+@\w+", text))
                or (text.isupper() and len([w for w in text.split()  # "PORTS & TERMINALS"
                                             if any(ch.isalnum() for ch in w)]) <= 2))


def is_date_line(text: str) -> bool:
    """"Updated 3:15 PM EDT, June 4, 2024", "Tue 4 Jun 2024 17.02 BST", "Thu, Sep 19, 2024, 2:07
    PM 4 min read": a short line of nothing but dates, times and their filler words."""
    # "26 NOV 2026Updated 11:40", "8:14 AM GMTUpdated 2 hours ago": a page run together
    glued = re.sub(r"(?<=[\dA-Z])(?=(?:Updated|Published|Posted)\b)", " ", text.strip())
    raw = re.split(r"[\s|·•—–]+", glued)
    tokens = [t.strip(",.():").lower() for t in raw if not (t.isupper() and len(t) > 3)]
    tokens = [t for t in tokens if t]  # "Nov 20th 2026|SANTIAGO": a dateline place may ride along
    if not tokens or len(tokens) > 16:
        return False
    dated = any(re.fullmatch(rf"(?:{_MONTHS})|\d{{4}}(?:-\d{{2}}-\d{{2}}.*)?|\d{{1,2}}[:.]\d{{2}}(?:am|pm)?", t)
                for t in tokens)
    return dated and sum(1 for t in tokens if not _DATE_FILLER.match(t)) == 0


def is_reporting_credit(text: str) -> bool:
    return bool(_REPORTING_CREDIT.match(text.strip()))


def _last_sentence(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+(?=\S)", text.strip())
    return parts[-1] if len(parts) > 1 else ""


def drop_caption_blocks(texts: Sequence[str]) -> dict[int, Dropped]:
    """Captions and credits: a credit line, the caption just before it, and pasted alt text."""
    dropped: dict[int, Dropped] = {}
    for i, text in enumerate(texts):
        if byline_names(text) or is_date_line(text):
            continue
        if is_credit(text):
            dropped[i] = Dropped(text, "photo credit")
            before = i - 1
            while before >= 0 and is_promo(texts[before]):  # "toggle caption"
                dropped[before] = Dropped(texts[before], "page furniture")
                before -= 1
            if (before >= 0 and before not in dropped and words(texts[before]) <= 60
                    and not byline_names(texts[before]) and not is_date_line(texts[before])
                    and not any(mark in texts[before] for mark in '“”"')):  # quotes are story
                dropped[before] = Dropped(texts[before], "photo caption (just before its credit)")
                if before - 1 >= 0 and not ends_like_sentence(texts[before - 1]) \
                        and words(texts[before - 1]) > 5:
                    dropped[before - 1] = Dropped(texts[before - 1], "image description")
        elif (_TRAILING_CREDIT.search(text.strip()) or is_credit(_last_sentence(text))) \
                and words(text) <= 70:
            dropped[i] = Dropped(text, "photo caption with its credit")
        elif is_alt_text(text) and not is_promo(text):
            dropped[i] = Dropped(text, "image description (no sentence punctuation)")
    return dropped


def _is_label(line: str) -> bool:
    """A rubric or breadcrumb line: a few words naming a desk or topic, no sentence in it."""
    line = line.strip()
    return (0 < len([w for w in line.split() if w not in "/|›»>"]) <= 3
            and not ends_like_sentence(line) and not line.endswith((":", ","))
            and not byline_names(line) and not is_date_line(line))


def leading_rubrics(head: Sequence[str]) -> int:
    """How many of the page's first lines are rubrics and breadcrumbs a browser copy puts above
    the headline ("News", "Greater Manchester News"; "Environment", "Bushfires"): short labels,
    when a headline and a standfirst follow them before the byline or date. A short headline
    with its standfirst under it has only one long line before the byline, so it stays."""
    n = 1 if head and _BANNER.match(head[0]) else 0
    while n < len(head) and _is_label(head[n]):
        n += 1
    rest: list[str] = []
    for line in head[n:]:
        if byline_names(line) or is_top_matter(line) or any(  # "Jo Roe · Outlet · Posted: …"
                is_date_line(part) for part in re.split(r"\s[·|•]\s", line)):
            break
        rest.append(line)
    else:
        return 0  # no byline or date: the head of the page is not in view
    if n == 1 and len(rest) == 1 and words(head[0]) == 1:  # "Culture" / headline / "Jo Roe"
        return n if words(rest[0]) >= 5 and not ends_like_sentence(rest[0]) else 0
    return n if 0 < n and 2 <= len(rest) <= 3 and sum(words(x) >= 5 for x in rest[:2]) == 2 else 0


# a site-wide banner over the page: "WEATHER ALERT  Ice Storm Warning …", "BREAKING NEWS  …"
_BANNER = re.compile(r"(?:BREAKING(?: NEWS)?|(?:[A-Z]+ )?ALERT)\s+[A-Z0-9]")


# "Summary", "Key points": a label over the story's own bullet points, which are read out
_LIST_LABEL = re.compile(r"(?:summary|key points|in brief|at a glance|highlights|key takeaways|"
                         r"what you need to know|the big picture)\s*:?", re.IGNORECASE)
# what a web page says to screen readers after a link: "Veltro (VLT.MI), opens new tab"
_LINK_LABEL = re.compile(r",?\s*\bopens (?:in )?(?:a )?new (?:tab|window)\b", re.IGNORECASE)
# a line of a results box: a team and its score ("Linwood 24")
_SCORE_LINE = re.compile(r"[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}\s+\d{1,3}")


def is_list_label(line: str) -> bool:
    return bool(_LIST_LABEL.fullmatch(line.strip()))


def without_link_labels(text: str) -> str:
    """The text without the link labels meant for screen readers, wherever they stand."""
    return _LINK_LABEL.sub("", text)


def score_box(texts: Sequence[str]) -> set[int]:
    """The lines of a results box under a match report's photo: two lines or more in a row,
    each a team and its score ("Linwood 24" / "Avonside 19"); the score is in the story."""
    hits = [bool(_SCORE_LINE.fullmatch(t.strip())) for t in texts]
    return {i for i, hit in enumerate(hits) if hit and (
        (i > 0 and hits[i - 1]) or (i + 1 < len(hits) and hits[i + 1]))}
