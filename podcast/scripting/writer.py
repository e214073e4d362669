"""Article -> Script: narrator and quoted-speaker segments, in broadcast order.

Every direct quotation goes to the person who said it, by canonical name; scare quotes and
quoted phrases built into a narrator's sentence stay with the narrator; a tag that trails a
quote ("…,” Head says.) is said by the narrator before the voice changes. Apart from dropped
boilerplate and those moved tags, the script's words are the article's words, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from ..model import (FEMALE, HEADING, MALE, NARRATOR, SPEAKER, TITLE, Article, Script, Segment,
                     Speaker, first_quote_order)
from .attribution import Tag, leads_in, tag_after, tag_before, tags_in
from .carryover import (EPITHET, answerer, closing_pronoun, contradicts, inside_pronoun_sentence, lead_in_subject,
                        named_after, names_several, only_names, opening_pronoun, recent_subject, revealed_after,
                        subject_chain)
from .finishing import finished
from .gender import they_person
from .interview import interview_answers
from .names import People, find_people
from .paragraph import QuoteChoice, broadcast_segments
from .quotes import DOUBLE, ends_sentence, find_quotes, quote_style, sentence_ends, words
from .unnamed import (description, introduced, is_document, issuer, may_be_pronoun, named_body,
                      named_relative, owner_of_its, refers_back, tells_object, titled_person,
                      unnamed_since)

OPENING_CHAPTER = "Introduction"
UNATTRIBUTED = "unattributed"
_PRONOUN_GENDER = {"he": MALE, "she": FEMALE}
_NOUN_GENDER = {"man": MALE, "woman": FEMALE, "boy": MALE, "girl": FEMALE}


@dataclass
class _State:
    """What the writer remembers between paragraphs."""

    people: People
    said: list[tuple[int, str]] = field(default_factory=list)  # (position, speaker) of tags
    descriptions: list[str] = field(default_factory=list)
    last_speaker: str | None = None  # who spoke last in the previous paragraph
    quote_open: bool = False  # the previous paragraph ended inside a quote
    colon_subject: str | None = None  # who the previous paragraph's "…laid out the pattern:" is about
    paragraph_start: int = 0  # position of the paragraph being written
    paragraph: str = ""
    style: str = DOUBLE  # which marks quote: "double" or, in British tabloids, ‘single’
    asker: str | None = None  # who asked the question just quoted: not who answers it
    question_by: str | None = None  # who asked the question the previous paragraph ends with
    text: str = ""  # every paragraph, joined by newlines (positions index into it)
    previous_named_several: bool = False  # the previous paragraph named two people or more


def write_script(article: Article) -> Script:
    """Turn an article into a script (pure: same article, same script), finished for voicing."""
    chapters = [(s.heading, s.paragraphs) for s in article.sections]
    has_headings = any(h for h, _ in chapters)
    opening = OPENING_CHAPTER if has_headings else (article.title or OPENING_CHAPTER)
    flat = [(h or opening, p) for h, paras in chapters for p in paras]
    style = quote_style([p for _, p in flat])
    state = _State(find_people([p for _, p in flat], style), style=style,
                   text="\n".join(p for _, p in flat))
    answers = interview_answers(chapters, state.people, style)

    segments: list[Segment] = []
    index = 0
    if article.title:
        segments.append(Segment(NARRATOR, None, article.title, opening, index, TITLE))
        index += 1
    offset = 0
    number = -1  # the paragraph's place in the article, across chapters
    for heading, paragraphs in chapters:
        chapter = heading or opening
        if heading:
            segments.append(Segment(NARRATOR, None, heading, chapter, index, HEADING))
            index += 1
        for paragraph in paragraphs:
            number += 1
            if number in answers:
                segments.append(_answer(paragraph, answers[number], chapter, index, offset, state))
            else:
                segments.extend(_script_paragraph(paragraph, chapter, index, offset, state))
            index += 1
            offset += len(paragraph) + 1
    return finished(Script(
        title=article.title,
        summary=article.dek or _first_sentences(flat[0][1] if flat else ""),
        byline=article.byline,
        segments=tuple(segments),
        speakers=_speakers(segments, state),
        dropped=article.dropped,
        source=article.source,
        link=article.link,
        language=article.language,
    ))


def _answer(paragraph: str, who: str, chapter: str, index: int, offset: int,
            state: _State) -> Segment:
    """A Q&A answer: the interviewee's words, quotation marks or none."""
    state.said.append((offset, who))
    state.last_speaker, state.quote_open = who, False
    # "A: We started in 2019.": the label marks the voice change on the page; the voice does it here
    text = re.sub(r"^A\s*[:.]\s+(?=\S)", "", paragraph.strip())
    return Segment(SPEAKER, who, text, chapter, index, "answer in a Q&A interview")


