"""What PostgreSQL's statistics say about the passages, read for the search's decisions.

The plans and the counting choose how to read a search from how many passages a query's
words, speakers, topics and dates likely match: ``pg_stats`` and ``pg_class`` hold those
shares for the planner, and reading them costs a few milliseconds, so they are read at most
once a minute per process, and at once after an import (``passages_analyzed``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import math
import time
from dataclasses import dataclass, field

from django.db import connection
from django.dispatch import receiver

from statements.models import SEARCH_CONFIG, Passage, passages_analyzed
from statements.search import filters, selectivity
from statements.search.selectivity import ParsedQuery, Share

#: PostgreSQL's statistics change when a table is analyzed (autovacuum does it after many
#: writes): a search reads them at most this many seconds old instead of on every request.
STATISTICS_MAX_AGE = 60.0
#: Statistics older than writes to this share of the rows do not bound a search's matches (the
#: importer gathers them again after each import; autovacuum after a tenth of the rows).
STATISTICS_MAX_CHANGE = 0.05


@dataclass(frozen=True)
class Statistics:
    """The planner's statistics of the passages that the plans below read, as of ``read_at``."""

    #: Passages in the archive (pg_class.reltuples).
    rows: float
    #: (day, share of rows) oldest first: frequent days with their own share, the histogram's
    #: equal-count buckets sharing the rest.
    said_on: list[tuple[dt.date, float]]
    #: The share of passages that hold each of the most common lexemes.
    lexemes: dict[str, float]
    read_at: float
    #: Rows written (inserted, updated or deleted) since they were gathered.
    changed: float = 0.0
    #: The share of passages of each of the most prolific speakers, by id.
    speakers: dict[int, float] = field(default_factory=dict)
    #: The share of passages tagged with each of the most common topics, by id.
    topics: dict[int, float] = field(default_factory=dict)

    @functools.cached_property
    def rare(self) -> float:
        """A share that no lexeme missing from ``lexemes`` reaches: the rarest one listed."""
        return min(self.lexemes.values(), default=1.0)

    @functools.cached_property
    def days(self) -> list[dt.date]:
        """The days of ``said_on``, oldest first, for bisecting."""
        return [day for day, _ in self.said_on]

    @functools.cached_property
    def share_before(self) -> list[float]:
        """``share_before[i]``: the share of rows said before ``days[i]`` (the last: every dated row)."""
        return list(itertools.accumulate((share for _, share in self.said_on), initial=0.0))


_statistics: dict[str, Statistics] = {}


def forget_statistics() -> None:
    """Read the statistics afresh at the next search (after an ANALYZE that must count at once).

    The parsed queries go too: a new search configuration parses words differently.
    """
    _statistics.clear()
    tsquery_text.cache_clear()


@receiver(passages_analyzed)
def _passages_analyzed(**_: object) -> None:
    forget_statistics()


def _column_statistics(column: str, fields: tuple[str, ...]) -> str:
    """A subquery of one column's ``fields`` in pg_stats, as an array of their text forms.

    pg_stats gives them as ``anyarray``, which cannot be read as such: they are cast back from
    text once read. ``column`` and ``fields`` are this module's constants, never input.
    """
    return (
        f"(SELECT ARRAY[{', '.join(f's.{name}::text' for name in fields)}]"
        " FROM pg_stats s WHERE s.tablename = c.relname AND s.schemaname = n.nspname"
        f" AND s.attname = '{column}')"
    )


