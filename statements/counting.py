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
from typing import NamedTuple

from django.contrib.postgres.fields import ArrayField
from django.db import connection, models
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from statements.models import Passage, PassageTopic, Speaker, Topic

#: Up to this many expected matches, read them all and count exactly. Above it a sample is tried
#: first: the planner's guess can be far too low for words that go together ("common sense").
ONE_PASS_LIMIT = 1_000
SAMPLE_MAX_PERCENT = 3.0  # the share of the table's pages a sample may read
SAMPLE_TARGET = 1_500  # matching rows a sample aims to see
MIN_SAMPLE_HITS = 200  # a sample that sees fewer is not trusted: count exactly instead
FILTERS = ("speaker", "topic", "kind", "from", "to")


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


class Row(NamedTuple):
    speaker_id: int | None
    kind: str
    document_kind: str
    said_on: dt.date | None
    topic_ids: tuple[int, ...]


class FacetCounter:
    """Counts over rows that match the text, applying the other filters in Python.

    Each row is checked against the filters once (a bit per failed filter); a facet
    then counts the rows that fail no filter but its own. Rows are plain tuples, as
    there may be thousands of them on every search.
    """

    def __init__(self, rows: list[Row], params: dict, scale: float | None = None):
        """``scale`` is the inverse of the sampled share of the table; None when rows are all the matches."""
        self.rows, self.params, self.scale = rows, params, scale or 1.0
        self.estimated = scale is not None
        self.masks = [self._failures(row) for row in rows]

    def _failures(self, row: Row) -> int:
        p, failed = self.params, 0
        speaker_id, kind, document_kind, said_on, topic_ids = row
        if "speaker" in p and speaker_id != p["speaker"].pk:
            failed |= 1
        if "topic" in p and p["topic"].pk not in topic_ids:
            failed |= 2
        if "kind" in p and p["kind"] != kind and p["kind"] != document_kind:
            failed |= 4
        if "from" in p and (said_on is None or said_on < p["from"]):
            failed |= 8
        if "to" in p and (said_on is None or said_on > p["to"]):
            failed |= 16
        return failed

    def _kept(self, skip: frozenset[str] = frozenset()):
        allowed = sum(1 << FILTERS.index(name) for name in skip)
        return (row for row, mask in zip(self.rows, self.masks, strict=True) if not mask & ~allowed)

    def _scaled(self, n: int) -> int:
        return about(n * self.scale) if self.estimated else n

    def total(self) -> int:
        return self._scaled(self.masks.count(0))

    def counts(self, name: str) -> Counter:
        """Raw counts of one facet's values among rows that pass every other filter."""
        kept = self._kept(frozenset({name}))
        if name == "speaker":
            counter = Counter(row[0] for row in kept)
            counter.pop(None, None)
        elif name == "topic":
            counter = Counter(topic for row in kept for topic in row[4])
        else:
            counter = Counter(kind for row in kept for kind in {row[1], row[2]})
        return Counter({key: self._scaled(n) for key, n in counter.items()})

    def months(self) -> list[tuple[dt.date, int]]:
        counter: Counter = Counter(
            row[3].replace(day=1) for row in self._kept(frozenset({"from", "to"})) if row[3] is not None
        )
        return [(month, self._scaled(n)) for month, n in sorted(counter.items())]


def _fetch(unfaceted: QuerySet, percent: float | None) -> list[Row]:
    """The narrow rows to count: speaker, kinds, day and topic ids (an index-only subquery each)."""
    topic_table = PassageTopic._meta.db_table
    columns = (
        unfaceted.annotate(
            topic_ids=RawSQL(
                f"ARRAY(SELECT topic_id FROM {topic_table} WHERE passage_id = {Passage._meta.db_table}.id)",
                [],
                output_field=ArrayField(models.IntegerField()),
            )
        )
        .values_list("speaker_id", "kind", "document__kind", "said_on", "topic_ids")
        .order_by()
    )
    sql, params = columns.query.sql_with_params()
    if percent is not None:
        table = connection.ops.quote_name(Passage._meta.db_table)
        sample = f"FROM {table} TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (7)"
        sql = sql.replace(f"FROM {table}", sample, 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Row(s, k, dk, d, tuple(topics)) for s, k, dk, d, topics in cursor.fetchall()]


def counter_for(unfaceted: QuerySet, params: dict, expected: int | None = None) -> FacetCounter:
    """Read the rows that match the text once: all of them, or a sample when there are very many.

    ``expected`` overrides the planner's estimate of how many rows that is (see search.py on phrases).
    """
    expected = planned_rows(unfaceted) if expected is None else expected
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
