"""What kind of document a text is, from how much of it is whose words.

A transcript is mostly labelled turns (a speech, when there is only one turn); a
speech mostly unlabelled remarks, a statement the same when it is written;
commentary is narration in the writer's own first person ("I", "my", "IMO");
anything else is a report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from statements.ingest.paragraphs import Paragraph
from statements.ingest.quotes import find_quotes
from statements.ingest.remarks import RemarksParagraph
from statements.ingest.turns import TurnParagraph

#: The writer's own voice: "I", "my", "IMO". An institution's "we" and "our" (a release's "our
#: nation") do not make a text commentary.
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|IMO|IMHO|[Mm]y|[Mm]e)\b")
#: First-person words in the writer's narration that make a text commentary.
_COMMENTARY_WORDS = 2
#: The writer's voice is judged on this much narration at most.
_SAMPLE_CHARS = 200_000
#: Share of the text in labelled turns (or unlabelled remarks) that makes a transcript (or a speech).
_OWN_WORDS_SHARE = 0.6
#: Share of narration below which a text with turns is a transcript whatever its narration says.
_NARRATION_SHARE = 0.15


def _first_person_words(text: str, para: Paragraph) -> int:
    """First-person words of the writer: outside quotations, in the paragraph's first part."""
    count = 0
    pos = para.start
    end = min(para.end, para.start + _SAMPLE_CHARS)
    for quote in [*find_quotes(text, para.start, end), None]:
        stop = quote.outer_start if quote else end
        count += sum(1 for _ in _FIRST_PERSON.finditer(text, pos, stop))
        pos = quote.outer_end if quote else end
    return count


def _one_speech(turns: Sequence[TurnParagraph]) -> bool:
    """One labelled turn and no question: a speech under its speaker's label, not a dialogue."""
    return len({t.turn for t in turns}) == 1 and not any(t.question for t in turns)


def document_kind(
    text: str,
    paras: Sequence[Paragraph],
    turns: Sequence[TurnParagraph],
    remarks: Sequence[RemarksParagraph],
    not_narration: set[int],
    *,
    written: bool = False,
) -> str:
    """One of "transcript", "speech", "statement", "commentary", "report".

    ``written`` says that the unlabelled words are a written statement (a message, a letter,
    a signed proclamation) rather than a speech.
    """
    turn_chars = sum(t.end - t.start for t in turns)
    remarks_chars = sum(r.end - r.start for r in remarks)
    narration = [p for p in paras if p.index not in not_narration]
    narration_chars = sum(p.end - p.start for p in narration)
    total = max(1, turn_chars + remarks_chars + narration_chars)
    first_person = 0
    sampled = 0
    for para in narration:
        first_person += _first_person_words(text, para)
        sampled += para.end - para.start
        if first_person >= _COMMENTARY_WORDS or sampled > _SAMPLE_CHARS:
            break
    if first_person >= _COMMENTARY_WORDS and narration_chars >= _NARRATION_SHARE * total:
        return "commentary"
    if turns and turn_chars >= _OWN_WORDS_SHARE * total:
        return "speech" if _one_speech(turns) else "transcript"
    if remarks and remarks_chars >= _OWN_WORDS_SHARE * total:
        return "statement" if written else "speech"
    if turns:
        return "transcript"
    return "report"
