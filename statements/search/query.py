"""The one search entry point: the search page, feeds, exports and the benchmark call ``search``.

Matching, ranking, counting and facets all start from the same filters, so the
results and the numbers beside the filters cannot disagree. Snippets are
computed only for the rows of the page shown.

Counting is what grows with the number of matches: a common word matches a
large share of an archive about one subject. Totals, facets and the month
chart come from one pass over the matching rows (statements/search/counting.py),
estimated from a sample when there are very many (the page then says
"about").

Ranking grows with the number of matches too: ``ts_rank`` must read every
matching row's vector before the first twenty are known. Beyond a few thousand
matches only the most recent are ranked, and the page says so ("ranked among
those since ..."). How each part is read (the text index or row checks, the
rank window, walking the date index) is decided in statements/search/plans.py from
the counts and PostgreSQL's statistics. ``exact=True`` is the plain path: every
match counted and ranked, nothing estimated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, F, QuerySet
from django.db.models.functions import Collate, TruncMonth

from statements.models import Passage, PassageKind
from statements.search import filters as table
from statements.search import plans, statistics
from statements.search.counting import FACET_SIZE, FacetCounter, PageRequest
from statements.search.filters import KIND_CHOICES, PassageFilter, passage_filter, text_query
from statements.search.hits import Hit, hits_of, read_hits
from statements.search.sampling import counter_for

FACETS = ("speaker", "topic", "kind")
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
#: Past any archive's last page, and small enough that its offset fits PostgreSQL's bigint.
MAX_PAGE = 10**9
_KIND_LABELS = {value: label for _group, choices in KIND_CHOICES for value, label in choices}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


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


def _page_number(raw: object) -> int:
    """The page asked for, at least 1 and at most ``MAX_PAGE`` (a later page is the last)."""
    try:
        return min(max(1, int(str(raw))), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _ordering(sort: str, ranked: bool) -> list:
    newest = [F("said_on").desc(nulls_last=True), "document_id", "position"]
    if sort == "oldest":
        return [F("said_on").asc(nulls_last=True), "document_id", "position"]
    if sort == "relevance" and ranked:
        return ["-rank", *newest]
    return newest


def _ranked_hits(
    ordered: QuerySet, sort: str, q: str, rank: SearchRank | None, offset: int, per_page: int
) -> list[Hit]:
    """A page of ``ordered`` in the order ``sort`` asks for, found and shown in one statement.

    The page's ids (ordered by ``rank`` when given; ties end in reading order) are a subquery of
    the statement that reads the passages to show, instead of one query for the ids and a
    second for their rows.
    """
    if rank is not None:
        ordered = ordered.annotate(rank=rank)
    ids = ordered.order_by(*_ordering(sort, bool(q))).values("pk")[offset : offset + per_page]
    try:
        sql, params = ids.query.sql_with_params()
    except EmptyResultSet:  # a queryset that can match nothing compiles to no SQL at all
        return []
    return read_hits(f"unnest(ARRAY({sql}))", params, q)


def _facet(queryset: QuerySet, value: str, label: str, selected: object) -> list[FacetValue]:
    rows = (
        queryset.exclude(**{f"{value}__isnull": True})
        .values(value, label)
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", Collate(label, "C"))[:FACET_SIZE]  # ties by code point, as counting has them
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
    chosen = getattr(selected, "slug", selected)
    if name == "kind":
        ranked = sorted(counter.counts(name).items(), key=lambda item: (-item[1], item[0]))
        return [FacetValue(k, _KIND_LABELS.get(k, k), n, k == chosen) for k, n in ranked]
    found = counter.labels.get(name, {})
    shown = counter.most_common(name, FACET_SIZE, order=lambda key: found[key][1])
    counts = counter.counts(name, shown)
    return [FacetValue(found[k][0], found[k][1], counts[k], found[k][0] == chosen) for k in shown]


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
    filters = passage_filter(data, queryset=Passage.objects.none())
    errors = []
    if not filters.form.is_valid():
        for name, messages in filters.form.errors.items():
            errors.extend(f"{name}: {m}" if name != "__all__" else m for m in messages)
    params = {k: v for k, v in filters.form.cleaned_data.items() if v not in (None, "")}
    q = params.get("q", "")
    sort = params.get("sort") or ("relevance" if q else "newest")
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))

    base = base_queryset(params.get("kind"))
    unfaceted = filters.filter_queryset_except(base, skip=[f.name for f in table.FILTERS])
    matches = filters.filter_queryset_except(base)

    def filtered(sampled: FacetCounter) -> QuerySet:
        """The matches of every filter, the words checked row by row when that is cheaper."""
        if q and plans.filters_narrower_than_text(sampled, params, plans.text_index_cost(q, sampled)):
            return plans.words_checked(filters, base, q)
        return matches

    ranked = bool(q) and sort == "relevance"
    rank = SearchRank(F("search_vector"), text_query(q)) if ranked else None
    wanted = PageRequest(
        _ordering(sort, bool(q)), (_page_number(page) - 1) * per_page, per_page, rank, plans.RANK_ALL_LIMIT
    )
    # Words must be read from every match to be counted exactly: the page is found in the same
    # pass. Without words, a page in date order is read off the date index instead.
    expected = statistics.expected_matches(q) if q and not exact else None
    passing = statistics.expected_passing_share(params) if expected is not None else None
    counter = (
        None
        if exact
        else counter_for(
            unfaceted, params, filtered, wanted if q else None, expected, passing, index_only_samples=not q
        )
    )
    total = matches.count() if counter is None else counter.total()
    num_pages = max(1, -(-total // per_page))
    page_number = min(_page_number(page), num_pages)
    offset = (page_number - 1) * per_page
    chosen = plans.plan(counter, params, q, ranked=ranked, offset=offset, per_page=per_page)
    if chosen.matches == "counted":
        matches = counter.counted
    elif chosen.matches == "words checked":
        matches = plans.words_checked(filters, base, q)
    page_rows = PageRows(filters, base, matches, q, sort, rank, offset, per_page)
    hits, ranked_since = page_rows.read(chosen, counter, total)

    result = SearchResult(hits, total, page_number, num_pages, per_page, q, sort, params, errors)
    result.estimated = counter is not None and counter.estimated
    result.ranked_since = ranked_since
    if with_facets and counter is not None:
        result.facets = {name: _facet_values(counter, name, params.get(name)) for name in FACETS}
        result.months = counter.months()
    elif with_facets:
        result.facets, result.months = _facets_counted_exactly(filters, base, params)
    return result


def _facets_counted_exactly(
    filters: PassageFilter, base: QuerySet, params: dict
) -> tuple[dict[str, list[FacetValue]], list[tuple[dt.date, int]]]:
    """The plain path's facets and months: each counted by the ORM over the other filters' matches."""
    sources = {"speaker": ("speaker__slug", "speaker__name"), "topic": ("topics__slug", "topics__name")}
    facets = {}
    for name in FACETS:
        others = filters.filter_queryset_except(base, skip=name)
        if name == "kind":
            facets[name] = _kind_facet(others, params.get("kind"))
        else:
            value, label = sources[name]
            facets[name] = _facet(others, value, label, params.get(name))
    return facets, months(filters.filter_queryset_except(base, skip=("from", "to")))


@dataclass(frozen=True)
class PageRows:
    """What reading one page needs: the filters, the matches chosen, the order and the page's place."""

    filters: PassageFilter
    base: QuerySet
    matches: QuerySet
    q: str
    sort: str
    rank: SearchRank | None
    offset: int
    per_page: int

    def read(
        self, chosen: plans.Plan, counter: FacetCounter | None, total: int
    ) -> tuple[list[Hit], dt.date | None]:
        """The page's hits as ``chosen`` says to read them, and the rank window's day if one served."""
        if chosen.page_counted:
            return (hits_of(counter.page_ids, self.q) if counter.page_ids else []), None
        if chosen.window is not None:
            recent = plans.window_matches(
                self.filters, self.base, chosen.window, self.q, counter, chosen.cost
            )
            hits = self._ranked(recent)
            if len(hits) == self.per_page or self.offset + len(hits) >= total:
                return hits, chosen.window.since
            # a page past the window: rank everything for it
        words_checked = chosen.walk_dates
        ordered = plans.words_checked(self.filters, self.base, self.q) if words_checked else self.matches
        return self._ranked(ordered), None

    def _ranked(self, ordered: QuerySet) -> list[Hit]:
        return _ranked_hits(ordered, self.sort, self.q, self.rank, self.offset, self.per_page)
