"""What a document itself says about the people in it, for reading its labels and bylines.

A label gives a surname ("MS. PSAKI"), an office ("THE PRESIDENT") or a title
with a name; the rest of the document usually says who that is ("Press
Briefing by Press Secretary Jen Psaki", "Remarks by President Biden"). It also
says which words are ordinary words: a word the text writes in lower case
("promise", "made", "next") is not a name, however it is capitalised in a
label. Everything is looked up lazily and cached, so a document without
labels pays for nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from statements.ingest.folding import fold_word
from statements.ingest.given_names import RARE, frequency, is_given_name
from statements.ingest.wordlists import (
    HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NON_NAME_WORDS,
    ORIGIN_WORDS,
    TITLE_WORDS,
)

#: A capitalised word after a lower-case word or a comma: a name or a title, not a sentence start.
_NAME_WORD = r"(?:[^\W\d_a-z][\w’'\-]*|[^\W\d_a-z]\.)"
#: The capitalised words right before a surname ("Press Secretary Jen ").
_WORDS_BEFORE = re.compile(rf"(?<![\w’'\-.])(?:{_NAME_WORD}[ \u00a0]++){{1,5}}$")
_GAP = r"[ \u00a0]"
_INITIAL = re.compile(r"(?:[^\W\d_]\.)+")
_LOWER_WORD = re.compile(r"\b[a-z][\w’'\-]*")
_MID_CAPITAL = re.compile(r"(?<=[a-z,][ \u00a0])[A-Z][\w’'\-]*")
#: Title words that make a longer office: "Vice" before "President" is not THE PRESIDENT.
_OFFICES = TITLE_WORDS - frozenset("of the to for and at his her their its".split())
#: How far into the document the head (headline, lead, first lines) reaches.
HEAD_PARAGRAPHS = 6


def is_title_word(word: str) -> bool:
    """A title, a form of address, an origin or an acronym before a name ("Doctors", "VP", "FEMA")."""
    low = fold_word(word).rstrip(".")
    if word.isupper() and 1 < len(word) <= 5 and not _INITIAL.fullmatch(word):
        return True
    return low in TITLE_WORDS or low in HONORIFICS or low in ORIGIN_WORDS or low.rstrip("s") in TITLE_WORDS


class Evidence:
    """Lookups into one document's text; ``head`` is its headline and first paragraphs."""

    def __init__(self, text: str, head: str) -> None:
        self.text = text
        self.head = head
        self._full_names: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self._ordinary: dict[str, bool] = {}

    def ordinary_word(self, word: str) -> bool:
        """Whether the text uses ``word`` as an ordinary word: in lower case more than as a name."""
        low = fold_word(word)
        if low in NAME_PARTICLES:
            return False
        if low not in self._ordinary:
            lowered = word.lower()
            written = lowered[0].upper() + lowered[1:]
            lower, capital = self._counts[0][lowered], self._counts[1][written]
            self._ordinary[low] = lower > capital
        return self._ordinary[low]

    def given_name(self, word: str) -> bool:
        """A given name in this text: a rare one the text also writes in lower case is that word.

        "Even HBO comedian John Oliver" starts with "even", not with the Norwegian name Even.
        """
        if not is_given_name(word):
            return False
        bare = word.rstrip(".")
        return len(bare) < 2 or frequency(bare) > RARE or not self.ordinary_word(bare)

    @cached_property
    def _counts(self) -> tuple[Counter[str], Counter[str]]:
        """Every word in lower case, and every capitalised word after a lower-case word or comma:
        counted once, since a text asks about many words (a search per word costs more)."""
        lower = Counter(m.group() for m in _LOWER_WORD.finditer(self.text))
        capital = Counter(m.group() for m in _MID_CAPITAL.finditer(self.text))
        return lower, capital

    def full_names(self, surname: str) -> list[tuple[str, tuple[str, ...]]]:
        """Every "First Surname" the text writes (in mixed case), with the titles before it.

        "Press Secretary Jen Psaki" gives ("Jen Psaki", ("Press", "Secretary")); "Dr.
        Nunez-Smith" gives ("Nunez-Smith", ("Dr.",)) with no first name.
        """
        key = fold_word(surname)
        if key in self._full_names:
            return self._full_names[key]
        # "Comey’s statement" writes the name too: a possessive may follow it
        pattern = re.compile(rf"(?<![\w’'\-])(?i:{re.escape(surname)})(?=['’]s\b|(?![\w’'\-]))")
        found = []
        for match in pattern.finditer(self.text):
            written = match.group()
            if written.isupper() and len(written) > 1:
                continue
            before = _WORDS_BEFORE.search(self.text, max(0, match.start() - 90), match.start())
            words = before.group().split() if before else []
            first: list[str] = []
            while words and self._first_name_like(words[-1], len(first)):
                first.insert(0, words.pop())
                if len(first) == 2:
                    break
            titles = tuple(w for w in words[-4:] if is_title_word(w))
            found.append((" ".join([*first, written]), titles))
        self._full_names[key] = found
        return found

    def full_name(self, surname: str, titles: tuple[str, ...] = ()) -> str | None:
        """The fullest name the text gives for ``surname``, preferring one written after ``titles``.

        None when the text gives two first names for it about as often (a mother and a daughter).
        """
        names = self.full_names(surname)
        if not names:
            return None
        wanted = {fold_word(t).rstrip(".") for t in titles} - {"the", "of"}
        with_first = [n for n, _ in names if " " in n]
        if wanted:
            titled = [n for n, t in names if " " in n and wanted & {fold_word(x).rstrip(".") for x in t}]
            if titled:
                return Counter(titled).most_common(1)[0][0]
        in_head = [n for n in with_first if n in self.head]
        if in_head:
            return Counter(in_head).most_common(1)[0][0]  # the headline introduces its people
        if with_first:
            ranked = Counter(with_first).most_common(2)
            if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
                return ranked[0][0]
            return None  # "Hillary Clinton" and "Bill Clinton" alike: the surname alone says which
        return Counter(n for n, _ in names).most_common(1)[0][0]

    def holder(self, office: tuple[str, ...]) -> str | None:
        """Who the headline (else the text) names with ``office``: "President Biden" for THE PRESIDENT."""
        words = _GAP.join(re.escape(w) for w in office)
        # "Prime Minister Keir Starmer", and Hansard's "The Prime Minister (Keir Starmer):"
        pattern = re.compile(
            rf"(?<![\w’'\-])(?i:{words})(?:{_GAP}*+\({_GAP}*+|{_GAP}+)({_NAME_WORD}(?:{_GAP}+{_NAME_WORD}){{0,3}})"
        )
        for source in (self.head, self.text):
            names = Counter()
            for match in pattern.finditer(source):
                before = source[max(0, match.start() - 12) : match.start()].split()
                if before and fold_word(before[-1]).rstrip(".") in _OFFICES:
                    continue  # "Vice President Harris" is not THE PRESIDENT
                name = name_after_titles(match.group(1).split())
                if name:
                    names[name] += 1
            if names:
                return names.most_common(1)[0][0]
        return self.holder_before(office)

    def holder_before(self, office: tuple[str, ...]) -> str | None:
        """ "Stéphane Dujarric, Spokesman for the Secretary-General": the name, then the office."""
        words = _GAP.join(re.escape(w) for w in office)
        pattern = re.compile(
            rf"(?<![\w’'\-.])({_NAME_WORD}(?:{_GAP}+{_NAME_WORD}){{1,3}}),{_GAP}+(?:the{_GAP}+)?(?i:{words})\b"
        )
        for source in (self.head, self.text):
            for match in pattern.finditer(source):
                first, *rest = match.group(1).split()
                if rest and self._first_name_like(first, len(rest)):
                    return match.group(1)
        return None

    def _first_name_like(self, word: str, before: int) -> bool:
        """A word that may be a first name: a given name or an initial, or (right before the
        surname) a capitalised word the text does not use as an ordinary word.

        "Press Secretary Jen Psaki" gives "Jen"; "Strategic Communications John Kirby" gives
        "John" only; "Doctors Walensky" and "VP Harris" give no first name.
        """
        if _INITIAL.fullmatch(word):
            return True
        low = fold_word(word)
        if is_title_word(word) or low in NON_NAME_WORDS or low == "i" or re.search(r"['’]", word[1:]):
            return False
        if word.isupper() and len(word) > 1:
            return False
        if is_given_name(word):
            return True
        return before == 0 and not self.ordinary_word(word)


