"""Tagging passages with topics from a keyword lexicon, stemmed so word forms match.

Keywords are matched as whole stemmed phrases ("sanctioned" finds "sanction").
Short all-capital keywords ("US", "UN", "EU") are matched as written, so the
pronoun "us" does not tag a passage with the United States.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import Stemmer

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ACRONYM_TOKEN = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}\b")
#: PyStemmer is the Snowball English stemmer compiled to C: the same stems, some fifteen times faster.
_stemmer = Stemmer.Stemmer("english")


_CACHE_LIMIT = 200_000
_cache: dict[str, str] = {}


def _stem(word: str) -> str:
    """Stemming is the slow part of tagging; a text repeats its words, so each is stemmed once."""
    stem = _cache.get(word)
    if stem is None:
        stem = _stemmer.stemWord(word)
        if len(_cache) < _CACHE_LIMIT:
            _cache[word] = stem
    return stem


def _stem_as_written(word: str) -> str:
    stem = _stem(word.lower())
    if len(_written) < _CACHE_LIMIT:
        _written[word] = stem
    return stem


#: Stems by the word as written (any case), so that a known word costs one lookup.
_written: dict[str, str] = {}


def stems(text: str) -> list[str]:
    """Lower-cased stems of the words of ``text``, in order."""
    written = _written
    return [written.get(w) or _stem_as_written(w) for w in _WORD.findall(text)]


def _acronym(keyword: str) -> str | None:
    """ "U.S." and "US" give "US"; anything that is not a short all-capital word gives None."""
    bare = keyword.replace(".", "").strip()
    if 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper():
        return bare
    return None


class Lexicon:
    """Topic slugs with the words and names that signal each."""

    def __init__(self, entries: Iterable[Mapping]):
        self._slugs: list[str] = []
        self._acronyms: dict[str, set[int]] = {}
        #: first stem of a phrase -> (the whole phrase, topic number): one pass over a text finds all.
        self._phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for number, entry in enumerate(entries):
            self._slugs.append(entry["slug"])
            for keyword in [entry["name"], *entry.get("keywords", ())]:
                short = _acronym(keyword)
                if short:
                    self._acronyms.setdefault(short, set()).add(number)
                    continue
                phrase = tuple(stems(keyword))
                if phrase:
                    self._phrases.setdefault(phrase[0], []).append((phrase, number))

    def tag(self, text: str) -> list[str]:
        """Slugs of the topics whose keywords occur in ``text``, in lexicon order."""
        found: set[int] = set()
        for match in _ACRONYM_TOKEN.finditer(text):
            found |= self._acronyms.get(match.group().replace(".", ""), set())
        words = stems(text)
        for first in self._phrases.keys() & set(words):
            for phrase, number in self._phrases[first]:
                if number not in found and _contains(words, first, phrase):
                    found.add(number)
        return [slug for number, slug in enumerate(self._slugs) if number in found]


def _contains(words: list[str], first: str, phrase: tuple[str, ...]) -> bool:
    """Whether the stemmed phrase occurs in ``words``, whose stem ``first`` it is known to hold."""
    if len(phrase) == 1:
        return True
    size = len(phrase)
    at = words.index(first)
    while True:
        if tuple(words[at : at + size]) == phrase:
            return True
        try:
            at = words.index(first, at + 1)
        except ValueError:
            return False
