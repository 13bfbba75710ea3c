"""The first public pages: the home page and a document page."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from statements.models import Document
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


def test_home_page_lists_documents_with_passage_counts(client, write_text, import_files):
    import_files(write_text("briefing.txt", TRANSCRIPT))
    document = Document.objects.get()
    response = client.get(reverse("statements:home"))
    assert response.status_code == 200
    assert escape(document.title) in response.text
    assert f"{document.passages.count()} passages" in response.text


def test_document_page_shows_passages_with_their_speakers(client, write_text, import_files):
    import_files(write_text("briefing.txt", TRANSCRIPT))
    document = Document.objects.get()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert "Helga Brandt" in response.text
    assert "Sanctions are counterproductive" in response.text


def test_document_text_from_files_is_escaped(client, write_text, import_files):
    import_files(
        write_text("x.txt", "Question: Why?\n\nJane Roe: <script>alert(1)</script> is a bad idea here.\n")
    )
    response = client.get(Document.objects.get().get_absolute_url())
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text
