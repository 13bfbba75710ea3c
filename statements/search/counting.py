"""Totals, facets and the month chart in one statement over the matching rows.

Counting is the part of a search that grows with the number of matches. Rather
than one query per facet, the rows matching the text (and not yet the facet
filters) are read once, narrow, each with a bit per facet filter it fails, and
PostgreSQL counts them: each facet counts the rows that fail no filter but its
own, so only the counts travel back, with the names of the dozen speakers and
topics counted most often (all that a page shows). When every match is counted
(not a sample), the same statement also takes the page asked for from the rows
that pass every filter, sorting only as many as the page needs: the matches are
read once, not once to count and again to rank.

When there are very many matches, they are counted in a random sample instead
(``sampling.counter_for`` chooses which): the counts here are then scaled.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Expression, F, IntegerField, QuerySet
from django.db.models.expressions import OrderBy, RawSQL

from statements.models import Passage, Speaker, Topic
from statements.search import filters
from statements.search.filters import filter_bits

#: Facet values shown beside the results: the speakers and topics counted most often.
FACET_SIZE = 12
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


def count_rows(
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
