"""Writing the reader's records into the database, one file per transaction.

Re-importing keeps editors' work: passages are matched to the rows they came
from by their text, so public ids, annotations, verified corrections and
hand-set topics stay attached; a corrected passage whose text is gone from the
new version is kept and flagged rather than dropped.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import stat
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, F
from simple_history.utils import bulk_create_with_history

from statements import plans
from statements.ingest import (
    DocumentReading,
    KnownSpeaker,
    Lexicon,
    PassageReading,
    UnreadableText,
    decode,
    read_document,
)
from statements.models import (
    PUBLIC_ID_ALPHABET,
    PUBLIC_ID_LENGTH,
    Document,
    Passage,
    PassageTopic,
    RetiredPassage,
    Speaker,
    SpeakerAlias,
    Topic,
    unique_slugs,
)

MAX_FILE_BYTES = 64 * 1024 * 1024
GONE_FROM_SOURCE = "text no longer in the source after re-import"
#: An import takes files in batches of this many files or characters of text, and writes the
#: new ones of a batch in one transaction: per file, a transaction costs more than its rows.
BATCH_FILES = 100
BATCH_CHARS = 2_000_000
METADATA_FIELDS = (
    "title",
    "kind",
    "publisher",
    "author",
    "source_url",
    "published_on",
    "event_on",
    "location",
)


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


class FileSkipped(Exception):
    """A file is not imported; the message says why."""


@dataclass
class FileText:
    """A file's text, read and hashed, not parsed yet."""

    path: str
    name: str
    text: str
    digest: str


@dataclass
class ReadFile:
    """A file the reader has worked through, ready to be stored."""

    path: str
    reading: DocumentReading
    digest: str


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iter_text_files(paths: Iterable[str]) -> Iterator[Path]:
    """Files named by ``paths`` (files, folders walked recursively, globs), each once.

    Links to folders are not followed, so a link loop cannot trap the walk; they,
    broken links, link loops and other entries that are not regular files are
    still yielded, so that the import reports each by name instead of passing
    over it in silence.
    """
    seen: set[Path] = set()
    for raw in paths:
        candidates: Iterable[Path]
        if any(ch in raw for ch in "*?["):
            candidates = (
                sorted(Path().glob(raw))
                if not Path(raw).is_absolute()
                else sorted(Path("/").glob(raw.lstrip("/")))
            )
        else:
            candidates = [Path(raw)]
        for candidate in candidates:
            entries = _folder_entries(candidate) if candidate.is_dir() else iter([candidate])
            for entry in entries:
                real = _real_path(entry)
                if real not in seen:
                    seen.add(real)
                    yield entry


def _folder_entries(folder: Path) -> Iterator[Path]:
    """Everything under ``folder`` but folders themselves and hidden names (``.git/``, ``.DS_Store``)."""
    for sub in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in sub.relative_to(folder).parts):
            continue
        if sub.is_dir() and not sub.is_symlink():
            continue
        yield sub


