"""Reading articles: formats, structure, and what is dropped as not the story."""

from __future__ import annotations

import io

import pytest

from podcast.reading.article import parse_article
from podcast.reading.source import read_article
from podcast.errors import InputError, InputMissing


def test_sample_structure(sample_article):
    a = sample_article
    assert a.title == "China Makes History with First-Ever Samples from the Moon’s Far Side"
    assert a.dek.startswith("China’s Chang’e 6 mission has successfully returned samples")
    assert [s.heading for s in a.sections] == [None, "Opening the Treasure Chest",
                                               "Racing to the Moon", "Sample-Science Diplomacy",
                                               "A Gateway to the Universe"]
    assert a.byline == ("Leonard David", "Lee Billings")


def test_sample_boilerplate_is_dropped_with_reasons(sample_article, sample_gold):
    spoken = " ".join(p for s in sample_article.sections for p in s.paragraphs)
    for boiler in sample_gold["boilerplate"]:
        assert boiler.replace("'", "’") not in spoken.replace("'", "’"), boiler
    reasons = {d.reason for d in sample_article.dropped}
    assert {"photo credit", "author bio", "'More by' line"} <= reasons
    assert all(d.reason for d in sample_article.dropped)


def test_markdown_headings_emphasis_and_images():
    md = ("# The Title\n\nA short dek here.\n\n![A rover](rover.jpg)\n\nFirst paragraph with "
          "*emphasis* and a [link](http://x).\n\nMore text follows here.\n\n## A Section\n\n"
          "Second paragraph.\n")
    a = parse_article(md, fmt="markdown")
    assert a.title == "The Title"
    assert [s.heading for s in a.sections] == [None, "A Section"]
    assert "First paragraph with emphasis and a link." in a.sections[0].paragraphs
    assert not any("rover" in p for s in a.sections for p in s.paragraphs)


def test_html_main_content_is_extracted(tmp_path):
    html = ("<html><head><title>Moon News | Site</title></head><body><nav>Home About Subscribe"
            "</nav><article><h1>Moon News</h1><p>Maria Lopez studies rocks and has done so for "
            "a long time, in many places around the world.</p><h2>The Samples</h2><p>“They are "
            "old,” Lopez said, pointing at the samples spread across the long table.</p>"
            "</article><footer>© 2024 Site. All rights reserved.</footer></body></html>")
    path = tmp_path / "story.html"
    path.write_text(html, encoding="utf-8")
    a = read_article(path)
    assert a.title == "Moon News"
    assert [s.heading for s in a.sections] == [None, "The Samples"]
    text = " ".join(p for s in a.sections for p in s.paragraphs)
    assert "Lopez said" in text and "Subscribe" not in text and "rights reserved" not in text


def test_stdin_is_read_and_its_format_sniffed():
    a = read_article("-", stdin=io.BytesIO("# T\n\n## H\n\nA paragraph.\n".encode()))
    assert a.title == "T" and a.sections[-1].heading == "H"


@pytest.mark.parametrize("block, reason", [
    ("(AP Photo/Jane Roe)", "photo credit"),
    ("Photo: Jane Roe/Reuters", "photo credit"),
    ("Sign up for our newsletter to get the week's best stories.", "promotion or page furniture"),
    ("Advertisement", "promotion or page furniture"),
    ("Updated June 4, 2024", "date line"),
    ("(Reporting by Jane Roe; Editing by John Doe)", "reporting credit"),
    ("Listen to this article · 6 min", "promotion or page furniture"),
    ("Share on Facebook · Share on X · Email · Print", "promotion or page furniture"),
    ("12 comments · Leave a comment", "promotion or page furniture"),
    ("Rovers: Roe; Poe, Doe, Moe, Low; Bow, Cole (Dunn 79), Hale; Penn, Odd, Trent.",
     "promotion or page furniture"),
    ("Referee: Jo Roe. Attendance: 3,106.", "promotion or page furniture"),
    ("Last Modified: 9:12 AM CST Thursday, Nov. 26, 2026", "date line"),
    ("Please turn on JavaScript to use this feature", "promotion or page furniture"),
    ("Provided by the University of Leeds", "promotion or page furniture"),
    ("This document is subject to copyright. No part may be reproduced without permission.",
     "promotion or page furniture"),
])
def test_page_furniture_is_dropped(block, reason):
    text = (f"Title\n\n“It works,” she said of the first paragraph.\n\n{block}\n\n"
            "The second paragraph is here.")
    a = parse_article(text)
    assert [d.reason for d in a.dropped] == [reason]
    assert a.sections[0].paragraphs == ("“It works,” she said of the first paragraph.",
                                        "The second paragraph is here.")


