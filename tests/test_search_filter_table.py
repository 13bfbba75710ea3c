"""A filter is one entry of the filter table: form, query, counts and facets all follow from it."""

from __future__ import annotations

import datetime as dt

import django_filters
import pytest
from django.db.models import Q

from statements.search import filters, search
from statements.search.filters import FacetFilter, passage_filter
from tests import factories as make

pytestmark = pytest.mark.django_db

VERIFIED = FacetFilter(
    "verified",
    field=lambda method: django_filters.BooleanFilter(method=method, label="Checked by an editor"),
    condition=lambda checked: Q(verified=checked),
    sql=lambda table, checked: (f"{table}.verified = %s", checked),
)


@pytest.fixture
def verified_filter(monkeypatch):
    monkeypatch.setattr(filters, "FILTERS", (*filters.FILTERS, VERIFIED))


@pytest.fixture
def passages():
    ines, omar = make.speaker("Ines Costa"), make.speaker("Omar Haddad")
    checked = [
        make.passage("The harbour must reopen for grain ships.", by=ines, said_on=dt.date(2024, 3, 1)),
        make.passage("Grain ships wait at the harbour again.", by=omar, said_on=dt.date(2024, 4, 1)),
    ]
    make.passage("The harbour is closed to grain ships today.", by=omar, said_on=dt.date(2024, 5, 1))
    make.passage("Harbour fees for grain ships will rise.", by=omar, said_on=dt.date(2024, 6, 1))
    for passage in checked:
        passage.verified = True
        passage.save(update_fields=["verified"])
    return checked


def test_a_filter_added_to_the_table_is_a_field_of_the_form(verified_filter):
    form = passage_filter().form
    assert "verified" in form.fields
    assert form.fields["verified"].label == "Checked by an editor"


def test_a_filter_added_to_the_table_is_on_the_search_page(verified_filter, client):
    page = client.get("/search/", {"q": "harbour"}).content.decode()
    assert 'name="verified"' in page


@pytest.mark.parametrize("exact", [False, True], ids=["counted", "exact"])
def test_a_filter_added_to_the_table_narrows_the_results_and_the_total(verified_filter, passages, exact):
    result = search({"q": "harbour", "verified": "true"}, exact=exact)
    assert sorted(hit.passage.pk for hit in result.hits) == sorted(p.pk for p in passages)
    assert result.total == 2


@pytest.mark.parametrize("exact", [False, True], ids=["counted", "exact"])
def test_the_other_facets_count_only_what_a_filter_added_to_the_table_leaves(
    verified_filter, passages, exact
):
    result = search({"q": "harbour", "verified": "true"}, exact=exact)
    speakers = {value.label: value.count for value in result.facets["speaker"]}
    assert speakers == {"Ines Costa": 1, "Omar Haddad": 1}
    assert sum(n for _, n in result.months) == 2


def test_a_filter_added_to_the_table_is_listed_among_the_active_filters(verified_filter, passages, client):
    page = client.get("/search/", {"q": "harbour", "verified": "true"}).content.decode()
    assert "verified: True" in page