def name_after_titles(words: list[str]) -> str | None:
    """The name in a run of capitalised words after their titles.

    Titles and words of bodies are passed ("National Economic Council Director Lael Brainard"
    gives "Lael Brainard"). A name that starts with a given name takes up to three more name
    words ("Joe Biden"); otherwise it is one word, or two when nothing capitalised follows
    ("President Halvorsen Before Marine One" gives "Halvorsen", "President Biden Honoring
    the Champions" gives "Biden"). "Biden and Prime Minister Suga" gives "Biden".
    """
    words = [w.rstrip(",") for w in words]
    start = 0
    while start < len(words) and (is_title_word(words[start]) or fold_word(words[start]) in NON_NAME_WORDS):
        if fold_word(words[start]) in ("and", "&"):
            return None
        start += 1
    if start == len(words) or not words[start][:1].isupper() or not _name_word(words[start]):
        return None
    following = [w for w in words[start + 1 : start + 4]]
    name = [words[start]]
    if is_given_name(words[start]) and not _INITIAL.fullmatch(words[start]):
        for word in following:
            if not _is_name_continuation(word):
                break
            name.append(word)
    elif following and _is_name_continuation(following[0]):
        if len(following) == 1 or not _is_name_continuation(following[1]):
            name.append(following[0])
    while len(name) > 1 and fold_word(name[-1]).rstrip(".") in NAME_SUFFIXES:
        name.pop()
    return " ".join(name)


def _is_name_continuation(word: str) -> bool:
    return word[:1].isupper() and not is_title_word(word) and _name_word(word)


def _name_word(word: str) -> bool:
    """Not a headline's verb ("Honoring", "Celebrated") nor a body's name ("Council", "Force")."""
    low = fold_word(word).rstrip(".")
    return low not in NON_NAME_WORDS and not (len(low) > 4 and low.endswith(("ing", "ed")))
