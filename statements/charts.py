"""Statements over time as bars for a server-rendered SVG chart (no chart library)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 120
MAX_MONTH_BARS = 120


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    href: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    first: str
    last: str
    peak: int
    unit: str


def _last_day(day: dt.date, unit: str) -> dt.date:
    if unit == "year":
        return dt.date(day.year, 12, 31)
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _buckets(months: list[tuple[dt.date, int]]) -> tuple[list[tuple[dt.date, int]], str]:
    """Every month between the first and last (empty ones too), or years when that is too many."""
    first, last = months[0][0], months[-1][0]
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    counts = dict(months)
    if span > MAX_MONTH_BARS:
        years: dict[int, int] = {}
        for day, n in months:
            years[day.year] = years.get(day.year, 0) + n
        return [(dt.date(y, 1, 1), years.get(y, 0)) for y in range(first.year, last.year + 1)], "year"
    out = []
    year, month = first.year, first.month
    for _ in range(span):
        day = dt.date(year, month, 1)
        out.append((day, counts.get(day, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out, "month"


def time_chart(months: list[tuple[dt.date, int]], link: Callable[[dt.date, dt.date], str]) -> Chart | None:
    """Bars for ``months`` ((first day, count) pairs); ``link(start, end)`` gives each bar's URL."""
    if not months:
        return None
    buckets, unit = _buckets(sorted(months))
    peak = max(n for _, n in buckets) or 1
    slot = WIDTH / len(buckets)
    bars = []
    for i, (day, n) in enumerate(buckets):
        h = (HEIGHT - 4) * n / peak
        label = str(day.year) if unit == "year" else day.strftime("%B %Y")
        bars.append(
            Bar(
                round(i * slot + slot * 0.1, 2),
                round(HEIGHT - h, 2),
                round(max(slot * 0.8, 1), 2),
                round(h, 2),
                label,
                n,
                link(day, _last_day(day, unit)),
            )
        )
    fmt = "%Y" if unit == "year" else "%b %Y"
    return Chart(bars, WIDTH, HEIGHT, buckets[0][0].strftime(fmt), buckets[-1][0].strftime(fmt), peak, unit)
