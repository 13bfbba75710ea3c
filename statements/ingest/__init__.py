"""Reading text files into documents, speakers and passages: pure Python, no Django."""

from statements.ingest.decoding import UnreadableText, decode
from statements.ingest.reader import read_document
from statements.ingest.records import (
    DOCUMENT_KINDS,
    PASSAGE_KINDS,
    DocumentReading,
    KnownSpeaker,
    PassageReading,
    SpeakerReading,
)
from statements.ingest.topics import Lexicon

__all__ = [
    "DOCUMENT_KINDS",
    "PASSAGE_KINDS",
    "DocumentReading",
    "KnownSpeaker",
    "Lexicon",
    "PassageReading",
    "SpeakerReading",
    "UnreadableText",
    "decode",
    "read_document",
]
