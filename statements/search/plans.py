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
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db.models import BigIntegerField, BooleanField, F, Func, QuerySet, Value

from statements.search import filters as table
from statements.search.counting import FacetCounter
from statements.search.filters import PassageFilter, text_query
from statements.search.statistics import date_span, parsed, statistics

RANK_ALL_LIMIT = 6_000  # up to this many matches (counted or estimated), rank every one
RANK_WINDOW = 1_000  # beyond it, rank about this many of the most recent matches (more for deep pages)
#: Checking the words on one passage costs about as much as this many entries of the text index's
#: list of a word's matches (measured: ~1.3 µs against ~0.27 µs): the words are checked row by
#: row when that is cheaper than reading the list.
ROW_CHECK_COST = 5
#: The rank window spans at most about this many passages of any kind (unless a deep page needs
#: more), so that words that are common only together with a filter stay cheap to rank.
WINDOW_MAX_ROWS = 12_000


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
    first, end = date_span(known, params)
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


@dataclass(frozen=True)
class Plan:
    """How one search reads its page: each field one decision, all taken from the counts.

    ``Plan()`` is the plain path: the matches of every filter through the text index, all of
    them ranked or sorted for the page.
    """

    #: Where the page's matches come from: "filters" (every filter, through the text index),
    #: "counted" (the filtered matches the count already read), or "words checked" (the
    #: filters' indexes, the words checked on each row).
    matches: str = "filters"
    #: The counting statement found the page: its ids are the page.
    page_counted: bool = False
    #: A page by date found by walking the date index, each passage checked for the words.
    walk_dates: bool = False
    #: Rank only the matches said since the window's day (the page says so).
    window: RankWindow | None = None
    #: What the text index costs for the words, when a decision needed it.
    cost: TextIndexCost | None = None


def plan(
    counter: FacetCounter | None, params: dict, q: str, *, ranked: bool, offset: int, per_page: int
) -> Plan:
    """The plan for the page at ``offset`` of a search counted by ``counter`` (None: the plain path)."""
    if counter is None:
        return Plan()
    cost = text_index_cost(q, counter) if counter.estimated and q else None
    if counter.counted is not None:
        matches = "counted"
    elif cost is not None and filters_narrower_than_text(counter, params, cost):
        matches = "words checked"
    else:
        matches = "filters"
    if counter.page is not None and counter.page.offset == offset:
        return Plan(matches, page_counted=True, cost=cost)
    rows_needed = offset + per_page
    if not ranked:
        walk = cost is not None and walking_dates_cheaper(counter, cost, params, rows_needed)
        return Plan(matches, walk_dates=walk, cost=cost)
    total = counter.total()
    if total <= RANK_ALL_LIMIT:
        return Plan(matches, cost=cost)
    cost = cost or text_index_cost(q, counter)
    return Plan(matches, window=window_for(total, params, rows_needed, cost), cost=cost)