def test_a_credit_line_takes_its_caption_and_alt_text_with_it():
    text = ("Title\n\nThe story begins here.\n\nA capsule surrounded by three people in red "
            "jackets and a flag on the grass\n\nPersonnel guard the capsule, which landed on "
            "June 25.\n\nJane Roe/Getty Images\n\nThe story goes on.")
    a = parse_article(text)
    assert [d.reason for d in a.dropped] == ["image description",
                                             "photo caption (just before its credit)",
                                             "photo credit"]
    assert a.sections[0].paragraphs == ("The story begins here.", "The story goes on.")


def test_byline_goes_to_the_feed_not_the_audio():
    a = parse_article("Title\n\nBy Jane Roe and John Doe\n\nStory text.\n\nMore story.")
    assert a.byline == ("Jane Roe", "John Doe")
    assert all("Jane" not in p for p in a.sections[0].paragraphs)


def test_a_byline_may_name_the_place_and_the_outlet_before_the_date():
    a = parse_article("Title\n\nBy Jane Roe at Riverside Lane\nSunday 29 November 2026 18:52 GMT"
                      "\n\nThe story begins here, at length.\n\nIt goes on.")
    assert a.byline == ("Jane Roe",) and a.sections[0].heading is None
    a = parse_article("Title\n\nBy Jane Roe\nThe Alder Creek Sentinel\nNov. 25, 2026\n\n"
                      "The story begins here, at length.\n\nIt goes on.")
    assert a.sections[0].heading is None
    assert a.sections[0].paragraphs == ("The story begins here, at length.", "It goes on.")


@pytest.mark.parametrize("line", ["By Jane Roe Court Reporter", "Jane Roe, Ledger Staff",
                                  "By Jane Roe, Chief Reporter"])
def test_a_bylines_role_is_not_part_of_the_name(line):
    a = parse_article(f"Title\n\n{line}\nNov. 25, 2026\n\nThe story begins here, at length.\n\nMore.")
    assert a.byline == ("Jane Roe",)


@pytest.mark.parametrize("heading", ["More in Courts", "Top stories", "Editor’s picks"])
def test_a_list_of_links_under_its_heading_is_dropped(heading):
    a = parse_article(f"Title\n\nThe story, told at length.\n\nIt ends here.\n\n{heading}\n"
                      "• Appeals court revives lawsuit over border lighting\n"
                      "• Ex-deputy sentenced for falsifying records")
    assert a.sections[-1].paragraphs == ("The story, told at length.", "It ends here.")


def test_a_reviews_credit_box_is_not_read_out():
    a = parse_article("Title\n\nThe review begins here.\n\nThe Salt Orchard (2026)\n"
                      "Directed by Dev Roe\nRated PG-13. Running time: 1 hour 58 minutes.\n\n"
                      "The film is not perfect.")
    assert a.sections[0].paragraphs == ("The review begins here.", "The film is not perfect.")


def test_a_sentence_opening_with_by_is_not_a_byline():
    a = parse_article("Title\n\nStory text.\n\nBy then, Jo Roe was on the lawn in the rain.")
    assert a.byline == () and len(a.sections[0].paragraphs) == 2


def test_caption_credited_to_a_photographer_for_the_outlet_is_dropped():
    a = parse_article("Title\n\nStory text.\n\nA woman in a booth. (Jo Roe for City Quarterly)"
                      "\n\nMore story.")
    assert a.sections[0].paragraphs == ("Story text.", "More story.")


def test_markdown_list_items_and_bold_questions_are_never_headings():
    md = ("# Title\n\nStory text here.\n\n## Numbers\n\n- 612 active borrowers\n"
          "- 11 volunteers, 4 of them under 20\n\n**What do people get wrong?**\n\n"
          "They think it is acting.\n")
    a = parse_article(md, fmt="markdown")
    assert [s.heading for s in a.sections] == [None, "Numbers"]
    assert a.sections[1].paragraphs == ("612 active borrowers", "11 volunteers, 4 of them under 20",
                                        "What do people get wrong?", "They think it is acting.")


def test_heading_is_a_short_line_without_end_punctuation():
    a = parse_article("Title\n\nIntro text.\n\nWhat Comes Next\n\nBody text.\n\nIt ended.")
    assert [s.heading for s in a.sections] == [None, "What Comes Next"]


