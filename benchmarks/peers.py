"""The engines people would pick instead, on the same corpus and the same mix.

* SQLite FTS5: bm25 order (speaker name, title and text weighted like our A/B/C),
  snippet(), total and speaker/topic/year counts over the matches.
* tantivy: the top 20 by score (and the count it gives for free).
* Naive Django: a SearchVector computed per query from the text columns, no
  stored vector and no GIN index, ranked with SearchRank, plus the counts.

Every peer gets the same parameters as our search page, parsed by the same
form, so a filter means the same thing everywhere. The peers' indexes are
built from the benchmark database's rows (not timed) and kept next to it.

The three peers stay in one module, side by side, so that what each does with a
query can be compared line by line.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.contrib.postgres.search import SearchHeadline, SearchRank, SearchVector
from django.db import OperationalError, connection, transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear

from benchmarks.measure import TIMED_OUT, parse
from statements.models import SEARCH_CONFIG, Passage
from statements.search.filters import passage_filter, text_query
from statements.search.query import PAGE_SIZE, base_queryset

EXPORT_SQL = """
SELECT p.id, p.text, p.speaker_name, p.document_title, coalesce(s.slug, ''), p.said_on, p.kind, d.kind,
       coalesce((SELECT string_agg(t.slug, ' ') FROM statements_passagetopic pt
                 JOIN statements_topic t ON t.id = pt.topic_id WHERE pt.passage_id = p.id), '')
FROM statements_passage p
JOIN statements_document d ON d.id = p.document_id
LEFT JOIN statements_speaker s ON s.id = p.speaker_id
ORDER BY p.id
"""
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
EPOCH = dt.date(1970, 1, 1)


def export_rows(log: Callable[[str], None], total: int) -> Iterator[tuple]:
    """Every passage with what the peers index, streamed with a server-side cursor."""
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(EXPORT_SQL)
        done = 0
        while rows := cursor.fetchmany(5000):
            yield from rows
            done += len(rows)
            if done % 100_000 < 5000:
                log(f"peers: exported {done:,}/{total:,} passages")


def websearch_terms(q: str) -> list[list[tuple[str, bool]]]:
    """Web-search syntax as OR-groups of (term or phrase, negated), the way PostgreSQL reads it."""
    groups: list[list[tuple[str, bool]]] = [[]]
    for phrase, word in _TOKEN.findall(q):
        if word == "OR" and not phrase:
            if groups[-1]:
                groups.append([])
            continue
        negated = False
        if word.startswith("-") and len(word) > 1:
            negated, word = True, word[1:]
        text = " ".join(re.findall(r"\w+", phrase or word))
        if text:
            groups[-1].append((text, negated))
    return [g for g in groups if any(not negated for _, negated in g)]


def fts5_query(q: str) -> str:
    """The same query in FTS5's syntax: quoted terms, implicit AND, NOT, OR."""
    parts = []
    for group in websearch_terms(q):
        positive = " AND ".join(f'"{t}"' for t, neg in group if not neg)
        negative = "".join(f' NOT "{t}"' for t, neg in group if neg)
        parts.append(f"({positive}{negative})")
    return " OR ".join(parts)


def tantivy_query(q: str) -> str:
    """The same query in tantivy's syntax: +must, -must-not, OR between groups."""
    groups = []
    for group in websearch_terms(q):
        terms = " ".join(("-" if neg else "+") + (f'"{t}"' if " " in t else t) for t, neg in group)
        groups.append(f"({terms})")
    return " OR ".join(groups)


def _params(line: str) -> tuple[dict, int]:
    data, page = parse(line)
    form = passage_filter(data, queryset=Passage.objects.none()).form
    form.is_valid()
    params = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    return params, page


def _days(day: dt.date) -> int:
    return (day - EPOCH).days


