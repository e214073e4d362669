"""The script-writer, one attribution pattern at a time, on short made-up news texts."""

from __future__ import annotations

import pytest

from podcast.model import NARRATOR, SPEAKER
from scripting_helpers import quotes, script_of, spoken

INTRO = "Maria Lopez, a geologist at the University of Arizona, has studied the site for years."
INTRO_MEN = "James Head, a professor at Brown University, trained astronauts for NASA."


def test_trailing_tag_is_said_by_the_narrator_before_the_quote():
    s = script_of(INTRO_MEN, "“It is first-class; it’s all new,” Head says.")
    assert spoken(s)[1:] == [("N", "Head says:"),
                             ("James Head", "It is first-class; it’s all new.")]


def test_inverted_tag_with_appositive_reads_in_natural_order():
    s = script_of("“There is a good reason to worry,” says Dean Cheng, a senior adviser on China "
                  "for the United States Institute of Peace in Washington, D.C. Another concern "
                  "is timing.")
    assert spoken(s) == [
        ("N", "Dean Cheng, a senior adviser on China for the United States Institute of Peace "
              "in Washington, D.C., says:"),
        ("Dean Cheng", "There is a good reason to worry."),
        ("N", "Another concern is timing."),
    ]


def test_surname_tag_resolves_to_the_full_name_introduced_earlier():
    s = script_of("NASA’s chief Bill Nelson has flagged the race.",
                  "“They want to get there first,” Nelson said.")
    assert quotes(s) == [("Bill Nelson", "They want to get there first.")]


def test_name_order_surname_first_is_resolved():
    s = script_of("Wu Weiren, chief designer of the program, outlined the plan.",
                  "Wu said: “The first phase involves building a basic station by 2035.”")
    assert spoken(s)[1:] == [("N", "Wu said:"),
                             ("Wu Weiren", "The first phase involves building a basic station by 2035.")]


@pytest.mark.parametrize("verb", ["added", "explained", "noted", "argued", "recalled", "wrote",
                                  "told reporters", "concluded", "said"])
def test_speech_verbs_after_the_quote(verb):
    s = script_of(INTRO, f"“The rocks are older than we thought,” Lopez {verb}.")
    assert quotes(s) == [("Maria Lopez", "The rocks are older than we thought.")]
    assert spoken(s)[1][1].startswith("Lopez ")


def test_question_with_asked_tag():
    s = script_of(INTRO, "“Why would anyone go back there?” Lopez asked.")
    assert quotes(s) == [("Maria Lopez", "Why would anyone go back there?")]


def test_according_to_tag():
    s = script_of("“The launch is on schedule for next spring,” according to the space agency.")
    assert spoken(s) == [("N", "According to the space agency:"),
                         ("the space agency", "The launch is on schedule for next spring.")]


def test_x_told_y_before_the_quote():
    s = script_of(INTRO, "The basin is important, Lopez told lawmakers, “because we think that "
                  "there is water there.”")
    assert quotes(s) == [("Maria Lopez", "because we think that there is water there.")]
    assert spoken(s)[1] == ("N", "The basin is important, Lopez told lawmakers,")


def test_quote_split_by_its_tag_gives_two_segments_of_one_speaker():
    s = script_of(INTRO, "“We are looking for ancient rocks,” Lopez says. “It’s a bit like a "
                  "jigsaw puzzle.”")
    assert spoken(s)[1:] == [("N", "Lopez says:"),
                             ("Maria Lopez", "We are looking for ancient rocks."),
                             ("Maria Lopez", "It’s a bit like a jigsaw puzzle.")]


def test_pronoun_tag_goes_to_the_last_named_woman():
    s = script_of("Maria Lopez studies rocks. Tom Baker studies ice.",
                  "Lopez has spent a decade in the field, and her work is cited widely.",
                  "“Nobody has seen these samples before,” she says.")
    assert quotes(s) == [("Maria Lopez", "Nobody has seen these samples before.")]
    lopez = s.speaker("Maria Lopez")
    assert lopez.gender == "female" and lopez.evidence


