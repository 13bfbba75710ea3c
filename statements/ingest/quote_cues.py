"""Who a quotation is credited to by the reporting clause next to it.

News prose names a quote's source right beside it: after it (“...,” Clinton
said; “...,” said Jon Alterman, an analyst; “...,” he added) or before it
(Brafman said, “...”; He said: “...”; ..., saying “...”). When such a clause
names someone the reader cannot resolve (“...,” added another New Hampshire
Republican; a spokesman said), the quote is that unnamed person's, and no
other name in the sentence may take it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from statements.ingest.mentions import Ref
from statements.ingest.paragraphs import is_abbreviation_word
from statements.ingest.wordlists import PHRASAL_REPORTING, REPORTING_PARTICIPLES, REPORTING_VERBS

_WORD = re.compile(r"[A-Za-z][\w’'\-]*|[“”\"«»„]")
#: A reporting verb this many words after a quote at most belongs to it.
_AFTER_REACH = 8
#: ... and one this many words before it.
_BEFORE_REACH = 6
_CLAUSE_STOP = frozenset(".;!?")
#: "“...” ― Karen Bobadilla": a dash after a quote, then the name that signs it.
_DASH_SOURCE = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]*+[―—–][ \t\u00a0]*+(?=[A-Z])")
#: Words that may stand between a verb's subject and the verb: "Clinton has also said".
_BETWEEN = frozenset(
    "has had have also later then again once just repeatedly today yesterday tonight monday tuesday"
    " wednesday thursday friday saturday sunday".split()
)
#: Subjects that stand for someone unnamed: "the company said", "a spokesman said".
_DETERMINED = frozenset(
    "company campaign spokesman spokeswoman spokesperson official officials aide aides".split()
)


#: Lower-case nouns between two names, the first modifying the second: " campaign spokesman ".
_MODIFIER_WORD = re.compile(r"[a-z][a-z\-]*")
#: Words that join two names rather than make the first modify the second ("Smith of Brookings").
_FUNCTION_WORDS = frozenset(
    "of the a an and or but at in on for to with from by as who which that whose than nor".split()
)


class Cue(Enum):
    """A reporting clause whose source the reader could not name."""

    UNNAMED = "unnamed"


def _is_reporting(word: str) -> bool:
    low = word.lower()
    return low in REPORTING_VERBS or low in PHRASAL_REPORTING or low == "according"


def after(text: str, quote_end: int, end: int, refs: Sequence[Ref]) -> Ref | Cue | None:
    """The source a reporting clause right after a quotation names, ``Cue.UNNAMED``, or None.

    "Clinton said", "he added", "the senator said" (source, then verb) and "said Jon
    Alterman" (verb, then source) are read; the clause must start within a few words. A dash
    and a name ("― Karen Bobadilla") sign the quote.
    """
    dash = _DASH_SOURCE.match(text, quote_end, end)
    if dash is not None:
        signed = [r for r in refs if dash.end() <= r.start <= dash.end() + 1]
        return signed[0] if signed else Cue.UNNAMED
    words = []
    for match in _WORD.finditer(text, quote_end, end):
        if match.group() in '“”"«»„' or len(words) > _AFTER_REACH:
            break
        gap = text[words[-1][1] if words else quote_end : match.start()]
        if any(ch in _CLAUSE_STOP for ch in gap) and not _after_abbreviation(gap, words):
            break
        words.append((match.start(), match.end(), match.group()))
    verb = next((i for i, w in enumerate(words) if _is_reporting(w[2])), None)
    if verb is None:
        return None
    verb_start, verb_end = words[verb][0], words[verb][1]
    before_verb = [r for r in refs if quote_end <= r.start and r.end <= verb_start and not r.possessive]
    if before_verb:
        first = before_verb[0]
        return first if text.startswith(",", first.end) else before_verb[-1]
    if verb == 0 or all(w[2].lower() in ("has", "had", "also", "then") for w in words[:verb]):
        source_end = words[min(len(words), verb + 6) - 1][1] if len(words) > verb + 1 else verb_end
        following = [r for r in refs if verb_end <= r.start <= source_end + 1]
        if following:
            return _head_of(text, following)
    return Cue.UNNAMED


def _after_abbreviation(gap: str, words: list[tuple[int, int, str]]) -> bool:
    """The full stop of "said Sen. Bob Rourke" or "Lindsey O. Graham" does not end the clause."""
    return bool(words) and gap.strip() == "." and is_abbreviation_word(words[-1][2])


def _head_of(text: str, refs: Sequence[Ref]) -> Ref:
    """The person a run of names after a verb stands for: the last of those that only modify it.

    "said Latino Decisions researcher Sylvia Manzano" and "said Breitbart's Joel Pollak" are
    the researcher and the editor; the organisation in front only says whose they are.
    """
    index = 0
    while index + 1 < len(refs):
        gap = text[refs[index].end : refs[index + 1].start]
        if not (_modifies(gap) or (refs[index].possessive and gap.strip() == "")):
            break
        index += 1
    return refs[index]


def _modifies(gap: str) -> bool:
    """Whether one to three lower-case nouns, between spaces, are all that stand between two names."""
    words = gap.split()
    return (
        gap[:1].isspace()
        and gap[-1:].isspace()
        and 1 <= len(words) <= 3
        and all(_MODIFIER_WORD.fullmatch(w) and w not in _FUNCTION_WORDS for w in words)
    )


def _subject_gap(gap: str) -> bool:
    """Whether only an aside and auxiliaries stand between a subject and its verb ("Clinton, 68, has")."""
    if len(gap) > 80:
        return False
    if gap.lstrip().startswith(","):
        closing = gap.find(",", gap.index(",") + 1)
        if closing < 0 or any(ch in gap[:closing] for ch in '.;:“”"'):
            return False
        gap = gap[closing + 1 :]
    return all(w.lower() in _BETWEEN or (w.endswith("ly") and len(w) > 3) for w in gap.split())


def before(text: str, quote_start: int, start: int, refs: Sequence[Ref]) -> Ref | Cue | None:
    """The source a reporting clause right before a quotation names, ``Cue.UNNAMED``, or None.

    "Brafman said, “...”", "He said: “...”", "Clinton acknowledged Sunday that “...”", and a
    participle after a comma (", saying “...”"), whose source is the sentence's subject. A
    verb right before the quote whose subject is nobody the reader knows ("Verizon said in a
    statement: “...”") is unnamed.
    """
    words = [(m.start(), m.group()) for m in _WORD.finditer(text, start, quote_start)]
    for index in range(len(words) - 1, max(-1, len(words) - 1 - _BEFORE_REACH), -1):
        position, word = words[index]
        low = word.lower()
        if low in REPORTING_PARTICIPLES and text[max(start, position - 2) : position].strip() == ",":
            subject = next((r for r in refs if r.start < position and not r.possessive), None)
            return subject
        if _is_reporting(word):
            source = [r for r in refs if r.end <= position and not r.possessive]
            if source and _subject_gap(text[source[-1].end : position]):
                return source[-1]
            subject = words[index - 1][1] if index else ""
            return Cue.UNNAMED if subject[:1].isupper() or subject.lower() in _DETERMINED else None
    return None
