"""Importing files into the archive: batches of files, each batch's new documents in one transaction.

The parts live beside this module: ``files`` finds and decodes files, ``fixtures``
seeds what the reader knows, ``speakers`` keeps the one registry of speakers,
``rows`` writes new rows with COPY, and ``reconcile`` writes a re-read document
over its old passages without losing editors' work. The loader only batches,
commits, and reports one result per file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count
from simple_history.utils import bulk_create_with_history

from statements.importing.files import FileSkipped, FileText, read_file_text, read_text
from statements.importing.fixtures import ensure_topics, known_speakers, lexicon_entries
from statements.importing.reconcile import reconcile
from statements.importing.rows import (
    PASSAGE_COLUMNS,
    commit_lazily,
    copy_rows,
    fresh_public_ids,
    new_passage_row,
)
from statements.importing.speakers import SpeakerRegistry
from statements.ingest import DocumentReading, Lexicon, read_document
from statements.models import (
    Document,
    Passage,
    PassageTopic,
    Topic,
    passages_analyzed,
    unique_slugs,
)

#: An import takes files in batches of this many files or characters of text, and writes the
#: new ones of a batch in one transaction: per file, a transaction costs more than its rows.
BATCH_FILES = 100
BATCH_CHARS = 2_000_000


@dataclass
class ImportResult:
    """What happened to one file."""

    path: str
    status: str  # created | updated | unchanged | duplicate | failed
    passages: int = 0
    reason: str = ""
    flagged: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class ReadFile:
    """A file the reader has worked through, ready to be stored."""

    path: str
    reading: DocumentReading
    digest: str


def _read(path: Path) -> FileText | ImportResult:
    """The file's text and hash, or its failure."""
    try:
        return read_text(path)
    except FileSkipped as error:
        return ImportResult(str(path), "failed", reason=str(error))


def _already_imported(texts: dict[int, FileText]) -> dict[int, ImportResult]:
    """Results for files whose text the archive has, or an earlier file of the batch: one query."""
    stored = {
        digest: (name, count)
        for digest, name, count in Document.objects.filter(
            content_hash__in=[t.digest for t in texts.values()]
        )
        .annotate(count=Count("passages"))
        .values_list("content_hash", "file_name", "count")
    }
    results, earlier = {}, {}
    for index, item in texts.items():
        if item.digest in stored:
            name, count = stored[item.digest]
            results[index] = (
                ImportResult(item.path, "unchanged", count)
                if name == item.name
                else ImportResult(item.path, "duplicate", reason=f"same text as {name}, already imported")
            )
        elif item.digest in earlier:
            results[index] = ImportResult(
                item.path, "duplicate", reason=f"same text as {earlier[item.digest]}, earlier in this import"
            )
        else:
            earlier[item.digest] = item.path
    return results


def _metadata(reading: DocumentReading) -> dict[str, object]:
    """The document fields the reader found (``METADATA_FIELDS``), cut to their columns' sizes."""
    return {
        "title": (reading.title or Path(reading.file).stem)[:300],
        "kind": reading.kind,
        "publisher": (reading.publisher or "")[:200],
        "author": (reading.author or "")[:200],
        "source_url": (reading.source_url or "")[:1000],
        "published_on": reading.published_on,
        "event_on": reading.event_on,
        "location": (reading.location or "")[:200],
    }