def _first_sentences(text: str, limit: int = 60) -> str:
    ends = [e for e in sentence_ends(text) if words(text[:e]) <= limit]
    return text[: ends[-1]].strip() if ends else text.strip()


# --- one paragraph -----------------------------------------------------------------------------


def _script_paragraph(text: str, chapter: str, index: int, offset: int,
                      state: _State) -> list[Segment]:
    state.paragraph_start, state.paragraph = offset, text
    spans = find_quotes(text, state.style)
    quotes = [QuoteChoice(s) for s in spans]
    continues = state.quote_open and text.lstrip()[:1] in "“\"«„‘"
    for k, q in enumerate(quotes):
        _decide(text, quotes, k, continues and k == 0)
    _note_narrator_tags(text, quotes, offset, state)
    for k, q in enumerate(quotes):
        if q.voiced:
            _attribute(text, quotes, k, offset, state)
    _attribute_from_neighbours(quotes, state)

    said_here = [(p, who) for p, who in state.said if p >= offset]
    if said_here:  # the last voice or tag of the paragraph carries into the next one
        state.last_speaker = said_here[-1][1]
    voiced = [q for q in quotes if q.voiced and q.speaker]
    if voiced and (not said_here or offset + voiced[-1].span.start >= said_here[-1][0]):
        state.last_speaker = voiced[-1].speaker
    if not said_here and not any(q.voiced for q in quotes):
        # "Harold Tsosie, 71, a retired teacher, spoke for three minutes." / “When I started …”:
        # a paragraph that introduces someone hands an untagged quote that follows to them;
        # "…, she shrugged." hands it to whom that she means
        subjects = [name for p, name in state.people.mentions
                    if offset <= p < offset + len(text) and p in state.people.subjects]
        pronoun = closing_pronoun(text)
        who = _resolve(Tag(0, 0, pronoun, "pronoun", ""), offset + len(text), state) if pronoun else None
        if who or subjects:
            state.last_speaker = who or subjects[-1]
    asked = voiced and voiced[-1].speaker == state.asker and voiced[-1].span.text.rstrip().endswith("?")
    state.question_by = state.asker if asked else None
    state.quote_open = bool(spans) and not spans[-1].closed and spans[-1].end == len(text)
    state.previous_named_several = names_several(state.people, offset, offset + len(text))
    state.colon_subject = lead_in_subject(state.people, state.text, len(text), offset) \
        if text.rstrip().endswith(":") else None
    return broadcast_segments(text, quotes, chapter, index)