def test_he_and_she_pick_different_people():
    s = script_of("Maria Lopez and her colleague Tom Baker led the work. Baker said his team "
                  "was surprised.",
                  "“We did not expect water,” he said. “Nor did I,” she said.")
    assert quotes(s) == [("Tom Baker", "We did not expect water."),
                         ("Maria Lopez", "Nor did I.")]


def test_unnamed_speaker_keeps_its_description_and_later_the_x_resolves_to_it():
    s = script_of("Contacted on the matter, a U.S. State Department spokesperson says the "
                  "department is working with NASA.",
                  "“This engagement is guided by scientific value,” the spokesperson says.")
    assert quotes(s) == [("a U.S. State Department spokesperson",
                          "This engagement is guided by scientific value.")]


def test_quote_with_no_findable_speaker_is_kept_and_marked_unattributed():
    s = script_of("The mission ended in June.", "“Nobody expected this to work at all.”")
    seg = [x for x in s.segments if x.role == SPEAKER]
    assert [(x.speaker, x.text, x.attribution) for x in seg] == [
        (None, "Nobody expected this to work at all.", "unattributed")]


def test_scare_quotes_and_fragments_stay_with_the_narrator():
    text = ("The program helps promote “science diplomacy,” says Bradley Jolliff, a geologist. "
            "Wu said the first phase involves a “basic station” by 2035, and the treaty asks "
            "for “due regard” to others.")
    s = script_of(text)
    assert quotes(s) == []
    assert spoken(s) == [("N", text)]


def test_quote_after_a_narrator_tag_in_the_same_paragraph_goes_to_that_speaker():
    s = script_of("This is a great step toward “science diplomacy,” says Bradley Jolliff, a "
                  "geologist in St. Louis. “I will certainly request some of the samples.”")
    assert quotes(s) == [("Bradley Jolliff", "I will certainly request some of the samples.")]
    assert s.segments[1].role == NARRATOR and "science diplomacy" in s.segments[1].text


def test_quoted_phrase_opening_a_narrator_sentence_stays_narration():
    s = script_of("“Due regard,” in such cases, could entail wide restrictions on others.")
    assert quotes(s) == []


def test_apostrophes_and_nested_single_quotes_are_not_quote_marks():
    s = script_of("Chang’e 6 landed; it’s the nation’s second far-side landing.",
                  "“Of course, my concern is that they say, ‘This is our area; you stay out,’” "
                  "Nelson said.")
    assert spoken(s)[0] == ("N", "Chang’e 6 landed; it’s the nation’s second far-side landing.")
    assert quotes(s) == [("Nelson", "Of course, my concern is that they say, ‘This is our area; "
                                    "you stay out.’")]


def test_straight_double_quotes_work_like_curly_ones():
    s = script_of(INTRO, '"The crater is older than the basin," Lopez said. "We can date it."')
    assert quotes(s) == [("Maria Lopez", "The crater is older than the basin."),
                         ("Maria Lopez", "We can date it.")]


def test_quote_running_across_paragraphs_is_one_speakers():
    s = script_of(INTRO, "“We started in 2019,” Lopez said. “The first year was hard.",
                  "“By the third year we had the samples we needed.”")
    assert [q[0] for q in quotes(s)] == ["Maria Lopez"] * 3


def test_tag_before_a_later_quote_explains_an_earlier_one():
    s = script_of(INTRO, "“It works.” “It really does,” Lopez said.")
    assert quotes(s) == [("Maria Lopez", "It works."), ("Maria Lopez", "It really does.")]
    assert spoken(s)[1] == ("N", "Lopez said:")