@pytest.mark.parametrize("make, error", [
    (lambda p: p / "missing.txt", InputMissing),
    (lambda p: p, InputMissing),
])
def test_unreadable_inputs(tmp_path, make, error):
    with pytest.raises(error):
        read_article(make(tmp_path))


def test_binary_and_undecodable_and_empty(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x7fELF\x00\x01\x02" * 10)
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 story.\n\nMore.".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("\n\n  \n")
    for name, words in (("bin.txt", "binary"), ("latin.txt", "--encoding"), ("empty.txt", "no story")):
        with pytest.raises(InputError, match=words):
            read_article(tmp_path / name)
    assert read_article(tmp_path / "latin.txt", encoding="latin-1").title == "Café story."


@pytest.mark.parametrize("layout", ["hard-wrapped at 72", "one paragraph a line"])
def test_layout_of_the_text_file_does_not_change_the_story(sample_article, layout):
    import re
    import textwrap

    from locations import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    if layout == "hard-wrapped at 72":
        text = "\n\n".join(textwrap.fill(p, 72) for p in text.split("\n\n"))
    else:
        text = re.sub(r"\n\s*\n", "\n", text)
    again = parse_article(text)
    assert again.sections == sample_article.sections
    assert again.title == sample_article.title and again.dek == sample_article.dek


def test_a_sentence_opening_with_provided_by_is_story():
    a = parse_article("Title\n\nStory text.\n\nProvided by the state, the money goes to schools.")
    assert a.dropped == () and len(a.sections[0].paragraphs) == 2


def test_the_author_card_and_trust_blurb_at_the_end_are_not_read_out():
    a = parse_article("Title\n\nBy: Jo Roe\n\nThe story begins here, at length.\n\nIt ends here."
                      "\n\nJo Roe\nReporter\n\nJo Roe covers the north for the Ledger.\n\n"
                      "Read more about Jo.\n\nEvery piece of reporting Jo produces is reviewed by an "
                      "editing team before it is posted. Learn how our newsroom operates.\n\n"
                      "Report Error Submit a Tip")
    assert a.byline == ("Jo Roe",)
    assert [s.heading for s in a.sections] == [None]
    assert a.sections[0].paragraphs == ("The story begins here, at length.", "It ends here.")


def test_a_live_blogs_key_events_list_is_not_read_out():
    a = parse_article("Title\n\nKey events\n25m ago Leader: 'Not good enough'\n1h ago Care homes "
                      "first\nShow key events only\n\n14.05 GMT\n\nThe story begins here, at length."
                      "\n\nSuggested Topics:\nWater\nUtilities")
    assert [s.heading for s in a.sections] == [None]
    assert a.sections[0].paragraphs == ("The story begins here, at length.",)


def test_a_quoted_paragraph_of_whole_sentences_is_not_a_heading():
    a = parse_article("Title\n\nThe story begins here, at length.\n\n‘Ice is ice’\n\nMore story."
                      "\n\n“She was, a little. But it worked.”\n\nThe end.")
    assert [s.heading for s in a.sections] == [None, "‘Ice is ice’"]


@pytest.mark.parametrize("layout", ["COLLEGE FOOTBALL\n\n{h}", "COLLEGE FOOTBALL\n{h}"])
def test_a_rubric_above_the_headline_is_not_the_title(layout):
    headline = "Sources: star quarterback to enter the transfer portal"
    a = parse_article(layout.format(h=headline) + "\n\nThe story begins here, at length.\n\nMore.")
    assert a.title == headline
    assert [d.reason for d in a.dropped] == ["rubric above the headline"]


def test_a_short_headline_in_capitals_is_still_the_title():
    a = parse_article("MOON LANDING DELAYED\n\nThe story begins here, at length.\n\nMore.")
    assert a.title == "MOON LANDING DELAYED"


def test_a_headline_in_capitals_over_its_dek_is_still_the_title():
    a = parse_article("MOON LANDING DELAYED\nChina’s mission slips to 2027 after an engine test\n\n"
                      "The story begins here, at length.\n\nMore.")
    assert a.title == "MOON LANDING DELAYED"


def test_a_live_blogs_entry_headlines_survive_its_lists_of_links():
    a = parse_article("Flood live: river peaks in York\n\nThe Environment Agency warns of more rain\n\nLive\n"
                      "Updated 26 Nov 2026 16.20 GMT\n\nKey events\n1h ago Army called in\n"
                      "Show key events only\n\n16.20 GMT\nArmy called in\n\nSoldiers are filling "
                      "sandbags in Clifton.\n\nRelated: How to protect your home from flooding\n\n"
                      "14.10 GMT\nRiver peaks at 5.2m\n\nThe Ouse peaked at 5.2 metres.")
    assert a.dek == "The Environment Agency warns of more rain"
    assert [s.heading for s in a.sections] == [None, "Army called in", "River peaks at 5.2m"]


def test_an_explainers_key_events_timeline_is_story():
    a = parse_article("Title\n\nThe story begins here, at length.\n\nKey events\n"
                      "1998: The dam is built.\n2004: The first flood.\n\nThe story goes on.")
    assert a.dropped == ()


@pytest.mark.parametrize("labels", ["News\nCounty News", "Environment\nDrought", "Community Corner"])
def test_breadcrumb_and_topic_lines_over_headline_and_dek_are_not_the_title(labels):
    headline = "Reservoir at lowest level in thirty years as rationing looms"
    a = parse_article(f"{labels}\n{headline}\nFarmers say the cuts came too late to save the "
                      "harvest.\nBy Jo Roe\nUpdated 4:12 pm, May 3 2026\nThe story begins here, "
                      "at length.\n\nMore of the story follows, at length.")
    assert a.title == headline
    assert a.dek.startswith("Farmers say")
    assert [s.heading for s in a.sections] == [None]


def test_a_short_headline_over_its_dek_and_byline_stays_the_title():
    a = parse_article("Lost at sea\nHow a fishing crew survived nine days adrift\nBy Jo Roe\n\n"
                      "The story begins here, at length.\n\nMore of the story follows.")
    assert a.title == "Lost at sea"


def test_a_pages_first_paragraph_is_never_a_heading():
    html = ("<html><head><title>Moon rocks are older than thought</title></head><body><article>"
            "<p>Maria Lopez studies rocks and has done so for a long time, in many places around "
            "the world, and she says these are the oldest she has seen.</p><p>“They are old,” "
            "Lopez said, pointing at the samples spread across the long table in her lab.</p>"
            "<p>The lab will publish its results next spring, after a second round of tests.</p>"
            "</article></body></html>")
    a = parse_article(html, fmt="html")
    assert a.title == "Moon rocks are older than thought"
    assert [s.heading for s in a.sections] == [None]
    assert a.sections[0].paragraphs[0].startswith("Maria Lopez studies rocks")


def test_a_desk_label_with_an_ampersand_under_the_headline_is_not_a_chapter():
    a = parse_article("Reefer plugs run short at the port\n\nPORTS & TERMINALS\n\nBy Jo Roe\n\n"
                      "The story begins here, at length.\n\nMore.")
    assert [s.heading for s in a.sections] == [None]


@pytest.mark.parametrize("head, title", [
    # a one-word desk over the headline and a name-only byline
    ("Music\nReview: ‘Harbour Lights’ brings the docks back to the stage\nAnwen Price\n12 Mar 2026",
     "Review: ‘Harbour Lights’ brings the docks back to the stage"),
    # a city rubric over a byline line with the outlet and the posted time, then a video player
    ("Regina\nCouncil delays vote on new snow-clearing contract after complaints\n"
     "Residents say side streets went unploughed for nine days\n"
     "Jo Fenwick · Plains News · Posted: Jan 4, 2026 9:10 AM CST | Last Updated: 1 hour ago\n"
     "Video player is loading.\nPlay Video",
     "Council delays vote on new snow-clearing contract after complaints"),
    # a site's alert banner over the rubric
    ("WEATHER ALERT  Flood Watch in effect for 4 counties until 8 PM Friday\nWeather\n"
     "Flooding closes roads across the river valley overnight\n"
     "Several families were rescued from their cars before dawn.\n"
     "Author: Channel 4 Staff\nPublished: 6:02 AM CST March 5, 2026",
     "Flooding closes roads across the river valley overnight"),
])
def test_rubrics_and_banners_over_the_headline_are_not_the_title(head, title):
    a = parse_article(head + "\n\nThe story begins here, at length.\n\nMore.")
    assert a.title == title
    assert "Flood Watch" not in a.dek + " ".join(p for s in a.sections for p in s.paragraphs)


def test_a_live_entry_headline_that_opens_with_a_quoted_phrase_is_a_heading():
    a = parse_article("Storm live: power cuts across the county\n\nThe story begins here, at length."
                      "\n\n11:20 a.m.\n'It was like a freight train': Residents describe the wind\n\n"
                      "Ana Ruiz was awake when the roof went.\n\nMore.")
    assert [s.heading for s in a.sections] == [
        None, "'It was like a freight train': Residents describe the wind"]
