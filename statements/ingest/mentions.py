"""Finding the people a sentence refers to: names, titles standing for a name, and he/she.

Names are found as runs of capitalised words; titles at the front of a run
("Russian Deputy Foreign Minister") are peeled off and remembered, so that a
later "the minister" can be resolved. Every pattern here is a single pass over
the words, so the cost grows linearly with the text.

One module: finding a run of capitalised words and resolving it are one pass, since the
title before a run decides which of its words are a name and whom they name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from statements.ingest.folding import fold_word as fold
from statements.ingest.given_names import is_given_name
from statements.ingest.speakers import SpeakerBook
from statements.ingest.wordlists import (
    INSTITUTION_WORDS,
    MONTH_WORDS,
    NAME_PARTICLES,
    NON_NAME_WORDS,
    ORIGIN_WORDS,
    TITLE_WORDS,
)

_WORD = re.compile(r"[^\W\d_](?:[\w’'\-]|\.(?=[^\W\d_]))*\.?")
_POSSESSIVE = re.compile(r"['’]s?$")
_ROLE_HEAD = re.compile(
    r"\b(?:minister|president|secretary|spokeswoman|spokesman|spokesperson|chancellor|ambassador|envoy"
    r"|diplomat|premier|leader|senator|governor|congressman|congresswoman|lawmaker|mayor|nominee)\b",
    re.IGNORECASE,
)
#: ", Jr." after a name belongs to it: "President Joseph R. Biden, Jr. declared ...".
_SUFFIX_AFTER = re.compile(r",?[ \u00a0](?:Jr|Sr)\.|,?[ \u00a0](?:II|III|IV)\b")
_DAY_AFTER = re.compile(r"[ \u00a0]?\d")
#: ", 60," right after a name: the age news reports give a person.
_AGE_AFTER = re.compile(r",[ \u00a0]\d{1,3},[ \u00a0]")
#: "of Russia", "of the United States" after a title: part of the reference "the President of Russia".
_OF_PLACE = re.compile(
    r"[ \u00a0]of[ \u00a0](?:the[ \u00a0])?[A-Z][\w’'\-]*+(?:[ \u00a0][A-Z][\w’'\-]*+){0,3}"
)
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_DETERMINERS = frozenset({"the", "this", "that"})
#: What separates the words of a title or a name: a space, or a no-break space (Kremlin style).
_SPACES = frozenset({" ", "\u00a0"})
#: Lower-case words that matter around a name or a title; other lower-case words are skipped.
_KEPT_LOWER = (
    TITLE_WORDS
    | ORIGIN_WORDS
    | NAME_PARTICLES
    | _DETERMINERS
    | frozenset(
        "minister president secretary spokeswoman spokesman spokesperson chancellor ambassador envoy"
        " diplomat premier leader senator governor congressman congresswoman lawmaker mayor nominee".split()
    )
)
#: Words joining the words of a title ("Secretary of State").
_JOINING = frozenset("of the to for and at his her their its".split())
#: Title words that are offices or ranks ("Sen.", "Deputy Minister"), not the words joining them.
_OFFICE_WORDS = TITLE_WORDS - _JOINING
#: Title words that narrow down a role ("foreign" in "the foreign minister").
_ROLE_WORDS = TITLE_WORDS - _JOINING
#: Words in the longest name read ("Luiz Inacio Lula da Silva").
_LONGEST_NAME = 5
#: No word of a name is longer; longer "words" (a run of letters in a broken file) are skipped.
_LONGEST_WORD = 40


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to a person at ``start:end``; ``name`` is None until a pronoun or surname is resolved."""

    start: int
    end: int
    name: str | None
    #: "name", "title", "pronoun", or "surname": a lone capitalised word nobody was named by yet.
    kind: str
    #: "Lavrov's remarks": a possessive is never the subject of a reporting verb.
    possessive: bool = False


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for match in _WORD.finditer(text, start, end):
        if match.end() - match.start() > _LONGEST_WORD:
            continue
        word = match.group()
        w_end = match.end()
        if word.endswith(".") and not _keeps_dot(word):
            word = word[:-1]
            w_end -= 1
        if not word[0].isupper() and word.lower() not in _KEPT_LOWER:
            continue
        out.append((match.start(), w_end, word))
    return out


def _keeps_dot(word: str) -> bool:
    """ "S." and "U.S." keep their dot; "Lavrov." at a sentence end does not."""
    core = word[:-1]
    return len(core) == 1 or "." in core


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word) if len(word) > 2 else word


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


