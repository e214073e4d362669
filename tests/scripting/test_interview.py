"""Q&A interviews in the magazine style: once the page says the interview was edited, a short
paragraph that asks is the interviewer's question, even without "you" or with a remark after the
question mark; a paragraph of reporting about someone else between answers stays the narrator's."""

from __future__ import annotations

from scripting_helpers import quotes, script_of, spoken

INTRO = ("Ines Varga has counted bats in the old mine at Carrow for twenty years. "
         "We spoke with Varga at the mine. The interview has been condensed and edited for clarity.")


def test_an_edited_interviews_questions_need_no_you_and_may_end_with_a_remark():
    s = script_of(INTRO, "Does the count change with the weather?",
                  "A great deal. A cold week halves it.",
                  "Why count in winter? I would expect them to be asleep.",
                  "They are, which is the point. A sleeping bat stays put.")
    assert quotes(s) == [("Ines Varga", "A great deal. A cold week halves it."),
                         ("Ines Varga", "They are, which is the point. A sleeping bat stays put.")]


def test_reporting_on_someone_else_between_answers_is_not_an_answer():
    s = script_of("Tom Reyes, a caver who helps with the count, says she is the most careful "
                  "counter he knows. " + INTRO,
                  "Does the count change with the weather?",
                  "A great deal. A cold week halves it.",
                  "Is the colony growing, would you say?",
                  "Slowly. Two percent a year.",
                  "Reyes said the entrance worries him most. “One rockfall and they are gone,” he said.",
                  "What would you change?", "The gate.")
    assert ("Tom Reyes", "One rockfall and they are gone.") in quotes(s)
    assert ("N", "Reyes said the entrance worries him most.") in spoken(s)
    assert quotes(s)[-1] == ("Ines Varga", "The gate.")


def test_a_question_quoted_after_a_colon_is_spoken_by_the_one_who_asked_it():
    s = script_of("Ines Varga found the mine empty one winter morning.",
                  "She remembers calling the warden and asking one thing: “Where did they go?”")
    assert quotes(s) == [("Ines Varga", "Where did they go?")]
