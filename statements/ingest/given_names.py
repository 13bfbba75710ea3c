"""Given names of many countries, from the gender-guesser package's name dictionary.

A run of capitalised words is a new person's name only with evidence, and the
commonest is a given name in front: "Mitchell Moss" is a person, "New
Hampshire", "Only Connecticut" and "Despite Ted" (a sentence's first word before
a name) are not. The dictionary (Jörg Michael's, about 45,000 names from Europe,
the Americas, Russia, the Arab world and Asia) is read once, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from statements.ingest.folding import fold_word

_DICTIONARY = ("gender_guesser", "data/nam_dict.txt")
#: Where a line's frequencies start: one hexadecimal digit per country, 1 (rare) to D (very common).
_FREQUENCY_COLUMN = 30
#: A name at most this common in every country is rare ("Even", "Red"): when a text writes
#: the same word in lower case, it is that word, not a given name.
RARE = 3


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    """Every given name of the dictionary, folded (lower case, no accents), with its gender.

    The gender is "m" or "f" when the dictionary gives only that one, else "" (either).
    """
    return {name: gender for name, (gender, _) in _entries().items()}


@lru_cache(maxsize=1)
def _entries() -> dict[str, tuple[str, int]]:
    """Every given name, folded, with its gender and its highest frequency in any country."""
    package, path = _DICTIONARY
    genders: dict[str, set[str]] = {}
    frequencies: dict[str, int] = {}
    with (files(package) / path).open(encoding="utf-8") as lines:
        for line in lines:
            if not line or line[0] in "#=":
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            code, name = parts[0], parts[1]
            gender = "m" if code.endswith("M") else "f" if code.endswith("F") else "?"
            digits = [int(ch, 16) for ch in line[_FREQUENCY_COLUMN:] if ch in "123456789ABCD"]
            for joined in {name.replace("+", ""), name.replace("+", " "), name.replace("+", "-")}:
                key = fold_word(joined)
                genders.setdefault(key, set()).add(gender)
                frequencies[key] = max(frequencies.get(key, 0), max(digits, default=0))
    return {
        name: (next(iter(g)) if len(g) == 1 and "?" not in g else "", frequencies[name])
        for name, g in genders.items()
    }


def frequency(first_name: str) -> int:
    """How common a given name is where it is commonest: 0 (not a given name), 1 (rare) to 13."""
    entry = _entries().get(fold_word(first_name.rstrip(".")))
    return entry[1] if entry else 0


def given_names() -> frozenset[str]:
    """Every given name of the dictionary, folded."""
    return frozenset(_dictionary())


def gender(first_name: str) -> str:
    """ "m" or "f" for a given name the dictionary gives one gender, else "" (either, or unknown)."""
    return _dictionary().get(fold_word(first_name.rstrip(".")), "")


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name ("Mitchell", "Rustam", "Xi") or an initial ("G.K.", "J.", not "Q")."""
    bare = word.rstrip(".")
    if len(bare) == 1:
        return word.endswith(".") and bare.isalpha()
    if len(word) <= 6 and word.endswith(".") and word.count(".") >= 2:
        return True
    return fold_word(bare) in _dictionary()
