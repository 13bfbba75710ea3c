"""Direct quotations in narration: “curly”, "straight", «guillemets», and the ” some sites open with.

A quote mark opens when it follows a space or the start of the paragraph and
is followed by a letter; it closes when it follows a non-space. This reads
both ”...” and “...” the same way, in one pass over the paragraph.

News style runs a long quotation over several paragraphs: each opens with a
quote mark and only the last one closes. A quote left open at the end of a
paragraph that it opened (or that introduced it with a colon) runs to the
paragraph's end and is marked ``open_end``. Words in quotation marks that are
capitalised like a title (“Promoting Advanced Artificial Intelligence”) are a
name, not a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from statements.ingest.wordlists import REPORTING_VERBS

_OPENERS = frozenset('“”"„«')
#: Marks that may open a quotation.
QUOTE_OPENERS = _OPENERS
_CLOSERS = {"“": '”"', "”": '”“"', '"': '"”', "„": '“”"', "«": "»"}
_MARKS = re.compile('[“”"„«»]')
_BEFORE_OPEN = frozenset(" \t\u00a0([—–-:/")
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words at ``start:end`` (marks excluded); ``outer`` includes the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    #: The quotation goes on in the next paragraph (no closing mark before this one ends).
    open_end: bool = False

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Top-level quotations in ``text[start:end]``, nested quotes kept inside their outer quote."""
    found: list[Quote] = []
    opened_at = -1
    opener = ""
    depth = 0
    for mark in _MARKS.finditer(text, start, end):
        pos = mark.start()
        ch = text[pos]
        prev = text[pos - 1] if pos > start else " "
        nxt = text[pos + 1] if pos + 1 < end else " "
        glued = prev == "”" and ch == "“"  # “...”“...”: two quotations with no space between
        can_open = ch in _OPENERS and (pos == start or prev in _BEFORE_OPEN or glued) and not nxt.isspace()
        can_close = pos > start and not prev.isspace()
        if opened_at < 0:
            if can_open:
                opened_at, opener, depth = pos, ch, 0
        elif can_close and ch in _CLOSERS[opener]:
            if depth:
                depth -= 1
            else:
                found.append(_quote(text, opened_at, pos))
                opened_at = -1
        elif can_open:
            depth += 1
    if opened_at >= 0 and _may_run_on(text, start, opened_at):
        inner_start, inner_end = _strip(text, opened_at + 1, end)
        if inner_start < inner_end:
            found.append(Quote(inner_start, inner_end, opened_at, end, open_end=True))
    return [q for q in found if not _is_title(text, q)]


def _may_run_on(text: str, start: int, opened_at: int) -> bool:
    """An unclosed quote runs on when it opens the paragraph, follows a colon or "said,"."""
    if opened_at == start:
        return True
    before = text[max(start, opened_at - 16) : opened_at].rstrip(" \t\u00a0")
    if before.endswith(":"):
        return True
    words = before.rstrip(",").split()
    return before.endswith(",") and bool(words) and words[-1].lower() in REPORTING_VERBS


_TITLE_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


def _is_title(text: str, quote: Quote) -> bool:
    """Words capitalised like a title or a name: “Promoting Advanced Artificial Intelligence and Security”."""
    words = [w for w in _TITLE_WORD.findall(text, quote.start, quote.end) if len(w) > 3]
    if len(words) < 3 or quote.open_end:
        return False
    if text[quote.start : quote.end].rstrip().endswith((".", "!", "?", ",")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quote(text: str, open_at: int, close_at: int) -> Quote:
    inner_start, inner_end = open_at + 1, close_at
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    return Quote(inner_start, inner_end, open_at, close_at + 1)
