"""Property: nothing of the story is lost, duplicated or invented by the script-writer.

Apart from dropped boilerplate and moved tags, the words of the script in order are the words of
the article in order. Checked as: the same multiset of words, and the script's words outside
moved tags are the article's words in order with the tag words taken out.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podcast.reading.article import parse_article
from podcast.model import Article, Section
from podcast.scripting.writer import write_script

_APOS = "'’‘`´ʼ"


def words_of(text: str) -> list[str]:
    for a in _APOS:
        text = text.replace(a, "")
    return re.findall(r"\w+", text.lower())


def article_words(article: Article) -> list[str]:
    out = words_of(article.title)
    for section in article.sections:
        if section.heading:
            out += words_of(section.heading)
        for paragraph in section.paragraphs:
            out += words_of(paragraph)
    return out


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(word in it for word in small)


def assert_no_words_lost(article: Article) -> None:
    script = write_script(article)
    said = [w for s in script.segments for w in words_of(s.text)]
    untagged = [w for s in script.segments if s.attribution != "tag" for w in words_of(s.text)]
    source = article_words(article)
    assert Counter(said) == Counter(source)
    assert is_subsequence(untagged, source)


NAMES = ["Maria Lopez", "Tom Baker", "Wu Weiren", "Jean-Luc O’Brien", "Dr. Ada Okafor"]
WORDS = ["the", "moon", "rocket", "samples", "it’s", "Chang’e", "U.S.", "D.C.", "2,500", "far-side",
         "says", "said", "told", "according", "to", "she", "he", "they", "a", "spokesperson",
         "Lopez", "Baker", "Mr.", "—", "water", "é", "naïve", "first-class;", "(SPA)"]
word = st.sampled_from(WORDS)
clause = st.lists(word, min_size=1, max_size=12).map(" ".join)
sentence = clause.map(lambda c: c[:1].upper() + c[1:] + ".")
name = st.sampled_from(NAMES)
surname = name.map(lambda n: n.split()[-1])
who = st.one_of(name, surname, st.sampled_from(["she", "he", "the spokesperson",
                                                "a senior official", "officials"]))
verb = st.sampled_from(["says", "said", "added", "told reporters", "asked", "wrote", "concluded"])
mark = st.sampled_from([("“", "”"), ('"', '"'), ("“", ""), ("", "”")])
inner = st.one_of(clause, clause.map(lambda c: f"they said, ‘{c},’ and left"))


@st.composite
def quote_piece(draw) -> str:
    o, c = draw(mark)
    q = draw(inner)
    pattern = draw(st.integers(0, 6))
    w, v = draw(who), draw(verb)
    if pattern == 0:
        return f"{o}{q},{c} {w} {v}."
    if pattern == 1:
        return f"{o}{q},{c} {v} {w}, a {draw(clause)}."
    if pattern == 2:
        return f"{w} {v}: {o}{q}.{c}"
    if pattern == 3:
        return f"{o}{q},{c} {w} {v}. {o}{draw(clause)}.{c}"
    if pattern == 4:
        return f"{draw(clause)} a {o}{q}{c} {draw(clause)}."
    if pattern == 5:
        return f"{o}{q}.{c}"
    return f"{draw(clause)}, according to {w}, {o}{q}.{c}"


paragraph = st.lists(st.one_of(sentence, quote_piece()), min_size=1, max_size=5).map(" ".join)


@st.composite
def articles(draw) -> Article:
    sections = []
    for i in range(draw(st.integers(1, 3))):
        heading = None if i == 0 else draw(clause)
        sections.append(Section(heading, tuple(draw(st.lists(paragraph, min_size=1, max_size=4)))))
    return Article(draw(clause), "", (), tuple(sections))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_news_like_articles_keep_every_word_in_order(article):
    assert_no_words_lost(article)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_any_text_never_crashes_and_keeps_its_words(text):
    try:
        article = parse_article("Title\n\n" + text)
    except Exception as exc:  # the only acceptable failure is "no story text"
        assert type(exc).__name__ == "InputError", exc
        return
    assert_no_words_lost(article)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", '"', "‘", "’", "'", ",", ".", " ", "says", "Lopez",
                                 "said", "she", ":", "—", "\n\n", "word"]), max_size=60))
def test_unbalanced_quote_marks_and_odd_punctuation(tokens):
    text = "Title\n\nMaria Lopez is here.\n\n" + " ".join(tokens)
    assert_no_words_lost(parse_article(text))


def test_the_sample_article_keeps_every_word(sample_article):
    assert_no_words_lost(sample_article)
