"""The one way names and words are compared: lower case, no accents, one kind of apostrophe."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """Lower case without accents, with one kind of apostrophe: the key names are compared by."""
    text = text.replace("’", "'").replace("‘", "'")
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65_536)
def fold_word(word: str) -> str:
    """``fold`` for the short words of running text, which repeat: each is folded once."""
    return fold(word)
