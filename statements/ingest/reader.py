"""Entry point of the reader: a document's text in, a DocumentReading out."""

from __future__ import annotations

import re
from collections.abc import Iterable

from statements.ingest.records import DocumentReading, KnownSpeaker, PassageReading, SpeakerReading
from statements.ingest.topics import Lexicon

_LABEL = re.compile(r"(?P<label>(?:[A-Z][\w.’'-]{0,30}\s?){1,4}):\s")


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            yield pos, pos + len(body)
        pos += len(line)


def read_document(
    text: str,
    *,
    file_name: str,
    known_speakers: Iterable[KnownSpeaker] = (),
    lexicon: Lexicon | None = None,
) -> DocumentReading:
    """Read one file's text: who speaks in each paragraph, and what about."""
    doc = DocumentReading(file=file_name, text=text)
    current: tuple[str, str | None, int] | None = None
    group = 0
    names: dict[str, SpeakerReading] = {}
    for start, end in _paragraphs(text):
        match = _LABEL.match(text, start, end)
        if match:
            label = match.group("label").strip()
            group += 1
            if label.lower() in {"question", "q"}:
                current = ("question", None, group)
            else:
                names.setdefault(label, SpeakerReading(name=label))
                current = ("turn", label, group)
            start = match.end()
        if current is None:
            continue
        kind, speaker, number = current
        topics = lexicon.tag(text[start:end]) if lexicon else []
        doc.passages.append(PassageReading(kind, speaker, start, end, topics=topics, group=number))
    doc.speakers = list(names.values())
    if doc.passages:
        doc.kind = "transcript"
    first = next(iter(_paragraphs(text)), None)
    if first:
        doc.title = text[first[0] : first[1]][:200]
    return doc
