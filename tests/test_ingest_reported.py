"""Indirect speech in narration: one passage per sentence, credited to the person who said it."""

from __future__ import annotations

from statements.ingest import KnownSpeaker, read_document

KNOWN = [
    KnownSpeaker("Friedrich Merz", ("Merz",), "Chancellor of Germany"),
    KnownSpeaker("Giorgia Meloni", ("Meloni",), "Prime Minister of Italy"),
    KnownSpeaker("Dmitry Peskov", ("Dmitri Peskov", "Peskov"), "Kremlin Press Secretary"),
]


def reported(text: str) -> list[tuple[str | None, str]]:
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    return [(p.speaker, doc.passage_text(p)) for p in doc.passages if p.kind == "reported"]


def test_name_and_reporting_verb_that():
    text = "The summit ended late. Merz reiterated that Berlin would not send more tanks.\n"
    assert reported(text) == [("Friedrich Merz", "Merz reiterated that Berlin would not send more tanks.")]


def test_pronoun_subject_takes_the_last_speaker():
    text = "Meloni stressed that Rome wants a deal. She claimed that the talks were close to success.\n"
    assert [r[0] for r in reported(text)] == ["Giorgia Meloni", "Giorgia Meloni"]


def test_parenthetical_reporting_clause():
    text = "Peskov spoke to reporters. Moscow, he claimed, has not received any proposal.\n"
    assert reported(text) == [("Dmitry Peskov", "Moscow, he claimed, has not received any proposal.")]


def test_according_to_name():
    text = "According to Peskov, no meeting is planned for this month.\n"
    assert reported(text) == [("Dmitry Peskov", text.strip())]


def test_perfect_tense_with_title_before_name():
    text = "German Chancellor Friedrich Merz has warned that the budget cannot absorb new debt.\n"
    assert reported(text)[0][0] == "Friedrich Merz"


def test_title_phrase_after_the_name_is_known():
    text = "Peskov answered questions. The Kremlin press secretary also insisted that the date was not set.\n"
    assert [r[0] for r in reported(text)] == ["Dmitry Peskov"]


def test_said_the_title_at_the_end():
    text = "Merz met Meloni in Rome. Both sides want lower energy prices, said the chancellor.\n"
    assert reported(text) == [("Friedrich Merz", "Both sides want lower energy prices, said the chancellor.")]


def test_participle_clause_after_the_subject():
    text = "Meloni has been critical of the plan, arguing that it ignores the south.\n"
    assert reported(text)[0][0] == "Giorgia Meloni"


def test_unknown_official_with_title_is_read():
    text = "Polish Foreign Minister Tomasz Wierzba said that Warsaw would host the next round.\n"
    assert reported(text)[0][0] == "Tomasz Wierzba"


def test_possessive_is_not_a_speaker():
    assert reported("Merz's comments reflect a wider unease in Berlin.\n") == []


def test_sentence_without_reporting_verb_is_narration():
    assert reported("Merz flew to Rome on Tuesday and met Meloni at the palace.\n") == []


def test_countries_are_not_speakers():
    assert reported("During the talks, Germany reiterated its demand for a ceasefire.\n") == []


def test_reported_sentences_are_flagged_as_paraphrase():
    doc = read_document(
        "Peskov said that no decision had been taken.\n", file_name="t.txt", known_speakers=KNOWN
    )
    assert "reported speech" in doc.passages[0].doubts


def test_a_title_joined_by_a_no_break_space_stands_for_the_person_named_before():
    text = "Peskov met Merz, during which the\u00a0Chancellor announced that Berlin would reopen talks.\n"
    assert reported(text) == [("Friedrich Merz", text.strip())]


def test_congratulations_and_thanks_are_reported_speech():
    text = "Meloni thanked the rescuers for their courage in the mountains.\n"
    assert reported(text)[0][0] == "Giorgia Meloni"


def test_he_after_the_sentences_named_subject_is_that_subject():
    text = "Merz flew home. Meloni met the mayor, during which she announced that the bridge would open.\n"
    assert reported(text)[-1][0] == "Giorgia Meloni"


def test_she_is_the_latest_woman_named_when_the_last_speaker_is_a_man():
    known = [*KNOWN, KnownSpeaker("Olaf Brandt", ("Brandt",), "Minister")]
    text = (
        "Giorgia Meloni arrived first. Olaf Brandt said that the talks were long. "
        "She said that Rome agreed.\n"
    )
    doc = read_document(text, file_name="t.txt", known_speakers=known)
    assert [p.speaker for p in doc.passages if p.kind == "reported"] == ["Olaf Brandt", "Giorgia Meloni"]


def test_the_title_of_a_country_is_one_reference():
    text = "Merz met the press. The Chancellor of\u00a0Germany underscored the need for new gas contracts.\n"
    assert reported(text)[-1][0] == "Friedrich Merz"