def _decide(text: str, quotes: list[QuoteChoice], k: int, continues: bool) -> None:
    """Whether a quotation is voiced by its speaker or stays in the narrator's sentence."""
    q = quotes[k]
    span = q.span
    before = text[quotes[k - 1].span.end if k else 0: span.start]
    after_end = quotes[k + 1].span.start if k + 1 < len(quotes) else len(text)
    after = text[span.end:after_end] if span.closed else ""
    ends = sentence_ends(before)
    tail = before[ends[-1]:] if ends else before
    after_ends = sentence_ends(after)
    head = after[: after_ends[0]] if after_ends else after
    n = words(span.text)
    q.trailing = tag_after(head) if head.strip() else None
    q.lead = tag_before(tail) if tail.strip() else None
    initial = not tail.strip()
    if continues:
        q.voiced, q.continues, q.why = True, True, "continues the quote left open"
    elif k and _splits(quotes[k - 1], before):
        q.voiced = True  # "Next year," he said, "ask me again.": the rest of a split quote
    elif initial:
        if q.trailing:
            q.voiced = True
        elif ends_sentence(span.text) or not head.strip():
            q.voiced = n >= 3 or ends_sentence(span.text)
        # else: the quote is a noun phrase opening a narrator sentence (“Due regard,” in …)
    elif leads_in(tail):
        # "Wu said: “…”" speaks; "a new nickname for Bell: “Superman of Orman Avenue.”" does not
        q.voiced = q.lead is not None or n >= 6 or span.text.rstrip(" ”\"’'").endswith("?")
        # "asking one question: “Where did the water go?”": a question asked is said
    elif q.lead is not None:
        q.voiced = n >= 4 and tail.rstrip()[-1:] in ",:" or n >= 6
        if q.voiced and n < 8 and span.text.lstrip("‘'\"“ ")[:1].islower() \
                and tail[:q.lead.start].strip(" ,"):
            q.voiced = False  # "The two are not related, she said, “despite what …”": her
            # words finish the narrator's sentence, a fragment of it
    # else: built into the narrator's sentence (promote “science diplomacy,”): narrator
    if not q.voiced:
        q.trailing = None


def _splits(previous: QuoteChoice, between: str) -> bool:
    """Whether a quote goes on after the tag that interrupts it: the quote before is voiced,
    breaks off on a comma, and only its tag and a comma stand between the two parts."""
    tag = previous.trailing
    return (previous.voiced and tag is not None and previous.span.text.rstrip().endswith(",")
            and between.rstrip().endswith(",") and not between[tag.end:].strip(" ,"))


def _note_narrator_tags(text: str, quotes: list[QuoteChoice], offset: int, state: _State) -> None:
    """Tags in the narration ("Science aside, Head says, …") set who is speaking, for context."""
    start = 0
    bounds = [(q.span.start, q.span.end) for q in quotes if q.voiced] + [(len(text), len(text))]
    for s, e in bounds:
        tags = tags_in(text[start:s])
        spoke = [t.who.lower() for t in tags if t.kind == "description"]
        events = [(tag.start, tag, None) for tag in tags] + [
            (at, phrase, gender) for at, phrase, gender in introduced(text[start:s])
            if not any(who.startswith(phrase.lower()) for who in spoke)]  # "A resident who … said"
        for at, said, gender in sorted(events, key=itemgetter(0)):  # in reading order: each may be
            if isinstance(said, Tag):                       # what a later pronoun means
                who = _resolve(said, offset + start + at, state)
            else:  # "A man in his eighties, …": someone a later "he told us:" may mean
                who = description(said, state.descriptions)
                if gender:
                    state.people.vote(who, gender, f"called {said}")
            if who:
                state.said.append((offset + start + at, who))
        start = e


def _attribute(text: str, quotes: list[QuoteChoice], k: int, offset: int, state: _State) -> None:
    """Who says voiced quote k: its own tag, then a quote left open, the subject of a lead-in,
    someone named right after it, and last the paragraphs around it."""
    q = quotes[k]
    pos = offset + q.span.start
    if _attribute_by_tag(q, pos, state):
        return
    if q.continues and state.last_speaker:
        q.speaker, q.why = state.last_speaker, "continues the previous paragraph's quote"
        return
    subject = _lead_in_speaker(text, q, k, offset, state)
    if subject:  # "…, Kristin Vollmer, laid out the pattern: “…”"
        q.speaker, q.why = subject, "subject of the sentence that leads in with a colon"
        state.said.append((pos, subject))
        return
    alone = k == 0 and not text[: q.span.start].strip() and not q.lead and not q.trailing
    revealed = (revealed_after(state.people, state.descriptions, state.text, offset + len(text),
                               pos) if alone else None)
    if revealed:  # “…” / So said Nora Cahill, who chairs …
        q.speaker, q.why = revealed, "revealed as the next paragraph opens"
        state.said.append((pos, q.speaker))
        return
    _attribute_from_context(text, q, k, offset, alone, state)