def test_tag_with_a_following_clause_moves_only_the_tag():
    s = script_of(INTRO, "“The samples are first-class,” Lopez says, noting that the lab is new.")
    assert spoken(s)[1:] == [("N", "Lopez says:"),
                             ("Maria Lopez", "The samples are first-class."),
                             ("N", "noting that the lab is new.")]


def test_headings_become_chapters_and_the_opening_is_its_own_chapter():
    s = script_of("First paragraph.", "Second paragraph.", headings={1: "Racing to the Moon"})
    assert s.chapters == ("Introduction", "Racing to the Moon")
    assert [x.text for x in s.segments if x.attribution == "heading"] == ["Racing to the Moon"]


def test_same_article_same_script():
    paragraphs = (INTRO, "“It works,” Lopez said.")
    assert script_of(*paragraphs) == script_of(*paragraphs)


def test_papers_that_quote_with_single_marks():
    s = script_of("Sarah Jenkins, 34, was waiting at the school gates when the road collapsed.",
                  "‘I heard this almighty crack and then the car just vanished,’ she said. "
                  "‘It’s a miracle nobody was killed.’",
                  "Headteacher Angela Price said: ‘The children were kept inside.’",
                  "Residents said the students’ union had also raised concerns.")
    assert quotes(s) == [("Sarah Jenkins", "I heard this almighty crack and then the car just vanished."),
                         ("Sarah Jenkins", "It’s a miracle nobody was killed."),
                         ("Angela Price", "The children were kept inside.")]
    assert spoken(s)[-1] == ("N", "Residents said the students’ union had also raised concerns.")


def test_a_split_quote_goes_on_after_its_tag_however_short_the_rest():
    s = script_of("Warren Achterberg, who runs 2,000 hives, said he would manage this year.",
                  "“Next year,” he said, “ask me again.”")
    assert quotes(s) == [("Warren Achterberg", "Next year."), ("Warren Achterberg", "ask me again.")]


def test_a_name_in_the_appositive_wins_over_the_role_before_it():
    s = script_of("Joel Ruddock, 64, said he had lost most of his hives.",
                  "His son, Caleb Ruddock, 33, said he planned to rebuild.",
                  "“Dad says he will quit every winter,” he said.")
    assert quotes(s) == [("Caleb Ruddock", "Dad says he will quit every winter.")]


def test_a_quoted_nickname_inside_a_name_is_not_part_of_it():
    s = script_of("Vale manager Lee “Tiny” Marchbank said his team talk had been short.",
                  "“I told them to have a go,” Marchbank said.")
    assert quotes(s) == [("Lee Marchbank", "I told them to have a go.")]


def test_a_surname_of_two_words_refers_back_to_its_full_name():
    s = script_of("Bryce Van Houten, who owns a car dealership, spoke against the plan.",
                  "Mayor Patricia Ferrer Gómez thanked him for coming.",
                  "Van Houten said afterward that he would wait.",
                  "“If it is real, I can live with it,” he said.")
    assert quotes(s) == [("Bryce Van Houten", "If it is real, I can live with it.")]


def test_a_verb_after_an_object_pronoun_is_no_speech_tag():
    s = script_of("At the airport a man who had lived in the city heard her ask for a pass.",
                  "Tobias Renner, the engineer, says the copy is not good enough.",
                  "“It gets the words right,” he says.")
    assert quotes(s) == [("Tobias Renner", "It gets the words right.")]


def test_an_unnamed_person_a_sentence_opens_with_is_who_a_later_he_means():
    s = script_of("Lena Brandt, who runs the library, said the shelves were full.",
                  "A man in his eighties, who asked not to be named, brought back a jar of beans. "
                  "He told us: “My mother grew these, and I grew these.”")
    assert quotes(s) == [("a man in his eighties", "My mother grew these, and I grew these.")]


def test_a_fronted_description_of_he_introduces_no_one_new():
    s = script_of("That worries Julian Marsh, 29, an apprentice. A former engineer from Ohio, he "
                  "wrote to her.",
                  "“I thought I understood sound,” he said.")
    assert quotes(s) == [("Julian Marsh", "I thought I understood sound.")]


