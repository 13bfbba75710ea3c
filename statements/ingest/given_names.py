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


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every given name of the dictionary, folded (lower case, no accents)."""
    package, path = _DICTIONARY
    names: set[str] = set()
    with (files(package) / path).open(encoding="utf-8") as lines:
        for line in lines:
            if not line or line[0] in "#=":
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            name = parts[1]
            for joined in {name.replace("+", ""), name.replace("+", " "), name.replace("+", "-")}:
                names.add(fold_word(joined))
    return frozenset(names)


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name ("Mitchell", "Rustam", "Xi") or an initial ("G.K.", "J.", not "Q")."""
    bare = word.rstrip(".")
    if len(bare) == 1:
        return word.endswith(".") and bare.isalpha()
    if len(word) <= 6 and word.endswith(".") and word.count(".") >= 2:
        return True
    return fold_word(bare) in given_names()