def _attribute_by_tag(q: QuoteChoice, pos: int, state: _State) -> bool:
    """The speaker of the quote's own tag, the one after it first; whether one was found."""
    for tag, where in ((q.trailing, "tag after the quote"), (q.lead, "tag before the quote")):
        if tag is not None:
            speaker = _resolve(tag, pos, state)
            if speaker:
                q.speaker, q.why = speaker, f"{where}: “{tag.who} {tag.verb}”"
                state.said.append((pos, speaker))
                asks = tag.verb in ("asked", "asks") and q.span.text.rstrip().endswith("?")
                state.asker = speaker if asks else None
                return True
    return False


def _lead_in_speaker(text: str, q: QuoteChoice, k: int, offset: int, state: _State) -> str | None:
    """The subject of the sentence that leads in to the quote, as a colon does (or of the
    previous paragraph's colon, for a paragraph's opening quote)."""
    pos = offset + q.span.start
    lead_in = text[:q.span.start].rstrip()
    subject = (lead_in_subject(state.people, state.text, q.span.start, offset) if leads_in(lead_in)
               else state.colon_subject if k == 0 and not lead_in else None)
    if not subject and leads_in(lead_in) and (pronoun := opening_pronoun(lead_in)):
        subject = _resolve(Tag(0, 0, pronoun, "pronoun", ""), pos, state)
    return subject


def _attribute_from_context(text: str, q: QuoteChoice, k: int, offset: int, alone: bool,
                            state: _State) -> None:
    """An untagged quote's speaker from around it: someone who spoke earlier in the paragraph,
    someone named as the next opens, who answers a question, or the previous speaker going on."""
    pos = offset + q.span.start
    earlier = [(p, s) for p, s in state.said if offset <= p < pos]
    after = (named_after(state.people, state.text, offset + len(text))
             if alone and state.previous_named_several else None)
    if earlier:
        q.speaker, q.why = earlier[-1][1], "named earlier in the paragraph"
    elif after:  # “…” / Ruiz-Hale laughs at the memory.
        q.speaker, q.why = after, "named as the next paragraph opens"
    elif alone and state.question_by and state.question_by == state.last_speaker and (
            replier := answerer(state.people, pos, state.question_by)):
        q.speaker, q.why = replier, "answers the question the previous paragraph asked"
    elif (k == 0 and not text[: q.span.start].strip() and state.last_speaker
          and not contradicts((q.trailing, q.lead), state.last_speaker, state.people)):
        q.speaker, q.why = state.last_speaker, "goes on from the previous paragraph's speaker"
    elif (k == 0 and state.last_speaker and q.lead is None and q.trailing is None
          and only_names(state.people, offset, pos, state.last_speaker)):
        # "Asked about a return, the elder Merritt smiled. “Never say never.”": a beat of
        # narration about the person just quoted, then more of their words
        q.speaker, q.why = state.last_speaker, "goes on from the previous paragraph's speaker"


def _attribute_from_neighbours(quotes: list[QuoteChoice], state: _State) -> None:
    """A quote with no tag of its own takes the speaker of the next quote that has one."""
    for k, q in enumerate(quotes):
        if q.voiced and q.speaker is None:
            nxt = next((o for o in quotes[k + 1:] if o.voiced and o.speaker), None)
            if nxt is not None:
                q.speaker, q.why = nxt.speaker, "same speaker as the quote that follows"
            else:
                q.why = UNATTRIBUTED