class SqliteFts5:
    """SQLite FTS5 with the porter stemmer: an embedded engine many small sites use."""

    name = "sqlite_fts5"

    def __init__(self, path: Path):
        self.path = path
        self.db: sqlite3.Connection | None = None

    def build(self, rows: Iterator[tuple]) -> None:
        """Create the FTS table and the side tables for filters and counts."""
        self.path.unlink(missing_ok=True)
        db = sqlite3.connect(self.path)
        db.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE passage (id INTEGER PRIMARY KEY, speaker TEXT, said_on INTEGER, year INTEGER,
                                  kind TEXT, doc_kind TEXT);
            CREATE TABLE passage_topic (passage_id INTEGER, topic TEXT);
            CREATE VIRTUAL TABLE fts USING fts5(speaker_name, title, text, tokenize = 'porter unicode61');
            """
        )
        batch, topics = [], []
        for pk, text, speaker_name, title, slug, said_on, kind, doc_kind, topic_slugs in rows:
            batch.append((pk, speaker_name, title, text, slug, said_on, kind, doc_kind))
            topics.extend((pk, t) for t in topic_slugs.split())
            if len(batch) >= 20_000:
                self._insert(db, batch, topics)
                batch, topics = [], []
        self._insert(db, batch, topics)
        db.executescript(
            """
            CREATE INDEX passage_topic_topic ON passage_topic (topic, passage_id);
            CREATE INDEX passage_topic_passage ON passage_topic (passage_id);
            CREATE INDEX passage_speaker ON passage (speaker, said_on);
            CREATE INDEX passage_said_on ON passage (said_on);
            INSERT INTO fts(fts) VALUES ('optimize');
            ANALYZE;
            """
        )
        db.commit()
        db.close()

    @staticmethod
    def _insert(db: sqlite3.Connection, batch: list[tuple], topics: list[tuple]) -> None:
        db.executemany(
            "INSERT INTO passage VALUES (?, ?, ?, ?, ?, ?)",
            [
                (pk, slug or None, _days(d) if d else None, d.year if d else None, kind, dk)
                for pk, _n, _t, _x, slug, d, kind, dk in batch
            ],
        )
        db.executemany(
            "INSERT INTO fts(rowid, speaker_name, title, text) VALUES (?, ?, ?, ?)",
            [(pk, n, t, x) for pk, n, t, x, *_ in batch],
        )
        db.executemany("INSERT INTO passage_topic VALUES (?, ?)", topics)

    def open(self) -> None:
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.db.execute("PRAGMA cache_size = -1000000")  # up to 1 GB of page cache, like our buffers
        self.db.execute("PRAGMA temp_store = MEMORY")

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def run(self, line: str) -> int:
        """Page of 20 (bm25 or date order) with snippets, total, speaker/topic/year counts."""
        params, page = _params(line)
        q = fts5_query(params.get("q", ""))
        where, args = ["1 = 1"], []
        if "speaker" in params:
            where.append("p.speaker = ?")
            args.append(params["speaker"].slug)
        if "topic" in params:
            where.append("p.id IN (SELECT passage_id FROM passage_topic WHERE topic = ?)")
            args.append(params["topic"].slug)
        if "from" in params:
            where.append("p.said_on >= ?")
            args.append(_days(params["from"]))
        if "to" in params:
            where.append("p.said_on <= ?")
            args.append(_days(params["to"]))
        kind = params.get("kind")
        if kind:
            where.append("(p.kind = ? OR p.doc_kind = ?)")
            args += [kind, kind]
        elif kind != "question":
            where.append("p.kind != 'question'")
        sort = params.get("sort") or ("relevance" if q else "newest")
        order = {"oldest": "p.said_on ASC, p.id", "newest": "p.said_on DESC, p.id"}.get(sort, "score, p.id")
        db = self.db
        db.execute("DROP TABLE IF EXISTS temp.hits")
        if q:
            db.execute(
                "CREATE TEMP TABLE hits AS SELECT p.id, p.speaker, p.year, p.said_on, "
                "bm25(fts, 10.0, 4.0, 1.0) AS score FROM fts JOIN passage p ON p.id = fts.rowid "
                f"WHERE fts MATCH ? AND {' AND '.join(where)}",
                [q, *args],
            )
        else:
            db.execute(
                "CREATE TEMP TABLE hits AS SELECT p.id, p.speaker, p.year, p.said_on, 0 AS score "
                f"FROM passage p WHERE {' AND '.join(where)}",
                args,
            )
        offset = (page - 1) * PAGE_SIZE
        ids = [
            r[0]
            for r in db.execute(
                f"SELECT id FROM hits p ORDER BY {order} LIMIT ? OFFSET ?", [PAGE_SIZE, offset]
            )
        ]
        if ids:
            marks = ",".join("?" * len(ids))
            if q:
                db.execute(
                    "SELECT rowid, snippet(fts, 2, '<mark>', '</mark>', ' … ', 45) FROM fts "
                    f"WHERE fts MATCH ? AND rowid IN ({marks})",
                    [q, *ids],
                ).fetchall()
            else:
                db.execute(
                    f"SELECT rowid, substr(text, 1, 300) FROM fts WHERE rowid IN ({marks})", ids
                ).fetchall()
        total = db.execute("SELECT count(*) FROM hits").fetchone()[0]
        db.execute(
            "SELECT speaker, count(*) n FROM hits WHERE speaker IS NOT NULL"
            " GROUP BY speaker ORDER BY n DESC LIMIT 12"
        ).fetchall()
        db.execute(
            "SELECT t.topic, count(*) n FROM hits h JOIN passage_topic t ON t.passage_id = h.id "
            "GROUP BY t.topic ORDER BY n DESC"
        ).fetchall()
        db.execute("SELECT year, count(*) FROM hits GROUP BY year").fetchall()
        return total


class Tantivy:
    """tantivy (Lucene's design in Rust): top 20 by BM25 score, filters as term and range queries."""

    name = "tantivy"

    def __init__(self, path: Path):
        import tantivy

        self.tantivy = tantivy
        self.path = path
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("id", stored=True, indexed=True, fast=True)
        builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("speaker_name", stored=False, tokenizer_name="en_stem")
        builder.add_text_field("title", stored=False, tokenizer_name="en_stem")
        builder.add_text_field("speaker", stored=False, tokenizer_name="raw")
        builder.add_text_field("topic", stored=False, tokenizer_name="raw")
        builder.add_text_field("kind", stored=False, tokenizer_name="raw")
        builder.add_integer_field("said_on", stored=False, indexed=True, fast=True)
        self.schema = builder.build()
        self.index = None
        self.searcher = None

    def build(self, rows: Iterator[tuple]) -> None:
        """Index every passage with one writer (two threads: this machine's cores)."""
        if self.path.exists():
            shutil.rmtree(self.path)
        self.path.mkdir(parents=True)
        index = self.tantivy.Index(self.schema, path=str(self.path))
        writer = index.writer(heap_size=512_000_000, num_threads=2)
        for pk, text, speaker_name, title, slug, said_on, kind, doc_kind, topic_slugs in rows:
            doc = self.tantivy.Document(
                id=pk,
                text=text,
                speaker_name=speaker_name,
                title=title,
                speaker=slug or "-",
                topic=topic_slugs.split() or ["-"],
                kind=[kind, doc_kind],
                said_on=_days(said_on) if said_on else 0,
            )
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()

    def open(self) -> None:
        self.index = self.tantivy.Index.open(str(self.path))
        self.index.reload()
        self.searcher = self.index.searcher()

    def close(self) -> None:
        self.searcher = self.index = None

    def run(self, line: str) -> int:
        """Top 20 by score (or by date for filter-only and date-sorted queries), with stored text."""
        t = self.tantivy
        params, page = _params(line)
        q = tantivy_query(params.get("q", ""))
        clauses = []
        if q:
            clauses.append(
                (
                    t.Occur.Must,
                    self.index.parse_query(
                        q,
                        ["speaker_name", "title", "text"],
                        field_boosts={"speaker_name": 10.0, "title": 4.0},
                    ),
                )
            )
        if "speaker" in params:
            clauses.append((t.Occur.Must, t.Query.term_query(self.schema, "speaker", params["speaker"].slug)))
        if "topic" in params:
            clauses.append((t.Occur.Must, t.Query.term_query(self.schema, "topic", params["topic"].slug)))
        if "kind" in params:
            clauses.append((t.Occur.Must, t.Query.term_query(self.schema, "kind", params["kind"])))
        else:
            clauses.append((t.Occur.MustNot, t.Query.term_query(self.schema, "kind", "question")))
        if "from" in params or "to" in params:
            lower = _days(params["from"]) if "from" in params else None
            upper = _days(params["to"]) if "to" in params else None
            clauses.append(
                (t.Occur.Must, t.Query.range_query(self.schema, "said_on", t.FieldType.Integer, lower, upper))
            )
        if not any(occur == t.Occur.Must for occur, _ in clauses):
            clauses.append((t.Occur.Must, t.Query.all_query()))
        query = t.Query.boolean_query(clauses)
        sort = params.get("sort") or ("relevance" if q else "newest")
        offset = (page - 1) * PAGE_SIZE
        if sort == "relevance":
            found = self.searcher.search(query, PAGE_SIZE, count=True, offset=offset)
        else:
            order = t.Order.Asc if sort == "oldest" else t.Order.Desc
            found = self.searcher.search(
                query, PAGE_SIZE, count=True, offset=offset, order_by_field="said_on", order=order
            )
        for _score, address in found.hits:
            self.searcher.doc(address)
        return found.count or 0


class NaiveDjango:
    """The tutorial approach: SearchVector over the text columns in every query, no stored vector."""

    name = "naive_django"

    def __init__(self, budget_s: float):
        self.budget_ms = int(budget_s * 1000)

    def run(self, line: str) -> int:
        """Ranked page with headlines, total, facets; gives up (TIMED_OUT) after the time budget."""
        data, page = parse(line)
        filters = passage_filter(data, queryset=Passage.objects.none())
        filters.form.is_valid()
        params = {k: v for k, v in filters.form.cleaned_data.items() if v not in (None, "")}
        q = params.get("q", "")
        matches = filters.filter_queryset_except(base_queryset(params.get("kind")), skip="q")
        vector = (
            SearchVector("speaker_name", weight="A", config=SEARCH_CONFIG)
            + SearchVector("document_title", weight="B", config=SEARCH_CONFIG)
            + SearchVector("text", weight="C", config=SEARCH_CONFIG)
        )
        ordered = matches.order_by("-said_on", "document_id", "position")
        if q:
            query = text_query(q)
            matches = matches.annotate(v=vector).filter(v=query)
            ordered = matches
            if (params.get("sort") or "relevance") == "relevance":
                ordered = matches.annotate(rank=SearchRank(vector, query)).order_by("-rank", "-said_on")
            else:
                ordered = matches.order_by("said_on" if params.get("sort") == "oldest" else "-said_on")
        offset = (page - 1) * PAGE_SIZE

        def page_rows() -> None:
            ids = list(ordered.values_list("pk", flat=True)[offset : offset + PAGE_SIZE])
            rows = Passage.objects.filter(pk__in=ids)
            if q:
                rows = rows.annotate(h=SearchHeadline("text", text_query(q), config=SEARCH_CONFIG))
            list(rows)

        steps = [
            matches.count,
            page_rows,
            lambda: list(matches.values("speaker").annotate(n=Count("pk")).order_by("-n")[:12]),
            lambda: list(matches.values("topics__slug").annotate(n=Count("pk")).order_by("-n")),
            lambda: list(
                matches.annotate(y=ExtractYear("said_on")).values("y").annotate(n=Count("pk")).order_by()
            ),
        ]
        deadline = time.perf_counter() + self.budget_ms / 1000
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                done = []
                for step in steps:
                    left = int((deadline - time.perf_counter()) * 1000)
                    if left <= 0:
                        return TIMED_OUT
                    cursor.execute(f"SET LOCAL statement_timeout = {left}")
                    done.append(step())
                return done[0]
        except OperationalError as error:  # statement_timeout: the budget ran out
            if "statement timeout" not in str(error):
                raise
            return TIMED_OUT
