"""Totals, facets and the month chart in one query over the matching rows.

Counting is the part of a search that grows with the number of matches. Rather
than one query per facet, the rows matching the text (and not yet the facet
filters) are read once, narrow, each with a bit per facet filter it fails, and
PostgreSQL counts them: each facet counts the rows that fail no filter but its
own, so only the counts travel back. When there are very many matches, the rows
come from a random sample of the table's pages instead, and the counts are
scaled and rounded: the page then says "about".
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from django.db import connection
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from statements.models import Document, Passage, PassageKind, Speaker, Topic

#: Up to this many expected matches, read them all and count exactly. Above it a sample is tried
#: first: the planner's guess can be far too low for words that go together ("common sense").
ONE_PASS_LIMIT = 1_000
SAMPLE_MAX_PERCENT = 3.0  # the share of the table's pages a sample may read
SAMPLE_TARGET = 1_500  # matching rows a sample aims to see
MIN_SAMPLE_HITS = 200  # a sample that sees fewer is not trusted: count exactly instead
#: The facet filters, each with its bit in a row's mask of failed filters.
FILTER_BITS = {"speaker": 1, "topic": 2, "kind": 4, "from": 8, "to": 16}


def planned_rows(queryset: QuerySet) -> int:
    """How many rows PostgreSQL's planner expects ``queryset`` to return (one EXPLAIN)."""
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


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
    ):
        """``read``: rows that match the text whatever the facet filters (in the sample, if one).

        ``scale`` is the inverse of the sampled share of the table; None when the counts are exact.
        """
        self._total, self._facets, self._months = total, facets, months
        self.scale = scale or 1.0
        self.estimated = scale is not None
        #: How many passages match the text alone (estimated when sampled).
        self.text_matches = read * self.scale

    def _scaled(self, n: int) -> int:
        return about(n * self.scale) if self.estimated else n

    def total(self) -> int:
        return self._scaled(self._total)

    def counts(self, name: str) -> Counter:
        """Counts of one facet's values among rows that pass every other filter."""
        return Counter({key: self._scaled(n) for key, n in self._facets.get(name, Counter()).items()})

    def months(self) -> list[tuple[dt.date, int]]:
        return [(month, self._scaled(n)) for month, n in sorted(self._months.items())]


def failed_filters(params: dict) -> RawSQL:
    """A row's bit mask of the facet filters (``FILTER_BITS``) it fails: 0 when it passes them all.

    Mirrors statements.filters.PassageFilter, condition for condition.
    """
    table = connection.ops.quote_name(Passage._meta.db_table)
    documents = connection.ops.quote_name(Document._meta.db_table)
    tests: list[tuple[str, str, object]] = []
    if "speaker" in params:
        tests.append(("speaker", f"{table}.speaker_id = %s", params["speaker"].pk))
    if "topic" in params:
        tests.append(("topic", f"{table}.topic_ids @> ARRAY[%s]::bigint[]", params["topic"].pk))
    if "kind" in params:
        kind = params["kind"]
        if kind in PassageKind.values:
            tests.append(("kind", f"{table}.kind = %s", kind))
        else:
            document_kind = f"(SELECT kind FROM {documents} WHERE id = {table}.document_id)"
            tests.append(("kind", f"{document_kind} = %s", kind))
    if "from" in params:
        tests.append(("from", f"{table}.said_on >= %s", params["from"]))
    if "to" in params:
        tests.append(("to", f"{table}.said_on <= %s", params["to"]))
    sql = " + ".join(f"(CASE WHEN {test} THEN 0 ELSE {FILTER_BITS[name]} END)" for name, test, _ in tests)
    return RawSQL(sql or "0", [value for _, _, value in tests], output_field=IntegerField())


def _passing_all_but(*names: str) -> str:
    allowed = sum(FILTER_BITS[name] for name in names)
    return f"failed & {~allowed & 31} = 0"


def _count(unfaceted: QuerySet, params: dict, percent: float | None) -> tuple[int, FacetCounter]:
    """Count the matches (or a sample of the table's pages); returns (rows read, counts)."""
    rows = (
        unfaceted.annotate(failed=failed_filters(params))
        .values_list("speaker_id", "kind", "document_id", "said_on", "topic_ids", "failed")
        .order_by()
    )
    sql, args = rows.query.sql_with_params()
    if percent is not None:
        table = connection.ops.quote_name(Passage._meta.db_table)
        sample = f"FROM {table} TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (7)"
        sql = sql.replace(f"FROM {table}", sample, 1)
    documents = connection.ops.quote_name(Document._meta.db_table)
    counting = f"""
        WITH m (speaker_id, kind, document_id, said_on, topic_ids, failed) AS MATERIALIZED ({sql})
        SELECT 'rows', NULL::bigint, NULL::text, NULL::text, NULL::date, count(*) FROM m
        UNION ALL SELECT 'total', NULL, NULL, NULL, NULL, count(*) FROM m WHERE failed = 0
        UNION ALL SELECT 'speaker', speaker_id, NULL, NULL, NULL, count(*) FROM m
            WHERE {_passing_all_but("speaker")} AND speaker_id IS NOT NULL GROUP BY speaker_id
        UNION ALL SELECT 'topic', topic, NULL, NULL, NULL, count(*) FROM m, unnest(m.topic_ids) AS topic
            WHERE {_passing_all_but("topic")} GROUP BY topic
        UNION ALL SELECT 'kind', NULL, kind, document_kind, NULL, sum(n)::bigint FROM (
            SELECT kind, (SELECT kind FROM {documents} WHERE id = document_id) AS document_kind, n
            FROM (SELECT document_id, kind, count(*) AS n FROM m
                  WHERE {_passing_all_but("kind")} GROUP BY document_id, kind) AS per_document
        ) AS kinds GROUP BY kind, document_kind
        UNION ALL SELECT 'month', NULL, NULL, NULL, date_trunc('month', said_on)::date, count(*) FROM m
            WHERE {_passing_all_but("from", "to")} AND said_on IS NOT NULL GROUP BY 5
    """
    with connection.cursor() as cursor:
        cursor.execute(counting, args)
        found = cursor.fetchall()
    read = total = 0
    facets: dict[str, Counter] = {"speaker": Counter(), "topic": Counter(), "kind": Counter()}
    months: Counter = Counter()
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
        else:
            facets[facet][key] += n
    scale = None if percent is None else 100.0 / percent
    return read, FacetCounter(total, facets, months, read, scale)


def counter_for(unfaceted: QuerySet, params: dict, expected: int | None = None) -> FacetCounter:
    """Count the rows that match the text once: all of them, or a sample when there are very many.

    ``expected`` overrides the planner's estimate of how many rows that is (see search.py on phrases).
    """
    expected = planned_rows(unfaceted) if expected is None else expected
    if expected > ONE_PASS_LIMIT:
        percent = min(SAMPLE_MAX_PERCENT, 100.0 * SAMPLE_TARGET / expected)
        read, counter = _count(unfaceted, params, percent)
        if read >= MIN_SAMPLE_HITS:
            return counter
    return _count(unfaceted, params, None)[1]


def labels(name: str, keys: list) -> dict:
    """Slug and display name for facet keys (speaker and topic ids; kinds are their own)."""
    if name == "speaker":
        return {
            pk: (slug, label)
            for pk, slug, label in Speaker.objects.filter(pk__in=keys).values_list("pk", "slug", "name")
        }
    if name == "topic":
        return {
            pk: (slug, label)
            for pk, slug, label in Topic.objects.filter(pk__in=keys).values_list("pk", "slug", "name")
        }
    return {}
