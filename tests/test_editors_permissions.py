"""The Editors group can do the editing tasks and nothing outside them; admin login is rate-limited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from statements.editors import EDITORS_GROUP
from statements.models import Annotation, Document, Passage, Speaker, Topic
from tests import factories
from tests.admin_forms import change_form_data
from tests.conftest import EDITOR_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def passage():
    return factories.passage("We expect a frank exchange.", by=factories.speaker("Helga Brandt"))


def test_the_editors_group_has_exactly_the_editing_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_passage", "change_speaker", "change_topic", "change_document"} <= codenames
    assert {"add_annotation", "change_annotation", "delete_annotation"} <= codenames
    assert not {"delete_document", "add_document", "delete_passage", "delete_speaker"} & codenames
    assert not group.permissions.exclude(content_type__app_label="statements").exists()


def test_create_editor_makes_a_staff_member_of_the_editors_group(monkeypatch):
    monkeypatch.setenv("EDITOR_EDITOR_PASSWORD", EDITOR_PASSWORD)
    call_command("create_editor", "newed", password_from_env="EDITOR_EDITOR_PASSWORD", stdout=None)
    user = get_user_model().objects.get(username="newed")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=EDITORS_GROUP).exists()


def test_an_editor_can_change_a_passage(client_as_editor, passage):
    url = reverse("admin:statements_passage_change", args=[passage.pk])
    data = change_form_data(client_as_editor, url)
    data["kind"] = "remarks"
    assert client_as_editor.post(url, data).status_code == 302
    passage.refresh_from_db()
    assert passage.kind == "remarks"


def test_an_editor_can_change_a_speaker(client_as_editor, passage):
    url = reverse("admin:statements_speaker_change", args=[passage.speaker_id])
    data = change_form_data(client_as_editor, url)
    data["role"] = "Deputy Minister"
    assert client_as_editor.post(url, data).status_code == 302
    assert Speaker.objects.get(pk=passage.speaker_id).role == "Deputy Minister"


def test_an_editor_can_change_a_topic(client_as_editor):
    topic = factories.topic("Grain", ["grain"])
    url = reverse("admin:statements_topic_change", args=[topic.pk])
    data = change_form_data(client_as_editor, url)
    data["keywords"] = "grain,wheat"
    assert client_as_editor.post(url, data).status_code == 302
    assert Topic.objects.get(pk=topic.pk).keywords == ["grain", "wheat"]


def test_an_editor_can_change_a_documents_metadata(client_as_editor, passage):
    url = reverse("admin:statements_document_change", args=[passage.document_id])
    data = change_form_data(client_as_editor, url)
    data["author"] = "Press service"
    assert client_as_editor.post(url, data).status_code == 302
    assert Document.objects.get(pk=passage.document_id).author == "Press service"


def test_an_editor_can_add_an_annotation(client_as_editor, passage):
    url = reverse("admin:statements_annotation_add")
    data = {"passage": passage.pk, "kind": "context", "body": "Said in Geneva."}
    assert client_as_editor.post(url, data).status_code == 302
    assert passage.annotations.get().body == "Said in Geneva."


def test_an_editor_can_change_an_annotation(client_as_editor, passage):
    note = Annotation.objects.create(passage=passage, body="Draft")
    url = reverse("admin:statements_annotation_change", args=[note.pk])
    data = change_form_data(client_as_editor, url)
    data["body"] = "Final"
    assert client_as_editor.post(url, data).status_code == 302
    note.refresh_from_db()
    assert note.body == "Final"


def test_an_editor_can_delete_an_annotation(client_as_editor, passage):
    note = Annotation.objects.create(passage=passage, body="Wrong note")
    url = reverse("admin:statements_annotation_delete", args=[note.pk])
    assert client_as_editor.post(url, {"post": "yes"}).status_code == 302
    assert not Annotation.objects.filter(pk=note.pk).exists()


def test_an_editor_cannot_delete_a_document(client_as_editor, passage):
    url = reverse("admin:statements_document_delete", args=[passage.document_id])
    assert client_as_editor.post(url, {"post": "yes"}).status_code == 403
    assert Document.objects.filter(pk=passage.document_id).exists()


def test_an_editor_cannot_delete_a_passage(client_as_editor, passage):
    url = reverse("admin:statements_passage_delete", args=[passage.pk])
    assert client_as_editor.post(url, {"post": "yes"}).status_code == 403
    assert Passage.objects.filter(pk=passage.pk).exists()


def test_an_editor_cannot_add_a_document(client_as_editor):
    assert client_as_editor.get(reverse("admin:statements_document_add")).status_code == 403


@pytest.mark.parametrize(
    "name", ["admin:auth_user_changelist", "admin:auth_user_add", "admin:auth_group_add"]
)
def test_an_editor_cannot_manage_users_or_groups(client_as_editor, name):
    assert client_as_editor.get(reverse(name)).status_code == 403


def test_an_editor_cannot_give_themselves_more_rights(client_as_editor, editor):
    url = reverse("admin:auth_user_change", args=[editor.pk])
    response = client_as_editor.post(url, {"username": "ed", "is_superuser": "on", "is_staff": "on"})
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_a_right_password_logs_in_through_the_rate_limiter(editor):
    client = Client()
    response = client.post(reverse("admin:login"), {"username": "ed", "password": EDITOR_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_repeated_wrong_passwords_lock_the_login_out(editor, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "ed", "password": "guess"})
    response = client.post(reverse("admin:login"), {"username": "ed", "password": EDITOR_PASSWORD})
    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_wrong_passwords_below_the_limit_do_not_lock_out(editor, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("admin:login"), {"username": "ed", "password": "guess"})
    response = client.post(reverse("admin:login"), {"username": "ed", "password": EDITOR_PASSWORD})
    assert response.status_code == 302
