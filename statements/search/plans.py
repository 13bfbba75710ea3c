"""How a search reads its matches: decisions from the counts and PostgreSQL's statistics.

The text index hands over every match of a word as one list: for a common word
("Russia") hundreds of thousands of entries, however few of them pass the
other filters, are recent enough to rank, or come first by date. Each
decision here compares that list's length (from the statistics of the search
vectors) with the passages that would be checked for the words one by one
instead, and writes the query the cheaper way:

- filters much narrower than the words: check the words on what they leave;
- ranking very many matches: rank only the most recent ones (the rank window);
- a page by date of a common word: walk the date index, checking each passage.

Every choice returns the same rows as the plain path, except the rank window,
which the search page announces.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import math
import time
from dataclasses import dataclass, field

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import BigIntegerField, BooleanField, F, Func, QuerySet, Value
from django.dispatch import receiver

from statements.models import SEARCH_CONFIG, Passage, passages_analyzed
from statements.search import filters as table
from statements.search import selectivity
from statements.search.counting import FacetCounter
from statements.search.filters import PassageFilter, text_query
from statements.search.selectivity import ParsedQuery, Share

RANK_ALL_LIMIT = 6_000  # up to this many matches (counted or estimated), rank every one
RANK_WINDOW = 1_000  # beyond it, rank about this many of the most recent matches (more for deep pages)
#: Checking the words on one passage costs about as much as this many entries of the text index's
#: list of a word's matches (measured: ~1.3 µs against ~0.27 µs): the words are checked row by
#: row when that is cheaper than reading the list.
ROW_CHECK_COST = 5
#: The rank window spans at most about this many passages of any kind (unless a deep page needs
#: more), so that words that are common only together with a filter stay cheap to rank.
WINDOW_MAX_ROWS = 12_000


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


def _date_span(known: Statistics, params: dict) -> tuple[int, int]:
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
    first, end = _date_span(known, params)
    return max(0.0, known.share_before[end] - known.share_before[first]) if end > first else 0.0


def expected_passing_share(params: dict) -> float | None:
    """The share of passages that likely pass the filters with a statistic, by the statistics.

    The filters are taken as independent of each other, as PostgreSQL's planner takes them;
    the two ends of a date range are one span of one statistic. A speaker or topic missing
    from the statistics is rarer than any listed, and is guessed at half the rarest (at half
    of all passages when none is listed). None when there are no such filters (the others,
    such as the kinds, are not guessed: they pass).
    """
    guessed = [f for f in table.FILTERS if f.statistic and f.name in params]
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


@dataclass(frozen=True)
class RankWindow:
    """Rank only the matches said on or after ``since``; about ``table_rows`` passages are that recent."""

    since: dt.date
    table_rows: float


def rank_window(planned: int, params: dict, window: float) -> RankWindow | None:
    """The day on or after which about ``window`` of ``planned`` matches were said (None: rank all).

    Assumes the matches are spread over time like the whole table, as pg_stats describes it.
    """
    if planned <= window:
        return None
    known = statistics()
    days, before = known.days, known.share_before
    first, end = _date_span(known, params)
    total = before[end] - before[first]
    if end - first < 2 or total <= 0:
        return None
    wanted = total * window / planned
    # The latest day from which the points up to ``end`` hold at least ``wanted``.
    since = min(bisect.bisect_right(before, before[end] - wanted), end) - 1
    since = bisect.bisect_left(days, days[since])  # a day can hold several histogram buckets
    if since <= first:
        return None
    return RankWindow(days[since], (before[-1] - before[since]) * known.rows)


class CheckedRowByRow(Func):
    """``column operator value`` written as ``(...) IS TRUE``: the same rows, but PostgreSQL checks
    the condition on each row it reads, since no index serves an ``IS TRUE``.

    An expression rather than raw SQL, so that its column is named right in a subquery too.
    """

    template = "((%(expressions)s) IS TRUE)"
    output_field = BooleanField()
    #: The operators it is used with; each is written into the SQL as it is.
    OPERATORS = frozenset({"@@", "@>"})

    def __init__(self, column: str, operator: str, value) -> None:
        if operator not in self.OPERATORS:
            raise ValueError(f"not an operator checked row by row: {operator!r}")
        super().__init__(F(column), value, arg_joiner=f" {operator} ")


def checked_row_by_row(q: str) -> CheckedRowByRow:
    """The text condition, written so that PostgreSQL checks it on each row rather than using the index.

    The text index hands over every match of a word as one list, which for a common word
    ("Russia") means hundreds of thousands of entries, however few of them pass the other
    filters or are recent enough to rank.
    """
    return CheckedRowByRow("search_vector", "@@", text_query(q))


@dataclass(frozen=True)
class TextIndexCost:
    """What reading the text index for a query costs, against checking the words row by row."""

    #: Entries of the index's lists the query's words would have it read (each word's matches).
    entries: float
    #: Passages in the archive (pg_class.reltuples).
    table_rows: float

    def row_checks_cheaper(self, rows: float) -> bool:
        """Whether checking the words on ``rows`` passages costs less than reading the lists."""
        return rows * ROW_CHECK_COST < self.entries


def text_index_cost(q: str, counter: FacetCounter) -> TextIndexCost:
    """The index entries for ``q``'s words, from the planner's statistics of the search vectors.

    A word among the most common lexemes comes with its share of the passages; the others are
    rare enough to cost next to nothing. Without statistics, the text's matches stand in.
    """
    known = statistics()
    found = parsed(q)
    words = dict.fromkeys(found.lexemes) if found is not None else ()  # each word's list is read once
    shares = [known.lexemes[lexeme] for lexeme in words if lexeme in known.lexemes]
    entries = sum(shares) * known.rows if shares else counter.text_matches
    return TextIndexCost(max(entries, counter.text_matches), known.rows)


def words_checked(filters: PassageFilter, base: QuerySet, q: str) -> QuerySet:
    """The matches of every filter, read through the filters' indexes, the words checked on each."""
    return filters.filter_queryset_except(base, skip="q").filter(checked_row_by_row(q))


