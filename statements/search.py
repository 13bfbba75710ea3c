"""The one search entry point: the search page, feeds, exports and the benchmark call ``search``.

Matching, ranking, counting and facets all start from the same filters, so the
results and the numbers beside the filters cannot disagree. Snippets are
computed only for the rows of the page shown.

Counting is what grows with the number of matches: a common word matches a
large share of an archive about one subject. Totals, facets and the month
chart come from one pass over the matching rows (statements/counting.py),
estimated from a sample when there are very many (the page then says
"about").

Ranking grows with the number of matches too: ``ts_rank`` must read every
matching row's vector before the first twenty are known. Up to
``RANK_ALL_LIMIT`` matches (as counted or estimated) every one is ranked. Beyond it, only the
most recent matches are ranked, about ``RANK_WINDOW`` of them: those said on or
after a cutoff date that the column statistics place there, read through the
date index (ANDed with the text index, or with the words checked row by row
when fewer passages are that recent than match them), so the cost stays near
``RANK_WINDOW`` rows however common the words are. The page says so ("ranked
among those since ..."); ``exact=True`` ranks them all.

Likewise, when the speaker, topic, kind or dates leave far fewer passages than
the words match, the words are checked on those passages one by one instead of
read from the text index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connection
from django.db.models import BooleanField, Count, F, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from statements.counting import FacetCounter, counter_for, labels
from statements.filters import KIND_CHOICES, PassageFilter, text_query
from statements.models import SEARCH_CONFIG, Passage, PassageKind

FACETS = ("speaker", "topic", "kind")
MIN_ESTIMATE = 1_000  # an estimated total below this is counted exactly instead
RANK_ALL_LIMIT = 6_000  # up to this many planned matches, rank every one
RANK_WINDOW = 1_000  # beyond it, rank about this many of the most recent matches (more for deep pages)
#: Checking the words on one passage costs about as much as this many entries of the text index's
#: list of a word's matches (measured: ~1.3 µs against ~0.27 µs): the words are checked row by
#: row when that is cheaper than reading the list.
ROW_CHECK_COST = 5
#: The rank window spans at most about this many passages of any kind (unless a deep page needs
#: more), so that words that are common only together with a filter stay cheap to rank.
WINDOW_MAX_ROWS = 12_000
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FACET_SIZE = 12
SNIPPET_WORDS = 45
# Characters that cannot occur in imported text mark the matches inside ts_headline's output,
# which is then escaped as a whole before the marks become <mark> elements.
_MARK_START, _MARK_END = "\x01", "\x02"
_KIND_LABELS = {value: label for _group, choices in KIND_CHOICES for value, label in choices}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    passage: Passage
    snippet: SafeString


@dataclass
class SearchResult:
    """One page of results with everything the page shows beside it."""

    hits: list[Hit]
    total: int
    page: int
    num_pages: int
    per_page: int
    query: str
    sort: str
    params: dict
    errors: list[str] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    months: list[tuple[dt.date, int]] = field(default_factory=list)
    #: True when total, facets and months are estimates from a sample.
    estimated: bool = False
    #: When set, relevance was ranked among the matches said on or after this day only.
    ranked_since: dt.date | None = None

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.page * self.per_page, self.total)


def highlight(marked: str) -> SafeString:
    """Escape text whose matches ts_headline wrapped in control marks; only <mark> is HTML."""
    html = escape(marked).replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; the only markup added is <mark>


def _page_number(raw: object) -> int:
    try:
        return max(1, int(str(raw)))
    except (TypeError, ValueError):
        return 1


def _ordering(sort: str, ranked: bool) -> list:
    newest = [F("said_on").desc(nulls_last=True), "document_id", "position"]
    if sort == "oldest":
        return [F("said_on").asc(nulls_last=True), "document_id", "position"]
    if sort == "relevance" and ranked:
        return ["-rank", *newest]
    return newest


def _page_rows(ids: list[int], q: str) -> dict[int, tuple[Passage, SafeString]]:
    """The page's passages for display, each with its snippet, in one query (plus their topics)."""
    rows = Passage.objects.filter(pk__in=ids).for_listing()
    if not q:
        return {
            p.pk: (p, mark_safe(escape(Truncator(p.text).words(SNIPPET_WORDS))))  # noqa: S308 - escaped
            for p in rows
        }
    rows = rows.annotate(
        marked=SearchHeadline(
            "text",
            text_query(q),
            config=SEARCH_CONFIG,
            start_sel=_MARK_START,
            stop_sel=_MARK_END,
            max_words=SNIPPET_WORDS,
            min_words=20,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )
    return {p.pk: (p, highlight(p.marked)) for p in rows}


def _facet(queryset: QuerySet, value: str, label: str, selected: object) -> list[FacetValue]:
    rows = (
        queryset.exclude(**{f"{value}__isnull": True})
        .values(value, label)
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", label)[:FACET_SIZE]
    )
    chosen = getattr(selected, "slug", selected)
    return [FacetValue(r[value], r[label], r["n"], r[value] == chosen) for r in rows]


def _kind_facet(queryset: QuerySet, selected: str | None) -> list[FacetValue]:
    counts: dict[str, int] = {}
    for field_name in ("kind", "document_kind"):
        for row in queryset.values(field_name).annotate(n=Count("pk")).order_by():
            counts[row[field_name]] = counts.get(row[field_name], 0) + row["n"]
    return [
        FacetValue(kind, _KIND_LABELS.get(kind, kind), n, kind == selected)
        for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def months(queryset: QuerySet) -> list[tuple[dt.date, int]]:
    """Statements per month, oldest first, for the time chart."""
    rows = (
        queryset.exclude(said_on__isnull=True)
        .annotate(month=TruncMonth("said_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return [(r["month"], r["n"]) for r in rows]


def base_queryset(kind: str | None) -> QuerySet:
    """Statements are searched; questions only when asked for by kind."""
    passages = Passage.objects.all()
    return passages if kind == PassageKind.QUESTION else passages.statements()


def _facet_values(counter: FacetCounter, name: str, selected: object) -> list[FacetValue]:
    counts = counter.counts(name)
    chosen = getattr(selected, "slug", selected)
    if name == "kind":
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [FacetValue(k, _KIND_LABELS.get(k, k), n, k == chosen) for k, n in ranked]
    if len(counts) > FACET_SIZE:  # only the values that can be shown need their names
        least = sorted(counts.values(), reverse=True)[FACET_SIZE - 1]
        counts = {key: n for key, n in counts.items() if n >= least}
    found = labels(name, list(counts))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], found[item[0]][1]))[:FACET_SIZE]
    return [FacetValue(found[k][0], found[k][1], n, found[k][0] == chosen) for k, n in ranked]


def said_on_distribution() -> tuple[list[tuple[dt.date, float]], float]:
    """The planner's picture of passage dates: (day, share of rows) oldest first, and the row count.

    Frequent days come with their own share; the histogram's equal-count buckets share the rest.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_vals::text::date[], s.most_common_freqs, s.histogram_bounds::text::date[],"
            " c.reltuples FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename"
            " WHERE s.tablename = %s AND s.attname = 'said_on'",
            [Passage._meta.db_table],
        )
        row = cursor.fetchone()
    if not row:
        return [], 0.0
    common, freqs, bounds = row[0] or [], row[1] or [], row[2] or []
    points = list(zip(common, freqs, strict=False))
    if len(bounds) > 1:  # a bucket's rows are on or after its lower bound
        rest = (1.0 - sum(freqs)) / (len(bounds) - 1)
        points += [(day, rest) for day in bounds[:-1]]
    return sorted(points), max(0.0, float(row[3] or 0))


@dataclass(frozen=True)
class RankWindow:
    """Rank only the matches said on or after ``since``; about ``table_rows`` passages are that recent."""

    since: dt.date
    table_rows: float


def rank_window(planned: int, params: dict, window: int) -> RankWindow | None:
    """The day on or after which about ``window`` of ``planned`` matches were said (None: rank all).

    Assumes the matches are spread over time like the whole table, as pg_stats describes it.
    """
    if planned <= window:
        return None
    everything, rows = said_on_distribution()
    points = [
        (day, share)
        for day, share in everything
        if ("from" not in params or day >= params["from"]) and ("to" not in params or day <= params["to"])
    ]
    total = sum(share for _, share in points)
    if len(points) < 2 or total <= 0:
        return None
    wanted, seen = total * window / planned, 0.0
    for day, share in reversed(points):
        seen += share
        if seen >= wanted:
            if day <= points[0][0]:
                return None
            recent = sum(share for d, share in everything if d >= day)
            return RankWindow(day, recent * rows)
    return None


def _checked_row_by_row(q: str) -> RawSQL:
    """The text condition, written so that PostgreSQL checks it on each row rather than using the index.

    The text index hands over every match of a word as one list, which for a common word
    ("Russia") means hundreds of thousands of entries, however few of them pass the other
    filters or are recent enough to rank.
    """
    return RawSQL(
        f"({Passage._meta.db_table}.search_vector @@ websearch_to_tsquery(%s::regconfig, %s)) IS TRUE",
        [SEARCH_CONFIG, q],
        output_field=BooleanField(),
    )


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
    table = Passage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, (SELECT sum(e.freq) FROM pg_stats s,"
            " unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, freq)"
            " WHERE s.tablename = c.relname AND s.attname = 'search_vector'"
            " AND e.lexeme = ANY(tsvector_to_array(to_tsvector(%s::regconfig, %s))))"
            " FROM pg_class c WHERE c.oid = %s::regclass",
            [SEARCH_CONFIG, q, table],
        )
        row = cursor.fetchone()
    rows, share = (max(0.0, float(row[0] or 0)), row[1]) if row else (0.0, None)
    entries = counter.text_matches if share is None else float(share) * rows
    return TextIndexCost(max(entries, counter.text_matches), rows)


def _filters_narrower_than_text(counter: FacetCounter, params: dict, cost: TextIndexCost) -> bool:
    """Whether the facet filters leave fewer passages to check than the text index would list."""
    if not any(name in params for name in FACET_FILTERS):
        return False
    other_share = counter.total() / counter.text_matches if counter.text_matches else 1.0
    return cost.row_checks_cheaper(other_share * cost.table_rows)


def _walking_dates_cheaper(counter: FacetCounter, cost: TextIndexCost, params: dict, rows: int) -> bool:
    """Whether a page by date is found sooner by walking the date index and checking the words.

    Walking finds ``rows`` matches after about ``rows / share of passages matching`` passages;
    the text index must first list and read every match (and the planner, guessing a phrase's
    matches from its words, may think there are far fewer).
    """
    if any(name in params for name in ("speaker", "topic", "kind")) or not counter.text_matches:
        return False
    walked = rows * cost.table_rows / counter.text_matches
    return cost.row_checks_cheaper(walked - counter.total())  # the index reads every match's row too


def _window_matches(
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
        recent = recent.filter(
            RawSQL(
                f"({Passage._meta.db_table}.topic_ids @> ARRAY[%s]::bigint[]) IS TRUE",
                [topic.pk],
                output_field=BooleanField(),
            )
        )
    return recent.filter(_checked_row_by_row(q))


FACET_FILTERS = ("speaker", "topic", "kind", "from", "to")


def _ranked_ids(ordered: QuerySet, sort: str, q: str, offset: int, per_page: int) -> list[int]:
    return list(
        ordered.order_by(*_ordering(sort, bool(q))).values_list("pk", flat=True)[offset : offset + per_page]
    )


def _ranked_ids_and_total(
    ordered: QuerySet, sort: str, q: str, offset: int, per_page: int
) -> tuple[list[int], int | None]:
    """A page of ids and the number of all matches, in one pass over them (None: the page is empty)."""
    rows = list(
        ordered.annotate(matches=Window(Count("*")))
        .order_by(*_ordering(sort, bool(q)))
        .values_list("pk", "matches")[offset : offset + per_page]
    )
    return [pk for pk, _ in rows], (rows[0][1] if rows else None)


def search(
    data: Mapping[str, object],
    *,
    page: object = 1,
    per_page: int = PAGE_SIZE,
    with_facets: bool = True,
    exact: bool = False,
) -> SearchResult:
    """Search passages with the public parameters (q, speaker, topic, from, to, kind, sort).

    Invalid parameters are dropped and reported in ``errors``; nothing here raises on input.
    ``exact=True`` counts every match even in very large result sets (the plain path).
    """
    filters = PassageFilter(data, queryset=Passage.objects.none())
    errors = []
    if not filters.form.is_valid():
        for name, messages in filters.form.errors.items():
            errors.extend(f"{name}: {m}" if name != "__all__" else m for m in messages)
    params = {k: v for k, v in filters.form.cleaned_data.items() if v not in (None, "")}
    q = params.get("q", "")
    sort = params.get("sort") or ("relevance" if q else "newest")
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))

    base = base_queryset(params.get("kind"))
    unfaceted = filters.filter_queryset_except(base, skip=FACET_FILTERS)
    counter = None if exact else counter_for(unfaceted, params)
    matches = filters.filter_queryset_except(base)
    cost = text_index_cost(q, counter) if counter is not None and counter.estimated and q else None
    if cost is not None and _filters_narrower_than_text(counter, params, cost):
        matches = filters.filter_queryset_except(base, skip="q").filter(_checked_row_by_row(q))
    ranked = bool(q) and sort == "relevance"
    ordered = matches.annotate(rank=SearchRank(F("search_vector"), text_query(q))) if ranked else matches
    ids: list[int] | None = None
    total: int | None = None
    if counter is not None and counter.estimated and counter.total() < MIN_ESTIMATE:
        # Few enough to count exactly, while ranking them: one pass over the matches, not two.
        ids, total = _ranked_ids_and_total(ordered, sort, q, (_page_number(page) - 1) * per_page, per_page)
    elif counter is not None:
        total = counter.total()
    if total is None:
        ids, total = None, matches.count()
    num_pages = max(1, -(-total // per_page))
    page_number = min(_page_number(page), num_pages)
    offset = (page_number - 1) * per_page
    if (
        not ranked
        and ids is None
        and cost is not None
        and _walking_dates_cheaper(counter, cost, params, offset + per_page)
    ):
        ordered = filters.filter_queryset_except(base, skip="q").filter(_checked_row_by_row(q))
    window = None
    if ranked and not exact and ids is None and total > RANK_ALL_LIMIT:
        # Counted or estimated from a sample: better than the planner's guess.
        cost = cost or text_index_cost(q, counter)
        wanted = RANK_WINDOW
        if cost.table_rows:
            wanted = min(wanted, WINDOW_MAX_ROWS * total / cost.table_rows)
        window = rank_window(total, params, max(wanted, (offset + per_page) * 3 // 2))
    if window is not None:
        recent = _window_matches(filters, base, window, q, counter, cost)
        recent = recent.annotate(rank=SearchRank(F("search_vector"), text_query(q)))
        ids = _ranked_ids(recent, sort, q, offset, per_page)
        if len(ids) < per_page and offset + len(ids) < total:
            window, ids = None, None  # a page past the window: rank everything for it
    if window is None and ids is None:
        ids = _ranked_ids(ordered, sort, q, offset, per_page)
    rows = _page_rows(ids, q) if ids else {}
    hits = [Hit(*rows[pk]) for pk in ids if pk in rows]

    result = SearchResult(hits, total, page_number, num_pages, per_page, q, sort, params, errors)
    result.estimated = counter is not None and counter.estimated and total == counter.total()
    result.ranked_since = window.since if window else None
    if with_facets and counter is not None:
        result.facets = {name: _facet_values(counter, name, params.get(name)) for name in FACETS}
        result.months = counter.months()
    elif with_facets:
        facet_sources = {
            "speaker": ("speaker__slug", "speaker__name"),
            "topic": ("topics__slug", "topics__name"),
        }
        for name in FACETS:
            others = filters.filter_queryset_except(base, skip=name)
            if name == "kind":
                result.facets[name] = _kind_facet(others, params.get("kind"))
            else:
                value, label = facet_sources[name]
                result.facets[name] = _facet(others, value, label, params.get(name))
        result.months = months(filters.filter_queryset_except(base, skip=("from", "to")))
    return result
