"""Annotations: Markdown made safe, shown to readers only once published, authored automatically."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from statements.markup import render_markdown
from statements.models import Annotation
from tests import factories
from tests.admin_forms import add_inline_form, change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def passage():
    return factories.passage("We expect a frank exchange.", by=factories.speaker("Helga Brandt"))


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_markdown_in_an_annotation_is_rendered():
    html = render_markdown("See **the record** and [the video](https://example.org/v).")
    assert "<strong>the record</strong>" in html
    assert 'href="https://example.org/v"' in html


def test_links_in_annotations_are_nofollow_noopener():
    assert 'rel="nofollow noopener noreferrer"' in render_markdown("[v](https://example.org/v)")


def test_event_handler_attributes_are_dropped():
    html = render_markdown('<img src="x" onerror="alert(1)"><b onclick="alert(2)">bold</b>')
    assert "onerror" not in html and "onclick" not in html and "<img" not in html


def test_a_script_in_an_annotation_body_is_harmless_on_the_permalink(client, passage):
    Annotation.objects.create(passage=passage, body="Note <script>alert('xss')</script> end", published=True)
    html = _page(client, passage.get_absolute_url())
    assert "Note" in html
    assert "alert('xss')" not in html and "alert(&#x27;xss&#x27;)" not in html


@pytest.mark.parametrize(
    "body",
    [
        "[click](javascript:alert(document.cookie))",
        "[click](JavaScript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_a_javascript_link_in_an_annotation_body_is_harmless(client, passage, body):
    Annotation.objects.create(passage=passage, body=body, published=True)
    html = _page(client, passage.get_absolute_url()).lower()
    assert "click" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html


def test_a_draft_annotation_is_not_on_the_permalink(client, passage):
    Annotation.objects.create(passage=passage, body="Unchecked draft note", published=False)
    assert "Unchecked draft note" not in _page(client, passage.get_absolute_url())


def test_a_published_annotation_is_on_the_permalink(client, passage):
    Annotation.objects.create(passage=passage, body="Checked *published* note", published=True)
    assert "Checked <em>published</em> note" in _page(client, passage.get_absolute_url())


def test_a_draft_annotation_is_not_on_the_document_page(client, passage):
    Annotation.objects.create(passage=passage, body="Unchecked draft note", published=False)
    assert "Unchecked draft note" not in _page(client, passage.document.get_absolute_url())


def test_a_published_annotation_is_beside_its_passage_on_the_document_page(client, passage):
    Annotation.objects.create(passage=passage, body="Checked *published* note", published=True)
    html = _page(client, passage.document.get_absolute_url())
    block = html[html.index(f'id="p-{passage.public_id}"') :]
    assert "Checked <em>published</em> note" in block[: block.index("</div>")]


def test_a_published_annotation_on_an_inline_quote_is_on_the_document_page(client):
    doc = factories.document()
    quote = factories.passage("“Nobody should expect miracles.”", doc=doc, kind="quote")
    Annotation.objects.create(passage=quote, body="Quoted from the press conference", published=True)
    assert "Quoted from the press conference" in _page(client, doc.get_absolute_url())


def test_an_annotation_added_inline_in_admin_gets_its_author(client_as_editor, editor, passage):
    url = reverse("admin:statements_passage_change", args=[passage.pk])
    data = add_inline_form(
        change_form_data(client_as_editor, url), "annotations", kind="context", body="Inline note"
    )
    assert client_as_editor.post(url, data).status_code == 302
    assert passage.annotations.get().author == editor


def test_an_annotation_added_in_its_own_admin_gets_its_author(client_as_editor, editor, passage):
    data = {"passage": passage.pk, "kind": "fact_check", "body": "Standalone note"}
    assert client_as_editor.post(reverse("admin:statements_annotation_add"), data).status_code == 302
    assert passage.annotations.get().author == editor


def test_editing_someone_elses_annotation_keeps_its_author(client_as_editor, passage):
    first = get_user_model().objects.create_user("first-editor", is_staff=True)
    note = Annotation.objects.create(passage=passage, body="Original", author=first)
    url = reverse("admin:statements_annotation_change", args=[note.pk])
    data = change_form_data(client_as_editor, url)
    data["body"] = "Revised"
    client_as_editor.post(url, data)
    note.refresh_from_db()
    assert note.author == first
