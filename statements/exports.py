"""Statements as rows for other programs: the CSV of a search and the full export's records.

Both write the same fields under the same names, so a researcher's script reads a
search's CSV and the archive's export alike. A paraphrase is always marked as one
(``kind`` is "paraphrase"), as on the pages.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping

from statements.models import METADATA_FIELDS, Document, Passage
from statements.search import search
from statements.search.query import MAX_PAGE_SIZE

#: The columns of a search's CSV, in order.
SEARCH_COLUMNS = (
    "public_id",
    "permalink",
    "speaker",
    "date",
    "kind",
    "text",
    "document",
    "document_url",
    "source_url",
)
#: The full export's CSV adds what only it holds.
EXPORT_COLUMNS = (*SEARCH_COLUMNS, "speaker_role", "passage_kind", "topics", "annotations")
#: Rows a search's CSV holds at most: 50 pages of the largest page the search serves.
CSV_ROW_CAP = 5_000
#: What a spreadsheet would run as a formula when a cell starts with it.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def voice(passage: Passage) -> str:
    return "verbatim" if passage.is_verbatim else "paraphrase"


def search_rows(
    params: Mapping[str, object], absolute: Callable[[str], str], cap: int | None = None
) -> Iterator[dict]:
    """The records of a search's results in the page's order, page after page, at most ``cap``.

    Every page comes from ``search()``, so the rows are the pages' rows, in their order.
    ``absolute`` turns a path into the full URL a record links to.
    """
    cap = CSV_ROW_CAP if cap is None else cap
    written = 0
    page = 1
    while written < cap:
        result = search(params, page=page, per_page=MAX_PAGE_SIZE, with_facets=False)
        passages = [hit.passage for hit in result.hits][: cap - written]
        sources = dict(
            Document.objects.filter(pk__in={p.document_id for p in passages}).values_list("pk", "source_url")
        )
        for passage in passages:
            yield record(passage, absolute, source_url=sources.get(passage.document_id, ""))
        written += len(passages)
        if result.page >= result.num_pages or not passages:
            return
        page += 1


def record(passage: Passage, absolute: Callable[[str], str], *, source_url: str | None = None) -> dict:
    """One statement's fields under their public names (see README.md, "Exports")."""
    document = passage.document
    return {
        "public_id": passage.public_id,
        "permalink": absolute(passage.get_absolute_url()),
        "speaker": passage.speaker.name if passage.speaker else "",
        "date": passage.said_on.isoformat() if passage.said_on else "",
        "kind": voice(passage),
        "text": passage.text,
        "document": document.title,
        "document_url": absolute(document.get_absolute_url()),
        "source_url": document.source_url if source_url is None else source_url,
    }


def full_record(passage: Passage, absolute: Callable[[str], str]) -> dict:
    """A statement with everything the export holds: speaker, document, topics, published notes."""
    document = passage.document
    speaker = passage.speaker
    return {
        **record(passage, absolute),
        "date": passage.said_on.isoformat() if passage.said_on else None,
        "passage_kind": passage.kind,
        "speaker": None
        if speaker is None
        else {"name": speaker.name, "slug": speaker.slug, "role": speaker.role},
        "document": {field: _json_value(getattr(document, field)) for field in ("slug", *METADATA_FIELDS)},
        "topics": [t.slug for t in passage.topics.all()],
        "annotations": [
            {"kind": a.kind, "body": a.body, "updated_at": a.updated_at.isoformat()}
            for a in passage.annotations.all()
        ],
    }


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def flat(full: dict) -> dict:
    """A full record as one CSV row: nested fields become text."""
    speaker = full["speaker"] or {}
    return {
        **full,
        "speaker": speaker.get("name", ""),
        "speaker_role": speaker.get("role", ""),
        "document": full["document"]["title"],
        "topics": " ".join(full["topics"]),
        "annotations": "\n\n".join(f"{a['kind']}: {a['body']}" for a in full["annotations"]),
    }


def exported_passages() -> Iterator[Passage]:
    """Every statement (questions are not), in storage order, read in chunks."""
    return Passage.objects.statements().for_record().order_by("pk").iterator(chunk_size=2_000)


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    if isinstance(value, str) and (
        value.startswith(_FORMULA_START) or (value[:1] == "-" and value[1:2].isalpha())
    ):
        return "'" + value
    return value


class _Echo:
    """A file that hands back what is written to it, for a streamed CSV."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Mapping[str, object]], columns: tuple[str, ...]) -> Iterator[str]:
    """The CSV text of ``rows``, a header line first, one line (or quoted multi-line cell) at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([safe_cell(row.get(c, "")) for c in columns])
