"""Boilerplate, asides and readers' comments are nobody's statement."""

from __future__ import annotations

import pytest

from statements.ingest import KnownSpeaker, read_document
from statements.ingest.noise import is_noise

KNOWN = [KnownSpeaker("Wang Yi", (), "Foreign Minister of China")]


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Xinhua",
        "Like this:",
        "Like Loading...",
        "Read also: Ministers meet in Astana",
        "Also Read; Grain prices climb",
        "Share this:",
        "Subscribe to our newsletter",
        "Leave a comment",
        "12 Comments",
        "***",
        "https://example.org/news/1234",
        "read more in our Telegram channel https://t.me/example_news",
    ],
)
def test_boilerplate_lines_are_noise(line):
    assert is_noise(line, 0, len(line))


def test_sentence_mentioning_subscriptions_is_not_noise():
    line = "Wang Yi said that readers who subscribe to rumours should check the facts first."
    assert not is_noise(line, 0, len(line))


def test_noise_inside_a_transcript_ends_the_turn_and_belongs_to_nobody():
    text = "Wang Yi: We welcome the talks.\n\nPhoto: Xinhua\n\nRelated articles:\n"
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    assert [doc.passage_text(p) for p in doc.passages] == ["We welcome the talks."]


def test_rest_of_a_read_also_link_title_is_noise():
    text = (
        "Ministers met in Astana.\nAlso Read; Wang Yi said that\nprices would rise\n"
        "Wang Yi said that talks went well.\n"
    )
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    assert [doc.passage_text(p) for p in doc.passages] == ["Wang Yi said that talks went well."]


def test_comments_after_a_closing_plea_are_nobodys():
    text = (
        "Wang Yi said that the talks went well.\n"
        + "The visit ended on Friday.\n" * 6
        + "Enjoyed this post? Please consider subscribing to support my work!\n"
        + "Wang Yi said that he was tired, one reader joked.\n"
    )
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    assert len(doc.passages) == 1


def test_a_question_about_subscribing_to_an_idea_is_a_turn_not_a_plea():
    turns = "\n\n".join(
        f"Question: What about point {n}?\n\nWang Yi: We studied point {n} closely." for n in range(6)
    )
    text = (
        turns
        + "\n\nQuestion: Does Beijing subscribe to the idea of a truce?\n\nWang Yi: We do, with conditions.\n"
    )
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    assert doc.passage_text(doc.passages[-1]) == "We do, with conditions."