def filters_narrower_than_text(counter: FacetCounter, params: dict, cost: TextIndexCost) -> bool:
    """Whether the facet filters leave fewer passages to check than the text index would list."""
    if not any(f.name in params for f in table.FILTERS if f.indexed):
        return False  # the kinds have no index: checking rows would mean reading the whole table
    other_share = counter.total() / counter.text_matches if counter.text_matches else 1.0
    return cost.row_checks_cheaper(other_share * cost.table_rows)


def walking_dates_cheaper(counter: FacetCounter, cost: TextIndexCost, params: dict, rows: int) -> bool:
    """Whether a page by date is found sooner by walking the date index and checking the words.

    Walking finds ``rows`` matches after about ``rows / share of passages matching`` passages;
    the text index must first list and read every match (and the planner, guessing a phrase's
    matches from its words, may think there are far fewer).
    """
    if any(f.name in params for f in table.FILTERS if not f.on_dates) or not counter.text_matches:
        return False
    walked = rows * cost.table_rows / counter.text_matches
    return cost.row_checks_cheaper(walked - counter.total())  # the index reads every match's row too


def window_matches(
    filters: PassageFilter,
    base: QuerySet,
    window: RankWindow,
    q: str,
    counter: FacetCounter,
    cost: TextIndexCost,
) -> QuerySet:
    """The matches said since the window's day, read through whichever index is cheaper.

    The passages to check row by row are those in the window that pass the other filters (their
    share of the table taken as their share of the text's matches); the text index would list
    every match of the words, recent or not.
    """
    recent = filters.filter_queryset_except(base, skip="q").filter(said_on__gte=window.since)
    other_share = min(1.0, counter.total() / counter.text_matches) if counter.text_matches else 1.0
    if not cost.row_checks_cheaper(window.table_rows * other_share):
        return recent.filter(search_vector=text_query(q))
    topic = filters.form.cleaned_data.get("topic")
    if topic is not None:  # a common topic's index list is as long as a common word's: check it too
        recent = filters.filter_queryset_except(base, skip=("q", "topic")).filter(said_on__gte=window.since)
        as_array = ArrayField(BigIntegerField())
        topic_ids = Func(Value(topic.pk), template="ARRAY[%(expressions)s]::bigint[]", output_field=as_array)
        recent = recent.filter(CheckedRowByRow("topic_ids", "@>", topic_ids))
    return recent.filter(checked_row_by_row(q))


def window_for(total: int, params: dict, rows_needed: int, cost: TextIndexCost) -> RankWindow | None:
    """The rank window for ``total`` matches: about ``RANK_WINDOW`` recent ones, within ``WINDOW_MAX_ROWS``.

    It holds at least one and a half times ``rows_needed`` (the page's last row) matches.
    """
    wanted = float(RANK_WINDOW)
    if cost.table_rows:
        wanted = min(wanted, WINDOW_MAX_ROWS * total / cost.table_rows)
    return rank_window(total, params, max(wanted, rows_needed * 3 / 2))
