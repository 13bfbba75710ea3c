"""Plain records that the reader returns: no Django, so parsing is quick to test.

Passages carry character offsets into the document's text instead of copies of
it, so a large file is held in memory once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

PASSAGE_KINDS = ("turn", "remarks", "question", "quote", "reported")
DOCUMENT_KINDS = ("transcript", "report", "commentary", "speech", "statement")


@dataclass(frozen=True)
class KnownSpeaker:
    """A speaker the archive already knows: the reader maps every alias to ``name``."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""


@dataclass
class SpeakerReading:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str = ""


@dataclass
class PassageReading:
    kind: str
    speaker: str | None
    start: int
    end: int
    topics: list[str] = field(default_factory=list)
    #: Paragraphs of one labelled turn or one speech share a group number.
    group: int | None = None
    #: Why an editor should look at this passage (empty when the reader is sure).
    doubts: list[str] = field(default_factory=list)


@dataclass
class DocumentFacts:
    """What a document says about itself: the fields the head of a text fills and the archive stores."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    source_url: str | None = None
    published_on: dt.date | None = None
    event_on: dt.date | None = None
    location: str | None = None

    def facts(self) -> dict:
        """These fields alone, by name: a reading takes them from the metadata found for it."""
        return {f.name: getattr(self, f.name) for f in fields(DocumentFacts)}


@dataclass(kw_only=True)
class DocumentReading(DocumentFacts):
    file: str
    text: str
    kind: str = "report"
    speakers: list[SpeakerReading] = field(default_factory=list)
    passages: list[PassageReading] = field(default_factory=list)

    def passage_text(self, passage: PassageReading) -> str:
        return self.text[passage.start : passage.end]

    def as_dict(self) -> dict:
        """The dry run's JSON shape (the scoring tools read it)."""
        return {
            "file": self.file,
            "kind": self.kind,
            "title": self.title,
            "author": self.author,
            "publisher": self.publisher,
            "source_url": self.source_url,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "event_on": self.event_on.isoformat() if self.event_on else None,
            "location": self.location,
            "speakers": [{"name": s.name, "aliases": s.aliases, "role": s.role} for s in self.speakers],
            "passages": [
                {
                    "kind": p.kind,
                    "speaker": p.speaker,
                    "start": p.start,
                    "end": p.end,
                    "text": self.passage_text(p),
                    "topics": p.topics,
                    "group": p.group,
                    "doubts": p.doubts,
                }
                for p in self.passages
            ],
        }