def statistics() -> Statistics:
    """The passages' statistics from pg_stats and pg_class, read again when older than the limit.

    Reading pg_stats costs a few milliseconds (thousands of dates and lexemes); every search
    with common words needs it.
    """
    database = connection.settings_dict["NAME"]
    known = _statistics.get(database)
    if known is not None and time.monotonic() - known.read_at < STATISTICS_MAX_AGE:
        return known
    table = Passage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # within a transaction, counts as of now
        cursor.execute(
            "SELECT c.reltuples, pg_stat_get_mod_since_analyze(c.oid), "
            + ", ".join(
                _column_statistics(column, fields)
                for column, fields in (
                    ("said_on", ("most_common_vals", "most_common_freqs", "histogram_bounds")),
                    ("search_vector", ("most_common_elems", "most_common_elem_freqs")),
                    ("speaker_id", ("most_common_vals", "most_common_freqs")),
                    ("topic_ids", ("most_common_elems", "most_common_elem_freqs")),
                )
            )
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = %s::regclass",
            [table],
        )
        rows, changed, dates, lexemes, speakers, topics = cursor.fetchone()
        cursor.execute(
            "SELECT %s::text::date[], %s::text::real[], %s::text::date[], %s::text::text[], %s::text::real[],"
            " %s::text::bigint[], %s::text::real[], %s::text::bigint[], %s::text::real[]",
            [
                *(dates or [None] * 3),
                *(lexemes or [None] * 2),
                *(speakers or [None] * 2),
                *(topics or [None] * 2),
            ],
        )
        common, freqs, bounds, elems, elem_freqs, speaker_ids, speaker_freqs, topic_ids, topic_freqs = (
            cursor.fetchone()
        )
    common, freqs, bounds = common or [], freqs or [], bounds or []
    points = list(zip(common, freqs, strict=False))
    if len(bounds) > 1:  # a bucket's rows are on or after its lower bound
        rest = (1.0 - sum(freqs)) / (len(bounds) - 1)
        points += [(day, rest) for day in bounds[:-1]]
    shares = dict(zip(elems or [], elem_freqs or [], strict=False))  # the freqs end with 3 summaries
    known = Statistics(
        max(0.0, float(rows or 0)),
        sorted(points),
        shares,
        time.monotonic(),
        float(changed or 0),
        speakers=dict(zip(speaker_ids or [], speaker_freqs or [], strict=False)),
        topics=dict(zip(topic_ids or [], topic_freqs or [], strict=False)),  # the freqs end with 3 summaries
    )
    _statistics[database] = known
    return known


@functools.lru_cache(maxsize=4096)
def tsquery_text(q: str) -> str:
    """``q`` as PostgreSQL parses a search (a pure function of the text and the search configuration)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [SEARCH_CONFIG, q])
        return cursor.fetchone()[0]


def parsed(q: str) -> ParsedQuery | None:
    """The lexemes of ``q`` and the share of passages it matches (None: not a tsquery we read)."""
    known = statistics()
    try:
        return selectivity.parse(tsquery_text(q), known.lexemes, known.rare)
    except ValueError:
        return None


def expected_matches(q: str) -> Share | None:
    """How many passages ``q`` matches, likely and at most, by the statistics.

    None when there are none, or when more than ``STATISTICS_MAX_CHANGE`` of the rows were
    written since they were gathered: those may hold words the statistics call rare.
    """
    known = statistics()
    found = parsed(q)
    stale = known.changed > STATISTICS_MAX_CHANGE * known.rows
    if found is None or known.rows <= 0 or not known.lexemes or stale:
        return None
    return found.share.of(known.rows)


def date_span(known: Statistics, params: dict) -> tuple[int, int]:
    """The points of ``known.said_on`` within the search's dates: ``days[first:end]``."""
    first = bisect.bisect_left(known.days, params["from"]) if "from" in params else 0
    end = bisect.bisect_right(known.days, params["to"]) if "to" in params else len(known.days)
    return first, end


def _dated_share(known: Statistics, params: dict) -> float:
    """The share of passages said within the search's dates, by the statistics of ``said_on``.

    A guess to whole histogram buckets (days listed on their own are exact), undated passages
    counted as dated.
    """
    if not known.days:
        return 1.0
    first, end = date_span(known, params)
    return max(0.0, known.share_before[end] - known.share_before[first]) if end > first else 0.0


def expected_passing_share(params: dict) -> float | None:
    """The share of passages that likely pass the filters with a statistic, by the statistics.

    The filters are taken as independent of each other, as PostgreSQL's planner takes them;
    the two ends of a date range are one span of one statistic. A speaker or topic missing
    from the statistics is rarer than any listed, and is guessed at half the rarest (at half
    of all passages when none is listed). None when there are no such filters (the others,
    such as the kinds, are not guessed: they pass).
    """
    guessed = [f for f in filters.FILTERS if f.statistic and f.name in params]
    if not guessed:
        return None
    known = statistics()
    shares: dict[str, float] = {}
    for f in guessed:
        if f.statistic == "said_on":
            shares[f.statistic] = _dated_share(known, params)
        else:
            listed = getattr(known, f.statistic)
            shares[f.statistic] = listed.get(params[f.name].pk, min(listed.values(), default=1.0) / 2)
    return math.prod(shares.values())
