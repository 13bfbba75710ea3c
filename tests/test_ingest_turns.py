"""Labelled transcripts: label styles, continuation over paragraphs, and prose that only ends in a colon."""

from __future__ import annotations

from statements.ingest import KnownSpeaker, read_document

KNOWN = [
    KnownSpeaker("Maria Zakharova", ("Zakharova", "M.V. Zakharova"), "Foreign Ministry Spokeswoman"),
    KnownSpeaker("Wang Yi", (), "Foreign Minister of China"),
]


def read(text: str):
    return read_document(text, file_name="t.txt", known_speakers=KNOWN)


def owners(text: str) -> list[tuple[str, str | None, str]]:
    doc = read(text)
    return [(p.kind, p.speaker, doc.passage_text(p)) for p in doc.passages]


def test_full_name_label():
    assert owners("Maria Zakharova: We will respond.\n") == [("turn", "Maria Zakharova", "We will respond.")]


def test_initials_label_with_space():
    assert owners("M.V. Zakharova: We will respond.\n")[0][1] == "Maria Zakharova"


def test_initials_label_without_space():
    assert owners("M.V.Zakharova: We will respond.\n")[0][1] == "Maria Zakharova"


def test_question_label_is_nobodys_statement():
    assert owners("Question: Will you respond?\n") == [("question", None, "Will you respond?")]


def test_short_q_label():
    assert owners("Q: Will you respond?\n")[0][:2] == ("question", None)


def test_question_label_with_outlet_in_brackets():
    assert owners("Question (Radio Delta): Will you respond?\n")[0][:2] == ("question", None)


def test_label_with_parenthetical_aside():
    assert owners("Maria Zakharova (replying): Yes, we will.\n")[0][1] == "Maria Zakharova"


def test_unknown_name_label_becomes_a_speaker():
    got = owners("Question: Your view?\n\nHelga Brandt: We expect a frank exchange.\n")
    assert got[1][:2] == ("turn", "Helga Brandt")


def test_unknown_speaker_turn_is_flagged():
    doc = read("Question: Your view?\n\nHelga Brandt: We expect a frank exchange.\n")
    assert "speaker unknown" in doc.passages[1].doubts


def test_turn_continues_over_paragraphs_one_passage_each_with_shared_group():
    text = "Wang Yi: First point.\n\nSecond point.\n\nThird point.\n\nQuestion: Thanks?\n"
    doc = read(text)
    turn = [p for p in doc.passages if p.kind == "turn"]
    assert [doc.passage_text(p) for p in turn] == ["First point.", "Second point.", "Third point."]
    assert len({p.group for p in turn}) == 1
    assert doc.passages[-1].group != turn[0].group


def test_prose_ending_in_a_colon_is_not_a_label():
    text = "Wang Yi: Consider this.\n\nThere is a simple lesson here: nobody wins a trade war.\n"
    got = owners(text)
    assert got[1] == ("turn", "Wang Yi", "There is a simple lesson here: nobody wins a trade war.")


def test_long_text_before_a_colon_is_not_a_label():
    text = "Wang Yi: Consider this.\n\n" + "Word " * 40 + "Word: and more words.\n"
    assert all(p[1] == "Wang Yi" for p in owners(text))


def test_boilerplate_ends_a_turn():
    text = "Wang Yi: We are ready.\n\nShare this:\n\nSubscribe to our newsletter\n"
    assert len(owners(text)) == 1


def test_all_caps_label():
    assert owners("MARIA ZAKHAROVA: We will respond.\n")[0][1] == "Maria Zakharova"


def test_title_before_name_in_label():
    assert owners("Foreign Minister Wang Yi: Thank you.\n")[0][1] == "Wang Yi"


def test_metadata_word_label_is_not_a_speaker():
    assert owners("Source: the ministry website\n") == []
