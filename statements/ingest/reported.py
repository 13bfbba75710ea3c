"""Indirect speech: a person (or he/she, or "the minister") as the subject of a reporting verb.

Forms read: "Lavrov reiterated that ...", "Zelensky has warned ...", "Moscow, he
claimed, sees ...", "..., said the minister.", "According to Lavrov, ...",
"As Lavrov made clear, ...", "He has been critical of X, arguing that ...".
Each check looks at a few words next to a reference, so a sentence costs
time in proportion to its length.
"""

from __future__ import annotations

import re

from statements.ingest.mentions import Ref
from statements.ingest.wordlists import (
    PHRASAL_REPORTING,
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
    VERB_MODIFIERS,
)

#: Words without one of which a sentence cannot be reported speech.
CUE_WORDS = frozenset(
    REPORTING_VERBS | PHRASAL_REPORTING.keys() | REPORTING_PARTICIPLES | {"according", "clear"}
)

#: Spaces and tabs; the patterns below only start at the first of a run, so a long run of
#: white space costs linear time wherever they are searched.
_GAP = r"[ \t\u00a0]"
#: The next word, past at most two comma asides (", 60, a doctor, said").
_NEXT_WORD = re.compile(rf"(?<!{_GAP}){_GAP}*+(?:(,(?:[^,.;:!?“”\"]{{1,60}},){{1,2}}){_GAP}*+)?([A-Za-z]+)")
_BEFORE_REF = re.compile(
    r"(?:^|[,;:—–\-(\s“”\"])(according to|said|says|added|adds|stated|explained|noted|wrote"
    r"|told|continued|insisted|warned|argued|claimed|stressed|concluded|asked|replied)"
    r"[ \t\u00a0]+$",
    re.IGNORECASE,
)
_AS_MADE_CLEAR = re.compile(
    rf"(?<!{_GAP}){_GAP}++(?:has{_GAP}++|had{_GAP}++)?made{_GAP}++(?:it{_GAP}++)?clear\b"
)
_PARTICIPLE = re.compile(r",[ \t\u00a0]+(" + "|".join(sorted(REPORTING_PARTICIPLES)) + r")[ \t\u00a0]+that\b")


def verb_after(text: str, pos: int, end: int) -> bool:
    """Whether a reporting verb follows ``pos``, past auxiliaries, adverbs and one comma aside."""
    steps = 0
    while steps < 5:
        match = _NEXT_WORD.match(text, pos, end)
        if match is None:
            return False
        word = match.group(2).lower()
        if word in REPORTING_VERBS:
            return True
        particle = PHRASAL_REPORTING.get(word)
        if particle is not None:
            return (
                re.match(r"[ \t\u00a0]+(?:" + particle + r")\b", text[match.end() : match.end() + 8])
                is not None
            )
        if word not in VERB_MODIFIERS and not (word.endswith("ly") and len(word) > 4):
            return False
        pos = match.end()
        steps += 1
    return False


def reports_next_to(text: str, ref: Ref, start: int, end: int) -> bool:
    """Whether a reporting verb stands right after ``ref`` or "said"/"according to" right before it."""
    if ref.possessive:
        return False
    window = text[max(start, ref.start - 16) : ref.start]
    return _BEFORE_REF.search(window) is not None or verb_after(text, ref.end, end)


def reporting_ref(text: str, start: int, end: int, refs: list[Ref]) -> Ref | None:
    """The reference that a reporting construction in the sentence ``start:end`` names as speaker."""
    for ref in refs:
        if ref.possessive:
            continue
        window = text[max(start, ref.start - 16) : ref.start]
        if _BEFORE_REF.search(window):
            return ref
        if verb_after(text, ref.end, end):
            return ref
        if text[max(start, ref.start - 3) : ref.start].lower().endswith("as ") and _AS_MADE_CLEAR.match(
            text, ref.end, end
        ):
            return ref
    if refs and not refs[0].possessive and _PARTICIPLE.search(text, refs[0].end, end):
        return refs[0]
    return None
