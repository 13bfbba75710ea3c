"""A document laid out for reading: paragraphs in order, each with its voice.

Labelled turns, unlabelled remarks and questions own whole paragraphs; quotes
and reported speech are marked inline inside the narration around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from statements.models import Passage, PassageKind

OWN_PARAGRAPH_KINDS = {PassageKind.TURN, PassageKind.REMARKS, PassageKind.QUESTION}
_PARAGRAPH = re.compile(r"[^\r\n]+")


@dataclass
class Piece:
    """A stretch of a narration paragraph: plain text, or an inline passage."""

    text: str
    passage: Passage | None = None


@dataclass
class Part:
    """The stretch of one passage inside a voice paragraph.

    A paragraph usually holds one passage whole; after an editor splits a passage it
    holds several, and after a merge one passage runs over several paragraphs.
    """

    passage: Passage
    text: str
    opens: bool  # the passage begins in this paragraph
    closes: bool  # the passage ends in this paragraph
    starts_turn: bool = False
    anchor: bool = False  # carries the passage's id (``#p-<public id>``) itself


@dataclass
class Segment:
    """One paragraph of the document."""

    kind: str  # "voice" (a passage's own paragraph) or "narration"
    passage: Passage | None = None
    pieces: list[Piece] = field(default_factory=list)
    starts_turn: bool = False
    parts: list[Part] = field(default_factory=list)
    anchor: str = ""  # the public id the paragraph's element carries


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            yield match.start(), match.end()


def document_segments(text: str, passages: Iterable[Passage]) -> list[Segment]:
    """Lay out ``text`` paragraph by paragraph with the passages found in it."""
    ordered = sorted(passages, key=lambda p: (p.start, p.end))
    own = [p for p in ordered if p.kind in OWN_PARAGRAPH_KINDS]
    inline = [p for p in ordered if p.kind not in OWN_PARAGRAPH_KINDS]
    segments: list[Segment] = []
    previous_group: object = object()
    i = j = 0
    for start, end in _paragraphs(text):
        while i < len(own) and own[i].end <= start:
            i += 1
        overlapping, k = [], i
        while k < len(own) and own[k].start < end:
            if own[k].end > start:
                overlapping.append(own[k])
            k += 1
        covered = sum(min(p.end, end) - max(p.start, start) for p in overlapping)
        if overlapping and 2 * covered >= len(text[start:end].strip()):
            parts = []
            for index, p in enumerate(overlapping):
                key = (p.group, p.kind, p.speaker_id) if p.group is not None else p.pk
                opens = p.start >= start
                parts.append(
                    Part(
                        p,
                        text[max(p.start, start) : min(p.end, end)].strip(),
                        opens=opens,
                        closes=p.end <= end,
                        starts_turn=key != previous_group,
                        anchor=opens and index > 0,
                    )
                )
                previous_group = key
            first = parts[0]
            segments.append(
                Segment(
                    "voice",
                    passage=first.passage,
                    starts_turn=first.starts_turn,
                    parts=parts,
                    anchor=first.passage.public_id if first.opens else "",
                )
            )
            continue
        previous_group = object()
        while j < len(inline) and inline[j].end <= start:
            j += 1
        pieces, cursor, k = [], start, j
        while k < len(inline) and inline[k].start < end:
            p = inline[k]
            if p.start >= cursor and p.end <= end:
                if p.start > cursor:
                    pieces.append(Piece(text[cursor : p.start]))
                pieces.append(Piece(text[p.start : p.end], p))
                cursor = p.end
            k += 1
        if cursor < end:
            pieces.append(Piece(text[cursor:end]))
        segments.append(Segment("narration", pieces=pieces))
    return segments
