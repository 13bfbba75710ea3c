"""How large a share of the passages a search's words can match, from the shares of its lexemes.

PostgreSQL's statistics of the search vectors list the most common lexemes, each with the
share of passages that hold it; any other lexeme is rarer than the rarest listed. A search's
tsquery (as ``websearch_to_tsquery`` writes it) combines lexemes with ``&`` (both), ``|``
(either), ``!`` (not) and ``<->`` (followed by), so its share follows from theirs in two ways:

- ``likely``: assuming words occur independently, as PostgreSQL's planner does;
- ``at_most``: a bound that holds however the words are correlated (as far as the statistics
  themselves hold: ANALYZE reads a sample, and rows written since are not in it).

Only the bound may decide that counting every match is cheap. The estimate picks which sample
to read first, where a wrong guess costs time, never a wrong answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:'((?:[^']|'')*)'(:[*A-Da-d]+)?|(<->|<\d+>|[&|!()]))")


@dataclass(frozen=True)
class Share:
    """The share of passages a query matches: an independence estimate and an upper bound."""

    likely: float
    at_most: float

    def of(self, rows: float) -> Share:
        """The same as numbers of passages, out of ``rows``."""
        return Share(self.likely * rows, self.at_most * rows)


@dataclass(frozen=True)
class ParsedQuery:
    """A tsquery's lexemes, in order, and the share of passages it matches."""

    lexemes: tuple[str, ...]
    share: Share


class _Parser:
    """Recursive descent over tsquery's text form: ``|`` binds loosest, then ``&``, ``<->``, ``!``."""

    def __init__(self, text: str, shares: Mapping[str, float], rare: float) -> None:
        self.tokens = self._tokens(text)
        self.position = 0
        self.shares, self.rare = shares, rare
        self.lexemes: list[str] = []

    @staticmethod
    def _tokens(text: str) -> list[tuple[str, str]]:
        tokens, position = [], 0
        while position < len(text.rstrip()):
            match = _TOKEN.match(text, position)
            if match is None:
                raise ValueError(f"not a tsquery at {position}: {text!r}")
            lexeme, flags, operator = match.groups()
            if lexeme is not None:
                tokens.append(("prefix" if flags and "*" in flags else "lexeme", lexeme.replace("''", "'")))
            else:
                tokens.append(("operator", "<->" if operator.startswith("<") else operator))
            position = match.end()
        return tokens

    def _peek(self) -> str | None:
        if self.position < len(self.tokens) and self.tokens[self.position][0] == "operator":
            return self.tokens[self.position][1]
        return None

    def _next(self) -> tuple[str, str]:
        if self.position >= len(self.tokens):
            raise ValueError("the tsquery ends too soon")
        self.position += 1
        return self.tokens[self.position - 1]

    def parse(self) -> ParsedQuery:
        share = self._either() if self.tokens else Share(0.0, 0.0)
        if self.position != len(self.tokens):
            raise ValueError("the tsquery goes on after its end")
        return ParsedQuery(tuple(self.lexemes), share)

    def _either(self) -> Share:
        share = self._both()
        while self._peek() == "|":
            self.position += 1
            other = self._both()
            share = Share(
                share.likely + other.likely - share.likely * other.likely,
                min(1.0, share.at_most + other.at_most),
            )
        return share

    def _both(self) -> Share:
        return self._together("&", self._followed)

    def _followed(self) -> Share:
        return self._together("<->", self._single)

    def _together(self, operator: str, operand: Callable[[], Share]) -> Share:
        """Operands joined by ``operator``: all of them must match (a phrase is bounded the same)."""
        share = operand()
        while self._peek() == operator:
            self.position += 1
            other = operand()
            share = Share(share.likely * other.likely, min(share.at_most, other.at_most))
        return share

    def _single(self) -> Share:
        kind, value = self._next()
        if kind == "operator" and value == "!":
            negated = self._single()
            return Share(1.0 - negated.likely, 1.0)
        if kind == "operator" and value == "(":
            share = self._either()
            if self._next() != ("operator", ")"):
                raise ValueError("a parenthesis is not closed")
            return share
        if kind == "operator":
            raise ValueError(f"unexpected {value!r}")
        self.lexemes.append(value)
        if kind == "prefix":
            return Share(self.rare, 1.0)  # a prefix matches any number of lexemes
        if value in self.shares:
            return Share(self.shares[value], self.shares[value])
        return Share(self.rare / 2, self.rare)  # as PostgreSQL guesses a lexeme it does not list


def parse(tsquery: str, shares: Mapping[str, float], rare: float) -> ParsedQuery:
    """The lexemes of ``tsquery`` (tsquery's text form) and the share of passages it matches.

    ``shares`` holds the listed lexemes' shares and ``rare`` the share that no unlisted lexeme
    reaches. Raises ValueError on text that is not a tsquery.
    """
    return _Parser(tsquery, shares, rare).parse()
