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


# The reporting clause beside a quote names its source.


def test_said_before_a_name_with_an_apposition_after_the_quote():
    text = "“The numbers do not add up this year,” said Ilona Berg, an economist at the institute.\n"
    assert quotes(text) == [("Ilona Berg", "The numbers do not add up this year,")]


def test_a_source_the_reader_cannot_name_keeps_other_names_off_the_quote():
    text = "Rutte spoke first. “Nobody here believes that promise at all,” added one senior diplomat.\n"
    assert quotes(text) == []


def test_a_short_clause_after_the_closing_mark_belongs_to_the_quote():
    text = "Sybiha met the press. “We need the air defence systems before winter comes.” Kallas said.\n"
    assert quotes(text) == [("Kaja Kallas", "We need the air defence systems before winter comes.")]


def test_the_nearest_reporting_clause_before_the_quote_wins():
    text = "Rutte suggested a pause, while Kallas said that the plan was “the only serious offer we have.”\n"
    assert quotes(text) == [("Kaja Kallas", "the only serious offer we have.")]


def test_a_participle_after_a_comma_takes_the_sentences_subject():
    text = (
        "Sybiha visited Berlin to discuss the talks with Kallas, saying “the door is still open to them.”\n"
    )
    assert quotes(text) == [("Andrii Sybiha", "the door is still open to them.")]


def test_a_quotation_over_several_paragraphs_keeps_its_speaker():
    text = (
        "Kallas wrote to the ministers. The letter said:\n\n"
        "“We have reached a turning point in the war and in our support.\n\n"
        "“The next months will decide whether the line holds in the east.”\n"
    )
    got = quotes(text)
    assert got == [
        ("Kaja Kallas", "We have reached a turning point in the war and in our support."),
        ("Kaja Kallas", "The next months will decide whether the line holds in the east."),
    ]


def test_a_title_in_quotation_marks_is_not_a_quote():
    text = "Rutte signed the order “Protecting Critical Undersea Cables And Pipelines” on Monday.\n"
    assert quotes(text) == []


def test_a_lone_surname_is_the_person_the_text_names_in_full_elsewhere():
    text = (
        "“The farms cannot wait another season for the money,” Okafor said on Tuesday.\n"
        "Senator Ngozi Okafor has pressed for the aid since March.\n"
    )
    assert quotes(text) == [("Ngozi Okafor", "The farms cannot wait another season for the money,")]


def test_a_lone_capitalised_word_the_text_names_nobody_by_is_nobody():
    text = "“The farms cannot wait another season for the money,” Reuters said on Tuesday.\n"
    assert quotes(text) == []


def test_a_paragraph_that_is_one_quotation_after_a_paragraph_about_its_author_is_theirs():
    text = (
        "Kallas sent a message of greetings to the participants of the youth forum in Tallinn.\n\n"
        "“Your generation will decide what kind of Europe we leave to our children.\n"
    )
    assert quotes(text) == [
        ("Kaja Kallas", "Your generation will decide what kind of Europe we leave to our children.")
    ]


def test_a_message_announced_by_a_colon_and_closed_paragraphs_later_is_all_its_authors():
    text = (
        "Kallas sent a message of greetings to the participants of the chess festival.\n\n"
        "The message reads, in part:\n\n"
        "“Your festival has become a real celebration for players from many countries.\n\n"
        "I am sure that the games will be remembered for honest rivalry and fine play.\n\n"
        "I wish every participant success and the fans many happy hours.”\n"
    )
    got = quotes(text)
    assert [g[0] for g in got] == ["Kaja Kallas"] * 3
    assert got[1][1] == "I am sure that the games will be remembered for honest rivalry and fine play."


def test_a_dash_and_a_name_after_a_quote_sign_it():
    text = "Readers wrote in. “Nobody in my family believes the numbers any more.” ― Ilse Brandner.\n"
    assert quotes(text) == [("Ilse Brandner", "Nobody in my family believes the numbers any more.")]


def test_a_message_right_after_a_headline_about_its_author_is_theirs():
    text = (
        "Kallas sent a message of congratulations to the winners of the regional science olympiad\n\n"
        "“Your talent and hard work have made your schools and your families proud.”\n"
    )
    assert quotes(text) == [
        ("Kaja Kallas", "Your talent and hard work have made your schools and your families proud.")
    ]


def test_a_reporting_verb_after_an_unknown_surname_keeps_the_other_name_off_the_quote():
    text = "In a jab at Mark Rutte, Varga said the alliance must “stop talking and start building again.”\n"
    assert quotes(text) == []


def test_a_surname_that_is_also_an_origin_is_the_person_named_in_full():
    text = (
        "Mark Cuban, the owner of the team, spoke on Sunday.\n"
        "“It is certainly more of a consideration than it was,” Cuban said.\n"
    )
    assert quotes(text) == [("Mark Cuban", "It is certainly more of a consideration than it was,")]


