"""The search page's filters as a django-filter FilterSet.

The public parameter names are a contract (links get shared): q, speaker,
topic, from, to, kind, sort. ``from`` is a Python keyword, hence the renaming
below.
"""

from __future__ import annotations

from collections.abc import Iterable

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db.models import QuerySet

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


class PassageFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label="Search the statements")
    speaker = django_filters.ModelChoiceFilter(
        queryset=Speaker.objects.all(),
        to_field_name="slug",
        field_name="speaker",
        label="Speaker",
        empty_label="Any speaker",
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        label="Topic",
        empty_label="Any topic",
    )
    date_from = django_filters.DateFilter(
        field_name="said_on", lookup_expr="gte", label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="said_on", lookup_expr="lte", label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = django_filters.ChoiceFilter(
        choices=KIND_CHOICES, method="filter_kind", label="Kind", empty_label="Any kind"
    )
    sort = django_filters.ChoiceFilter(choices=SORTS, method="keep", label="Sort by", empty_label=None)

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

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(search_vector=text_query(value)) if value else queryset

    def filter_topic(self, queryset: QuerySet, name: str, value: Topic) -> QuerySet:
        """Through the passage's own copy of its topic ids: no join, and no duplicate rows."""
        return queryset.filter(topic_ids__contains=[value.pk])

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value in PASSAGE_KINDS:
            return queryset.filter(kind=value)
        return queryset.filter(document_kind=value)

    def keep(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset

    def filter_queryset_except(self, queryset: QuerySet, skip: str | Iterable[str] = ()) -> QuerySet:
        """Apply every valid filter but those in ``skip``: facets reflect the *other* filters."""
        skipped = {skip} if isinstance(skip, str) else set(skip)
        for name, value in self.form.cleaned_data.items():
            if name not in skipped and value not in (None, ""):
                queryset = self.filters[name].filter(queryset, value)
        return queryset


PassageFilter.base_filters = {
    ("from" if name == "date_from" else "to" if name == "date_to" else name): flt
    for name, flt in PassageFilter.base_filters.items()
}
