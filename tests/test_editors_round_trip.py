"""A whole editorial round trip: import, curate in admin, re-import a changed file, lose nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from statements.importing.reconcile import GONE_FROM_SOURCE
from statements.models import Passage, Speaker, Topic
from tests import factories
from tests.admin_forms import add_inline_form, change_form_data
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db

#: The transcript with one answer labelled with a misspelled first name, which makes a duplicate speaker.
FIRST = TRANSCRIPT + "\nQuestion: And the grain deal?\n\nOlga Brandt: It is alive, and we will keep it so.\n"
#: The same file as re-published: one answer reworded, one new exchange at the end.
CHANGED = FIRST.replace(
    "Our delegation will table three proposals on grain exports.",
    "Our delegation will table four proposals on grain and fertiliser exports.",
) + ("\nQuestion: When do you leave?\n\nHelga Brandt: Tomorrow morning, after the last meeting.\n")


def _change(client, name: str, pk: int, **changes) -> None:
    url = reverse(f"admin:statements_{name}_change", args=[pk])
    data = change_form_data(client, url)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")


def test_a_reimport_keeps_every_correction_annotation_and_permalink(
    client_as_editor, client, write_text, import_files, capsys
):
    path = write_text("briefing.txt", FIRST)
    assert import_files(path) == 0
    permalinks = list(Passage.objects.values_list("public_id", flat=True))
    brandt, olga = Speaker.objects.get(name="Helga Brandt"), Speaker.objects.get(name="Olga Brandt")

    # An editor corrects a speaker.
    corrected = Passage.objects.get(text__startswith="Sanctions are")
    vogel = factories.speaker("Ines Vogel", role="Spokeswoman")
    _change(client_as_editor, "passage", corrected.pk, speaker=vogel.pk)

    # Annotates a passage, and publishes the note.
    noted = Passage.objects.get(text__startswith="We expect")
    url = reverse("admin:statements_passage_change", args=[noted.pk])
    data = add_inline_form(
        change_form_data(client_as_editor, url),
        "annotations",
        kind="context",
        body="Said before the **second round**.",
        published="on",
    )
    assert client_as_editor.post(url, data).status_code == 302

    # Merges the speaker with the misspelled first name into the right one.
    client_as_editor.post(
        reverse("admin:statements_speaker_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [brandt.pk, olga.pk],
            "apply": "1",
            "target": brandt.pk,
        },
    )
    assert not Speaker.objects.filter(name="Olga Brandt").exists()

    # Sets a topic by hand on the grain answer, and verifies the answer that will be reworded.
    tagged = Passage.objects.get(text__startswith="It is alive")
    economy = Topic.objects.get(slug="economy")
    url = reverse("admin:statements_passage_change", args=[tagged.pk])
    client_as_editor.post(
        url, add_inline_form(change_form_data(client_as_editor, url), "passagetopic_set", topic=economy.pk)
    )
    reworded = Passage.objects.get(text__startswith="Our delegation")
    _change(client_as_editor, "passage", reworded.pk, verified="on")
    capsys.readouterr()

    # The file changes and is imported again.
    write_text("briefing.txt", CHANGED)
    assert import_files(path) == 0
    report = capsys.readouterr().err

    corrected.refresh_from_db()
    assert corrected.speaker == vogel and corrected.verified
    assert list(noted.annotations.values_list("body", "published")) == [
        ("Said before the **second round**.", True)
    ]
    assert (
        "Said before the <strong>second round</strong>."
        in client.get(noted.get_absolute_url()).content.decode()
    )
    assert not Speaker.objects.filter(name="Olga Brandt").exists()
    assert Passage.objects.get(pk=tagged.pk).speaker == brandt
    assert client.get(reverse("statements:speaker", args=[olga.slug])).status_code == 301
    assert list(Passage.objects.get(pk=tagged.pk).topics.values_list("slug", flat=True)) == ["economy"]
    assert all(client.get(reverse("statements:passage", args=[p])).status_code == 200 for p in permalinks)
    assert Passage.objects.filter(text__startswith="Tomorrow morning", speaker=brandt).exists()

    # The verified answer whose words are gone is kept, flagged for review, and reported.
    reworded.refresh_from_db()
    assert GONE_FROM_SOURCE in reworded.doubts and not reworded.verified
    assert Passage.objects.needing_review("doubts").filter(pk=reworded.pk).exists()
    assert f"/q/{reworded.public_id}/" in report and "kept for review" in report
    assert Passage.objects.filter(text__startswith="Our delegation will table four").exists()