def test_a_quotation_left_open_after_said_and_a_comma_runs_to_the_paragraphs_end():
    text = "Kallas spoke first. Kallas said, “We will not give up on the talks, whatever the cost to us\n"
    assert quotes(text) == [("Kaja Kallas", "We will not give up on the talks, whatever the cost to us")]


def test_two_quotations_glued_together_are_two():
    text = "Rutte tweeted that allies are “ready for the long haul.”“The alliance will hold,” he wrote.\n"
    assert [g[1] for g in quotes(text)] == ["ready for the long haul.", "The alliance will hold,"]


def test_a_day_between_the_subject_and_its_verb_keeps_the_subject():
    text = "Kallas later Thursday told reporters: “Both sides are meeting next week to talk it over.”\n"
    assert quotes(text) == [("Kaja Kallas", "Both sides are meeting next week to talk it over.")]


def test_an_organisation_in_front_of_a_person_after_said_only_says_whose_they_are():
    got = quotes("“Voters feel unwanted in the party,” said Vera Insights researcher Nadia Ferreira.\n")
    assert got == [("Nadia Ferreira", "Voters feel unwanted in the party,")]


def test_a_possessive_before_the_source_after_said_is_not_the_source():
    got = quotes(
        "“The raid yielded a trove of files,” said Mark Hollis’s aide Tomas Lindqvist, on the radio.\n"
    )
    assert got == [("Tomas Lindqvist", "The raid yielded a trove of files,")]


def test_the_source_before_an_apposition_naming_another_person_keeps_the_quote():
    text = (
        "Retired general Michael Brandt spoke on Thursday.\n\n"
        "“He is right about the ranks,” Brandt, a top Anna Lindgren surrogate, said on the radio.\n"
    )
    assert quotes(text) == [("Michael Brandt", "He is right about the ranks,")]


def test_the_body_after_a_title_and_of_is_not_a_person():
    text = (
        "“This new ad raises new questions about his promises,” Katie Morrow, who is chair of"
        " Forward Values Fund said in a statement.\n"
    )
    assert quotes(text) == [("Katie Morrow", "This new ad raises new questions about his promises,")]


def test_a_rare_given_name_the_text_writes_in_lower_case_does_not_start_a_name():
    text = (
        "The show went on even after the break, and even the host agreed.\n\n"
        "Even Channel comedian Ola Berg lost his temper on air.\n\n"
        "“For a start, that was not what she said at all,” Berg barked.\n"
    )
    assert quotes(text) == [("Ola Berg", "For a start, that was not what she said at all,")]


def test_the_name_of_a_party_before_the_chairs_title_is_not_the_source():
    text = '"We will win every county this time," said West Virginia Democratic Party Chairwoman Dana Pruitt.'
    assert quotes(text) == [("Dana Pruitt", "We will win every county this time,")]


def test_an_age_after_a_name_shows_a_person_whose_words_follow():
    text = (
        'Senator Helen Ward said the vote was "a historic step for the whole country."\n\n'
        "Tun Aung Kyaw, 60, a teacher, said she was glad but still feared the army.\n\n"
        '"We have to be careful about it. It is almost hard to believe," she said.\n'
    )
    said = "We have to be careful about it. It is almost hard to believe,"
    assert quotes(text)[-1] == ("Tun Aung Kyaw", said)


def test_a_month_after_a_given_name_is_a_surname():
    text = 'Prime Minister Clara May said the talks would "go on as long as they need to go on."\n'
    assert quotes(text) == [("Clara May", "go on as long as they need to go on.")]


def test_a_month_with_a_day_after_a_given_name_is_a_date():
    text = 'The summit opened in Paris May 5 with a talk by Mark Rutte, who said "the work starts now."'
    assert quotes(text) == [("Mark Rutte", "the work starts now.")]


def test_a_surname_is_the_person_a_possessive_names_in_full():
    text = (
        "Court Clears the Mayor\n\n"
        "Critics listened to Police Chief Darla Finchley’s statement on Tuesday.\n\n"
        "“We found no evidence that the mayor broke the law,” Finchley said.\n"
    )
    assert quotes(text) == [("Darla Finchley", "We found no evidence that the mayor broke the law,")]


def test_an_abbreviated_title_or_an_initial_after_said_does_not_end_the_clause():
    text = (
        '"We will not give up the farm bill this year," said Sen. Ada Morrow.\n\n'
        '"Nobody in this town wants another shutdown," tweeted Rep. Carl J. Betts, a Democrat.\n'
    )
    assert quotes(text) == [
        ("Ada Morrow", "We will not give up the farm bill this year,"),
        ("Carl J. Betts", "Nobody in this town wants another shutdown,"),
    ]
