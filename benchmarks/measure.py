"""Timing the query mix: warm repetitions, cold first runs, percentiles and memory."""

from __future__ import annotations

import math
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.http import QueryDict

#: A query that reports its own failure (a peer's timeout) returns this instead of a hit count.
TIMED_OUT = -1


def read_mix(path: Path) -> list[str]:
    """The query strings of a mix file: one /search/ query string a line; blanks and # comments skipped."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line.lstrip("?"))
    return lines


def parse(line: str) -> tuple[QueryDict, int]:
    """The search page's parameters and page number from one line of the mix."""
    data = QueryDict(line)
    try:
        page = max(1, int(data.get("page", 1)))
    except ValueError:
        page = 1
    return data, page


def host_speed_ms() -> float:
    """How fast the host is at this moment: the best of five timings of ``sum(range(10**6))``, in ms.

    The machine is shared, and its speed changes from one minute to the next; timed before and
    after the searches, this tells a slow moment of the host from a slower search.
    """
    best = min(timeit.repeat("sum(range(1_000_000))", number=10, repeat=5))
    return round(best / 10 * 1000, 1)


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile: an observed value, never an interpolation between two."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(samples: list[float]) -> dict:
    if not samples:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None}
    return {
        "p50_ms": round(percentile(samples, 50), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "max_ms": round(max(samples), 2),
    }


@dataclass
class MixTimes:
    """Milliseconds per query line (several repetitions each), and what each query found."""

    lines: list[str]
    times: dict[str, list[float]] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    timeouts: int = 0
    note: str = ""

    def all(self) -> list[float]:
        return [t for line in self.lines for t in self.times.get(line, [])]

    def summary(self) -> dict:
        figures = summary(self.all())
        if self.timeouts:
            figures["timeouts"] = self.timeouts
        if self.note:
            figures["note"] = self.note
        return figures


def run_mix(
    run: Callable[[str], int], lines: list[str], repetitions: int, *, warm_up: bool = True, log=None
) -> MixTimes:
    """Run every line ``repetitions`` times (after one untimed pass when ``warm_up``)."""
    result = MixTimes(lines)
    if warm_up:
        for line in lines:
            run(line)
    for _ in range(repetitions):
        for line in lines:
            started = time.perf_counter()
            found = run(line)
            elapsed = (time.perf_counter() - started) * 1000
            result.times.setdefault(line, []).append(elapsed)
            if found == TIMED_OUT:
                result.timeouts += 1
            else:
                result.found[line] = found
    return result


def run_cold(
    run: Callable[[str], int], lines: list[str], restart: Callable[[], str], log, label: str = "cold"
) -> MixTimes:
    """Each line once, right after ``restart()`` (of the database server, perhaps the OS cache too)."""
    result = MixTimes(lines)
    notes = set()
    for number, line in enumerate(lines, 1):
        note = restart()
        if note:
            notes.add(note)
        started = time.perf_counter()
        result.found[line] = run(line)
        result.times[line] = [(time.perf_counter() - started) * 1000]
        if number % 10 == 0:
            log(f"{label}: {number}/{len(lines)} queries")
    result.note = "; ".join(sorted(notes))
    return result
