"""Tagging passages with topics from a keyword lexicon, stemmed so word forms match."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import snowballstemmer

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_stemmer = snowballstemmer.stemmer("english")


def stems(text: str) -> list[str]:
    """Lower-cased stems of the words of ``text``, in order."""
    return _stemmer.stemWords([w.lower() for w in _WORD.findall(text)])


@dataclass(frozen=True)
class _Entry:
    slug: str
    phrases: tuple[tuple[str, ...], ...]


class Lexicon:
    """Topic slugs with the words and names that signal each."""

    def __init__(self, entries: Iterable[Mapping]):
        self._entries = [
            _Entry(e["slug"], tuple(tuple(stems(k)) for k in [e["name"], *e.get("keywords", ())] if stems(k)))
            for e in entries
        ]

    def tag(self, text: str) -> list[str]:
        words = stems(text)
        found = []
        joined = " " + " ".join(words) + " "
        for entry in self._entries:
            if any(" " + " ".join(phrase) + " " in joined for phrase in entry.phrases):
                found.append(entry.slug)
        return found