def _real_path(path: Path) -> Path:
    """Where a path leads (so two names for one file count once); the path itself when it leads nowhere."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a broken link, or a link loop
        return path.absolute()


def read_file_text(path: Path) -> str:
    """The file's text, or FileSkipped with a reason a person can act on."""
    try:
        info = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileSkipped(
                "a symbolic link loop (following the links never reaches a file); remove or fix it"
            ) from error
        if path.is_symlink():
            raise FileSkipped(f"a broken symbolic link (to {os.readlink(path)})") from error
        raise FileSkipped(f"cannot open: {error.strerror or error}") from error
    if stat.S_ISDIR(info.st_mode):
        raise FileSkipped(
            "a link to a folder; links to folders are not followed inside a folder "
            "(so a link loop cannot trap the import): name the folder itself to import it"
        )
    if not stat.S_ISREG(info.st_mode):
        raise FileSkipped(f"not a regular file ({_file_type(info.st_mode)}); only text files are read")
    if info.st_size > MAX_FILE_BYTES:
        megabytes, limit = info.st_size // (1024 * 1024), MAX_FILE_BYTES // (1024 * 1024)
        raise FileSkipped(f"too large ({megabytes} MB; the limit is {limit} MB)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileSkipped(f"cannot read: {error.strerror or error}") from error
    try:
        return decode(data)
    except UnreadableText as error:
        raise FileSkipped(str(error)) from error


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _fixture_json(name: str) -> list[dict]:
    path = Path(settings.FIXTURES_DIR) / name
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def known_speakers(*, archive: bool = True) -> list[KnownSpeaker]:
    """Speakers the reader should recognise: the archive's own (unless ``archive`` is off), then fixtures."""
    known = (
        [
            KnownSpeaker(s.name, tuple(a.name for a in s.aliases.all()), s.role)
            for s in Speaker.objects.prefetch_related("aliases")
        ]
        if archive
        else []
    )
    names = {k.name for k in known}
    aliases = {a for k in known for a in k.aliases}
    for entry in _fixture_json("speakers.json"):
        if entry["name"] not in names and entry["name"] not in aliases:
            known.append(KnownSpeaker(entry["name"], tuple(entry.get("aliases", ())), entry.get("role", "")))
    return known


def ensure_topics() -> None:
    """Create the fixture lexicon's topics that the archive does not have yet."""
    for entry in _fixture_json("topics.json"):
        Topic.objects.get_or_create(
            slug=entry["slug"], defaults={"name": entry["name"], "keywords": entry.get("keywords", [])}
        )


def lexicon_entries(*, archive: bool = True) -> list[dict]:
    """The archive's topics (editors may have changed them), then fixture topics it lacks."""
    topics = Topic.objects.all() if archive else []
    entries = [{"name": t.name, "slug": t.slug, "keywords": t.keywords} for t in topics]
    slugs = {e["slug"] for e in entries}
    return entries + [e for e in _fixture_json("topics.json") if e["slug"] not in slugs]


def _read_text(path: Path) -> FileText | ImportResult:
    """The file's text and hash, or its failure."""
    try:
        text = read_file_text(path)
    except FileSkipped as error:
        return ImportResult(str(path), "failed", reason=str(error))
    return FileText(str(path), path.name, text, content_hash(text))


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


def _commit_lazily() -> None:
    """Do not wait for this transaction's commit to reach the disk.

    A crash may lose the last imports (never corrupt them); running the import again restores
    them, and not waiting for each commit is a large saving when many files are imported.
    """
    if connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


class Loader:
    """Imports files into the archive; one instance for one run of the command."""

    def __init__(self, *, dry_run: bool = False, archive: bool = True) -> None:
        """``archive=False`` (a dry run only) reads as an empty archive would: fixtures, no database."""
        if not (dry_run or archive):
            raise ValueError("only a dry run can read without the archive's database")
        if not dry_run:
            ensure_topics()
        self.known = known_speakers(archive=archive)
        self._known_names = {n.lower() for k in self.known for n in (k.name, *k.aliases)}
        self.lexicon = Lexicon(lexicon_entries(archive=archive))
        self.topic_ids = dict(Topic.objects.values_list("slug", "id")) if archive else {}
        self._speakers: SpeakerIndex | None = None

    def read(self, path: Path) -> DocumentReading:
        """One file's reading (the dry run's); FileSkipped when the file or the reader fails on it."""
        return self.parse(read_file_text(path), path.name)

    def parse(self, text: str, name: str) -> DocumentReading:
        """The reader's reading of one file's text; a reader failure is that file's FileSkipped.

        Whatever goes wrong inside the reader on one text must cost that file only, never the
        run: the message names the error so that the file can be reported and looked at.
        """
        try:
            return read_document(text, file_name=name, known_speakers=self.known, lexicon=self.lexicon)
        except Exception as error:  # a file the reader cannot work through must not stop the run
            raise FileSkipped(f"the reader failed on it ({type(error).__name__}: {error})") from error

    def analyze(self) -> None:
        """Have PostgreSQL gather the passages' statistics now, not at autovacuum's next pass.

        The search chooses how to count and rank from them (statements/plans.py): after a large
        import, words that were rare or absent may be common.
        """
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Passage._meta.db_table)}")
        plans.forget_statistics()

    def import_files(self, paths: Iterable[Path]) -> Iterator[ImportResult]:
        """Read and store files, one result per file in the order given; never raises for a bad file.

        Files are taken in batches (``BATCH_FILES`` files or ``BATCH_CHARS`` characters): the
        new ones of a batch are written together (``store_batch``), which is what makes a large
        import fast, and a failing file is still reported alone with nothing of it left behind.
        """
        queue: list[FileText | ImportResult] = []
        chars = 0
        for path in paths:
            item = _read_text(path)
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
            self._learn_speakers(reading)
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
                self._speakers = None  # it may hold speakers the rolled-back transaction created
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
            self._speakers = None
            return ImportResult(file.path, "failed", reason=f"{type(error).__name__}: {error}")

    def store(self, reading: DocumentReading, digest: str, path: str) -> ImportResult:
        """Write one reading; call inside a transaction, which is the file's all-or-nothing unit."""
        document = Document.objects.select_for_update().filter(file_name=reading.file).first()
        if document is None:
            return self.create_documents([ReadFile(path, reading, digest)])[0]
        _commit_lazily()
        for name, value in _metadata(reading).items():
            if name not in document.edited_fields:
                setattr(document, name, value)
        document.text = reading.text
        document.content_hash = digest
        document.save()
        [speakers] = self._resolve_speakers([reading])
        flagged = self._save_passages(document, reading, speakers)
        return ImportResult(path, "updated", len(reading.passages), flagged=flagged)

    def create_documents(self, files: list[ReadFile]) -> list[ImportResult]:
        """Write files the archive has no document for; call inside a transaction.

        However many files, this is a few statements: one INSERT of the documents (and one
        of their history), one COPY of all their passages, one INSERT of their topics made
        from the passages' topic ids. No model instance is built per passage.
        """
        _commit_lazily()
        values = [_metadata(f.reading) for f in files]
        slugs = unique_slugs(Document, [v["title"] for v in values])
        documents = bulk_create_with_history(
            [
                Document(file_name=f.reading.file, slug=slug, text=f.reading.text, content_hash=f.digest, **v)
                for f, v, slug in zip(files, values, slugs, strict=True)
            ],
            Document,
        )
        speakers = self._resolve_speakers([f.reading for f in files])
        public_ids = iter(fresh_public_ids(sum(len(f.reading.passages) for f in files)))
        rows = (
            self._new_passage_row(document, file.reading, item, position, by_name, next(public_ids))
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

    def _new_passage_row(
        self,
        document: Document,
        reading: DocumentReading,
        item: PassageReading,
        position: int,
        speakers: dict[str, Speaker],
        public_id: str,
    ) -> tuple:
        """A new passage in ``PASSAGE_COLUMNS`` order, as COPY takes it."""
        speaker = speakers.get(item.speaker) if item.speaker else None
        values = {
            "public_id": public_id,
            "document_id": document.pk,
            "position": position,
            "group": item.group,
            "kind": item.kind,
            "speaker_id": speaker.pk if speaker else None,
            "start": item.start,
            "end": item.end,
            "text": reading.passage_text(item),
            "said_on": document.event_on or document.published_on,
            "verified": False,
            "topics_by_editor": False,
            "doubts": item.doubts or NO_DOUBTS,
            "speaker_name": speaker.name if speaker else "",
            "document_title": document.title,
            "document_kind": document.kind,
            "topic_ids": _id_array({self.topic_ids[t] for t in item.topics if t in self.topic_ids}),
        }
        return tuple(values[column] for column in PASSAGE_COLUMNS)

    def _learn_speakers(self, reading: DocumentReading) -> None:
        """Let the files read after this one recognise the speakers it names."""
        roles = {s.name: s.role for s in reading.speakers}
        for name in sorted({p.speaker for p in reading.passages if p.speaker} | set(roles)):
            self._learn(name, roles.get(name, ""))

    def _learn(self, name: str, role: str) -> None:
        if name.lower() not in self._known_names:
            self._known_names.add(name.lower())
            self.known.append(KnownSpeaker(name, (), role))

    def _resolve_speakers(self, readings: list[DocumentReading]) -> list[dict[str, Speaker]]:
        """Speaker rows for every name each reading uses; the new ones are created together.

        The readings are taken in order, as if stored one by one: a name the first one
        brings in (or gives as an alias) is found again in the next.
        """
        if self._speakers is None:
            self._speakers = SpeakerIndex()
        index = self._speakers
        known = {k.name: k for k in self.known}
        found_by_reading = []
        for reading in readings:
            details = {s.name: s for s in reading.speakers}
            wanted = {p.speaker for p in reading.passages if p.speaker} | set(details)
            found: dict[str, Speaker] = {}
            for name in sorted(wanted):
                detail, listed = details.get(name), known.get(name)
                speaker = index.find(name)
                if speaker is None:
                    role = detail.role if detail else (listed.role if listed else "")
                    speaker = index.create(name, role)
                    self._learn(name, role)
                aliases = set(detail.aliases if detail else ()) | set(listed.aliases if listed else ())
                for alias in sorted(aliases - {speaker.name}):
                    index.add_alias(speaker, alias)
                found[name] = speaker
            found_by_reading.append(found)
        index.save()
        return found_by_reading

    def _save_passages(
        self, document: Document, reading: DocumentReading, speakers: dict[str, Speaker]
    ) -> list[str]:
        said_on = document.event_on or document.published_on
        old = {p.pk: p for p in document.passages.prefetch_related("annotations")}
        by_text: dict[str, list[Passage]] = defaultdict(list)
        for passage in old.values():
            by_text[_normal(passage.text)].append(passage)
        if old:  # move old rows out of the way so new positions cannot collide
            Passage.objects.filter(pk__in=list(old)).update(position=F("position") + 1_000_000)

        texts = [reading.passage_text(item) for item in reading.passages]
        matched: list[Passage | None] = []
        for text in texts:
            candidates = by_text.get(_normal(text))
            matched.append(candidates.pop(0) if candidates else None)
        for passage in matched:
            if passage is not None:
                del old[passage.pk]
        splits, merges = _edited_runs(texts, matched, sorted(old.values(), key=lambda p: p.position))
        for passage in [p for run in splits.values() for p, _, _ in run] + [m for m, _ in merges.values()]:
            del old[passage.pk]
        covered = {i for first, (_, last) in merges.items() for i in range(first + 1, last + 1)}

        keep, create = [], []
        position = -1
        for index, (item, text) in enumerate(zip(reading.passages, texts, strict=True)):
            if index in covered:
                continue
            position += 1
            previous = matched[index]
            speaker = speakers.get(item.speaker) if item.speaker else None
            if previous is not None:
                self._refresh(previous, item, text, position, speaker, said_on, document)
                keep.append((previous, item))
            elif index in splits:
                for offset, (piece, start, end) in enumerate(splits[index]):
                    position += 1 if offset else 0
                    self._refresh(piece, item, piece.text, position, speaker, said_on, document)
                    piece.start, piece.end = item.start + start, item.start + end
                    keep.append((piece, item))
            elif index in merges:
                merged, last = merges[index]
                self._refresh(merged, item, merged.text, position, speaker, said_on, document)
                merged.end = reading.passages[last].end
                keep.append((merged, item))
            else:
                passage = Passage(
                    public_id="",
                    document=document,
                    position=position,
                    group=item.group,
                    kind=item.kind,
                    speaker=speaker,
                    start=item.start,
                    end=item.end,
                    text=text,
                    said_on=said_on,
                    doubts=item.doubts,
                    speaker_name=speaker.name if speaker else "",
                    document_title=document.title,
                    document_kind=document.kind,
                    topic_ids=sorted({self.topic_ids[t] for t in item.topics if t in self.topic_ids}),
                )
                create.append((passage, item))

        Passage.objects.bulk_update(
            [p for p, _ in keep],
            [
                "position",
                "group",
                "kind",
                "speaker",
                "start",
                "end",
                "text",
                "said_on",
                "doubts",
                "speaker_name",
                "document_title",
            ],
            batch_size=1000,
        )
        for (passage, _), public_id in zip(create, fresh_public_ids(len(create)), strict=True):
            passage.public_id = public_id
        copy_passages([p for p, _ in create])
        self._tag(keep + create)
        return self._settle_leftovers(document, list(old.values()), position + 1)

    def _refresh(
        self,
        passage: Passage,
        item: PassageReading,
        text: str,
        position: int,
        speaker: Speaker | None,
        said_on,
        document: Document,
    ) -> None:
        passage.position, passage.group, passage.start, passage.end = (
            position,
            item.group,
            item.start,
            item.end,
        )
        passage.text = text
        passage.document_title = document.title
        if not passage.verified:
            passage.kind = item.kind
            passage.speaker = speaker
            passage.speaker_name = speaker.name if speaker else ""
            passage.said_on = said_on
            passage.doubts = item.doubts

    def _tag(self, pairs: list[tuple[Passage, PassageReading]]) -> None:
        """Lexicon topics are replaced on every import; an editor's choice stays."""
        pairs = [(p, item) for p, item in pairs if not p.topics_by_editor]
        ids = [p.pk for p, _ in pairs]
        PassageTopic.objects.filter(passage_id__in=ids, by_editor=False).delete()
        edited = set(PassageTopic.objects.filter(passage_id__in=ids).values_list("passage_id", "topic_id"))
        rows = []
        for passage, item in pairs:
            for slug in dict.fromkeys(item.topics):
                topic_id = self.topic_ids.get(slug)
                if topic_id and (passage.pk, topic_id) not in edited:
                    rows.append(PassageTopic(passage_id=passage.pk, topic_id=topic_id))
        copy_rows(
            PassageTopic,
            ["passage_id", "topic_id", "by_editor"],
            [(r.passage_id, r.topic_id, False) for r in rows],
        )

    def _settle_leftovers(self, document: Document, leftovers: list[Passage], count: int) -> list[str]:
        """Old passages the new text no longer has: keep editors' work, retire the rest."""
        flagged = []
        for offset, passage in enumerate(leftovers):
            has_work = (
                passage.verified
                or passage.topics_by_editor
                or passage.annotations.exists()
                or passage.passagetopic_set.filter(by_editor=True).exists()
            )
            if has_work:
                passage.position = count + offset
                if GONE_FROM_SOURCE not in passage.doubts:
                    passage.doubts = [*passage.doubts, GONE_FROM_SOURCE]
                passage.verified = False
                passage.save(update_fields=["position", "doubts", "verified"])
                flagged.append(passage.public_id)
            else:
                RetiredPassage.objects.create(
                    public_id=passage.public_id,
                    reason=f"withdrawn: {GONE_FROM_SOURCE} ({document.file_name})",
                )
                passage.delete()
        return flagged


class SpeakerIndex:
    """The archive's speakers by lower-cased name and alias, read once per run.

    Names win over aliases, as a reader would expect: "Lavrov" names the speaker
    called Lavrov before it names someone with that alias. Speakers and aliases
    the run creates are found at once and written together by ``save``.
    """

    def __init__(self) -> None:
        self.by_name: dict[str, Speaker] = {}
        by_alias: dict[str, Speaker] = {}
        speakers = {s.pk: s for s in Speaker.objects.only("pk", "name", "slug")}
        for speaker in speakers.values():
            self.by_name.setdefault(speaker.name.lower(), speaker)
        for speaker_id, alias in SpeakerAlias.objects.values_list("speaker_id", "name"):
            by_alias.setdefault(alias.lower(), speakers[speaker_id])
        self.aliases = set(by_alias)
        self.by_alias = by_alias
        self.new_speakers: list[Speaker] = []
        self.new_aliases: list[SpeakerAlias] = []

    def find(self, name: str) -> Speaker | None:
        return self.by_name.get(name.lower()) or self.by_alias.get(name.lower())

    def create(self, name: str, role: str) -> Speaker:
        """A new speaker, found from now on, written by the next ``save``."""
        speaker = Speaker(name=name, role=role[:200])
        self.new_speakers.append(speaker)
        self.by_name.setdefault(name.lower(), speaker)
        return speaker

    def add_alias(self, speaker: Speaker, alias: str) -> None:
        """Record ``alias`` for ``speaker`` unless some speaker already has it."""
        alias = alias[:200]
        if alias and alias.lower() not in self.aliases:
            self.new_aliases.append(SpeakerAlias(speaker=speaker, name=alias))
            self.aliases.add(alias.lower())
            self.by_alias.setdefault(alias.lower(), speaker)

    def save(self) -> None:
        """Write the speakers and aliases created since the last call: two INSERTs and the history's."""
        if self.new_speakers:
            for speaker, slug in zip(
                self.new_speakers, unique_slugs(Speaker, [s.name for s in self.new_speakers]), strict=True
            ):
                speaker.slug = slug
            bulk_create_with_history(self.new_speakers, Speaker)
        if self.new_aliases:
            SpeakerAlias.objects.bulk_create(self.new_aliases)
        self.new_speakers, self.new_aliases = [], []


#: The passage columns the loader writes; the search vector is generated by the database.
PASSAGE_COLUMNS = (
    "public_id",
    "document_id",
    "position",
    "group",
    "kind",
    "speaker_id",
    "start",
    "end",
    "text",
    "said_on",
    "verified",
    "topics_by_editor",
    "doubts",
    "speaker_name",
    "document_title",
    "document_kind",
    "topic_ids",
)


#: An empty array in COPY's text format: most passages have no doubts.
NO_DOUBTS = "{}"


def _id_array(ids: Iterable[int]) -> str:
    """Ids as a sorted array in COPY's text format.

    psycopg adapts a Python list for COPY in Python code, which costs more than the
    rest of a passage's row; integers need no quoting, so the text is written here.
    """
    return "{" + ",".join(map(str, sorted(ids))) + "}"


def copy_rows(model: type[models.Model], columns: Iterable[str], rows: Iterable[tuple]) -> None:
    """Append rows to ``model``'s table with COPY, the fastest way PostgreSQL takes new rows."""
    columns = list(columns)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.connection.cursor().copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def copy_passages(passages: list[Passage]) -> None:
    """Insert new passages with COPY and give each its primary key, as bulk_create would.

    A document's passages are one COPY and one query for their keys (by position, which
    is unique within a document) instead of Django building a parameterised INSERT.
    """
    if not passages:
        return
    copy_rows(Passage, PASSAGE_COLUMNS, ([getattr(p, c) for c in PASSAGE_COLUMNS] for p in passages))
    by_document: dict[int, dict[int, Passage]] = defaultdict(dict)
    for passage in passages:
        by_document[passage.document_id][passage.position] = passage
    for document_id, by_position in by_document.items():
        keys = Passage.objects.filter(document_id=document_id, position__in=list(by_position)).order_by()
        for position, pk in keys.values_list("position", "pk"):
            by_position[position].pk = pk
            by_position[position]._state.adding = False


def _edited_runs(
    texts: list[str], matched: list[Passage | None], leftovers: list[Passage]
) -> tuple[dict[int, list[tuple[Passage, int, int]]], dict[int, tuple[Passage, int]]]:
    """Passages editors split or merged, found again in a re-read text.

    A split paragraph comes back whole: consecutive old passages whose texts, in
    order, make up one new paragraph take its place, each at its own offsets
    inside it. A merged passage comes back in pieces: an old passage whose text
    is consecutive new paragraphs joined takes their place. Either way the
    editors' passages, permalinks and annotations stay, and nothing is doubled.
    Returns ``{paragraph: [(passage, start, end), ...]}`` for splits and
    ``{first paragraph: (passage, last paragraph)}`` for merges.
    """
    splits: dict[int, list[tuple[Passage, int, int]]] = {}
    merges: dict[int, tuple[Passage, int]] = {}
    free = [i for i, passage in enumerate(matched) if passage is None]
    remaining = list(leftovers)
    for index in free:
        whole = _normal(texts[index])
        for first in range(len(remaining)):
            run, joined = [], ""
            for passage in remaining[first:]:
                joined = f"{joined} {_normal(passage.text)}".strip()
                if not whole.startswith(joined):
                    break
                run.append(passage)
                if joined == whole:
                    break
            located = _locate(texts[index], run) if joined == whole and len(run) > 1 else None
            if located:
                splits[index] = located
                remaining = [p for p in remaining if p not in run]
                break
    used: set[int] = set(splits)
    for passage in remaining:
        target = _normal(passage.text)
        for start in free:
            if start in used:
                continue
            joined, end = "", start
            while end < len(texts) and end in free and end not in used:
                joined = f"{joined} {_normal(texts[end])}".strip()
                if not target.startswith(joined) or joined == target:
                    break
                end += 1
            if joined == target and end > start:
                merges[start] = (passage, end)
                used.update(range(start, end + 1))
                break
    return splits, merges


def _locate(text: str, run: list[Passage]) -> list[tuple[Passage, int, int]] | None:
    """Each passage's offsets inside ``text``, in order; None if one cannot be found verbatim."""
    found, cursor = [], 0
    for passage in run:
        at = text.find(passage.text, cursor)
        if at < 0:
            return None
        cursor = at + len(passage.text)
        found.append((passage, at, cursor))
    return found


def fresh_public_ids(count: int) -> list[str]:
    """``count`` random permalink ids that no passage has, nor ever had, checked in a few queries.

    The same guarantee as ``models.new_public_id`` in one query for all of them, not two
    per passage: an import writes thousands at a time.
    """
    chosen: set[str] = set()
    while len(chosen) < count:
        candidates = _random_ids(count - len(chosen)) - chosen
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT public_id FROM {Passage._meta.db_table} WHERE public_id = ANY(%(ids)s) UNION ALL "
                f"SELECT public_id FROM {RetiredPassage._meta.db_table} WHERE public_id = ANY(%(ids)s)",
                {"ids": list(candidates)},
            )
            chosen.update(candidates - {public_id for (public_id,) in cursor.fetchall()})
    return list(chosen)


def _random_ids(count: int) -> set[str]:
    """Up to ``count`` random ids, drawn from one read of the system's randomness, not one per letter."""
    size, letters = PUBLIC_ID_LENGTH, len(PUBLIC_ID_ALPHABET)
    usable = 256 - 256 % letters  # the bytes above would make the first letters likelier
    randomness = secrets.token_bytes(count * size * 9 // 8 + 2 * size)
    chars = "".join(PUBLIC_ID_ALPHABET[b % letters] for b in randomness if b < usable)
    return {chars[i : i + size] for i in range(0, min(count * size, len(chars) - size + 1), size)}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()