def _is_title_word(word: str) -> bool:
    low = fold(_bare(word)).rstrip(".")
    return low in TITLE_WORDS or low in ORIGIN_WORDS or fold(word) in ORIGIN_WORDS


def _is_break_word(word: str) -> bool:
    low = fold(_bare(word))
    return low in NON_NAME_WORDS or low.rstrip(".") in NON_NAME_WORDS


def find_refs(
    text: str, start: int, end: int, book: SpeakerBook, masked: Sequence[tuple[int, int]] = ()
) -> list[Ref]:
    """People referred to in ``text[start:end]`` (outside ``masked`` spans), in order.

    Names are resolved and noted as mentioned; title phrases ("the foreign minister")
    are resolved to the person most recently named with that title; pronouns are left
    for the caller, who knows the last speaker.
    """
    refs: list[Ref] = []
    words = [w for w in _words(text, start, end) if not _inside(w[0], masked)]
    refs.extend(_name_refs(text, words, book))
    refs.extend(_title_refs(text, start, end, words, book, masked))
    refs.extend(
        Ref(m.start(), m.end(), None, "pronoun")
        for m in _PRONOUN.finditer(text, start, end)
        if not _inside(m.start(), masked)
    )
    refs.sort(key=lambda r: r.start)
    return refs


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _runs(text: str, words: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive capitalised words (with name particles between), separated by single spaces."""
    run: list[tuple[int, int, str]] = []
    for item in words:
        s, _, word = item
        joined = bool(run) and text[run[-1][1] : s] in (" ", "", "\u00a0")
        if _is_capitalised(word) or (run and joined and fold(word) in NAME_PARTICLES):
            if run and not joined:
                yield run
                run = []
            run.append(item)
            if word != _bare(word):
                yield run
                run = []
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def _name_refs(text: str, words: list[tuple[int, int, str]], book: SpeakerBook) -> Iterator[Ref]:
    index_of = {w[0]: i for i, w in enumerate(words)}
    for run in _runs(text, words):
        title = _title_before(text, words, index_of[run[0][0]])
        aged = _AGE_AFTER.match(text, run[-1][1]) is not None
        segment: list[tuple[int, int, str]] = []
        for item in [*run, None]:
            if item is not None and (
                _is_name_word(item[2], segment, len(run))
                or (aged and segment and not _is_title_word(item[2]))
                or _month_surname(text, item, segment, book)
            ):
                segment.append(item)
                continue
            if segment and item is not None and _names_a_body(item[2]):
                segment = []  # "Clinton Foundation", "Democratic Party Chairman": a body's name
            if segment:
                while segment and fold(segment[-1][2]) in NAME_PARTICLES:
                    segment.pop()
                ref = _resolve_segment(text, segment, title, book, aged and item is None) if segment else None
                if ref is not None:
                    yield ref
                elif len(segment) == 1 and _may_be_surname(segment[0][2]):
                    s, e, word = segment[0]
                    bare = _bare(word)
                    yield Ref(s, s + len(bare), None, "surname", possessive=bare != word)
                segment = []
                title = ""
            if item is not None and _is_title_word(item[2]):
                title = f"{title} {item[2]}".strip()


def _month_surname(
    text: str, item: tuple[int, int, str], segment: list[tuple[int, int, str]], book: SpeakerBook
) -> bool:
    """ "Theresa May": a month after a given name is a surname, unless a day follows ("Paris May 5")."""
    if not segment or fold(_bare(item[2])) not in MONTH_WORDS or not book.starts_name(segment[0][2]):
        return False
    return _DAY_AFTER.match(text, item[1]) is None


def _names_a_body(word: str) -> bool:
    return fold(_bare(word)).rstrip(".") in INSTITUTION_WORDS and word == _bare(word)


def _is_name_word(word: str, segment: list[tuple[int, int, str]], run_length: int) -> bool:
    """A word of a name: not a title nor a body, except an origin that is a surname.

    "Mark Cuban" (after a given name) and a lone "Cuban" (which a reporting verb may show to
    be a surname) keep the word; "the Cuban President" does not.
    """
    if not _is_title_word(word) and not _is_break_word(word):
        return True
    if fold(_bare(word)) not in ORIGIN_WORDS or fold(_bare(word)) in TITLE_WORDS or _is_break_word(word):
        return False
    return (bool(segment) and is_given_name(segment[-1][2])) or run_length == 1


def _title_before(text: str, words: list[tuple[int, int, str]], index: int) -> str:
    """Lower-case title words right before a run: "then secretary of state" in "... Antony Blinken"."""
    parts: list[str] = []
    i = index - 1
    while i >= 0 and len(parts) < 6:
        word = words[i][2]
        if _is_capitalised(word) or not _is_title_word(word):
            break
        if text[words[i][1] : words[i + 1][0]] not in _SPACES:
            break
        parts.append(word)
        i -= 1
    return " ".join(reversed(parts))


def _resolve_segment(
    text: str, segment: list[tuple[int, int, str]], title: str, book: SpeakerBook, aged: bool = False
) -> Ref | None:
    """The person a segment of capitalised words names, if any.

    ``aged``: an age follows the name ("Yin Myint May, 60, a doctor, said"), which news
    reports give only for a person, so every word of it is the name, whatever else it means.
    """
    if len(segment) > _LONGEST_NAME:
        segment = segment[-_LONGEST_NAME:]
    words = title.split()
    # "chairman of Our Principles PAC": after "of" comes the body the title is of, not a person
    titled = (
        bool(words)
        and fold(words[-1]) not in _JOINING
        and any(fold(w).rstrip(".") in _OFFICE_WORDS for w in words)
    )
    while len(segment) > 1 and not titled and not aged and not _is_given_or_known(segment, book):
        segment = segment[1:]  # "Despite Ted Cruz": a sentence's first word before a name
    s, e = segment[0][0], segment[-1][1]
    form = text[s:e]
    bare = _POSSESSIVE.sub("", form) if len(segment[-1][2]) > 2 else form
    name = book.resolve(bare, allow_new=len(segment) >= 2, vouched=titled or aged)
    if name is None:
        return None
    book.mentioned(name, title)
    suffix = _SUFFIX_AFTER.match(text, e)
    return Ref(s, suffix.end() if suffix else e, name, "name", possessive=bare != form)


def _may_be_surname(word: str) -> bool:
    """A lone capitalised word that a reporting verb next to it could show to be a surname.

    "Cuban said" is Mark Cuban where the text names him: a word that is also an origin
    ("Cuban", "English") may be a surname; a title ("Speaker said") may not.
    """
    bare = _bare(word)
    low = fold(bare).rstrip(".")
    return len(bare) >= 3 and bare[0].isupper() and not bare.isupper() and low not in TITLE_WORDS


def _is_given_or_known(segment: list[tuple[int, int, str]], book: SpeakerBook) -> bool:
    """Whether a run starts a name: a given name or initial first, or a name the archive knows."""
    if book.starts_name(segment[0][2]) or fold(segment[0][2]) in NAME_PARTICLES:
        return True
    return book.known_name(" ".join(w for _, _, w in segment)) is not None


def _title_refs(
    text: str,
    start: int,
    end: int,
    words: list[tuple[int, int, str]],
    book: SpeakerBook,
    masked: Sequence[tuple[int, int]],
) -> Iterator[Ref]:
    """ "the (Russian) foreign minister", "Russia's foreign minister" when no name follows."""
    starts = {w[0]: i for i, w in enumerate(words)}

    def joined(i: int) -> bool:
        return text[words[i][1] : words[i + 1][0]] in _SPACES

    for match in _ROLE_HEAD.finditer(text, start, end):
        i = starts.get(match.start())
        if i is None or _inside(match.start(), masked):
            continue
        following = words[i + 1][2] if i + 1 < len(words) else ""
        if following and _is_capitalised(following) and not _is_title_word(following) and joined(i):
            continue  # a title before a name: the name itself is the reference
        j = i - 1
        role_words = [fold(words[i][2])]
        while j >= 0 and i - j <= 5 and joined(j):
            low = fold(words[j][2])
            if low in _DETERMINERS or low.endswith("'s"):
                break
            if low in _ROLE_WORDS:
                role_words.append(low)
            elif low not in ORIGIN_WORDS:
                break
            j -= 1
        if j < 0 or not joined(j):
            continue
        det = fold(words[j][2])
        if det in _DETERMINERS or det.endswith("'s"):
            name = book.by_title(role_words)
            if name is not None:
                book.mentioned(name)
                of = _OF_PLACE.match(text, match.end(), end)
                yield Ref(words[j][0], of.end() if of else match.end(), name, "title")


def opening_name(run: str, book: SpeakerBook) -> str | None:
    """The person a run of capitalised words names, past the titles in front ("Deputy Minister X")."""
    words = run.split()
    while words and (_is_title_word(words[0]) or _is_break_word(words[0])):
        words.pop(0)
    if not words or any(_is_break_word(w) or _is_title_word(w) for w in words):
        return None
    name = book.resolve(" ".join(words), allow_new=len(words) >= 2)
    if name is not None:
        book.mentioned(name)
    return name
