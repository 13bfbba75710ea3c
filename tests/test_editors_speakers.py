"""Merging duplicate speakers, keeping their old pages and names working; aliases feed the importer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from statements.editing import merge_speakers
from statements.models import Passage, Speaker, SpeakerAlias, SpeakerRedirect
from tests import factories
from tests.admin_forms import add_inline_form, change_form_data
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicates():
    """Sergey Lavrov with two passages; "Sergei Lavrov" with one and an alias of its own."""
    lavrov = factories.speaker("Sergey Lavrov", role="Foreign Minister of Russia")
    doc = factories.document()
    factories.passage("First answer.", by=lavrov, doc=doc)
    factories.passage("Second answer.", by=lavrov, doc=doc)
    spelled = factories.speaker("Sergei Lavrov")
    SpeakerAlias.objects.create(speaker=spelled, name="S. Lavrov")
    factories.passage("Third answer.", by=spelled, doc=doc)
    return lavrov, spelled


def test_merging_moves_the_duplicates_passages(duplicates):
    lavrov, spelled = duplicates
    merge_speakers(lavrov, [spelled])
    assert set(Passage.objects.values_list("speaker__name", flat=True)) == {"Sergey Lavrov"}
    assert Passage.objects.get(text="Third answer.").speaker_name == "Sergey Lavrov"


def test_merging_deletes_the_duplicate(duplicates):
    lavrov, spelled = duplicates
    merge_speakers(lavrov, [spelled])
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Sergey Lavrov"]


def test_merging_moves_aliases_and_keeps_the_old_name_as_an_alias(duplicates):
    lavrov, spelled = duplicates
    merge_speakers(lavrov, [spelled])
    assert set(lavrov.aliases.values_list("name", flat=True)) == {"S. Lavrov", "Sergei Lavrov"}


def test_a_merged_speakers_old_page_redirects_permanently(client, duplicates):
    lavrov, spelled = duplicates
    merge_speakers(lavrov, [spelled])
    response = client.get(reverse("statements:speaker", args=["sergei-lavrov"]))
    assert response.status_code == 301
    assert response["Location"] == lavrov.get_absolute_url()


def test_merging_again_keeps_older_redirects_leading_to_the_final_speaker(client, duplicates):
    lavrov, spelled = duplicates
    third = factories.speaker("Lavrov S.V.")
    merge_speakers(spelled, [third])
    merge_speakers(lavrov, [spelled])
    assert SpeakerRedirect.objects.get(old_slug=third.slug).speaker == lavrov


def test_an_unknown_speaker_slug_is_still_not_found(client):
    assert client.get(reverse("statements:speaker", args=["nobody-at-all"])).status_code == 404


def test_the_merge_action_asks_which_speaker_to_keep(client_as_editor, duplicates):
    lavrov, spelled = duplicates
    response = client_as_editor.post(
        reverse("admin:statements_speaker_changelist"),
        {"action": "merge_selected", "_selected_action": [lavrov.pk, spelled.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"]["target"].initial == lavrov
    assert Speaker.objects.count() == 2


def test_the_merge_action_merges_into_the_chosen_speaker(client_as_editor, duplicates):
    lavrov, spelled = duplicates
    response = client_as_editor.post(
        reverse("admin:statements_speaker_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [lavrov.pk, spelled.pk],
            "apply": "1",
            "target": spelled.pk,
        },
    )
    assert response.status_code == 302
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Sergei Lavrov"]
    assert Passage.objects.filter(speaker=spelled).count() == 3


def test_renaming_a_speakers_slug_keeps_the_old_page_leading_to_it(client_as_editor, client, duplicates):
    lavrov, _ = duplicates
    url = reverse("admin:statements_speaker_change", args=[lavrov.pk])
    data = change_form_data(client_as_editor, url)
    data["slug"] = "lavrov"
    assert client_as_editor.post(url, data).status_code == 302
    response = client.get(reverse("statements:speaker", args=["sergey-lavrov"]))
    assert response.status_code == 301 and response["Location"] == "/speakers/lavrov/"


def test_an_alias_added_in_admin_is_used_by_the_next_import(client_as_editor, write_text, import_files):
    canonical = factories.speaker("Helga Brandt-Meyer")
    url = reverse("admin:statements_speaker_change", args=[canonical.pk])
    data = change_form_data(client_as_editor, url)
    data["aliases-0-name"] = "Helga Brandt"
    assert client_as_editor.post(url, data).status_code == 302
    assert import_files(write_text("briefing.txt", TRANSCRIPT)) == 0
    assert set(Passage.objects.exclude(kind="question").values_list("speaker__name", flat=True)) == {
        "Helga Brandt-Meyer"
    }
    assert not Speaker.objects.filter(name="Helga Brandt").exists()


def test_a_merged_speakers_name_is_recognised_by_the_next_import(write_text, import_files):
    assert import_files(write_text("briefing.txt", TRANSCRIPT)) == 0
    brandt = Speaker.objects.get(name="Helga Brandt")
    canonical = factories.speaker("Helga Brandt-Meyer")
    merge_speakers(canonical, [brandt])
    assert import_files(write_text("other.txt", TRANSCRIPT.replace("Geneva", "Vienna"))) == 0
    assert not Speaker.objects.filter(name="Helga Brandt").exists()
    assert Passage.objects.filter(speaker=canonical).count() == 6


def test_an_editor_adds_an_alias_in_admin(client_as_editor, duplicates):
    lavrov, _ = duplicates
    url = reverse("admin:statements_speaker_change", args=[lavrov.pk])
    data = change_form_data(client_as_editor, url)
    data["aliases-TOTAL_FORMS"] = str(int(data["aliases-TOTAL_FORMS"]) - 1)
    add_inline_form(data, "aliases", name="Lavrov")
    assert client_as_editor.post(url, data).status_code == 302
    assert lavrov.aliases.filter(name="Lavrov").exists()