def test_whoever_told_her_is_not_who_she_says_means():
    s = script_of("Samira Haddad, 52, came to the city as a teenager. She worked as a reporter "
                  "before a friend told her the agency was holding auditions.",
                  "“I went in thinking it would be a nice story,” she says.")
    assert quotes(s) == [("Samira Haddad", "I went in thinking it would be a nice story.")]


def test_the_answer_to_a_quoted_question_is_not_the_askers():
    s = script_of("The state's first witness, a keeper, said the defendant had a key.",
                  "Under cross-examination, Desmond Hart asked the witness whether she had one.",
                  "“Including you?” Hart asked.",
                  "“Including me,” she said.")
    assert quotes(s)[-2:] == [("Desmond Hart", "Including you?"),
                              ("the state's first witness", "Including me.")]


def test_pronouns_inside_a_quote_say_nothing_of_the_speakers_gender():
    s = script_of("Tobias Renner, the engineer, has worked with her for years.",
                  "“She will say the second one sounds tired. And she’s right,” Renner says.",
                  "Renner says the copy is not good enough. “It gets the words right,” he says.")
    assert quotes(s)[-1] == ("Tobias Renner", "It gets the words right.")


def test_an_untagged_quote_after_a_paragraph_introducing_someone_is_theirs():
    s = script_of("Marisol Ibarra, the manager of a dealership, spoke against the rules.",
                  "“We did what we were asked to do,” she said.",
                  "Harold Tsosie, 71, a retired science teacher, spoke for three minutes.",
                  "“When I started taking kids up there, you could see the Milky Way.")
    assert quotes(s)[-1][0] == "Harold Tsosie"


def test_a_q_and_a_gives_each_answer_to_the_interviewee_and_keeps_the_questions():
    s = script_of("Tobias Renner, the engineer, says Samira Haddad hears what his meters cannot.",
                  "We spoke to Samira Haddad in her booth. The conversation has been edited.",
                  "Do you hear yourself when you ride the train?",
                  "Every time. I can’t switch it off.",
                  "What do people get wrong about your job?",
                  "They think it is acting. My daughter called it “My Mother Is Everywhere,” once.",
                  headings={2: "In her own words"})
    assert spoken(s)[-5:] == [
        ("N", "In her own words"),
        ("N", "Do you hear yourself when you ride the train?"),
        ("Samira Haddad", "Every time. I can’t switch it off."),
        ("N", "What do people get wrong about your job?"),
        ("Samira Haddad", "They think it is acting. My daughter called it “My Mother Is "
                          "Everywhere,” once.")]


def test_a_lone_rhetorical_question_is_no_interview():
    s = script_of("Samira Haddad records the announcements.", "Would you notice her voice?",
                  "Most riders never do.")
    assert quotes(s) == []


def test_the_judge_is_the_judge_named_earlier():
    s = script_of("Superior Court Judge Harold Nakashima-Reyes warned spectators twice.",
                  "“This is a courtroom, not a ballgame,” the judge said.")
    assert quotes(s) == [("Harold Nakashima-Reyes", "This is a courtroom, not a ballgame.")]


def test_the_woman_is_the_unnamed_witness_introduced_before():
    s = script_of("The state's first witness, a keeper whose name the court withheld, said she "
                  "saw him with the bag.",
                  "“I stopped laughing in April,” the woman testified.")
    assert quotes(s) == [("the state's first witness", "I stopped laughing in April.")]


def test_a_note_speaks_for_whoever_the_paragraph_says_brought_it():
    s = script_of("A teenager returned a packet of seed with a note taped to it. The note said, "
                  "in full, “These grew. Sorry about the slugs.”")
    assert quotes(s) == [("a teenager", "These grew. Sorry about the slugs.")]


