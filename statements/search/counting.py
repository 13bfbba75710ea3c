"""Totals, facets and the month chart in one query over the matching rows.

Counting is the part of a search that grows with the number of matches. Rather
than one query per facet, the rows matching the text (and not yet the facet
filters) are read once, narrow, each with a bit per facet filter it fails, and
PostgreSQL counts them: each facet counts the rows that fail no filter but its
own, so only the counts travel back, with the names of the dozen speakers and
topics counted most often (all that a page shows). When every match is counted
(not a sample), the same statement also takes the page asked for from the rows
that pass every filter, sorting only as many as the page needs: the matches are
read once, not once to count and again to rank.

When there are very many matches, they are counted in a random sample of the
archive instead: every passage draws a sample bucket when it is written, and the
0.1%, 0.3%, 1%, 3% and 10% samples have text indexes of their own, so a sample's matches
are found without reading the others. The smallest sample that sees at least
``MIN_SAMPLE_HITS`` matches is used, its counts scaled and rounded, and the page
says "about"; when none does, there are few enough matches to count them all.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Expression, F, IntegerField, QuerySet
from django.db.models.expressions import OrderBy, RawSQL

from statements.models import SAMPLE_BUCKETS, SAMPLE_SIZES, Passage, Speaker, Topic
from statements.search import filters
from statements.search.filters import filter_bits
from statements.search.selectivity import Share

#: Facet values shown beside the results: the speakers and topics counted most often.
FACET_SIZE = 12
MIN_SAMPLE_HITS = 500  # a sample that sees fewer matches is not trusted (±4.5% at one sigma)
MIN_FILTERED_HITS = 100  # nor one where fewer of them pass the facet filters (±10%)
#: A larger sample than this is not read, unless counting the filtered matches would cost more.
MAX_SAMPLE_ROWS = 5_000
#: What counting a sampled row costs against counting a filtered match, for a listing without
#: words: its sample is read off ``passage_sample_facets`` alone, the filtered matches from the
#: table (at 1M passages 1.1-2.1 against 3.0-4.0 µs a row). With words, both are table rows.
INDEX_ONLY_SAMPLE_ROW_COST = 0.5
#: The columns a count reads of each matching passage. A sample's passages are read with these
#: off the index ``passage_sample_facets`` alone when there are no words to match.
COUNTED_COLUMNS = ("speaker_id", "kind", "document_kind", "said_on", "topic_ids")


@dataclass(frozen=True)
class PageRequest:
    """The page a search shows, which an exact count can find while it reads the matches."""

    #: The order of the page, as ``order_by`` takes it (may name ``rank``): names, "-names" and
    #: ``F(name).asc()`` or ``.desc()`` only (see ``_sort_keys``).
    ordering: list
    offset: int
    size: int
    #: The relevance of a row, when the order uses it.
    rank: Expression | None = None
    #: More rows than this passing every filter are not ranked all together (see plans.RANK_ALL_LIMIT).
    rank_at_most: int = 0


def about(n: float) -> int:
    """An estimate rounded to two significant figures, so it does not pretend to precision."""
    n = int(round(n))
    return n if n < 100 else int(round(n, 2 - len(str(n))))


class FacetCounter:
    """The counts one search shows: total, facet values and months, exact or scaled from a sample."""

    def __init__(
        self,
        total: int,
        facets: dict[str, Counter],
        months: Counter,
        read: int,
        scale: float | None = None,
    ) -> None:
        """``read``: rows that match the text whatever the facet filters (in the sample, if one).

        ``scale`` is the inverse of the sampled share of the table; None when the counts are exact.
        """
        self._total, self._facets, self._months = total, facets, months
        #: The matches of every filter, when only those were counted (common words, narrow filters).
        self.counted: QuerySet | None = None
        self.scale = scale or 1.0
        self.estimated = scale is not None
        #: How many passages match the text alone (estimated when sampled).
        self.text_matches = read * self.scale
        #: Slug and name of each speaker and topic among the most counted, by facet and id.
        self.labels: dict[str, dict] = {}
        #: The page asked for and its ids in order, when the counting statement found it.
        self.page: PageRequest | None = None
        self.page_ids: list[int] = []

    @property
    def passing(self) -> int:
        """Rows that pass every facet filter, before scaling."""
        return self._total

    def _scaled(self, n: int) -> int:
        return about(n * self.scale) if self.estimated else n

    def total(self) -> int:
        return self._scaled(self._total)

    def counts(self, name: str, keys: list | None = None) -> dict:
        """Counts of a facet's values among rows passing every other filter (of ``keys`` only, if given).

        Of the speakers and topics, only the ``FACET_SIZE`` counted most often are known; any
        other counts 0 here.
        """
        found = self._facets.get(name, Counter())
        return {key: self._scaled(found[key]) for key in (found if keys is None else keys)}

    def most_common(self, name: str, size: int, order: Callable[[object], object]) -> list:
        """The ``size`` values of one facet counted most often, ties in ``order`` (of the value).

        Of the speakers and topics, only the ``FACET_SIZE`` counted most often come back.
        """
        found = self._facets.get(name, Counter())
        return sorted(found, key=lambda key: (-found[key], order(key)))[:size]

    def months(self) -> list[tuple[dt.date, int]]:
        return [(month, self._scaled(n)) for month, n in sorted(self._months.items())]


def failed_filters(params: dict) -> RawSQL:
    """A row's bit mask of the filters (``filters.FILTERS``) it fails: 0 when it passes them all.

    Each filter's SQL test is its entry's, as its ORM condition is: the two cannot disagree.
    """
    table = connection.ops.quote_name(Passage._meta.db_table)
    bits = filter_bits(filters.FILTERS)
    tests = [(f.name, *f.sql(table, params[f.name])) for f in filters.FILTERS if f.name in params]
    sql = " + ".join(f"(CASE WHEN {test} THEN 0 ELSE {bits[name]} END)" for name, test, _ in tests)
    return RawSQL(sql or "0", [value for _, _, value in tests], output_field=IntegerField())


def _passing_all_but(params: dict, *names: str) -> str:
    """The condition that a counted row passes every filter of ``params`` but ``names``.

    "TRUE" when there is none to pass: PostgreSQL then drops the condition, and its estimate of
    the rows counted (which guides how it groups them) is not cut to a guess at a bit test's.
    """
    bits = filter_bits(filters.FILTERS)
    mask = sum(bit for name, bit in bits.items() if name in params and name not in names)
    return f"failed & {mask} = 0" if mask else "TRUE"


def _most_counted(alias: str) -> str:
    """The ``FACET_SIZE`` speakers or topics counted most often, ties by name as Python sorts them.

    Only those are shown (``FacetCounter.most_common``): hundreds of speakers are counted, and
    their names need not travel back. The "C" collation orders names by code point, as Python does.
    """
    return f'ORDER BY f.n DESC, {alias}.name COLLATE "C", {alias}.id LIMIT {FACET_SIZE}'


def _sort_keys(ordering: list) -> list[tuple[str, str]]:
    """The columns of an ``order_by`` list, each with its direction, as ORDER BY takes them.

    The counting statement takes its page from the matches it has read with these columns,
    in a bounded sort of the first rows rather than a numbering of all of them.
    """
    keys = []
    for item in ordering:
        if isinstance(item, str):
            name, descending, nulls = item.removeprefix("-"), item.startswith("-"), ""
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            name, descending = item.expression.name, item.descending
            nulls = " NULLS LAST" if item.nulls_last else " NULLS FIRST" if item.nulls_first else ""
        else:
            raise TypeError(f"cannot sort the counted rows by {item!r}")
        keys.append((name, ("DESC" if descending else "ASC") + nulls))
    return keys


def _count(
    matching: QuerySet, params: dict, scale: float | None, page: PageRequest | None = None
) -> tuple[int, FacetCounter]:
    """Count ``matching`` (the text's matches, or a sample's); returns (rows read, counts).

    With ``page``, the ids of its rows among those that pass every filter come back with the
    counts, in its order.
    """
    quote = connection.ops.quote_name
    rows = matching.annotate(failed=failed_filters(params))
    columns = [*COUNTED_COLUMNS, "failed"]
    page_rows = ""
    if page is not None:
        if page.rank is not None:
            rows = rows.annotate(rank=page.rank)
        keys = _sort_keys(page.ordering)
        sorted_by = list(dict.fromkeys(["id", *(name for name, _ in keys)]))
        columns += [name for name in sorted_by if name not in columns]
        order = ", ".join(f"{quote(name)} {direction}" for name, direction in keys)
        page_rows = (
            f"UNION ALL SELECT 'hit', id, NULL, NULL, NULL, row_number() OVER (ORDER BY {order}) FROM ("
            f"SELECT {', '.join(map(quote, sorted_by))} FROM m WHERE {_passing_all_but(params)}"
            f" ORDER BY {order} OFFSET %s LIMIT %s) AS page"
        )
    sql, args = rows.values_list(*columns).order_by().query.sql_with_params()
    speakers, topics = (quote(m._meta.db_table) for m in (Speaker, Topic))
    counting = f"""
        WITH m ({", ".join(map(quote, columns))}) AS MATERIALIZED ({sql})
        SELECT 'rows', NULL::bigint, NULL::text, NULL::text, NULL::date, count(*) FROM m
        UNION ALL SELECT 'total', NULL, NULL, NULL, NULL, count(*) FROM m WHERE {_passing_all_but(params)}
        UNION ALL (SELECT 'speaker', f.speaker_id, s.slug, s.name, NULL, f.n FROM (
            SELECT speaker_id, count(*) AS n FROM m
            WHERE {_passing_all_but(params, "speaker")} AND speaker_id IS NOT NULL GROUP BY speaker_id
        ) AS f JOIN {speakers} s ON s.id = f.speaker_id {_most_counted("s")})
        UNION ALL (SELECT 'topic', f.topic, t.slug, t.name, NULL, f.n FROM (
            SELECT topic, count(*) AS n FROM (
                SELECT unnest(topic_ids) AS topic FROM m WHERE {_passing_all_but(params, "topic")}
            ) AS topics GROUP BY topic
        ) AS f JOIN {topics} t ON t.id = f.topic {_most_counted("t")})
        UNION ALL SELECT 'kind', NULL, kind, document_kind, NULL, count(*) FROM m
            WHERE {_passing_all_but(params, "kind")} GROUP BY kind, document_kind
        UNION ALL SELECT 'month', NULL, NULL, NULL, month, count(*) FROM (
            SELECT said_on - (extract(day FROM said_on)::int - 1) AS month FROM m
            WHERE {_passing_all_but(params, "from", "to")} AND said_on IS NOT NULL
        ) AS months GROUP BY month
        {page_rows}
    """
    if page is not None:
        args = (*args, page.offset, page.size)
    with connection.cursor() as cursor:
        cursor.execute(counting, args)
        found = cursor.fetchall()
    read = total = 0
    facets: dict[str, Counter] = {"speaker": Counter(), "topic": Counter(), "kind": Counter()}
    months: Counter = Counter()
    hits: list[tuple[int, int]] = []
    labels: dict[str, dict] = {"speaker": {}, "topic": {}}
    for facet, key, kind, document_kind, month, n in found:
        if facet == "rows":
            read = n
        elif facet == "total":
            total = n
        elif facet == "month":
            months[month] += n
        elif facet == "kind":
            facets["kind"][kind] += n
            if document_kind != kind:
                facets["kind"][document_kind] += n
        elif facet == "hit":
            hits.append((n, key))
        else:  # a speaker or topic, with its slug and name in the kind columns
            facets[facet][key] += n
            labels[facet][key] = (kind, document_kind)
    counter = FacetCounter(total, facets, months, read, scale)
    counter.labels = labels
    if page is not None and (page.rank is None or total <= page.rank_at_most):
        counter.page, counter.page_ids = page, [pk for _, pk in sorted(hits)]
    return read, counter


def _first_sample(expected: Share | None, passing_share: float | None = None) -> int:
    """Which of ``SAMPLE_SIZES`` to read first, from the statistics' guess of the text's matches.

    Samples that could not see ``MIN_SAMPLE_HITS`` even at the bound are skipped. The likely
    count may skip further, but not to a sample whose bound exceeds ``MAX_SAMPLE_ROWS``: words
    that occur together more often than by chance make it guess low. With facet filters,
    ``passing_share`` is the share of passages they likely leave: samples in which too few
    would pass (``MIN_FILTERED_HITS``, two sigma above it, since a sample that sees too few is
    read in vain) are skipped too, if a later one within that bound would see enough and the
    filtered matches are likely too many to count. Otherwise the samples are read as without
    the filters: a small one that shows the filtered matches to be few has them counted exactly.
    """
    if expected is None:
        return 0
    shares = [buckets / SAMPLE_BUCKETS for buckets in SAMPLE_SIZES]
    last = len(shares) - 1

    def first_seeing(matches: float, enough: float, otherwise: int | None = None) -> int | None:
        return next((i for i, share in enumerate(shares) if matches * share >= enough), otherwise)

    surely = first_seeing(expected.at_most, MIN_SAMPLE_HITS, last)
    likely = first_seeing(expected.likely, MIN_SAMPLE_HITS, last)
    if passing_share is not None:
        enough = MIN_FILTERED_HITS + 2 * math.sqrt(MIN_FILTERED_HITS)
        filtered = expected.likely * passing_share
        passing = first_seeing(filtered, enough)
        within_bound = passing is not None and expected.at_most * shares[passing] <= MAX_SAMPLE_ROWS
        if within_bound and filtered > MAX_SAMPLE_ROWS:
            likely = max(likely, passing)
    while likely > surely and expected.at_most * shares[likely] > MAX_SAMPLE_ROWS:
        likely -= 1
    return max(surely, likely)


def _counted_at_once(expected: Share | None, page: PageRequest | None) -> bool:
    """Whether the statistics show that every match can be counted without reading a sample first.

    So when no sample could see ``MIN_SAMPLE_HITS``, or when a ranked page must rank every match
    anyway (at most ``page.rank_at_most``): the same pass then counts them.
    """
    if expected is None:
        return False
    if expected.at_most * SAMPLE_SIZES[-1] / SAMPLE_BUCKETS < MIN_SAMPLE_HITS:
        return True
    return page is not None and page.rank is not None and expected.at_most <= page.rank_at_most


def _filtered_rows_at_least(passing: int, share: float, narrowed: bool) -> float:
    """About the fewest rows that counting the filtered matches would read (two sigma below the sample).

    Broad filters (all passages since 2024) leave too many to count cheaply, yet too few in a
    small sample: a larger sample is then the cheaper read.
    """
    if not narrowed:
        return 0.0
    return max(0.0, passing - 2 * math.sqrt(passing)) / share


def counter_for(
    matching: QuerySet,
    params: dict,
    filtered: Callable[[FacetCounter], QuerySet],
    page: PageRequest | None = None,
    expected: Share | None = None,
    passing_share: float | None = None,
    index_only_samples: bool = False,
) -> FacetCounter:
    """Count the rows that match the text: in the smallest sample that sees enough, else exactly.

    ``matching`` is the text's matches; ``filtered`` gives the same with every facet filter
    applied, written as the last sample's counts say is cheapest. ``expected`` is how many
    passages the planner's statistics say the text matches, and ``passing_share`` the share of
    passages they say the facet filters leave (see ``_first_sample``).
    A sample is used when it sees at least ``MIN_SAMPLE_HITS`` matches of the text and, if there
    are facet filters, ``MIN_FILTERED_HITS`` that pass them too. A sample is skipped when even a
    generous reading of the smaller one before it (three more matches, or passing matches, than
    it saw: about a 95% upper bound for rare events) says it would not see enough. When the
    words are common but the filters narrow (a larger sample would read more than
    ``MAX_SAMPLE_ROWS`` and cost more than the filtered matches, or would see too few of those while
    they are few enough to read through a filter's index), the filtered matches are counted
    exactly: each facet then counts only those, not the passages its own filter leaves out. An
    exact count also finds ``page`` (see ``_count``), unless it would rank more than
    ``page.rank_at_most`` rows (the sample's estimate is checked before, the count after).
    ``index_only_samples``: the samples are read off an index alone (a listing without words),
    so a sampled row costs less than a filtered match (``INDEX_ONLY_SAMPLE_ROW_COST``).
    """
    if _counted_at_once(expected, page):
        return _count(matching, params, None, page)[1]
    narrowed = any(f.name in params for f in filters.FILTERS)
    indexed = any(f.name in params for f in filters.FILTERS if f.indexed)
    seen, seen_share, passing, filtered_few = None, 0.0, 0, False
    sampled_row_cost = INDEX_ONLY_SAMPLE_ROW_COST if index_only_samples else 1.0
    for buckets in SAMPLE_SIZES[_first_sample(expected, passing_share) :]:
        share = buckets / SAMPLE_BUCKETS
        if seen is not None:
            growth = share / seen_share
            filtered_few = (
                indexed
                and (passing + 3) * growth < MIN_FILTERED_HITS
                and (passing + 3) / seen_share <= MAX_SAMPLE_ROWS < seen / seen_share
            )
            if filtered_few:
                break  # the next sample would see too few passing, and they are few enough to count
            sampled = seen * growth
            filtered_rows = _filtered_rows_at_least(passing, seen_share, narrowed)
            if sampled > MAX_SAMPLE_ROWS and sampled * sampled_row_cost > filtered_rows:
                break
            too_few = (seen + 3) * growth < MIN_SAMPLE_HITS
            too_few_passing = (
                narrowed and seen >= MIN_SAMPLE_HITS and (passing + 3) * growth < MIN_FILTERED_HITS
            )
            if too_few or too_few_passing:
                continue
        seen, counter = _count(matching.filter(sample_bucket__lt=buckets), params, 1 / share)
        seen_share, passing = share, counter.passing
        if seen >= MIN_SAMPLE_HITS and (not narrowed or counter.passing >= MIN_FILTERED_HITS):
            return counter
    if seen is not None and (seen >= MIN_SAMPLE_HITS or filtered_few):  # common words, narrow filters
        rows = filtered(counter)
        passing_all = counter.passing * counter.scale
        if page is not None and page.rank is not None and passing_all > page.rank_at_most:
            page = None
        exact = _count(rows, params, None, page)[1]
        exact.counted = rows
        return exact
    return _count(matching, params, None, page)[1]
