"""No regular expression in the reader can be made to take more than linear time.

Every compiled pattern in ``statements.ingest`` is found by introspection (so a
new one is covered without touching this file) and fed hostile input: long runs
of one short unit, chosen from white space, punctuation, capitals, and the
pattern's own literal words ("said ", "according to:"...), which are what make a
backtracking pattern retry. Each input is searched, iterated and matched at one
size and at eight times that size. Linear work takes about eight times as long;
a pattern that retries every start position over a run takes sixty-four. No
wall-clock limit: only the ratio of this process's CPU time is compared, which
other work on a shared machine disturbs less than wall-clock time.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import re._parser as sre_parse
import time

import pytest

import statements.ingest

SIZE = 3_000
GROWTH = 8
#: Eight times the input may cost at most this many times the time (linear is 8, quadratic 64).
GROWTH_LIMIT = 24
#: Below this a measurement is mostly timer noise; smaller times count as this much.
FLOOR_SECONDS = 0.001

UNITS = (
    " ",
    "\t",
    "\u00a0",
    "\n",
    "a",
    "A",
    "a ",
    "A ",
    "Aa ",
    "Aa.",
    "A.",
    "A. ",
    ".",
    ". ",
    "...",
    ":",
    ": ",
    ",",
    ", ",
    '"',
    "“",
    "”",
    "’",
    "(",
    "[",
    ")",
    "]",
    "-",
    "—",
    "1",
    "12.",
    "1/",
    "a:",
    "Aa: ",
    "_",
    "é",
    "http://",
    "x.y",
)


def ingest_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern held at module level anywhere in statements.ingest."""
    found = {}
    for module_info in pkgutil.iter_modules(statements.ingest.__path__):
        module = importlib.import_module(f"statements.ingest.{module_info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{module_info.name}.{name}"] = value
    return found


def literal_runs(pattern: re.Pattern) -> set[str]:
    """The literal strings written in a pattern (words of its alternatives, punctuation it expects)."""
    runs: set[str] = set()

    def walk(items) -> None:
        run = ""
        for op, arg in items:
            if op is sre_parse.LITERAL:
                run += chr(arg)
                continue
            if run:
                runs.add(run)
            run = ""
            if op is sre_parse.SUBPATTERN:
                walk(arg[-1])
            elif op is sre_parse.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
                walk(arg[2])
            elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
                walk(arg[1])
            elif op is sre_parse.ATOMIC_GROUP:
                walk(arg)
        if run:
            runs.add(run)

    walk(sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
    return runs


def hostile_units(pattern: re.Pattern) -> list[str]:
    units = list(UNITS)
    for run in sorted(literal_runs(pattern)):
        units += [run, run + " "]
    return list(dict.fromkeys(units))


def _cost(pattern: re.Pattern, text: str, tries: int) -> float:
    best = float("inf")
    gc.disable()
    try:
        for _ in range(tries):
            began = time.process_time()
            pattern.search(text)
            for _ in pattern.finditer(text):
                pass
            pattern.match(text)
            best = min(best, time.process_time() - began)
    finally:
        gc.enable()
    return best


def _inputs(unit: str, size: int) -> list[str]:
    run = unit * (size // len(unit) + 1)
    return [run + "\x01", "Zz " + run + " zz"]


def superlinear(pattern: re.Pattern, unit: str, size: int = SIZE) -> str | None:
    """A description of the growth when ``unit`` repeated makes ``pattern`` slower than linear."""
    for variant in range(2):
        small_text = _inputs(unit, size)[variant]
        double_text = _inputs(unit, size * 2)[variant]
        large_text = _inputs(unit, size * GROWTH)[variant]
        small = max(_cost(pattern, small_text, 1), FLOOR_SECONDS)
        double = _cost(pattern, double_text, 1)
        if double > 3.2 * small:  # already quadratic at twice the size: confirm without the long run
            small = max(_cost(pattern, small_text, 3), FLOOR_SECONDS)
            double = _cost(pattern, double_text, 3)
            if double > 3.2 * small:
                return _growth(unit, size, small, double, 2)
        large = _cost(pattern, large_text, 1)
        if large > GROWTH_LIMIT * small:  # measure again before blaming: the machine is shared
            small = max(_cost(pattern, small_text, 3), FLOOR_SECONDS)
            large = _cost(pattern, large_text, 3)
            if large > GROWTH_LIMIT * small:
                return _growth(unit, size, small, large, GROWTH)
    return None


def _growth(unit: str, size: int, small: float, large: float, factor: int) -> str:
    return f"{unit!r} over {size} characters: {small * 1e3:.2f} ms, {factor}x as many: {large * 1e3:.2f} ms"


PATTERNS = ingest_patterns()


def test_the_patterns_are_found_by_introspection():
    assert len(PATTERNS) >= 30, sorted(PATTERNS)
    assert "paragraphs._SENTENCE_END" in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_takes_linear_time_on_hostile_input(name: str):
    pattern = PATTERNS[name]
    slow = [found for unit in hostile_units(pattern) if (found := superlinear(pattern, unit))]
    assert not slow, f"{name} ({pattern.pattern[:80]!r}) grows faster than linear: " + "; ".join(slow)


@pytest.mark.parametrize(
    ("pattern", "unit"),
    [
        (re.compile(r"^[ \t]*(,[^,]{1,60},)?[ \t]*([A-Za-z]+)"), " "),
        (re.compile(r"\s*\[[^\[\]]{0,40}end\]\s*$"), " "),
        (re.compile(r"\.[.!?]*[ ]+(?=[A-Z])"), "."),
    ],
    ids=["two-gaps", "leading-space", "dot-run"],
)
def test_the_check_catches_a_quadratic_pattern(pattern: re.Pattern, unit: str):
    """The shapes that were fixed in the reader, as they were: the measurement must notice them."""
    assert superlinear(pattern, unit, size=1_000) is not None