class Loader:
    """Imports files into the archive; one instance for one run of the command."""

    def __init__(self, *, dry_run: bool = False, archive: bool = True) -> None:
        """``archive=False`` (a dry run only) reads as an empty archive would: fixtures, no database."""
        if not (dry_run or archive):
            raise ValueError("only a dry run can read without the archive's database")
        if not dry_run:
            ensure_topics()
        self.speakers = SpeakerRegistry(known_speakers(archive=archive))
        self.lexicon = Lexicon(lexicon_entries(archive=archive))
        self.topic_ids = dict(Topic.objects.values_list("slug", "id")) if archive else {}

    def read(self, path: Path) -> DocumentReading:
        """One file's reading (the dry run's); FileSkipped when the file or the reader fails on it."""
        return self.parse(read_file_text(path), path.name)

    def parse(self, text: str, name: str) -> DocumentReading:
        """The reader's reading of one file's text; a reader failure is that file's FileSkipped.

        Whatever goes wrong inside the reader on one text must cost that file only, never the
        run: the message names the error so that the file can be reported and looked at.
        """
        try:
            return read_document(
                text, file_name=name, known_speakers=self.speakers.known, lexicon=self.lexicon
            )
        except Exception as error:  # a file the reader cannot work through must not stop the run
            raise FileSkipped(f"the reader failed on it ({type(error).__name__}: {error})") from error

    def analyze(self) -> None:
        """Have PostgreSQL gather the passages' statistics now, not at autovacuum's next pass.

        The search chooses how to count and rank from them: after a large import, words that
        were rare or absent may be common, so ``passages_analyzed`` tells it to read them again.
        """
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Passage._meta.db_table)}")
        passages_analyzed.send(sender=Passage)

    def import_files(self, paths: Iterable[Path]) -> Iterator[ImportResult]:
        """Read and store files, one result per file in the order given; never raises for a bad file.

        Files are taken in batches (``BATCH_FILES`` files or ``BATCH_CHARS`` characters): the
        new ones of a batch are written together (``store_batch``), which is what makes a large
        import fast, and a failing file is still reported alone with nothing of it left behind.
        """
        queue: list[FileText | ImportResult] = []
        chars = 0
        for path in paths:
            item = _read(path)
            queue.append(item)
            chars += len(item.text) if isinstance(item, FileText) else 0
            if len(queue) >= BATCH_FILES or chars >= BATCH_CHARS:
                yield from self._import_queue(queue)
                queue, chars = [], 0
        yield from self._import_queue(queue)

    def _import_queue(self, queue: list[FileText | ImportResult]) -> list[ImportResult]:
        """Results for a batch of read files: known texts are reported, the others parsed and stored."""
        results: list[ImportResult | None] = [i if isinstance(i, ImportResult) else None for i in queue]
        texts = {index: item for index, item in enumerate(queue) if isinstance(item, FileText)}
        results_known = _already_imported(texts)
        to_store: dict[int, ReadFile] = {}
        for index, item in texts.items():
            if index in results_known:
                results[index] = results_known[index]
                continue
            try:
                reading = self.parse(item.text, item.name)
            except FileSkipped as error:
                results[index] = ImportResult(item.path, "failed", reason=str(error))
                continue
            self.speakers.learn(reading)
            to_store[index] = ReadFile(item.path, reading, item.digest)
        for index, result in zip(to_store, self.store_batch(list(to_store.values())), strict=True):
            results[index] = result
        return [r for r in results if r is not None]

    def store_batch(self, files: list[ReadFile]) -> list[ImportResult]:
        """Store read files: the new ones in one transaction, then changed ones one per transaction.

        When writing the new ones together fails, each is written again in a transaction of its
        own, so that only the file at fault is reported failed and nothing of it stays behind. A
        crash loses at most the batch in flight; importing again restores it.
        """
        names = [f.reading.file for f in files]
        existing = set(Document.objects.filter(file_name__in=names).values_list("file_name", flat=True))
        new: dict[int, ReadFile] = {}
        for index, file in enumerate(files):
            if file.reading.file not in existing:
                new[index] = file
                existing.add(file.reading.file)  # a second file of that name updates the first
        results: dict[int, ImportResult] = {}
        if len(new) > 1:
            try:
                with transaction.atomic():
                    created = self.create_documents(list(new.values()))
            except Exception:  # the commit too may fail (deferred constraints): not before it
                self.speakers.forget_rows()  # the rolled-back transaction may have made some
            else:
                results.update(zip(new, created, strict=True))
        for index, file in enumerate(files):
            if index not in results:
                results[index] = self._store_one(file)
        return [results[index] for index in range(len(files))]

    def _store_one(self, file: ReadFile) -> ImportResult:
        """Store one file in its own transaction; a failure is reported, never raised."""
        try:
            with transaction.atomic():
                return self.store(file.reading, file.digest, file.path)
        except Exception as error:  # one bad file must not stop the run
            self.speakers.forget_rows()
            return ImportResult(file.path, "failed", reason=f"{type(error).__name__}: {error}")

    def store(self, reading: DocumentReading, digest: str, path: str) -> ImportResult:
        """Write one reading; call inside a transaction, which is the file's all-or-nothing unit."""
        document = Document.objects.select_for_update().filter(file_name=reading.file).first()
        if document is None:
            return self.create_documents([ReadFile(path, reading, digest)])[0]
        commit_lazily()
        for name, value in _metadata(reading).items():
            if name not in document.edited_fields:
                setattr(document, name, value)
        document.text = reading.text
        document.content_hash = digest
        document.save()
        [speakers] = self.speakers.rows_for([reading])
        flagged = reconcile(document, reading, speakers, self.topic_ids)
        return ImportResult(path, "updated", len(reading.passages), flagged=flagged)

    def create_documents(self, files: list[ReadFile]) -> list[ImportResult]:
        """Write files the archive has no document for; call inside a transaction.

        However many files, this is a few statements: one INSERT of the documents (and one
        of their history), one COPY of all their passages, one INSERT of their topics made
        from the passages' topic ids. No model instance is built per passage.
        """
        commit_lazily()
        values = [_metadata(f.reading) for f in files]
        slugs = unique_slugs(Document, [v["title"] for v in values])
        documents = bulk_create_with_history(
            [
                Document(file_name=f.reading.file, slug=slug, text=f.reading.text, content_hash=f.digest, **v)
                for f, v, slug in zip(files, values, slugs, strict=True)
            ],
            Document,
        )
        speakers = self.speakers.rows_for([f.reading for f in files])
        public_ids = iter(fresh_public_ids(sum(len(f.reading.passages) for f in files)))
        rows = (
            new_passage_row(document, file.reading, item, position, by_name, next(public_ids), self.topic_ids)
            for file, document, by_name in zip(files, documents, speakers, strict=True)
            for position, item in enumerate(file.reading.passages)
        )
        copy_rows(Passage, PASSAGE_COLUMNS, rows)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {PassageTopic._meta.db_table} (passage_id, topic_id, by_editor) "
                f"SELECT id, unnest(topic_ids), false FROM {Passage._meta.db_table} "
                "WHERE document_id = ANY(%s)",
                [[document.pk for document in documents]],
            )
        return [ImportResult(f.path, "created", len(f.reading.passages)) for f in files]
