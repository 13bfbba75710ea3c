"""Unlabelled speech reproduced after an introduction ("... Lavrov's remarks which now follow:").

The speech runs over the following paragraphs until another voice takes over,
and it must be the speaker's own (first-person) words, not more narration:
a paragraph that names the speaker in the third person ("Lavrov is right to
..."), the writer's own markers ("IMO", "[my emphasis]"), a heading, a
separator, boilerplate, or a labelled turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from statements.ingest.authorship import speaks_in_first_person
from statements.ingest.folding import fold
from statements.ingest.mentions import find_refs
from statements.ingest.paragraphs import Paragraph, strip_span
from statements.ingest.quotes import QUOTE_OPENERS
from statements.ingest.speakers import SpeakerBook, name_tokens
from statements.ingest.wordlists import SPEECH_NOUNS

_INTRO_END = re.compile(r":[\s\"“”]*$")
_SAID_BEFORE_COLON = re.compile(
    r"\b(?:said|says|stated|declared|wrote|writes|told\s+\w+|added|continued|explained|as\s+follows|the\s+following)"
    r"(?:\s+(?:that|this|the\s+following|so|as\s+follows|\w+ly))?\s*:[\s\"“”]*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")
_WRITER_MARKERS = re.compile(
    r"\b(?:IMO|IMHO|in\s+my\s+(?:humble\s+)?opinion|I\s+think\s+that\s+\w+\s+is\s+right)\b"
)
_CLOSING_ASIDE = re.compile(
    r"(?<!\s)\s*+\[[^\[\]]{0,40}(?:emphasis|bolding|italics|underlining|highlight\w*|end|ends|ENDS)[^\[\]]{0,20}\]\s*$",
    re.IGNORECASE,
)
_HEADING_END = (".", "!", "?", ",", ";", "…", "”", '"', "»", ")", "]")


@dataclass
class RemarksParagraph:
    """One paragraph of an unlabelled speech: offsets, speaker, the speech's number."""

    para: Paragraph
    start: int
    end: int
    speaker: str
    speech: int


def intro_speaker(text: str, para: Paragraph, book: SpeakerBook) -> str | None:
    """The speaker a paragraph introduces when it ends with a colon announcing their words."""
    line_end = para.end
    if not _INTRO_END.search(text, max(para.start, line_end - 4), line_end):
        return None
    tail_start = max(para.start, line_end - 400)
    words = {w.lower() for w in _WORD.findall(text, tail_start, line_end)}
    said = _SAID_BEFORE_COLON.search(text, tail_start, line_end) is not None
    if not said and not (words & SPEECH_NOUNS):
        return None
    refs = [r for r in find_refs(text, para.start, para.end, book) if r.name is not None]
    if not refs:
        return None
    anchor = _anchor(text, para, said)
    return min(refs, key=lambda r: abs(r.start - anchor)).name


def _anchor(text: str, para: Paragraph, said: bool) -> int:
    """Where the speech noun or verb sits, to pick the person named nearest to it."""
    if said:
        return para.end
    best = para.end
    for match in _WORD.finditer(text, max(para.start, para.end - 400), para.end):
        if match.group().lower() in SPEECH_NOUNS:
            best = match.start()
    return best


def find_remarks(
    text: str,
    paras: Sequence[Paragraph],
    book: SpeakerBook,
    free: Callable[[Paragraph], bool],
    stops: Callable[[Paragraph], bool],
    first_speech: int,
) -> list[RemarksParagraph]:
    """Paragraphs of unlabelled speech after introductions; ``free`` paragraphs are not yet owned."""
    out: list[RemarksParagraph] = []
    speech = first_speech
    i = 0
    while i < len(paras):
        para = paras[i]
        i += 1
        if not free(para) or stops(para):
            continue
        speaker = intro_speaker(text, para, book)
        if speaker is None:
            continue
        if i < len(paras) and text[paras[i].start] in QUOTE_OPENERS:
            continue  # quoted paragraphs after the colon are quotes, read with the narration
        surname_forms = third_person_forms(book, speaker)
        run: list[RemarksParagraph] = []
        while i < len(paras):
            nxt = paras[i]
            if not free(nxt) or stops(nxt) or another_voice(text, nxt, surname_forms):
                break
            start, end = nxt.start, nxt.end
            closing = _CLOSING_ASIDE.search(text, start, end)
            if closing:
                end = strip_span(text, start, closing.start())[1]
            run.append(RemarksParagraph(nxt, start, end, speaker, speech + 1))
            i += 1
            if closing:
                break
        if run and speaks_in_first_person(text, [r.para for r in run]):
            speech += 1
            book.speaking(speaker)
            out.extend(run)
    return out


def third_person_forms(book: SpeakerBook, speaker: str) -> set[str]:
    """The surnames (as the text wrote them) by which narration would name ``speaker``."""
    person = book.people[speaker]
    forms = {person.surname}
    for form in person.forms:
        tokens = name_tokens(form)
        if tokens:
            forms.add(tokens[-1])
    return {f for f in forms if len(f) >= 2}


def another_voice(text: str, para: Paragraph, surnames: set[str]) -> bool:
    """Whether ``para`` is not the speaker's: a heading, the writer's aside, the speaker named."""
    line = text[para.start : para.end]
    if len(line) <= 100 and not line.rstrip().endswith(_HEADING_END):
        return True
    if _WRITER_MARKERS.search(line):
        return True
    folded = set(_WORD.findall(fold(line)))
    return bool(folded & surnames)
