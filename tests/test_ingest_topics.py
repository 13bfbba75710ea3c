"""Topics tagged from a stemmed keyword lexicon."""

from __future__ import annotations

from statements.ingest import KnownSpeaker, Lexicon, read_document

LEXICON = Lexicon(
    [
        {"name": "Sanctions", "slug": "sanctions", "keywords": ["sanction", "embargo"]},
        {"name": "United States", "slug": "united-states", "keywords": ["US", "U.S.", "Washington"]},
        {"name": "Arctic", "slug": "arctic", "keywords": ["Arctic", "Northern Sea Route"]},
    ]
)


def test_inflected_forms_match_by_stem():
    assert LEXICON.tag("Three banks were sanctioned last week.") == ["sanctions"]


def test_multiword_keyword_matches_as_a_phrase():
    assert LEXICON.tag("Traffic on the Northern Sea Route doubled.") == ["arctic"]
    assert LEXICON.tag("The route north of the sea was closed.") == []


def test_capitalised_abbreviation_does_not_match_the_pronoun():
    assert LEXICON.tag("They told us nothing.") == []
    assert LEXICON.tag("The U.S. embargo stays.") == ["sanctions", "united-states"]


def test_every_passage_gets_topics():
    text = "Question: And the embargo?\n\nWang Yi: Washington imposes sanctions on everyone.\n"
    doc = read_document(text, file_name="t.txt", known_speakers=[KnownSpeaker("Wang Yi")], lexicon=LEXICON)
    assert [p.topics for p in doc.passages] == [["sanctions"], ["sanctions", "united-states"]]