def test_a_written_line_goes_to_its_unnamed_writer_and_she_said_goes_on_with_her():
    s = script_of("Dr Miriam Stott, a historian, has catalogued the library.",
                  "She described one annotation in which an 18th-century Corbet had written next "
                  "to a passage on idleness: “This is true, and I am the living proof of it.”",
                  "“That line has never been published,” she said.")
    assert quotes(s) == [("an 18th-century Corbet", "This is true, and I am the living proof of it."),
                         ("Miriam Stott", "That line has never been published.")]


def test_a_transcript_q_and_a_marked_q_and_a():
    s = script_of("We spoke to Jo Marsh, the coach, after the game.",
                  "Q: Why did the plan work?", "A: The players believed it.",
                  "Q: What comes next?", "A: Rest, then Bolton.")
    assert quotes(s) == [("Jo Marsh", "The players believed it."),  # the voice says "A:"
                         ("Jo Marsh", "Rest, then Bolton.")]


def test_a_speaker_described_with_a_relative_clause_is_the_whole_subject():
    s = script_of("Mayor Jane Okafor defended the budget on Tuesday.",
                  "A resident who lives near the plant said the smell had been bad for weeks.",
                  "“It wakes my kids up at night,” she said.")
    assert quotes(s) == [("a resident who lives near the plant", "It wakes my kids up at night.")]


def test_a_q_and_a_ends_where_the_story_names_the_interviewee_again():
    s = script_of("Chef Ana Lima runs the best kitchen in town. We talked to Lima last week.",
                  "How did you start?", "I washed dishes for ten years.",
                  "What would you change?", "The hours.",
                  "Lima is opening a second restaurant in May.")
    assert spoken(s)[-1] == ("N", "Lima is opening a second restaurant in May.")


def test_its_lawyers_are_the_lawyers_of_the_body_the_paragraph_is_about():
    s = script_of("The district argued in its filings that drought caused the decline. In a brief "
                  "filed in June, its lawyers wrote:",
                  "“The District has at all times operated within its historical practices.”")
    assert quotes(s)[0][0] == "the district’s lawyers"


def test_a_plain_text_q_and_a_whose_short_questions_read_as_headings():
    s = script_of("We spoke to Chef Ana Lima, who runs the best kitchen in town.",
                  "I washed dishes for ten years.", "The hours.",
                  headings={1: "How did you start?", 2: "What would you change?"})
    assert quotes(s) == [("Ana Lima", "I washed dishes for ten years."), ("Ana Lima", "The hours.")]


@pytest.mark.parametrize("title", ["Det.", "Coun.", "Supt.", "Insp.", "Cpl.", "Fr."])
def test_an_abbreviated_rank_before_a_name_is_a_title_not_a_sentence_end(title):
    s = script_of(f"“We believe this was targeted,” said {title} Sam Alcaraz with the unit.",
                  f"{title} Alcaraz says the video is being reviewed.",
                  "“We will find them,” he said.")
    assert quotes(s) == [("Sam Alcaraz", "We believe this was targeted."),
                         ("Sam Alcaraz", "We will find them.")]


def test_a_source_named_by_first_name_only_is_a_speaker():
    s = script_of("Kayla had been timing her contractions when she decided to leave.",
                  "“And then I couldn’t,” she said.",
                  "Kayla asked that her last name not be used.",
                  "Dr. Patricia Vogel, an obstetrician, said the risks are real.",
                  "“It is a long drive,” Vogel said.",
                  "Back at home, Kayla says Eli is thriving.",
                  "“The drive became the plan,” she said.")
    assert quotes(s) == [("Kayla", "And then I couldn’t."),
                         ("Patricia Vogel", "It is a long drive."),
                         ("Kayla", "The drive became the plan.")]


def test_she_never_refers_to_a_group():
    s = script_of("Doctors say the risks are rising.",
                  "“We made it 51 miles,” she said.")
    assert quotes(s)[0][0] != "Doctors"


