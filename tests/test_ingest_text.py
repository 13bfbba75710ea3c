"""Decoding files and keeping offsets right whatever the line ends."""

from __future__ import annotations

import codecs

import pytest

from statements.ingest import KnownSpeaker, UnreadableText, decode, read_document

KNOWN = [KnownSpeaker("Kaja Kallas", ("Kallas",), "EU High Representative")]


def test_decode_utf8_with_bom():
    assert decode(codecs.BOM_UTF8 + b"Kallas: Tere.") == "Kallas: Tere."


def test_decode_utf16_with_bom():
    assert decode(codecs.BOM_UTF16_LE + "Kallas: Tere.".encode("utf-16-le")) == "Kallas: Tere."


def test_decode_refuses_empty_file():
    with pytest.raises(UnreadableText, match="empty"):
        decode(b"   \n")


def test_decode_refuses_binary():
    with pytest.raises(UnreadableText, match="binary"):
        decode(b"\x00\x01\x02\x00" * 100)


def test_decode_refuses_latin1_with_a_hint():
    with pytest.raises(UnreadableText, match="not UTF-8"):
        decode("Kallas sagte: Grüße".encode("latin-1"))


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_offsets_hold_with_any_line_end(newline):
    lines = ["Question: Why do you say so?", "", "Kaja Kallas: Because it is true.", "", "It matters."]
    text = newline.join(lines) + newline
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    assert [doc.passage_text(p) for p in doc.passages] == [
        "Why do you say so?",
        "Because it is true.",
        "It matters.",
    ]


def test_passages_never_hold_line_ends_or_padding():
    text = "Kaja Kallas:   We act at once.  \r\n\u00a0\r\n   We act together. \r\n"
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    assert [doc.passage_text(p) for p in doc.passages] == ["We act at once.", "We act together."]
