"""The search's filters, each defined once in ``FILTERS``, and the FilterSet built from them.

A filter's entry holds everything the search needs of it: its form field, its
condition on the ORM and as SQL (the counting statement tests it on each row it
reads, see ``counting.failed_filters``), whether an index of its own serves it,
and which of PostgreSQL's statistics guess how many passages it leaves (see
``statistics.expected_passing_share``). Adding a filter is adding an entry.

The public parameter names are a contract (links get shared): q, speaker,
topic, from, to, kind, sort.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q, QuerySet

from statements.models import SEARCH_CONFIG, DocumentKind, Passage, PassageKind, Speaker, Topic

MAX_QUERY_LENGTH = 500
SORTS = [("relevance", "Relevance"), ("newest", "Newest first"), ("oldest", "Oldest first")]
KIND_CHOICES = [
    (
        "Voice",
        [
            (PassageKind.TURN, "Turn"),
            (PassageKind.REMARKS, "Remarks"),
            (PassageKind.QUOTE, "Quote"),
            (PassageKind.REPORTED, "Reported speech (paraphrase)"),
            (PassageKind.QUESTION, "Question"),
        ],
    ),
    ("Source", list(DocumentKind.choices)),
]
PASSAGE_KINDS = set(PassageKind.values)


def text_query(q: str) -> SearchQuery:
    """Web-search syntax ("phrase", OR, -word), parsed by PostgreSQL itself, never raising."""
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


class SearchForm(forms.Form):
    """Checks the parameters; the FilterSet builds its fields from the filters below."""

    def clean_q(self) -> str:
        q = (self.cleaned_data.get("q") or "").replace("\x00", " ").strip()
        if len(q) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                f"Queries are limited to {MAX_QUERY_LENGTH} characters; yours has {len(q)}."
            )
        return q

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            data["from"], data["to"] = end, start  # a reversed range means the same months
        return data


@dataclass(frozen=True)
class FacetFilter:
    """One filter beside the words: the parameter ``name`` and everything the search does with it."""

    name: str
    #: The form's filter, given the method that applies it: ``field(method=...)``.
    field: Callable[..., django_filters.Filter]
    #: The rows that pass, for a cleaned value.
    condition: Callable[[Any], Q]
    #: The same test in SQL on ``table`` (quoted), with its one parameter: (sql, value).
    sql: Callable[[str, Any], tuple[str, Any]]
    #: Whether an index of its own reads its rows (so checking words on them can be cheaper).
    indexed: bool = False
    #: The statistic that guesses its share of passages: "speakers", "topics", "said_on" or None.
    statistic: str | None = None
    #: Whether it filters on the date the date index is ordered by (a walk of it serves the filter).
    on_dates: bool = False

    def __deepcopy__(self, memo: dict) -> FacetFilter:
        """Itself: an entry never changes, and django-filter copies every filter per request."""
        return self

    def apply(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(self.condition(value))


def _kind_column(kind: str) -> str:
    return "kind" if kind in PASSAGE_KINDS else "document_kind"


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


FILTERS: tuple[FacetFilter, ...] = (
    FacetFilter(
        "speaker",
        field=lambda method: django_filters.ModelChoiceFilter(
            queryset=Speaker.objects.all(),
            to_field_name="slug",
            method=method,
            label="Speaker",
            empty_label="Any speaker",
        ),
        condition=lambda speaker: Q(speaker_id=speaker.pk),
        sql=lambda table, speaker: (f"{table}.speaker_id = %s", speaker.pk),
        indexed=True,
        statistic="speakers",
    ),
    FacetFilter(
        "topic",
        field=lambda method: django_filters.ModelChoiceFilter(
            queryset=Topic.objects.all(),
            to_field_name="slug",
            method=method,
            label="Topic",
            empty_label="Any topic",
        ),
        # through the passage's own copy of its topic ids: no join, and no duplicate rows
        condition=lambda topic: Q(topic_ids__contains=[topic.pk]),
        sql=lambda table, topic: (f"{table}.topic_ids @> ARRAY[%s]::bigint[]", topic.pk),
        indexed=True,
        statistic="topics",
    ),
    FacetFilter(
        "kind",
        field=lambda method: django_filters.ChoiceFilter(
            choices=KIND_CHOICES, method=method, label="Kind", empty_label="Any kind"
        ),
        condition=lambda kind: Q(**{_kind_column(kind): kind}),
        sql=lambda table, kind: (f"{table}.{_kind_column(kind)} = %s", kind),
    ),
    FacetFilter(
        "from",
        field=lambda method: django_filters.DateFilter(method=method, label="From", widget=_date_input()),
        condition=lambda day: Q(said_on__gte=day),
        sql=lambda table, day: (f"{table}.said_on >= %s", day),
        indexed=True,
        statistic="said_on",
        on_dates=True,
    ),
    FacetFilter(
        "to",
        field=lambda method: django_filters.DateFilter(method=method, label="To", widget=_date_input()),
        condition=lambda day: Q(said_on__lte=day),
        sql=lambda table, day: (f"{table}.said_on <= %s", day),
        indexed=True,
        statistic="said_on",
        on_dates=True,
    ),
)


def filter_bits(filters: Iterable[FacetFilter]) -> dict[str, int]:
    """Each filter's bit in a row's mask of the filters it fails, in table order."""
    return {f.name: 1 << position for position, f in enumerate(filters)}


class PassageFilter(django_filters.FilterSet):
    """The search's parameters: the words, the filters of a table (``FILTERS``), the order."""

    class Meta:
        model = Passage
        fields: list[str] = []
        form = SearchForm

    def get_form_class(self) -> type[forms.Form]:
        """The same form for every search: its class (and its fields) is built once, not per request."""
        built = type(self).__dict__.get("_form_class")
        if built is None:
            built = super().get_form_class()
            type(self)._form_class = built
        return built

    def filter_queryset_except(self, queryset: QuerySet, skip: str | Iterable[str] = ()) -> QuerySet:
        """Apply every valid filter but those in ``skip``: facets reflect the *other* filters."""
        skipped = {skip} if isinstance(skip, str) else set(skip)
        for name, value in self.form.cleaned_data.items():
            if name not in skipped and value not in (None, ""):
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def _filter_text(queryset: QuerySet, name: str, value: str) -> QuerySet:
    return queryset.filter(search_vector=text_query(value)) if value else queryset


def _keep(queryset: QuerySet, name: str, value: str) -> QuerySet:
    return queryset


@functools.cache
def _filter_set(table: tuple[FacetFilter, ...]) -> type[PassageFilter]:
    """The FilterSet of a table of filters, made once per table."""
    filterset = type("PassageFilter", (PassageFilter,), {"__module__": __name__})
    filterset.base_filters = {
        "q": django_filters.CharFilter(method=_filter_text, label="Search the statements"),
        **{f.name: f.field(method=f.apply) for f in table},
        "sort": django_filters.ChoiceFilter(choices=SORTS, method=_keep, label="Sort by", empty_label=None),
    }
    return filterset


def passage_filter(data: Any = None, **options: Any) -> PassageFilter:
    """The search's FilterSet over ``data`` (a request's GET, or a dict), with today's table."""
    return _filter_set(FILTERS)(data, **options)
