"""The read-only JSON API: the search page's results through the same search(), and every record as served."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from archive.wsgi import application
from statements.models import Annotation, RetiredPassage
from tests import factories as make

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
# Like the search page, the API drops a malformed parameter and reports it in "errors" rather than
# refusing the request: a request outside the description may be answered 200. Every other check runs.
schema.config.checks.update(excluded_check_names=["negative_data_rejection"])
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def connection_kept_across_requests():
    """Schemathesis calls the real WSGI application, which closes the database connection after
    each request; the test's transaction must outlive them, as the test client arranges."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def page_permalinks(client, query: str) -> list[str]:
    page = client.get(f"/search/?{query}").content.decode()
    return re.findall(r'<p class="result-links"><a href="/q/([0-9a-z]+)/">', page)


def api(client, url: str):
    response = client.get(url, **JSON)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def harbour():
    ana, ben = make.speaker("Ana Ruiz"), make.speaker("Ben Oduya")
    trade = make.topic("Trade")
    doc = make.document("Harbour briefing")
    for n in range(45):
        make.passage(
            f"The harbour will reopen, statement {n}{' on harbour tariffs' * (n % 3)}.",
            by=ana if n % 2 else ben,
            doc=doc,
            topics=[trade] if n % 4 == 0 else [],
            said_on=dt.date(2020, 1, 1) + dt.timedelta(days=n),
        )
    return ana, trade


@pytest.mark.parametrize(
    "query",
    ["q=harbour", "q=harbour+tariffs&sort=newest", "speaker=ana-ruiz&sort=oldest", "q=harbour&topic=trade"],
)
def test_the_api_search_gives_the_pages_passages_in_the_pages_order_with_its_total(client, harbour, query):
    data = api(client, f"/api/passages/?{query}")
    assert [r["public_id"] for r in data["results"]] == page_permalinks(client, query)
    page = client.get(f"/search/?{query}").context["result"]
    assert data["count"] == page.total


def test_the_api_search_cursor_walks_the_same_pages_as_the_page(client, harbour):
    first = api(client, "/api/passages/?q=harbour&sort=newest")
    second = api(client, first["next"])
    assert [r["public_id"] for r in second["results"]] == page_permalinks(
        client, "q=harbour&sort=newest&page=2"
    )
    assert api(client, second["previous"])["results"] == first["results"]
    assert first["previous"] is None


def test_a_bad_search_parameter_is_reported_not_a_server_error(client, harbour):
    data = api(client, "/api/passages/?from=yesterday&cursor=%%%")
    assert data["errors"] and data["count"] == 45


def test_a_passage_record_has_its_speaker_document_topics_and_published_notes(client, harbour):
    _, trade = harbour
    said = trade.passages.first()
    Annotation.objects.create(passage=said, body="Context.", published=True)
    Annotation.objects.create(passage=said, body="Draft.", published=False)
    data = api(client, f"/api/passages/{said.public_id}/")
    assert data["permalink"] == f"http://testserver{said.get_absolute_url()}"
    assert data["speaker"]["slug"] == said.speaker.slug and data["kind"] == "verbatim"
    assert data["topics"] == [trade.slug] and [a["body"] for a in data["annotations"]] == ["Context."]
    assert data["document"]["title"] == "Harbour briefing"


def test_a_merged_passage_redirects_in_the_api_as_on_the_page(client, harbour):
    successor = harbour[0].passages.first()
    RetiredPassage.objects.create(public_id="oldlink1", successor=successor, reason="merged")
    response = client.get("/api/passages/oldlink1/", **JSON)
    assert response.status_code == 301
    assert response["Location"] == f"/api/passages/{successor.public_id}/"


def test_a_withdrawn_passage_answers_410_with_its_reason_in_the_api(client):
    RetiredPassage.objects.create(public_id="gone2345", reason="a duplicate")
    response = client.get("/api/passages/gone2345/", **JSON)
    assert response.status_code == 410
    assert response.json()["status"] == "withdrawn" and response.json()["reason"] == "a duplicate"


def test_documents_speakers_and_topics_are_listed_by_cursor_and_found_by_slug(client, harbour):
    ana, trade = harbour
    speakers = api(client, "/api/speakers/")
    assert [s["slug"] for s in speakers["results"]] == sorted([ana.slug, "ben-oduya"])
    assert api(client, f"/api/speakers/{ana.slug}/")["name"] == "Ana Ruiz"
    assert api(client, f"/api/topics/{trade.slug}/")["name"] == "Trade"
    [document] = api(client, "/api/documents/")["results"]
    assert document["title"] == "Harbour briefing"
    assert client.get("/api/documents/no-such-thing/", **JSON).status_code == 404


def test_the_openapi_description_and_its_browsable_page_are_served(client):
    described = client.get("/api/schema/?format=json").json()
    assert described["openapi"].startswith("3.")
    assert "/api/passages/" in described["paths"]
    docs = client.get("/api/")
    assert docs.status_code == 200 and "swagger-ui" in docs.content.decode()


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/passages/", {"q": "harbour"}),
        ("/api/speakers/", {}),
        ("/api/topics/", {}),
        ("/api/documents/", {}),
    ],
)
def test_responses_validate_against_the_served_openapi_description(harbour, path, query):
    case = schema.find_operation_by_path("GET", path).Case(query=query)
    response = case.call()
    assert response.status_code == 200
    case.validate_response(response)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_the_description_allows_gets_a_server_error_or_breaks_the_description(case):
    make.passage(
        "The harbour will reopen in spring.", by=make.speaker("Ana Ruiz"), topics=[make.topic("Trade")]
    )
    case.call_and_validate()
