"""Page furniture of publishers, each on a short made-up page: what is not read out, and why."""

from __future__ import annotations

import pytest

from podcast.reading.article import parse_article

STORY = ("The harbour board voted on Tuesday to raise mooring fees by a third, the first rise "
         "in nine years, after a long debate.")
MORE = "Boat owners said they would appeal the decision to the county, which has the final say."


def spoken(text: str, fmt: str = "text") -> str:
    a = parse_article(text, fmt=fmt)
    return " ".join([a.dek] + [s.heading or "" for s in a.sections]
                    + [p for s in a.sections for p in s.paragraphs])


@pytest.mark.parametrize("furniture, marker", [
    ("The slipway at Ballyross pier. Picture: Aoife Keane", "slipway"),  # Irish and UK papers
    ("The slipway in 1979.Courtesy of the family", "slipway"),  # caption run into its credit
    ("Ann Roe as Marisa in “The Slipway.” Courtesy of Tern Pictures", "Marisa"),  # a film still
    ("Listen · 3:12", "Listen"),  # a public radio player
    ("Share: Facebook · X · Copy link", "Facebook"),
    ("Share on Facebook  Share on X  Email this story  Print", "Facebook"),
    ("Home › News › Local News", "Local News"),  # the breadcrumb
    ("Harbour coverage in the Courier is supported in part by the Coast Fund. The Courier "
     "retains full editorial control.", "Courier"),  # a funder note
    ("Reporting for this story was supported by the Tern Trust. Translation by Ana Ruiz.",
     "Tern"),  # a funder note in the past tense, with the translator's credit
    ("Bookmark", "Bookmark"), ("Reply", "Reply"), ("Thank (7)", "Thank"),  # buttons
    ("Share · Subscribe", "Subscribe"), ("Save\nShare\nBookmark", "Bookmark"),
    ("Normal text size\nLarger text size\nVery large text size", "text size"),
    ("Loading", "Loading"), ("License this article", "License"),
    ("March 2026 Issue", "Issue"),  # a magazine's issue line
    ("Share on Facebook\nShare on X\nShare via Email", "Share"),
    ("Kinsale 24\nCobh 19", "Cobh"),  # a match report's score box (the score is in the story)
    ("12:05, 3 MAR 2026Updated 12:40, 3 MAR 2026", "MAR"),  # time stamps run together
    ("Updated March 3, 2026 — 5.42pm, first published at 4.10pm", "published"),
    ("This article was written with information from a press release issued by the harbour "
     "board.", "press release"),  # a hyperlocal site's disclosure
    ("Information for this article was provided by the harbour board.", "Information"),
    ("The slipway at Ballyross pier. Photo Aoife Keane", "slipway"),  # a credit with no colon
    ("Video player is loading.\nPlay Video\nDuration 2:14", "Duration"),  # a TV site's player
    ("Video player loading...", "loading"),
    ("Image Credits: Harbour Board", "Credits"),  # a tech site's image credit
    ("Author: Channel 9 Staff", "Author"),  # a station site's byline
    ("Kindly share this story:", "Kindly"),
    ("Join The Courier’s WhatsApp channel for breaking news.", "WhatsApp"),
    ("Darllenwch yn Gymraeg", "Gymraeg"), ("Read this in Irish", "Irish"),  # language toggles
    ("Tickets: harbourtheatre.ie / 021 555 2100", "Tickets"),  # a review's box office line
    ("Our stories may be republished online or in print under Creative Commons license "
     "CC BY-NC-ND 4.0.", "Creative Commons"),  # a nonprofit newsroom's republishing note
    ("The Courier is an independent, nonprofit newsroom covering the coast.", "nonprofit"),
    ("HarbourCon 2027: Save up to $200 on passes before Jan. 5. Register now.", "HarbourCon"),
    ("Our journalism is free to read, but it is not free to produce. Become a supporter from "
     "£3 a month.", "supporter"),
    ("Ann Roe's fieldwork is supported by the Tern Trust. The Courier is editorially "
     "independent of its funders.", "fieldwork"),  # a funder note in the present tense
])
def test_furniture_is_not_read_out(furniture, marker):
    page = f"Mooring fees up by a third\n\n{furniture}\n\n{STORY}\n\n{MORE}\n"
    said = spoken(page)
    assert STORY in said and MORE in said
    assert marker not in said


def test_open_this_photo_in_gallery_and_its_caption_go_together():
    page = ("Mooring fees up by a third\n\nOpen this photo in gallery:\nThe slipway at Ballyross "
            "pier in 1979. Fees were last raised in 2017.Courtesy of the family\n\n"
            f"{STORY}\n\n{MORE}\n")
    assert "slipway" not in spoken(page) and "gallery" not in spoken(page)


def test_a_breadcrumb_does_not_hide_the_dek_above_the_byline():
    page = ("Mooring fees up by a third\n\nOwners say the rise was agreed ‘behind closed doors’\n\n"
            f"Home › News › Local News\nBy Aoife Keane\n\n{STORY}\n\n{MORE}\n")
    assert parse_article(page).dek == "Owners say the rise was agreed ‘behind closed doors’"


