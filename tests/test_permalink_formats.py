"""A permalink as JSON (/q/<id>.json) and as an oEmbed quote card, with the page's redirects and notices."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest

from statements.models import Annotation, RetiredPassage
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote():
    return make.passage(
        "We will <b>meet</b> him next week.", by=make.speaker("Helga Brandt"), said_on=dt.date(2024, 10, 3)
    )


@pytest.fixture
def paraphrase():
    return make.passage(
        "Brandt said the talks would resume.", by=make.speaker("Helga Brandt"), kind="reported"
    )


def oembed(client, url: str, **more: str):
    return client.get("/oembed?" + urlencode({"url": url, **more}))


def test_a_permalink_answers_as_json_with_its_speaker_document_and_published_notes(client, quote):
    Annotation.objects.create(passage=quote, body="Said after the vote.", published=True)
    Annotation.objects.create(passage=quote, body="Draft.", published=False)
    response = client.get(f"/q/{quote.public_id}.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["public_id"] == quote.public_id
    assert data["permalink"] == f"http://testserver{quote.get_absolute_url()}"
    assert (data["kind"], data["date"], data["speaker"]["name"]) == ("verbatim", "2024-10-03", "Helga Brandt")
    assert [a["body"] for a in data["annotations"]] == ["Said after the vote."]


def test_a_permalinks_json_is_the_apis_record_of_it(client, quote):
    api = client.get(f"/api/passages/{quote.public_id}/", HTTP_ACCEPT="application/json").json()
    assert client.get(f"/q/{quote.public_id}.json").json() == api


def test_a_merged_permalinks_json_redirects_to_its_successors_json(client, quote):
    RetiredPassage.objects.create(public_id="oldlink1", successor=quote, reason="merged")
    response = client.get("/q/oldlink1.json")
    assert response.status_code == 301
    assert response["Location"] == f"/q/{quote.public_id}.json"


def test_a_withdrawn_permalinks_json_says_so_with_the_reason(client):
    RetiredPassage.objects.create(public_id="gone2345", reason="a duplicate")
    response = client.get("/q/gone2345.json")
    assert response.status_code == 410
    assert response.json()["status"] == "withdrawn" and response.json()["reason"] == "a duplicate"


def test_an_unknown_permalinks_json_is_a_json_404(client):
    response = client.get("/q/nosuchid.json")
    assert response.status_code == 404 and "error" in response.json()


def test_oembed_gives_a_rich_card_with_the_quote_in_quotation_marks(client, quote):
    response = oembed(client, f"http://testserver{quote.get_absolute_url()}", maxwidth="400")
    assert response.status_code == 200
    data = response.json()
    assert (data["version"], data["type"], data["author_name"]) == ("1.0", "rich", "Helga Brandt")
    assert data["width"] == 400 and data["height"] > 0
    assert data["html"].startswith("<blockquote")
    assert "“We will &lt;b&gt;meet&lt;/b&gt; him next week.”" in data["html"]
    assert f'href="http://testserver{quote.get_absolute_url()}"' in data["html"]


def test_oembed_marks_a_paraphrase_as_such_and_never_quotes_it(client, paraphrase):
    data = oembed(client, f"http://testserver{paraphrase.get_absolute_url()}").json()
    assert "<blockquote" not in data["html"] and "“" not in data["html"]
    assert "Paraphrase" in data["html"] and data["title"].endswith("(paraphrase)")


def test_oembed_refuses_urls_that_are_not_this_archives_permalinks(client, quote):
    assert oembed(client, f"https://elsewhere.example{quote.get_absolute_url()}").status_code == 404
    assert oembed(client, "http://testserver/search/?q=x").status_code == 404
    assert oembed(client, "not a url at all").status_code == 404


def test_oembed_answers_xml_requests_with_not_implemented(client, quote):
    response = oembed(client, f"http://testserver{quote.get_absolute_url()}", format="xml")
    assert response.status_code == 501


def test_the_permalink_page_lets_consumers_discover_its_json_and_oembed(client, quote):
    page = client.get(quote.get_absolute_url()).content.decode()
    assert f'<link rel="alternate" type="application/json" href="/q/{quote.public_id}.json">' in page
    url = f"http%3A%2F%2Ftestserver%2Fq%2F{quote.public_id}%2F"
    assert f'type="application/json+oembed" href="/oembed?url={url}&amp;format=json"' in page
