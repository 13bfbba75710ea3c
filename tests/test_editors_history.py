"""History: who changed what and when, for passages, speakers, annotations and documents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from statements.models import Annotation, Passage
from tests import factories
from tests.admin_forms import change_form_data
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def passage():
    return factories.passage("We expect a frank exchange.", by=factories.speaker("Helga Brandt"))


def test_a_passage_changed_in_admin_records_the_editor_in_its_history(client_as_editor, editor, passage):
    url = reverse("admin:statements_passage_change", args=[passage.pk])
    data = change_form_data(client_as_editor, url)
    data["kind"] = "remarks"
    client_as_editor.post(url, data)
    latest = passage.history.latest()
    assert (latest.history_user, latest.kind, latest.history_type) == (editor, "remarks", "~")


def test_a_speaker_changed_in_admin_records_the_editor_in_its_history(client_as_editor, editor, passage):
    url = reverse("admin:statements_speaker_change", args=[passage.speaker_id])
    data = change_form_data(client_as_editor, url)
    data["role"] = "Deputy Minister"
    client_as_editor.post(url, data)
    latest = passage.speaker.history.latest()
    assert (latest.history_user, latest.role) == (editor, "Deputy Minister")


def test_an_annotation_added_in_admin_records_the_editor_in_its_history(client_as_editor, editor, passage):
    data = {"passage": passage.pk, "kind": "context", "body": "Said in Geneva."}
    client_as_editor.post(reverse("admin:statements_annotation_add"), data)
    note = Annotation.objects.get()
    assert note.history.latest().history_user == editor


def test_a_document_changed_in_admin_records_the_editor_in_its_history(client_as_editor, editor, passage):
    url = reverse("admin:statements_document_change", args=[passage.document_id])
    data = change_form_data(client_as_editor, url)
    data["author"] = "Press service"
    client_as_editor.post(url, data)
    assert passage.document.history.latest().history_user == editor


@pytest.mark.parametrize("model", ["passage", "speaker", "annotation", "document"])
def test_an_editor_sees_the_history_in_admin(client_as_editor, passage, model):
    note = Annotation.objects.create(passage=passage, body="Note")
    pk = {"passage": passage.pk, "speaker": passage.speaker_id, "annotation": note.pk}.get(
        model, passage.document_id
    )
    response = client_as_editor.get(reverse(f"admin:statements_{model}_history", args=[pk]))
    assert response.status_code == 200
    assert list(response.context["page_obj"].object_list)


def test_an_import_writes_no_history_row_per_passage(write_text, import_files):
    assert import_files(write_text("briefing.txt", TRANSCRIPT)) == 0
    assert Passage.objects.count() == 5
    assert Passage.history.count() == 0
