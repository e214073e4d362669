"""Conventions of attribution news writers share, each on a short made-up text.

A second file next to test_writer.py, which grew past a screenful of screens.
"""

from __future__ import annotations

import pytest

from scripting_helpers import quotes, script_of


def test_joined_initials_are_part_of_the_name():
    s = script_of("Lenders are cautious. K.P. Varma, who runs a savings group, said rates would rise.",
                  "“Nobody wants to lend at these rates,” said K.P. Varma.",
                  "“It will pass,” Mr. Varma said.")
    assert [who for who, _ in quotes(s)] == ["K.P. Varma", "K.P. Varma"]


def test_a_council_member_title_is_not_part_of_the_name():
    s = script_of("Council Member Ruth Okonjo, who chairs the parks committee, backed the plan.",
                  "“We have waited long enough,” Okonjo said.",
                  "“It is overdue,” Council Member Okonjo said.")
    assert quotes(s) == [("Ruth Okonjo", "We have waited long enough."),
                         ("Ruth Okonjo", "It is overdue.")]


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


def test_so_said_in_the_next_paragraph_names_the_quotes_speaker():
    s = script_of("Deputy Mayor Ivan Kerr said the budget was tight. He asked for patience.",
                  "“These are families, not line items.”",
                  "So said Councillor Edna Marr, who chairs the housing committee.")
    assert quotes(s) == [("Edna Marr", "These are families, not line items.")]


@pytest.mark.parametrize("after, speaker", [
    ("That was Rui Mendes, owner of Mendes Bakery, who spoke after her.", "Rui Mendes"),
    ("Those were the words of Rui Mendes, a baker for 40 years.", "Rui Mendes"),
    ("So said a spokesperson for Kerry County Council, in a statement.",
     "a spokesperson for Kerry County Council"),
    ("That was March, when the mill closed.", "Ada Vance"),  # a month reveals no one
    ("That was the moment the hall fell silent.", "Ada Vance"),
    ("That was Dublin City Council, which owns the lease.", "Ada Vance"),  # nor a body
])
def test_that_was_x_reveals_who_spoke_the_quote_before(after, speaker):
    s = script_of("Ada Vance, a baker, said flour prices had doubled.",
                  "“We bake at four in the morning. Then we wait.”", after)
    assert quotes(s)[0][0] == speaker


def test_a_title_before_a_shared_surname_picks_the_one_who_holds_it():
    s = script_of("Nell Brannigan, a shopkeeper, said the bus had been cut without warning.",
                  "Labour councillor Owen Brannigan, no relation, said he had only read of it.",
                  "“Nobody asked us,” Cllr Brannigan said.")
    assert quotes(s) == [("Owen Brannigan", "Nobody asked us.")]


def test_the_agency_is_the_body_that_said_so_in_its_notice_not_a_spokeswoman():
    s = script_of("Brightway spokeswoman Ines Holt said the firm regretted the delay. “We were "
                  "slow,” Holt said in an email.",
                  "The FAA said in its safety bulletin that owners should ground the drones. "
                  "“Do not fly affected units until they are inspected,” the agency said.")
    assert quotes(s)[-1] == ("FAA", "Do not fly affected units until they are inspected.")


@pytest.mark.parametrize("statement", [
    "The Grain Board said in its notice that prices would be reviewed. “We are listening to "
    "growers,” the board said.",  # a body is "it"
    "Officials said in a notice that prices would be reviewed. “We are listening to growers,” "
    "a board spokeswoman said.",  # a spokeswoman is no "he"
])
def test_he_is_never_a_body_or_a_spokeswoman_quoted_in_between(statement):
    s = script_of("Mill owner Tom Reed said the price of grain had doubled since the spring.",
                  statement, "“They have said that for ten years,” he said.")
    assert quotes(s)[-1] == ("Tom Reed", "They have said that for ten years.")


def test_a_firm_named_for_its_trade_is_no_she():
    s = script_of("Lena Ortiz, who runs logistics at Harbor Fresh Imports, a Bucks County "
                  "importer, said the load was lost.",
                  "Harbor Fresh Imports rejected the load and filed a claim, she said.",
                  "“We will not ship through here again,” she said.")
    assert quotes(s) == [("Lena Ortiz", "We will not ship through here again.")]
    assert [p.name for p in s.speakers] == ["Lena Ortiz"]


def test_a_statement_that_names_itself_speaks_for_that_body():
    s = script_of("The striker signed on Monday after a medical.",
                  "A club statement read: “Harwood Rovers is delighted to confirm the signing. "
                  "He joins on January 1.”")
    assert quotes(s)[0][0] == "Harwood Rovers"


def test_the_councils_statement_speaks_for_the_council_the_article_named():
    s = script_of("Brenton Town Council, the local authority, closed the pool in May.",
                  "The council's statement said: “Repairs will take the whole summer.”")
    assert quotes(s) == [("Brenton Town Council", "Repairs will take the whole summer.")]


