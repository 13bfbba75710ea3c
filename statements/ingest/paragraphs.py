"""Cutting a text into paragraphs and sentences as offsets, so nothing is copied.

A paragraph is one non-blank line: the sources put one paragraph per line, and
line ends may be ``\\n``, ``\\r\\n`` or a lone ``\\r``. Offsets exclude the line
end and the white space around the paragraph, so a passage never starts with
a space nor ends with a carriage return.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_LINE_END = re.compile(r"\r\n?|\n")
_BLANK = " \t\u00a0\u200b\u202f\u205f\u3000\ufeff" + "".join(chr(c) for c in range(0x2000, 0x200B))

#: Sentence ends: punctuation, optional closing quotes or brackets, then space. A run of
#: punctuation is tried from its first mark only (or from the mark after an initial such as
#: "B."), so that a long run of dots costs linear time, not quadratic.
_SENTENCE_END = re.compile(
    r"(?:(?<![\s(“\"‘.][A-Za-z])(?<![.!?…])\.|(?<![.!?…])[!?…]|(?<=[\s(“\"‘.][A-Za-z]\.)[.!?…])"
    r"[.!?…]*+[\"”’»)\]]*+[ \t\u00a0]++(?=[^\W_a-z]|[“\"‘«(\[])"
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen col lt sgt prof rev no vs etc e.g i.e u.s u.k u.n e.u approx fig "
    "jan feb mar apr jun jul aug sep sept oct nov dec gov sen rep amb cf al".split()
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One non-blank line, by offsets into the document's text."""

    index: int
    start: int
    end: int


def paragraphs(text: str) -> Iterator[Paragraph]:
    """Yield the non-blank lines of ``text`` with their stripped offsets."""
    index = 0
    pos = 0
    size = len(text)
    while pos <= size:
        match = _LINE_END.search(text, pos)
        line_end = match.start() if match else size
        start, end = strip_span(text, pos, line_end)
        if start < end:
            yield Paragraph(index, start, end)
            index += 1
        if match is None:
            break
        pos = match.end()


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``start:end`` past white space (including no-break spaces) on both sides."""
    while start < end and (text[start] in _BLANK or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _BLANK or text[end - 1].isspace()):
        end -= 1
    return start, end


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """Whether the word ending at ``dot`` is an initial or a known abbreviation (no sentence end)."""
    if text[dot] != ".":
        return False
    space = max(text.rfind(" ", max(start, dot - 12), dot), start - 1)
    return is_abbreviation_word(text[space + 1 : dot].lstrip('(“"‘'))


def is_abbreviation_word(word: str) -> bool:
    """An initial ("O") or an abbreviation ("Sen", "Dr", "U.S") that a full stop follows inside a sentence."""
    word = word.lower()
    if len(word) == 1 and word.isalpha():
        return True
    return word in _ABBREVIATIONS


def sentences(
    text: str, start: int, end: int, protected: Sequence[tuple[int, int]] = ()
) -> Iterator[tuple[int, int]]:
    """Yield sentence spans of ``text[start:end]``; never split inside a ``protected`` span (a quote)."""
    pos = start
    guard = iter(protected)
    current = next(guard, None)
    for match in _SENTENCE_END.finditer(text, start, end):
        cut = match.end()
        while current is not None and current[1] < match.start():
            current = next(guard, None)
        marks_end = match.start() + len(match.group().rstrip(" \t\u00a0"))
        if current is not None and current[0] < match.start() < current[1] and marks_end < current[1]:
            continue
        following = text[cut] if cut < end else ""
        if following and not (following.isupper() or following.isdigit() or following in '“"‘«(['):
            continue
        if _is_abbreviation(text, pos, match.start()):
            continue
        s, e = strip_span(text, pos, cut)
        if s < e:
            yield s, e
        pos = cut
    s, e = strip_span(text, pos, end)
    if s < e:
        yield s, e


#: How far back from a piece's limit a sentence end is looked for before cutting at a space.
CUT_SEARCH = 2_000


def pieces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``limit`` characters, at sentence ends if possible.

    A passage is what a permalink shows and what one search-index entry holds
    (PostgreSQL caps a tsvector at 1 MB), so a paragraph of megabytes on one
    line is stored as consecutive passages instead. Each piece ends at the last
    sentence end shortly before the limit, else at the last space, else at the limit
    itself (never in front of a combining mark, which belongs to its letter).
    """
    spans: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        cut = _cut_point(text, pos, pos + limit)
        spans.append(strip_span(text, pos, cut))
        pos, _ = strip_span(text, cut, end)
    spans.append(strip_span(text, pos, end))
    return [span for span in spans if span[0] < span[1]]


def _cut_point(text: str, start: int, window_end: int) -> int:
    tail = max(start + 1, window_end - CUT_SEARCH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, tail, window_end) if m.end() < window_end]
    for cut in reversed(ends):
        dot = text.rfind(".", start, cut)
        if not (dot >= 0 and cut - dot <= 6 and _is_abbreviation(text, start, dot)):
            return cut
    space = text.rfind(" ", start + 1, window_end)
    cut = space if space > start else window_end
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut
