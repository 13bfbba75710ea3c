"""Totals, facets and the month chart in one pass over the matching rows.

Counting is the part of a search that grows with the number of matches. Rather
than one query per facet, the rows matching the text (and not yet the facet
filters) are read once, narrow, and counted here; each facet applies every
filter but its own. When there are very many matches, the rows come from a
random sample of the table's pages instead, and the counts are scaled and
rounded: the page then says "about".
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import QuerySet

from statements.models import Passage, Speaker, Topic

ONE_PASS_LIMIT = 30_000  # up to this many expected matches, read them all and count exactly
SAMPLE_MAX_PERCENT = 2.0  # the share of the table's pages a sample may read
SAMPLE_TARGET = 4_000  # matching rows a sample aims to see
MIN_SAMPLE_HITS = 400  # a sample that sees fewer is not trusted: count exactly instead


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


@dataclass(frozen=True)
class Row:
    speaker_id: int | None
    kind: str
    document_kind: str
    said_on: dt.date | None
    topic_ids: tuple[int, ...]


@dataclass(frozen=True)
class Counted:
    """A facet value's key, slug and count before labels are looked up."""

    key: object
    count: int


class FacetCounter:
    """Counts over rows that match the text, applying the other filters in Python."""

    def __init__(self, rows: list[Row], params: dict, scale: float | None = None):
        """``scale`` is the inverse of the sampled share of the table; None when rows are all the matches."""
        self.rows, self.params, self.scale = rows, params, scale or 1.0
        self.estimated = scale is not None

    def _keep(self, row: Row, skip: frozenset[str] = frozenset()) -> bool:
        p = self.params
        if "speaker" in p and "speaker" not in skip and row.speaker_id != p["speaker"].pk:
            return False
        if "topic" in p and "topic" not in skip and p["topic"].pk not in row.topic_ids:
            return False
        if "kind" in p and "kind" not in skip and p["kind"] not in (row.kind, row.document_kind):
            return False
        if "from" in p and "from" not in skip and (row.said_on is None or row.said_on < p["from"]):
            return False
        return not ("to" in p and "to" not in skip and (row.said_on is None or row.said_on > p["to"]))

    def _scaled(self, n: int) -> int:
        return about(n * self.scale) if self.estimated else n

    def total(self) -> int:
        return self._scaled(sum(1 for row in self.rows if self._keep(row)))

    def counts(self, name: str) -> Counter:
        """Raw counts of one facet's values among rows that pass every other filter."""
        counter: Counter = Counter()
        skip = frozenset({name})
        for row in self.rows:
            if not self._keep(row, skip):
                continue
            if name == "speaker":
                if row.speaker_id is not None:
                    counter[row.speaker_id] += 1
            elif name == "topic":
                counter.update(row.topic_ids)
            else:
                counter.update({row.kind, row.document_kind})
        return Counter({key: self._scaled(n) for key, n in counter.items()})

    def months(self) -> list[tuple[dt.date, int]]:
        counter: Counter = Counter(
            row.said_on.replace(day=1)
            for row in self.rows
            if row.said_on is not None and self._keep(row, frozenset({"from", "to"}))
        )
        return [(month, self._scaled(n)) for month, n in sorted(counter.items())]


def _fetch(unfaceted: QuerySet, percent: float | None) -> list[Row]:
    columns = unfaceted.annotate(
        topic_ids=ArrayAgg("topics__id", distinct=True, default=[]),
    ).values_list("speaker_id", "kind", "document__kind", "said_on", "topic_ids")
    sql, params = columns.query.sql_with_params()
    if percent is not None:
        table = connection.ops.quote_name(Passage._meta.db_table)
        sample = f"FROM {table} TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (7)"
        sql = sql.replace(f"FROM {table}", sample, 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Row(s, k, dk, d, tuple(t for t in topics if t is not None)) for s, k, dk, d, topics in cursor]


def counter_for(unfaceted: QuerySet, params: dict) -> FacetCounter:
    """Read the rows that match the text once: all of them, or a sample when there are very many."""
    expected = planned_rows(unfaceted)
    if expected > ONE_PASS_LIMIT:
        percent = min(SAMPLE_MAX_PERCENT, 100.0 * SAMPLE_TARGET / expected)
        rows = _fetch(unfaceted, percent)
        if len(rows) >= MIN_SAMPLE_HITS:
            return FacetCounter(rows, params, scale=100.0 / percent)
    return FacetCounter(_fetch(unfaceted, None), params)


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