@pytest.mark.parametrize("title", ["Cr", "Clr"])
def test_an_australian_councillors_cr_is_a_title_not_part_of_the_name(title):
    s = script_of(f"Residents handed Shire President {title} Ann Whitby a petition on Tuesday.",
                  f"“We will take it to the minister,” {title} Whitby said.")
    assert quotes(s) == [("Ann Whitby", "We will take it to the minister.")]


def test_mr_and_mrs_tell_apart_a_mother_and_son_who_share_a_surname():
    s = script_of("One victim, Ruth Calder, 80, lost her savings. Her son, Tom Calder, called police.",
                  "“I feel a fool,” Mrs Calder said in a statement.",
                  "Defending, Omar Reid said his client was sorry. “He is ashamed,” Mr Reid said.",
                  "Outside court, Mr Calder said his mother was too upset to come.",
                  "“She trusted him,” he said.")
    assert quotes(s) == [("Ruth Calder", "I feel a fool."), ("Omar Reid", "He is ashamed."),
                         ("Tom Calder", "She trusted him.")]


@pytest.mark.parametrize("rank, speaker", [("elder", "Marta Ruiz"), ("younger", "Ana Ruiz")])
def test_the_elder_or_younger_of_two_siblings_is_the_one_introduced_so(rank, speaker):
    s = script_of("Nineteen-year-old Ana Ruiz, who scored twice, was player of the match. But it "
                  "was her older sister, Marta Ruiz, who won the final.",
                  f"“I just kept running,” the {rank} Ruiz said.")
    assert quotes(s) == [(speaker, "I just kept running.")]


@pytest.mark.parametrize("family", [
    "Amaru Quispe, 60, has farmed potatoes above Cusco all her life. Amaru’s son, Luis Condori, "
    "25, now drives a taxi in Lima.",
    "Luis Condori, 25, now drives a taxi in Lima. His mother, Amaru Quispe, 60, has farmed "
    "potatoes above Cusco all her life.",
])
def test_his_mother_is_the_woman_named_as_his_parent(family):
    s = script_of(family,
                  "“I send money home,” Luis Condori said by phone.",
                  "His mother, sorting seed in the yard, laughed when she heard that.",
                  "“He sends very little,” she said.")
    assert quotes(s)[1] == ("Amaru Quispe", "He sends very little.")


def test_an_untagged_reply_to_a_quoted_question_is_not_the_askers():
    s = script_of("Paramedic Jo Petrakis knocked twice. Anna Weller opened the door, still in her coat.",
                  "“How long has he been coughing?” Petrakis asked.",
                  "“Since lunch. He said it was nothing.”")
    assert [who for who, _ in quotes(s)] == ["Jo Petrakis", "Anna Weller"]


def test_a_rhetorical_question_is_followed_by_more_of_the_askers_words():
    s = script_of("Mayor Rob Dale opened the first fair in 1990 and has not missed one since.",
                  "The stalls sell bread, cheese, honey and wool from the valley farms. " * 8,
                  "Lena Ortiz, who is 81, still opens her stall at six on fair days.",
                  "“Why would I stop?” she asked.",
                  "“This is where my friends come.”")
    assert [who for who, _ in quotes(s)] == ["Lena Ortiz", "Lena Ortiz"]


def test_a_beat_whose_subject_is_she_hands_her_the_untagged_quote_that_follows():
    s = script_of("Professor Ines Duarte said older residents were most at risk. Marta Silva, who "
                  "lives alone, is one of them.",
                  "She has asked a neighbour, Rui Costa, to drive her out. Asked what she would do "
                  "if he was away, she shrugged.",
                  "“Then I walk.”")
    assert quotes(s) == [("Marta Silva", "Then I walk.")]


@pytest.mark.parametrize("introduced, speaker", [
    ("the state Commissioner of Police, CP Musa Danjuma-Bello, warned traders", "Musa Danjuma-Bello"),
    ("the market chairman, Alhaji Sani Okafor, warned traders", "Sani Okafor"),
    ("a Kano-based lawyer, Barr. Amina Yusuf, warned traders", "Amina Yusuf"),
    ("the police spokesman, DSP Chinedu Okoro, warned traders", "Chinedu Okoro"),
])
def test_nigerian_ranks_and_courtesy_titles_go_before_the_name(introduced, speaker):
    s = script_of(f"At the briefing, {introduced} against paying in cash.",
                  "“Nobody should pay for a shop they have not seen,” Danjuma-Bello said."
                  .replace("Danjuma-Bello", speaker.split()[-1]))
    assert quotes(s) == [(speaker, "Nobody should pay for a shop they have not seen.")]