def test_a_firm_with_a_chief_executive_is_not_a_person():
    s = script_of("Pennine Water's chief executive has apologised.",
                  "“We are sorry,” he said.")
    assert quotes(s)[0][0] != "Pennine Water"


def test_a_short_quote_finishing_the_narrators_sentence_stays_with_the_narrator():
    s = script_of("Marion Bell manages the care home.",
                  "“We were down to our last bottles,” she said.",
                  "Her deputy, Adam Bell, was ringing families. The two are not related, she said, "
                  "“despite what everyone thinks.”",
                  "“It’s been a long morning,” he added.")
    assert quotes(s) == [("Marion Bell", "We were down to our last bottles."),
                         ("Adam Bell", "It’s been a long morning.")]


def test_an_untagged_quote_after_a_beat_about_the_last_speaker_is_theirs():
    s = script_of("Deshawn Merritt will enter the portal. His father, Calvin Merritt, played "
                  "linebacker.",
                  "“He’s going to make mistakes,” Calvin Merritt said.",
                  "Asked whether his son would return, the elder Merritt smiled. “Never say never.”")
    assert quotes(s)[-1] == ("Calvin Merritt", "Never say never.")


def test_an_untagged_quote_is_given_to_whom_the_next_paragraph_names():
    s = script_of("Roe has an apprentice: Tomás Ruiz-Hale, 29. Leon Pratt says he can’t tell "
                  "their letters apart.",
                  "“She made me paint the alphabet for four months.”",
                  "Ruiz-Hale laughs at the memory.",
                  "“She was, a little. But it worked.”")
    assert quotes(s) == [("Tomás Ruiz-Hale", "She made me paint the alphabet for four months."),
                         ("Tomás Ruiz-Hale", "She was, a little. But it worked.")]


def test_a_paragraph_reporting_someone_anew_does_not_claim_the_quote_before_it():
    s = script_of("Mayor Jane Okafor, who met council member Tom Baker on Monday, said the budget "
                  "was final.",
                  "“We are done talking.”",
                  "Baker said he would vote against it.")
    assert quotes(s) == [("Jane Okafor", "We are done talking.")]


@pytest.mark.parametrize("intro, tag, body", [
    ("The trailer belongs to Valley Reefer Lines, a local trucking company.", "the company",
     "Valley Reefer Lines"),
    ("Its parent company, Meridian Regional Health, said in a statement that it had no choice.",
     "the company", "Meridian Regional Health"),
    ("In an emailed statement, Indigenous Services Canada said it was engaged.", "the department",
     "Indigenous Services Canada"),
    ("Pennine Water said in a statement that the burst happened at 1.30am.", "the statement",
     "Pennine Water"),
    ("Belgian chocolate maker Verhaegen Group said it would raise prices.", "the company",
     "Verhaegen Group"),
])
def test_a_statement_is_spoken_by_the_body_the_article_named(intro, tag, body):
    s = script_of(intro, f"“We are doing everything we can,” {tag} said.")
    assert quotes(s) == [(body, "We are doing everything we can.")]


def test_the_company_is_not_a_person_named_near_it():
    s = script_of("The head of the company, Jane Roe, said she would resign.",
                  "“We regret the delay,” the company said.")
    assert quotes(s)[0][0] != "Jane Roe"


def test_a_family_member_named_by_first_name_can_be_she():
    s = script_of("Tom Reid was 58 when he lost his job. His wife, Morag, bought him a hive.",
                  "“I thought it would keep him out of the house,” she says.")
    assert quotes(s) == [("Morag", "I thought it would keep him out of the house.")]


def test_an_abbreviated_role_refers_back_to_the_role_spelled_out():
    s = script_of("“He will be gone by Friday,” said a Power Four general manager.",
                  "“Everybody is calling,” said the GM, who spoke on condition of anonymity.")
    assert [who for who, _ in quotes(s)] == ["a Power Four general manager"] * 2