def test_a_story_sentence_about_funding_is_story():
    line = "The harbour project is supported in part by a grant from the county, officials said."
    page = f"Mooring fees up by a third\n\n{STORY}\n\n{line}\n\n{MORE}\n"
    assert line in spoken(page)


def test_topic_tags_and_bios_above_a_most_viewed_list_are_not_read_out():
    page = (f"Mooring fees up by a third\nBy Aoife Keane\n\n{STORY}\n\n{MORE}\n\nLicense this article\n"
            "Harbours\nKerry\nAoife Keane is the Courier’s marine reporter.Connect via email.\n"
            "Most Viewed in News\nFerry service to resume after storm repairs\nLoading\n")
    a = parse_article(page)
    assert [s.heading for s in a.sections] == [None]
    assert "marine reporter" not in spoken(page)
    assert {"Harbours", "Kerry"} <= {d.text for d in a.dropped}


def test_a_wire_storys_summary_bullets_are_read_but_are_not_headings():
    page = (f"Mooring fees up by a third\n\nSummary\nFees up 33%, first rise in nine years\n"
            f"Owners plan to appeal to the county\nBoard says repairs cannot wait\n\n{STORY}\n\n{MORE}\n")
    a = parse_article(page)
    assert [s.heading for s in a.sections] == [None]
    assert a.sections[0].paragraphs[:3] == ("Fees up 33%, first rise in nine years",
                                            "Owners plan to appeal to the county",
                                            "Board says repairs cannot wait")
    assert "Summary" not in spoken(page)


def test_a_links_label_for_screen_readers_is_not_read_inside_a_paragraph():
    page = ("Mooring fees up by a third\n\nShares in Harbour Marine (HMR.L), opens new tab fell 4% "
            f"after the vote on the board's index (.HBX), opens new tab.\n\n{STORY}\n")
    assert "Shares in Harbour Marine (HMR.L) fell 4% after the vote on the board's index (.HBX)." \
        in spoken(page)


def test_a_newsletters_name_and_motto_under_the_title_is_not_the_dek():
    page = ("# Mooring fees up by a third\n\n*Tide Tables: letters from a harbour town*\n\n"
            f"{STORY}\n\n{MORE}\n\n**Thanks for reading Tide Tables! Subscribe for free.**\n")
    a = parse_article(page, fmt="markdown")
    assert a.dek == "" and "letters from a harbour town" not in spoken(page, "markdown")


def test_long_key_takeaways_are_read_whole_and_none_is_taken_for_the_dek():
    page = ("Mooring fees up by a third\n\nBy Aoife Keane\n\nKey takeaways:\n"
            "- The harbour board raised mooring fees by a third in its first rise in nine years\n"
            "- Owners of the smallest boats say they will appeal to the county council\n\n"
            f"{STORY}\n\n{MORE}\n")
    a = parse_article(page)
    assert a.sections[0].paragraphs[:2] == (
        "The harbour board raised mooring fees by a third in its first rise in nine years",
        "Owners of the smallest boats say they will appeal to the county council")
    assert not a.dek.startswith("The harbour board raised")


def test_a_short_closing_quote_without_a_full_stop_is_not_a_topic_tag():
    page = f"Mooring fees up by a third\n\n{STORY}\n\n{MORE}\n\nOne owner put it in two words:\n\n“Never again”\n"
    assert "Never again" in spoken(page)


@pytest.mark.parametrize("page, fmt", [
    ("Mooring fees up by a third\n\nKey points:\n\n- Fees rise by a third\n- Owners will appeal\n\n"
     f"{STORY}\n", "text"),
    (f"# Mooring fees up by a third\n\n**Key points**\n\n- Fees rise by a third\n- Owners will appeal\n\n"
     f"{STORY}\n", "markdown"),
])
def test_a_key_points_label_on_its_own_line_heads_no_chapter(page, fmt):
    a = parse_article(page, fmt=fmt)
    assert [s.heading for s in a.sections] == [None]
    assert a.sections[0].paragraphs[:2] == ("Fees rise by a third", "Owners will appeal")


def test_a_reviews_star_rating_is_not_a_heading():
    page = f"Mooring fees up by a third\n\n★★★½\n\n{STORY}\n\n{MORE}\n"
    assert [s.heading for s in parse_article(page).sections] == [None]


def test_a_video_player_between_paragraphs_is_not_read_out_or_made_a_chapter():
    page = f"Mooring fees up by a third\n\n{STORY}\n\nVideo player is loading.\nDuration 1:02\n\n{MORE}\n"
    a = parse_article(page)
    assert [s.heading for s in a.sections] == [None]
    assert a.sections[0].paragraphs == (STORY, MORE)


@pytest.mark.parametrize("sentence", [
    "The club hopes more fans will become a supporter of the youth team this year.",
    "Voters who moved must register now, the county clerk said, or lose their vote.",
    "The ombudsman is editorially independent of the ministry, she said.",
])
def test_story_sentences_that_sound_like_promos_are_read(sentence):
    page = f"Mooring fees up by a third\n\n{STORY}\n\n{sentence}\n\n{MORE}\n"
    assert sentence in spoken(page)
