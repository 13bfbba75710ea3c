"""Labelled transcripts: "Sergey Lavrov:", "S.V.Lavrov:", "Question:", "Q:", "Maria Zakharova (replying):".

A label is short and name-like: a few capitalised words or initials, perhaps a
title and a parenthetical, then a colon. Prose that happens to end in a colon
("There is a textbook example: ...") has lower-case words and is not a label.
A turn runs over the following paragraphs until the next label or anything
that is clearly not part of it (boilerplate, a separator, a metadata line).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from statements.ingest.paragraphs import Paragraph, strip_span
from statements.ingest.speakers import SpeakerBook, fold
from statements.ingest.wordlists import (
    NAME_PARTICLES,
    NON_NAME_WORDS,
    NON_SPEAKER_LABELS,
    ORIGIN_WORDS,
    QUESTION_LABELS,
    TITLE_WORDS,
)

MAX_LABEL = 60
_PARENTHETICAL = re.compile(r"(?<!\s)\s*+[(\[][^()\[\]]{0,50}[)\]]\s*$")
_LABEL_WORD = re.compile(r"(?:[A-Z]\.\s?)+[A-Z][\w’'-]*|[A-Z][\w’'-]*\.?|[a-z]+")


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph's label: ``form`` as written (without parenthetical), where the words start."""

    form: str
    question: bool
    body_start: int


def parse_label(text: str, para: Paragraph) -> Label | None:
    """The label that opens ``para``, if its opening words before a colon are name-like."""
    colon = text.find(":", para.start, min(para.end, para.start + MAX_LABEL + 1))
    if colon <= para.start:
        return None
    after = text[colon + 1 : colon + 2]
    if after and not (after.isspace() or after in "“\"«”‘'—–-"):
        return None
    raw = text[para.start : colon]
    form = _PARENTHETICAL.sub("", raw).strip()
    if not form or "\n" in form or "\r" in form:
        return None
    words = _LABEL_WORD.findall(form)
    if not words or len("".join(words)) < len(form.replace(" ", "")) - 2:
        return None
    body_start, _ = strip_span(text, colon + 1, para.end)
    first = fold(words[0]).rstrip(".")
    if first in QUESTION_LABELS:
        return Label(form, True, body_start) if len(words) <= 3 else None
    if not _name_like(words):
        return None
    return Label(form, False, body_start)


def _name_like(words: list[str]) -> bool:
    if len(words) > 6:
        return False
    name_words = 0
    for word in words:
        low = fold(word).rstrip(".")
        if low in NON_SPEAKER_LABELS or (low in NON_NAME_WORDS and low not in ORIGIN_WORDS):
            return False
        if word[0].islower():
            if low not in NAME_PARTICLES:
                return False
            continue
        if low not in TITLE_WORDS and low not in ORIGIN_WORDS:
            name_words += 1
    return name_words >= 1


def strip_titles(form: str) -> str:
    """ "Foreign Minister Sergey Lavrov" -> "Sergey Lavrov"; "Mr Lavrov" -> "Lavrov"."""
    words = form.split()
    while len(words) > 1 and fold(words[0]).rstrip(".") in TITLE_WORDS | ORIGIN_WORDS:
        words.pop(0)
    return " ".join(words)


@dataclass
class TurnParagraph:
    """One paragraph of a turn: its words' offsets, its speaker (None for a question), its turn number."""

    para: Paragraph
    start: int
    end: int
    speaker: str | None
    question: bool
    turn: int
    label: str


def find_turns(
    text: str,
    paras: Sequence[Paragraph],
    book: SpeakerBook,
    stops: Callable[[Paragraph], bool],
) -> list[TurnParagraph]:
    """Paragraphs owned by labelled turns; ``stops`` says which paragraphs end a turn (noise, metadata)."""
    labels: dict[int, Label] = {}
    counts: Counter[str] = Counter()
    for para in paras:
        if stops(para):
            continue
        label = parse_label(text, para)
        if label is not None:
            labels[para.index] = label
            counts[fold(label.form)] += 1
    named = sum(1 for lab in labels.values() if not lab.question)
    accepted: dict[int, tuple[Label, str | None]] = {}
    for index, label in labels.items():
        if label.question:
            accepted[index] = (label, None)
            continue
        single = counts[fold(label.form)] > 1 or named > 1 or len(labels) > 1
        name = book.resolve(strip_titles(label.form), allow_new=True, allow_single=single)
        if name is not None:
            accepted[index] = (label, name)
    if not accepted:
        return []
    out: list[TurnParagraph] = []
    current: tuple[str | None, bool, int, str] | None = None
    turn = 0
    for para in paras:
        hit = accepted.get(para.index)
        if hit is not None:
            label, name = hit
            turn += 1
            current = (name, label.question, turn, label.form)
            if name is not None:
                book.speaking(name)
            if label.body_start < para.end:
                out.append(
                    TurnParagraph(para, label.body_start, para.end, name, label.question, turn, label.form)
                )
            continue
        if current is None:
            continue
        if stops(para):
            current = None
            continue
        name, question, number, form = current
        out.append(TurnParagraph(para, para.start, para.end, name, question, number, form))
    return out
