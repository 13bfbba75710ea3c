"""Loading the corpus through the archive's real loader, and the same rows through plain COPY.

The loader is timed around ``Loader.store_batch`` on batches of the size
``import_statements`` takes, exactly what it does with the files it has read;
generating the synthetic text is not counted. COPY writes the same passage rows into a
scratch table of the same shape (generated search vector and indexes
included), so the ratio shows what the loader costs over the database's own
floor. Both write rows built by the loader's own ``new_passage_row``.

One module: the two writes are timed side by side over the same rows, so that
their ratio compares like with like.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.text import slugify
from tqdm import tqdm

from benchmarks.corpus import Corpus, CorpusDocument
from statements.importing.rows import PASSAGE_COLUMNS, new_passage_row
from statements.models import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, Document, Passage, PassageTopic, Speaker

#: The document columns a passage's row copies (see ``new_passage_row``).
DOCUMENT_ROW_FIELDS = ("pk", "file_name", "title", "kind", "event_on", "published_on")

COPY_TABLE = "bench_copy_passage"
COPY_BATCH = 20_000


@dataclass
class ImportFigures:
    passages: int
    documents: int
    loader_seconds: float
    copy_seconds: float
    generate_seconds: float
    peak_rss_mb: float
    #: Passages after the loader's share, written in bulk (see ``bulk_rest``); 0 when the loader did all.
    bulk_passages: int = 0
    bulk_seconds: float = 0.0

    @property
    def passages_per_s(self) -> float:
        """Through the loader (the passages it stored, over the time it took)."""
        return self.passages / self.loader_seconds if self.loader_seconds else 0.0

    @property
    def copy_per_s(self) -> float:
        return self.passages / self.copy_seconds if self.copy_seconds else 0.0

    @property
    def copy_ratio(self) -> float:
        """How many times faster plain COPY is than the loader (the target is at most 4)."""
        return self.copy_per_s / self.passages_per_s if self.passages_per_s else 0.0

    def as_dict(self) -> dict:
        return {
            "passages_per_s": round(self.passages_per_s, 1),
            "copy_ratio": round(self.copy_ratio, 2),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "copy_passages_per_s": round(self.copy_per_s, 1),
            "documents": self.documents,
            "loader_seconds": round(self.loader_seconds, 2),
            "copy_seconds": round(self.copy_seconds, 2),
            "generate_seconds": round(self.generate_seconds, 2),
            "loader_passages": self.passages,
            "bulk_passages": self.bulk_passages,
            "bulk_seconds": round(self.bulk_seconds, 2),
        }


def peak_rss_mb() -> float:
    """This program's peak resident set size so far, in MB.

    Linux's VmHWM counts from the process's last exec; getrusage's maxrss (the fallback)
    would also count the parent it was forked from, which for the web worker is the
    benchmark itself, with the whole import in memory.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Progress:
    """A tqdm bar on a terminal, a log line every tenth of the way otherwise."""

    def __init__(self, total: int, unit: str, label: str, log) -> None:
        self.total, self.unit, self.label, self.log = total, unit, label, log
        self.done, self.next_log, self.started = 0, max(1, total // 10), time.perf_counter()
        self.bar = (
            tqdm(total=total, unit=unit, desc=label, file=sys.stderr, dynamic_ncols=True)
            if sys.stderr.isatty()
            else None
        )

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.done >= self.next_log:
            elapsed = time.perf_counter() - self.started
            self.log(f"{self.label}: {self.done:,}/{self.total:,} {self.unit} ({elapsed:.0f} s)")
            self.next_log += max(1, self.total // 10)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _counted(corpus: Corpus) -> Iterator[tuple[CorpusDocument, float]]:
    """Each document with the time it took to generate it (which the figures leave out)."""
    documents = corpus.documents()
    while True:
        started = time.perf_counter()
        try:
            doc = next(documents)
        except StopIteration:
            return
        yield doc, time.perf_counter() - started


def _columns() -> str:
    """The passage columns the loader writes (``PASSAGE_COLUMNS``), quoted: COPY writes the same."""
    return ", ".join(connection.ops.quote_name(Passage._meta.get_field(c).column) for c in PASSAGE_COLUMNS)


def _speaker_rows(speaker_ids: dict[str, int]) -> dict[str, Speaker]:
    """Speakers as the loader's rows need them (their id and name), without reading them again."""
    return {name: Speaker(pk=pk, name=name) for name, pk in speaker_ids.items()}


def _copy_rows(
    doc: CorpusDocument,
    document: Document,
    speakers: dict[str, Speaker],
    topic_ids: dict[str, int],
    public_ids: dict[tuple[int, int], str],
) -> Iterator[tuple]:
    """The rows the loader wrote for ``doc`` (its permalink ids too), built by the loader's own code."""
    reading = doc.reading
    for position, item in enumerate(reading.passages):
        public_id = public_ids[(document.pk, position)]
        yield new_passage_row(document, reading, item, position, speakers, public_id, topic_ids)


def _copy(rows: list[tuple]) -> float:
    columns = _columns()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.copy(f"COPY {COPY_TABLE} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    return time.perf_counter() - started


def load(corpus: Corpus, log, loader_passages: int | None = None) -> ImportFigures:
    """Store documents through the loader, and copy the same rows; returns the figures.

    ``loader_passages`` stops the loader after that many passages and writes the rest of the
    corpus in bulk (``bulk_rest``): the loader's figures then describe that first part only.
    """
    from statements.importing import BATCH_CHARS, BATCH_FILES, Loader, ReadFile

    table = Passage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {COPY_TABLE}")
        cursor.execute(f"CREATE TABLE {COPY_TABLE} (LIKE {table} INCLUDING ALL)")
    loader = Loader()
    loader_seconds = copy_seconds = generate_seconds = 0.0
    speakers: dict[str, Speaker] = {}
    pending: list[tuple] = []
    documents = passages = 0
    limit = corpus.passages if loader_passages is None else min(loader_passages, corpus.passages)
    bar = Progress(limit, "passages", "loader", log)
    documents_iter = _counted(corpus)
    batch: list[CorpusDocument] = []

    def store(docs: list[CorpusDocument]) -> None:
        """One batch through the loader, as ``import_statements`` stores the files it has read."""
        nonlocal loader_seconds, copy_seconds, speakers, pending
        started = time.perf_counter()
        results = loader.store_batch([ReadFile(d.path, d.reading, d.digest) for d in docs])
        loader_seconds += time.perf_counter() - started
        failed = [r for r in results if r.status != "created"]
        if failed:
            raise RuntimeError(f"the loader did not create {failed[0].path}: {failed[0].reason}")
        bar.update(sum(len(d.reading.passages) for d in docs))
        names = [d.reading.file for d in docs]
        stored = Document.objects.filter(file_name__in=names).only(*DOCUMENT_ROW_FIELDS)
        documents_by_name = {document.file_name: document for document in stored}
        if any(p.speaker not in speakers for d in docs for p in d.reading.passages if p.speaker):
            speakers = _speaker_rows(dict(Speaker.objects.values_list("name", "pk")))
        written = Passage.objects.filter(document__in=documents_by_name.values())
        public_ids = {(d, p): i for d, p, i in written.values_list("document_id", "position", "public_id")}
        for doc in docs:
            document = documents_by_name[doc.reading.file]
            pending.extend(_copy_rows(doc, document, speakers, loader.topic_ids, public_ids))
        if len(pending) >= COPY_BATCH:
            copy_seconds += _copy(pending)
            pending = []

    chars = 0
    for doc, generated in documents_iter:
        generate_seconds += generated
        batch.append(doc)
        documents += 1
        passages += len(doc.reading.passages)
        chars += len(doc.reading.text)
        if len(batch) >= BATCH_FILES or chars >= BATCH_CHARS or passages >= limit:
            store(batch)
            batch, chars = [], 0
        if passages >= limit:
            break
    if batch:
        store(batch)
    if pending:
        copy_seconds += _copy(pending)
    bar.close()
    rss = peak_rss_mb()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {COPY_TABLE}")
    figures = ImportFigures(passages, documents, loader_seconds, copy_seconds, generate_seconds, rss)
    if passages < corpus.passages:
        started = time.perf_counter()
        figures.bulk_passages = bulk_rest(corpus, (doc for doc, _ in documents_iter), passages, log)
        figures.bulk_seconds = time.perf_counter() - started
    return figures


def _public_id(number: int) -> str:
    """A distinct public id for the n-th bulk passage (digits of the id alphabet, leading 'z')."""
    base, digits = len(PUBLIC_ID_ALPHABET), []
    for _ in range(PUBLIC_ID_LENGTH - 1):
        number, digit = divmod(number, base)
        digits.append(PUBLIC_ID_ALPHABET[digit])
    return "z" + "".join(reversed(digits))


def bulk_rest(corpus: Corpus, documents: Iterator[CorpusDocument], done: int, log) -> int:
    """Write the rest of the corpus with bulk_create and COPY: same rows and topics as the loader's.

    Only for building very large benchmark corpora in minutes rather than hours; the import
    figures come from the loader's part. Returns how many passages were written.
    """
    from statements.models import Topic, unique_slug

    speaker_ids = dict(Speaker.objects.values_list("name", "pk"))
    for person in corpus.cast:
        if person.name not in speaker_ids:
            speaker = Speaker.objects.create(
                name=person.name, slug=unique_slug(Speaker, person.name), role=person.role[:200]
            )
            speaker_ids[person.name] = speaker.pk
    topic_ids = dict(Topic.objects.values_list("slug", "pk"))
    speakers = _speaker_rows(speaker_ids)
    columns = _columns()
    topic_table = PassageTopic._meta.db_table
    written = 0
    bar = Progress(corpus.passages - done, "passages", "bulk", log)
    batch: list[CorpusDocument] = []

    def flush() -> None:
        nonlocal written
        with transaction.atomic(), connection.cursor() as cursor:
            docs = Document.objects.bulk_create(
                [
                    Document(
                        title=(d.reading.title or d.reading.file)[:300],
                        slug=f"{slugify(d.reading.title or '')[:60]}-{d.reading.file[6:-4]}",
                        kind=d.reading.kind,
                        publisher=(d.reading.publisher or "")[:200],
                        author=(d.reading.author or "")[:200],
                        published_on=d.reading.published_on,
                        event_on=d.reading.event_on,
                        text=d.reading.text,
                        content_hash=d.digest,
                        file_name=d.reading.file,
                    )
                    for d in batch
                ]
            )
            topics: dict[tuple[int, int], list[int]] = {}
            with cursor.copy(f"COPY {Passage._meta.db_table} ({columns}) FROM STDIN") as copy:
                for d, document in zip(batch, docs, strict=True):
                    reading = d.reading
                    for position, item in enumerate(reading.passages):
                        public_id = _public_id(done + written)
                        copy.write_row(
                            new_passage_row(document, reading, item, position, speakers, public_id, topic_ids)
                        )
                        topics[(document.pk, position)] = [
                            topic_ids[t] for t in dict.fromkeys(item.topics) if t in topic_ids
                        ]
                        written += 1
            cursor.execute(
                f"SELECT id, document_id, position FROM {Passage._meta.db_table} WHERE document_id = ANY(%s)",
                [[doc.pk for doc in docs]],
            )
            rows = [(pk, t, False) for pk, doc_id, pos in cursor.fetchall() for t in topics[(doc_id, pos)]]
            with cursor.copy(f"COPY {topic_table} (passage_id, topic_id, by_editor) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        bar.update(sum(len(d.reading.passages) for d in batch))
        batch.clear()

    for doc in documents:
        batch.append(doc)
        if len(batch) >= 300:
            flush()
    if batch:
        flush()
    bar.close()
    return written


def analyze(log) -> float:
    """VACUUM ANALYZE after the load, as autovacuum would soon do: planner statistics, GIN pending list."""
    started = time.perf_counter()
    connection.ensure_connection()
    raw = connection.connection
    autocommit = raw.autocommit
    raw.autocommit = True
    try:
        raw.execute("VACUUM ANALYZE")
    finally:
        raw.autocommit = autocommit
    seconds = time.perf_counter() - started
    log(f"VACUUM ANALYZE took {seconds:.1f} s")
    return seconds
