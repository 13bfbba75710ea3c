"""A page of hits read in one statement: the same passages, speakers, sources and snippets as the ORM."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.models import Passage
from statements.search.hits import hits_of, read_hits
from tests import factories as make

pytestmark = pytest.mark.django_db


def listed(passage: Passage) -> tuple:
    speaker = passage.speaker
    return (
        passage.pk,
        passage.public_id,
        passage.kind,
        passage.text,
        passage.said_on,
        passage.get_absolute_url(),
        speaker and (speaker.slug, speaker.name, speaker.get_absolute_url()),
        passage.document.title,
        passage.document.get_absolute_url(),
        passage.document.imported_at,
    )


@pytest.fixture
def page():
    ines = make.speaker("Ines Costa")
    report = make.document("Harbour report", kind="report", published_on=dt.date(2024, 5, 2))
    return [
        make.passage("The harbour must reopen for grain ships.", by=ines, said_on=dt.date(2024, 3, 1)),
        make.passage("Nobody claims the harbour report.", doc=report, kind="reported"),
        make.passage("Grain, grain and more grain from the harbour.", by=ines, said_on=dt.date(2023, 1, 9)),
    ]


def test_hits_come_in_the_order_of_the_ids_asked_for(page):
    more = [make.passage(f"Harbour statement {n}.") for n in range(12)]
    ids = [p.pk for p in [*more, *page]]
    asked = ids[1::2][::-1] + ids[0::2]
    assert [hit.passage.pk for hit in hits_of(asked, "harbour")] == asked


def test_hits_hold_what_the_orm_reads_for_a_listing(page):
    ids = [p.pk for p in page]
    expected = {p.pk: listed(p) for p in Passage.objects.for_listing().filter(pk__in=ids)}
    assert [listed(hit.passage) for hit in hits_of(ids, "harbour")] == [expected[pk] for pk in ids]


def test_a_passage_without_a_speaker_has_none(page):
    assert hits_of([page[1].pk], "")[0].passage.speaker is None


def test_showing_a_page_of_hits_needs_no_further_queries(page):
    with CaptureQueriesContext(connection) as queries:
        hits = hits_of([p.pk for p in page], "grain")
        [listed(hit.passage) for hit in hits]
    assert len(queries) == 1


def test_snippets_mark_the_matches_and_without_words_show_the_start(page):
    marked, plain = hits_of([page[2].pk], "grain")[0], hits_of([page[2].pk], "")[0]
    assert marked.snippet.count("<mark>Grain</mark>") == 1 and marked.snippet.count("<mark>grain</mark>") == 2
    assert plain.snippet == "Grain, grain and more grain from the harbour."


def test_snippets_escape_markup_in_the_text():
    passage = make.passage('Sanctions <script>alert("x")</script> & <img src=x onerror=alert(1)>.')
    snippet = hits_of([passage.pk], "sanctions")[0].snippet
    assert "<script" not in snippet and "<img" not in snippet
    assert "&lt;img src=x" in snippet and "&amp;" in snippet and "&quot;x&quot;" in snippet


def test_ids_from_a_subquery_keep_its_order(page):
    ordered = Passage.objects.filter(pk__in=[p.pk for p in page]).order_by("-said_on", "pk").values("pk")
    sql, params = ordered.query.sql_with_params()
    found = [hit.passage.pk for hit in read_hits(f"unnest(ARRAY({sql}))", params, "")]
    assert found == list(ordered.values_list("pk", flat=True))
