"""A page of search results read in one statement: its passages, their speakers and sources, snippets.

Every search reads one such page, and on a million passages building it through the ORM (a
queryset with two joins, ``only`` and a headline, compiled anew each time, then three model
instances per row) cost about as much Python time as all the rest of a search. The statement
here is written once per process from the models' own metadata (the columns that
``LISTED_FIELDS`` names), and its rows become the same deferred model instances that
``select_related(...).only(...)`` would give, so templates and feeds read them alike.

The page's ids come either as a list or as a subquery that yields them in the page's order;
``WITH ORDINALITY`` keeps that order through the joins.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from statements.models import LISTED_FIELDS, SEARCH_CONFIG, Document, Passage, Speaker

SNIPPET_WORDS = 45
# Characters that cannot occur in imported text mark the matches inside ts_headline's output,
# which is then escaped as a whole before the marks become <mark> elements.
_MARK_START, _MARK_END = "\x01", "\x02"
#: ts_headline's options: two fragments of 20 to 45 words around the matches.
HEADLINE_OPTIONS = (
    f"StartSel={_MARK_START}, StopSel={_MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=20,"
    ' MaxFragments=2, FragmentDelimiter=" … "'
)


@dataclass
class Hit:
    passage: Passage
    snippet: SafeString


def highlight(marked: str) -> SafeString:
    """Escape text whose matches ts_headline wrapped in control marks; only <mark> is HTML."""
    html = escape(marked).replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; the only markup added is <mark>


def plain_snippet(text: str) -> SafeString:
    """The start of a passage, escaped, for a page without words to highlight."""
    return mark_safe(escape(Truncator(text).words(SNIPPET_WORDS)))  # noqa: S308 - escaped


@dataclass(frozen=True)
class _Columns:
    """One model's listed columns, in the order of its concrete fields (as ``from_db`` takes them)."""

    model: type[Model]
    alias: str
    attnames: tuple[str, ...]

    @classmethod
    def of(cls, model: type[Model], alias: str, names: set[str]) -> _Columns:
        names = {model._meta.pk.attname, *names}
        return cls(model, alias, tuple(f.attname for f in model._meta.concrete_fields if f.attname in names))

    def sql(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(self.model._meta.get_field(a).column)}" for a in self.attnames)

    def build(self, values: Sequence) -> Model | None:
        if values[self.attnames.index(self.model._meta.pk.attname)] is None:  # a passage without a speaker
            return None
        return self.model.from_db(connection.alias, self.attnames, values)


def _listed(model: type[Model], prefix: str = "") -> set[str]:
    """The attnames ``LISTED_FIELDS`` names of ``model`` (those under ``prefix__`` when given)."""
    if prefix:
        names = [name.removeprefix(prefix) for name in LISTED_FIELDS if name.startswith(prefix)]
    else:
        names = [name for name in LISTED_FIELDS if "__" not in name]
    return {model._meta.get_field(name).attname for name in names}


@functools.cache
def _statement() -> tuple[str, tuple[_Columns, _Columns, _Columns]]:
    """The page's SELECT, with two places to fill: its source of ids (``{ids}``) and ``{headline}``."""
    passage = _Columns.of(Passage, "p", {*_listed(Passage), "document_id", "speaker_id"})
    document = _Columns.of(Document, "d", _listed(Document, "document__"))
    speaker = _Columns.of(Speaker, "s", _listed(Speaker, "speaker__"))
    quote = connection.ops.quote_name
    table = {m: quote(m._meta.db_table) for m in (Passage, Document, Speaker)}
    key = {m: quote(m._meta.pk.column) for m in (Passage, Document, Speaker)}
    on_document, by = (quote(Passage._meta.get_field(name).column) for name in ("document", "speaker"))
    sql = (
        f"SELECT {passage.sql()}, {document.sql()}, {speaker.sql()}, {{headline}}"
        " FROM {ids} WITH ORDINALITY AS page (id, n)"
        f" JOIN {table[Passage]} p ON p.{key[Passage]} = page.id"
        f" JOIN {table[Document]} d ON d.{key[Document]} = p.{on_document}"
        f" LEFT JOIN {table[Speaker]} s ON s.{key[Speaker]} = p.{by}"
        " ORDER BY page.n"
    )
    return sql, (passage, document, speaker)


def read_hits(ids_sql: str, ids_params: Sequence, q: str) -> list[Hit]:
    """The page whose ids ``ids_sql`` gives in order (a set-returning ``unnest(...)``), each with its snippet.

    ``ids_sql`` is SQL written by the caller (``unnest(%s::bigint[])`` or ``unnest(ARRAY(...))``
    of a compiled queryset), never input; ``q`` is only ever a parameter.
    """
    template, (passage, document, speaker) = _statement()
    if q:
        headline = "ts_headline(%s::regconfig, p.text, websearch_to_tsquery(%s::regconfig, %s), %s)"
        params = [SEARCH_CONFIG, SEARCH_CONFIG, q, HEADLINE_OPTIONS, *ids_params]
    else:
        headline, params = "NULL", list(ids_params)
    with connection.cursor() as cursor:
        cursor.execute(template.format(headline=headline, ids=ids_sql), params)
        rows = cursor.fetchall()
    widths = [len(c.attnames) for c in (passage, document, speaker)]
    hits = []
    for row in rows:
        p = passage.build(row[: widths[0]])
        p._state.fields_cache["document"] = document.build(row[widths[0] : widths[0] + widths[1]])
        p._state.fields_cache["speaker"] = speaker.build(row[widths[0] + widths[1] : -1])
        hits.append(Hit(p, highlight(row[-1]) if q else plain_snippet(p.text)))
    return hits


def hits_of(ids: list[int], q: str) -> list[Hit]:
    """The page whose passages are known by id, in the order of ``ids``."""
    return read_hits("unnest(%s::bigint[])", [ids], q)
