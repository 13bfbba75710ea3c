"""Unlabelled speech after an introduction, up to where another voice takes over."""

from __future__ import annotations

from statements.ingest import KnownSpeaker, read_document

KNOWN = [KnownSpeaker("Annalena Baerbock", ("Baerbock", "Anna Baerbock"), "Foreign Minister of Germany")]

INTRO = "Yesterday the minister opened the Berlin forum. Here are Baerbock's remarks, which follow:\n"
SPEECH = (
    "Dear colleagues, thank you for coming to Berlin once again.\n"
    "We meet at a difficult time for our continent, and I will be frank about it.\n"
)


def voices(text: str) -> list[tuple[str, str | None, str]]:
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    return [(p.kind, p.speaker, doc.passage_text(p)) for p in doc.passages if p.kind in ("remarks", "turn")]


def test_paragraphs_after_an_introduction_are_the_speakers_remarks():
    got = voices(INTRO + SPEECH)
    assert [g[:2] for g in got] == [("remarks", "Annalena Baerbock")] * 2


def test_remarks_share_a_group_and_are_flagged():
    doc = read_document(INTRO + SPEECH, file_name="t.txt", known_speakers=KNOWN)
    remarks = [p for p in doc.passages if p.kind == "remarks"]
    assert len({p.group for p in remarks}) == 1
    assert all("unlabelled remarks" in p.doubts for p in remarks)


def test_said_the_following_introduces_remarks():
    got = voices("At the end of the day Baerbock said the following:\n" + SPEECH)
    assert len(got) == 2


def test_writers_comment_naming_the_speaker_ends_the_remarks():
    text = INTRO + SPEECH + "Baerbock is right about the timing, though few listened.\n"
    assert len(voices(text)) == 2


def test_writers_opinion_marker_ends_the_remarks():
    text = INTRO + SPEECH + "That is a welcome change of tone, IMO, and a long overdue one.\n"
    assert len(voices(text)) == 2


def test_closing_emphasis_note_ends_the_remarks_and_is_left_out():
    text = (
        INTRO + SPEECH.rstrip("\n") + " [emphasis mine]\nA new article begins here, with news of the day.\n"
    )
    got = voices(text)
    assert len(got) == 2
    assert got[-1][2].endswith("frank about it.")


def test_heading_ends_the_remarks():
    text = INTRO + SPEECH + "Markets react to Berlin forum\nShares fell on Tuesday in Frankfurt trading.\n"
    assert len(voices(text)) == 2


def test_boilerplate_ends_the_remarks():
    text = INTRO + SPEECH + "Like this:\nThe comments below are from readers.\n"
    assert len(voices(text)) == 2


def test_colon_without_speech_words_introduces_nothing():
    text = "The agenda had three items:\n" + SPEECH
    assert voices(text) == []
