"""The review queue: passages the importer was unsure of, by reason, until an editor verifies them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from statements.models import Passage
from tests import factories
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 10, 3)


def _queue(client, reason: str = "any") -> set[str]:
    response = client.get(reverse("admin:statements_passage_changelist"), {"review": reason})
    assert response.status_code == 200
    return {p.text for p in response.context["cl"].result_list}


@pytest.fixture
def passages():
    brandt = factories.speaker("Helga Brandt")
    doc = factories.document(published_on=DAY)
    factories.passage("A clean labelled turn.", by=brandt, doc=doc)
    factories.passage("Nobody knows who said this.", doc=doc)
    factories.passage("She said talks would resume.", by=brandt, doc=doc, kind="reported")
    factories.passage("Unlabelled paragraphs of a speech.", by=brandt, doc=doc, kind="remarks")
    factories.passage("What do you expect?", doc=doc, kind="question")
    undated = factories.passage("Said on a day nobody wrote down.", by=brandt, doc=factories.document())
    doubted = factories.passage("The importer doubted this one.", by=brandt, doc=doc)
    doubted.doubts = ["speaker unknown"]
    doubted.save()
    return undated


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("unknown_speaker", {"Nobody knows who said this."}),
        ("reported", {"She said talks would resume."}),
        ("remarks", {"Unlabelled paragraphs of a speech."}),
        ("no_date", {"Said on a day nobody wrote down."}),
        ("doubts", {"The importer doubted this one."}),
    ],
)
def test_the_review_queue_lists_passages_by_reason(client_as_editor, passages, reason, expected):
    assert _queue(client_as_editor, reason) == expected


def test_the_review_queue_lists_every_reason_and_nothing_certain(client_as_editor, passages):
    queue = _queue(client_as_editor)
    assert "A clean labelled turn." not in queue and "What do you expect?" not in queue
    assert len(queue) == 5


def test_a_verified_passage_leaves_the_review_queue(client_as_editor, passages):
    url = reverse("admin:statements_passage_change", args=[passages.pk])
    data = change_form_data(client_as_editor, url)
    data["verified"] = "on"
    assert client_as_editor.post(url, data).status_code == 302
    assert "Said on a day nobody wrote down." not in _queue(client_as_editor)
    assert Passage.objects.needing_review().count() == 4