def test_a_market_named_for_a_family_does_not_make_a_person_of_that_name_a_thing():
    s = script_of("Traders at the Okafor Market lost stock in the fire.",
                  "The market chairman, Alhaji Sani Okafor, said the fire began at night.",
                  "“We have asked for a fire station for years,” said Okafor, who spoke by phone.")
    assert quotes(s) == [("Sani Okafor", "We have asked for a fire station for years.")]


def test_a_statement_that_read_in_part_speaks_for_whoever_issued_it():
    s = script_of("The Police Public Relations Officer in the state, DSP Chinedu Okoro, confirmed "
                  "the arrests in a statement on Monday.",
                  "The statement read in part, “The suspects were arrested at a hotel in Enugu "
                  "after a tip from a hotel worker.”")
    assert quotes(s) == [("Chinedu Okoro", "The suspects were arrested at a hotel in Enugu after "
                          "a tip from a hotel worker.")]


def test_a_question_after_asking_is_the_askers():
    s = script_of("A lawyer, Amina Yusuf, urged tenants to sue.",
                  "She also said the courts were slow, asking, “But who can wait three years?”")
    assert quotes(s) == [("Amina Yusuf", "But who can wait three years?")]


def test_two_given_names_before_one_surname_share_it():
    s = script_of("The bakery was founded by siblings Nora and Felix Aldana. Nora runs the ovens.",
                  "“We bake at three,” Nora said. “Nobody else wants that shift.”")
    assert {who for who, _ in quotes(s)} == {"Nora Aldana"}


def test_a_count_of_party_members_is_not_a_person():
    s = script_of("Six Republicans voted no. Sen. Paul Ferrante, R-Dayton, said the cap went too far.",
                  "“I don’t disagree with the goal,” he said on the floor.")
    assert quotes(s) == [("Paul Ferrante", "I don’t disagree with the goal.")]


def test_they_said_is_the_person_who_uses_they_them_pronouns():
    s = script_of("Sam Okonjo, an organizer with the tenants’ union, said rents had doubled. "
                  "Okonjo, who uses they/them pronouns, pointed to a city survey.",
                  "“Show us the numbers,” they said. “Right now the landlords are guessing.”")
    assert quotes(s) == [("Sam Okonjo", "Show us the numbers."),
                         ("Sam Okonjo", "Right now the landlords are guessing.")]


@pytest.mark.parametrize("letters", ["MSP", "MP", "MS", "MLA", "TD"])
def test_a_member_s_letters_after_the_name_are_not_part_of_it_and_a_firm_of_services_is_no_she(letters):
    s = script_of(f"At questions, health spokeswoman Morag Baird {letters} said patients had been "
                  "“treated like an afterthought” by the operator, Island Ambulance Services.",
                  "“They are asking to get to hospital and back in a day,” she told the chamber.")
    assert quotes(s) == [("Morag Baird", "They are asking to get to hospital and back in a day.")]


def test_his_daughter_named_by_given_name_takes_the_family_surname():
    s = script_of("Owen Madoc plays the harbourmaster. The director, Siân Rees, cast him early.",
                  "Madoc returns here opposite his daughter Carys, who plays the ferry captain.",
                  "Carys, who was six when her father first sang here, laughs. “He tunes the "
                  "piano himself,” she says.")
    assert quotes(s) == [("Carys Madoc", "He tunes the piano himself.")]


def test_she_after_rep_surname_is_the_representative_not_the_senator_of_that_name():
    s = script_of("Sen. Ann Corliss, the bill’s sponsor, said it was overdue.",
                  "In the House, Rep. Joan Corliss chairs the committee. She is not related to the senator.",
                  "“I will read it,” Rep. Corliss said.",
                  "Asked about January, she said the session would be over. “That is the calendar.”")
    assert quotes(s)[-1] == ("Joan Corliss", "That is the calendar.")


@pytest.mark.parametrize("reveal", ["The admission came from", "The answer came from",
                                    "The apology came from"])
def test_the_admission_came_from_names_who_spoke_the_quote_before(reveal):
    s = script_of("Coun. Ruth Oduya asked why the pumps had failed. “Who checked them?” she asked.",
                  "“We should have tested them in the spring. That’s on us.”",
                  f"{reveal} Dev Marlow, the city’s director of works, who promised new pumps.")
    assert quotes(s)[-1] == ("Dev Marlow", "We should have tested them in the spring. That’s on us.")


def test_a_place_before_and_a_full_name_is_not_given_that_surname():
    s = script_of("The talks were held in Lyon and Anne Carvalho chaired them. Lyon was busy.",
                  "“Lyon was a good host,” Carvalho said.")
    assert quotes(s) == [("Anne Carvalho", "Lyon was a good host.")]
    assert [sp.name for sp in s.speakers] == ["Anne Carvalho"]
