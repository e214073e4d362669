"""Conventions of attribution news writers share, each on a short made-up text.

A second file next to test_scriptwriter.py, which grew past a screenful of screens.
"""

from __future__ import annotations

from test_scriptwriter import quotes, script_of


def test_joined_initials_are_part_of_the_name():
    s = script_of("Lenders are cautious. K.P. Varma, who runs a savings group, said rates would rise.",
                  "“Nobody wants to lend at these rates,” said K.P. Varma.",
                  "“It will pass,” Mr. Varma said.")
    assert [who for who, _ in quotes(s)] == ["K.P. Varma", "K.P. Varma"]


def test_a_council_member_title_is_not_part_of_the_name():
    s = script_of("Council Member Ruth Okonjo, who chairs the parks committee, backed the plan.",
                  "“We have waited long enough,” Okonjo said.")
    assert quotes(s) == [("Ruth Okonjo", "We have waited long enough.")]


def test_he_goes_on_with_the_subject_not_someone_named_inside_his_sentences():
    s = script_of("Board member Tomas Reyes, who is new this year, voted against it. He said he liked the "
                  "idea but, like board member Alan Price at an earlier meeting, wanted a survey.",
                  "“We are moving too fast,” he said.")
    assert quotes(s) == [("Tomas Reyes", "We are moving too fast.")]


def test_he_skips_the_people_his_own_sentences_mention():
    s = script_of("Arthur Penhale was born in 1931 in Truro. He left school at 14, the year he met "
                  "Elsie Dunn, a typist.",
                  "He fixed clocks all his life. In a 1988 interview, he explained why.",
                  "“A clock is honest,” he said at the time.")
    assert quotes(s) == [("Arthur Penhale", "A clock is honest.")]


def test_she_after_her_own_sentence_naming_a_man_is_still_her():
    s = script_of("Trustee Mei Lin, who taught for 20 years, said she was undecided. She said "
                  "Rev. Oren Hale had asked the right question.",
                  "“I won’t vote for half a fix,” she said.")
    assert quotes(s) == [("Mei Lin", "I won’t vote for half a fix.")]
