"""Direct quotes in narration: quote styles, the four-word minimum, who is credited with them."""

from __future__ import annotations

from statements.ingest import KnownSpeaker, read_document

KNOWN = [
    KnownSpeaker("Mark Rutte", ("Rutte",), "NATO Secretary General"),
    KnownSpeaker("Kaja Kallas", ("Kallas",), "EU High Representative for Foreign Affairs"),
    KnownSpeaker("Andrii Sybiha", ("Sybiha",), "Foreign Minister of Ukraine"),
]


def quotes(text: str) -> list[tuple[str | None, str]]:
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    return [(p.speaker, doc.passage_text(p)) for p in doc.passages if p.kind == "quote"]


def test_curly_quote_with_name_and_said():
    got = quotes("“We are not at war, but not at peace,” Rutte said on Monday.\n")
    assert got == [("Mark Rutte", "We are not at war, but not at peace,")]


def test_straight_quote_with_said_before_name():
    got = quotes('"The alliance must move faster," said Mark Rutte.\n')
    assert got == [("Mark Rutte", "The alliance must move faster,")]


def test_quote_opened_with_closing_mark():
    got = quotes("”This is a test of our unity,” said Kallas.\n")
    assert got == [("Kaja Kallas", "This is a test of our unity,")]


def test_span_excludes_the_quote_marks():
    text = "Kallas called it “a test of our unity” in Brussels.\n"
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    quote = next(p for p in doc.passages if p.kind == "quote")
    assert text[quote.start - 1] == "“" and text[quote.end] == "”"


def test_short_quotes_are_not_kept():
    assert quotes("Kallas spoke of “double standards” again.\n") == []


def test_pronoun_added_resolves_to_last_speaker():
    text = "Rutte arrived late. Allies are “ready to defend every inch of territory,” he added.\n"
    assert quotes(text) == [("Mark Rutte", "ready to defend every inch of territory,")]


def test_follow_up_quote_takes_the_previous_speaker():
    text = "“We will not be divided,” Sybiha said. “Every delay costs lives in our cities and villages.”\n"
    got = quotes(text)
    assert [g[0] for g in got] == ["Andrii Sybiha", "Andrii Sybiha"]


def test_title_phrase_resolves_to_person_named_with_it():
    text = (
        "NATO Secretary General Mark Rutte met ministers. "
        "The secretary general warned: “deterrence only works if it is credible.”\n"
    )
    assert quotes(text) == [("Mark Rutte", "deterrence only works if it is credible.")]


def test_according_to_attributes_the_quote():
    text = "According to Kallas, the plan is “the only serious offer on the table.”\n"
    assert quotes(text) == [("Kaja Kallas", "the only serious offer on the table.")]


def test_reporting_verb_wins_over_other_names_in_the_sentence():
    text = "The offer Rutte made, Sybiha recalls, was to “keep the door open for later.”\n"
    assert quotes(text) == [("Andrii Sybiha", "keep the door open for later.")]


def test_quote_without_anyone_to_credit_is_left_out():
    assert quotes("Critics call it “a plan that nobody asked for at all.”\n") == []


def test_quote_inside_a_turn_is_part_of_the_turn():
    text = "Question: And the allies?\n\nAndrii Sybiha: As Rutte said, “we stand together to the end.”\n"
    assert quotes(text) == []