def test_a_single_quote_paper_with_a_double_quoted_phrase_is_still_single():
    s = script_of("‘It is the only place left where people meet,’ said Cllr Ruth Ambler.",
                  "The owner, Thistle Inns, said in a statement it had “a strong offer”.",
                  "‘We would welcome a bid from the community,’ the firm said.")
    assert quotes(s) == [("Ruth Ambler", "It is the only place left where people meet."),
                         ("Thistle Inns", "We would welcome a bid from the community.")]


def test_an_occupation_before_a_name_is_not_part_of_it():
    s = script_of("Rancher Elena Cruz, whose well dropped 30 feet, was in the courtroom.",
                  "“I cried,” she said.")
    assert quotes(s) == [("Elena Cruz", "I cried.")]


def test_mr_and_ms_tell_apart_a_mother_and_son_with_one_surname():
    s = script_of("Donna Kowal has run the diner for 31 years.",
                  "“I’ve missed two days,” said Ms. Kowal, 64.",
                  "Her son, Jake Kowal, 38, now runs the grill.",
                  "“People still come,” Mr. Kowal said.")
    assert quotes(s) == [("Donna Kowal", "I’ve missed two days."),
                         ("Jake Kowal", "People still come.")]


def test_an_epithet_refers_to_the_person_the_story_just_named():
    s = script_of("Striker Kieran Moss scored twice as Harlow came from behind.",
                  "Dunmore led through Aaron Pike's header before the break.",
                  "“I just kept going,” said the 24-year-old, who joined in the summer.",
                  "Dunmore boss Colin Ryder was furious with the referee.",
                  "“The second goal was offside,” the Scot said.",
                  "Pike, 29, was more philosophical. “That's football,” the defender said.")
    assert [who for who, _ in quotes(s)] == ["Kieran Moss", "Colin Ryder", "Aaron Pike"]


@pytest.mark.parametrize("paragraphs", [
    ("A spokesperson for Tesla said the recall was voluntary.",
     "“We are reviewing it,” the spokesperson said."),
    ("“We are reviewing it,” said a spokesperson for Tesla.",),
    ("“We are reviewing it,” a spokesperson for Tesla said.",),
])
def test_an_unnamed_spokesperson_keeps_the_body_they_speak_for(paragraphs):
    s = script_of(*paragraphs)
    assert quotes(s) == [("a spokesperson for Tesla", "We are reviewing it.")]


def test_an_unnamed_official_at_a_named_body_is_described_whole():
    s = script_of("An official at the Coffee and Cocoa Council, Ivory Coast's industry regulator, "
                  "said arrivals were down about 23%.",
                  "“It is not a crop problem,” the official said.")
    assert quotes(s) == [("an official at the Coffee and Cocoa Council", "It is not a crop problem.")]


def test_the_nurse_is_the_unnamed_one_introduced_after_nurse_linda_park():
    s = script_of("Nurse Linda Park said she learned of the change from a text message.",
                  "“They didn't even tell us in person,” Park said.",
                  "Park's colleague, a nurse who asked not to be named, said morale was low.",
                  "“I love this place,” the nurse said.",
                  "County Supervisor Ed Ruiz called the decision unacceptable.",
                  "“People will die,” Ruiz said.")
    assert quotes(s) == [("Linda Park", "They didn't even tell us in person."),
                         ("a nurse who asked not to be named", "I love this place."),
                         ("Ed Ruiz", "People will die.")]


@pytest.mark.parametrize("rank", ["Ch Supt", "Det Insp", "DCI", "PC"])
def test_british_police_ranks_without_full_stops_are_titles(rank):
    s = script_of(f"{rank} Mark Hall said: “Please, only travel if you have to.”")
    assert quotes(s) == [("Mark Hall", "Please, only travel if you have to.")]