def _resolve(tag: Tag, pos: int, state: _State) -> str | None:
    """A tag's speaker phrase -> canonical speaker name (or None when it cannot be told)."""
    people = state.people
    if tag.kind == "pronoun":
        gender = _PRONOUN_GENDER.get(tag.who.lower())
        if gender is None:
            return they_person(people, state.text, pos) if tag.who.lower() == "they" else None
        described = tuple((p, s) for p, s in state.said if s in state.descriptions
                          and may_be_pronoun(s, gender)
                          and not tells_object(state.text[p:p + 40], gender, _PRONOUN_GENDER)
                          and not inside_pronoun_sentence(state.text, p, tag.who))
        # “Including you?” Achterhof asked. / “Including me,” she said: the answer is not his
        exclude = frozenset({state.asker} if state.asker else ())
        who = subject_chain(people, state.text, state.paragraph_start, pos, tag.who, state.said,
                            state.style)
        if who is None or who in exclude:
            who = people.last_named(pos, gender, state.paragraph_start, described, exclude)
        if who:
            people.vote(who, gender, f"“{tag.who} {tag.verb}” refers to {who}")
            people.vote(who, gender, "")
        return who
    if tag.kind == "description":
        return _resolve_description(tag, pos, state)
    return people.resolve(tag.who, pos)


def _resolve_description(tag: Tag, pos: int, state: _State) -> str | None:
    """"the judge", "his mother", "the company", "a spokesperson for X" -> who that is: a
    person the article named, a body it named, or the description as the speaker's name."""
    people = state.people
    relative = people.resolve(named_relative(tag.who, state.text[:pos]) or "", pos)
    if relative in {f for _, f in people.full_names} and (  # "His mother": Oyunchimeg
            people.gender(relative) is None or may_be_pronoun(tag.who, people.gender(relative))):
        return relative
    the = re.fullmatch(r"the\s+([a-z]+)", tag.who, re.IGNORECASE)
    if the:  # "the judge said": the judge named earlier; "the woman": an earlier unnamed one
        noun = the.group(1).lower()
        titled = titled_person(noun, state.text[:pos])
        known = {full for _, full in people.full_names}
        unnamed = unnamed_since(noun, state.text[:pos], state.text[:pos].rfind(titled or "\0"))
        if titled and unnamed:  # "Nurse Linda Park …; a nurse who asked not to be named"
            return description(unnamed, state.descriptions)
        if titled and people.resolve(titled, pos) in known:
            return people.resolve(titled, pos)
        earlier = refers_back(noun, state.descriptions, people.gender)
        if earlier:
            if noun in _NOUN_GENDER:
                people.vote(earlier, _NOUN_GENDER[noun], f"called {tag.who}")
            return earlier
    people_known = {full for _, full in people.full_names if people.gender(full)} | {
        full.split()[-1] for _, full in people.full_names}  # "Marsh said in an email"
    body = named_body(tag.who, state.text[:pos], people_known)
    if body:  # "the company said": the company the article named
        return body
    if EPITHET.fullmatch(tag.who) and tag.who not in state.descriptions:
        named = recent_subject(people, pos)  # "the 24-year-old": whom the story just named
        if named:
            return named
    found = issuer(tag.who, pos - state.paragraph_start, state.paragraph)
    if not found and is_document(tag.who):  # "The note said": whoever brought the note
        found = next((who for p, who in reversed(state.said)
                      if state.paragraph_start <= p < pos), None)
        if found:
            return found
    return description(found or owner_of_its(tag.who, state.text[:pos]), state.descriptions)


def _speakers(segments: list[Segment], state: _State) -> tuple[Speaker, ...]:
    people = state.people
    return tuple(Speaker(n, people.gender(n), people.evidence.get(n, ""))
                 for n in first_quote_order(segments) if n)
