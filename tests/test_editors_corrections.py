"""Corrections in admin: speaker, kind, date, topics, document metadata, splits and merges."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from statements.editing import EditingError, merge_passages, split_passage, split_point
from statements.models import Annotation, Document, Passage, PassageTopic, RetiredPassage, Topic
from tests import factories
from tests.admin_forms import add_inline_form, change_form_data
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing(write_text, import_files):
    """The test transcript, imported; returns a function that re-imports a changed version."""
    path = write_text("briefing.txt", TRANSCRIPT)
    assert import_files(path) == 0

    def reimport(text: str) -> int:
        write_text("briefing.txt", text)
        return import_files(path)

    return reimport


def _edit(client, passage: Passage, **changes) -> dict:
    url = reverse("admin:statements_passage_change", args=[passage.pk])
    data = change_form_data(client, url)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    return data


def test_the_speaker_field_autocompletes_for_editors(client_as_editor, briefing):
    response = client_as_editor.get(
        reverse("admin:autocomplete"),
        {"app_label": "statements", "model_name": "passage", "field_name": "speaker", "term": "helg"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Helga Brandt"]


def test_correcting_a_speaker_marks_the_passage_verified(client_as_editor, briefing):
    passage = Passage.objects.get(text__startswith="Sanctions are")
    other = factories.speaker("Ines Vogel")
    _edit(client_as_editor, passage, speaker=other.pk)
    passage.refresh_from_db()
    assert passage.speaker == other and passage.verified


def test_a_corrected_speaker_kind_and_date_survive_a_reimport(client_as_editor, briefing):
    passage = Passage.objects.get(text__startswith="Sanctions are")
    other = factories.speaker("Ines Vogel")
    _edit(client_as_editor, passage, speaker=other.pk, kind="remarks", said_on="2024-10-04")
    assert briefing(TRANSCRIPT.replace("Geneva, October 3", "Geneva, October 2")) == 0
    passage.refresh_from_db()
    assert (passage.speaker, passage.kind, passage.said_on) == (other, "remarks", dt.date(2024, 10, 4))


def test_unticking_verified_while_correcting_is_respected(client_as_editor, briefing):
    passage = Passage.objects.get(text__startswith="Sanctions are")
    passage.verified = True
    passage.save()
    data = change_form_data(client_as_editor, reverse("admin:statements_passage_change", args=[passage.pk]))
    del data["verified"]
    data["kind"] = "remarks"
    client_as_editor.post(reverse("admin:statements_passage_change", args=[passage.pk]), data)
    passage.refresh_from_db()
    assert passage.kind == "remarks" and not passage.verified


def test_a_topic_set_in_admin_is_the_editors(client_as_editor, briefing):
    passage = Passage.objects.get(text__startswith="We expect")
    grain = Topic.objects.get(slug="economy")
    url = reverse("admin:statements_passage_change", args=[passage.pk])
    data = add_inline_form(change_form_data(client_as_editor, url), "passagetopic_set", topic=grain.pk)
    assert client_as_editor.post(url, data).status_code == 302
    assert PassageTopic.objects.get(passage=passage, topic=grain).by_editor


def test_a_topic_set_in_admin_stays_after_a_reimport(client_as_editor, briefing):
    passage = Passage.objects.get(text__startswith="We expect")
    grain = Topic.objects.get(slug="economy")
    url = reverse("admin:statements_passage_change", args=[passage.pk])
    client_as_editor.post(
        url, add_inline_form(change_form_data(client_as_editor, url), "passagetopic_set", topic=grain.pk)
    )
    assert briefing(TRANSCRIPT + "\nQuestion: Anything else?\n") == 0
    assert list(Passage.objects.get(pk=passage.pk).topics.values_list("slug", flat=True)) == ["economy"]


def test_a_lexicon_topic_removed_in_admin_stays_removed_after_a_reimport(client_as_editor, briefing):
    passage = Passage.objects.get(text__startswith="Sanctions are")
    assert list(passage.topics.values_list("slug", flat=True)) == ["sanctions"]
    url = reverse("admin:statements_passage_change", args=[passage.pk])
    data = change_form_data(client_as_editor, url)
    data["passagetopic_set-0-DELETE"] = "on"
    assert client_as_editor.post(url, data).status_code == 302
    assert briefing(TRANSCRIPT + "\nQuestion: Anything else?\n") == 0
    assert not Passage.objects.get(pk=passage.pk).topics.exists()


def test_document_metadata_edited_in_admin_is_recorded(client_as_editor, briefing):
    document = Document.objects.get()
    url = reverse("admin:statements_document_change", args=[document.pk])
    data = change_form_data(client_as_editor, url)
    data.update(title="Press conference in Geneva", author="Press service")
    assert client_as_editor.post(url, data).status_code == 302
    document.refresh_from_db()
    assert document.edited_fields == ["author", "title"]


def test_document_metadata_edited_in_admin_survives_a_reimport(client_as_editor, briefing):
    document = Document.objects.get()
    url = reverse("admin:statements_document_change", args=[document.pk])
    data = change_form_data(client_as_editor, url)
    data.update(title="Press conference in Geneva", source_url="https://example.org/geneva")
    client_as_editor.post(url, data)
    assert briefing(TRANSCRIPT.replace("Minister's answers", "The minister's answers")) == 0
    document.refresh_from_db()
    assert (document.title, document.source_url) == (
        "Press conference in Geneva",
        "https://example.org/geneva",
    )


def test_a_split_keeps_the_permalink_on_the_first_part(briefing):
    passage = Passage.objects.get(text__startswith="We expect")
    old_id = passage.public_id
    second = split_passage(passage, split_point(passage, "Nobody should"))
    passage.refresh_from_db()
    assert passage.public_id == old_id and passage.text == "We expect a frank exchange."
    assert second.public_id != old_id and second.text == "Nobody should expect miracles."


def test_a_split_keeps_offsets_true_to_the_document_text(briefing):
    passage = Passage.objects.get(text__startswith="We expect")
    second = split_passage(passage, split_point(passage, "Nobody should"))
    passage.refresh_from_db()
    text = passage.document.text
    assert text[passage.start : passage.end] == passage.text
    assert text[second.start : second.end] == second.text


def test_a_split_puts_the_second_part_right_after_the_first(briefing):
    passage = Passage.objects.get(text__startswith="We expect")
    before = list(passage.document.passages.values_list("public_id", flat=True))
    second = split_passage(passage, split_point(passage, "Nobody should"))
    after = list(passage.document.passages.values_list("public_id", flat=True))
    index = before.index(passage.public_id)
    assert after == before[: index + 1] + [second.public_id] + before[index + 1 :]


def test_a_split_point_must_be_inside_the_passage(briefing):
    passage = Passage.objects.get(text__startswith="We expect")
    with pytest.raises(EditingError):
        split_point(passage, "words that are not there")


def test_an_editor_splits_a_passage_in_admin(client_as_editor, briefing):
    passage = Passage.objects.get(text__startswith="We expect")
    url = reverse("admin:statements_passage_split", args=[passage.pk])
    assert client_as_editor.get(url).status_code == 200
    response = client_as_editor.post(url, {"second_part_starts": "Nobody should"})
    assert response.status_code == 302
    assert Passage.objects.filter(text="Nobody should expect miracles.").exists()


def test_a_split_shows_both_parts_on_the_document_page(client, briefing):
    passage = Passage.objects.get(text__startswith="We expect")
    second = split_passage(passage, split_point(passage, "Nobody should"))
    html = client.get(passage.document.get_absolute_url()).content.decode()
    assert f'id="p-{passage.public_id}"' in html and f'id="p-{second.public_id}"' in html
    assert html.count("Nobody should expect miracles.") == 1


def _two_paragraphs() -> list[Passage]:
    return list(Passage.objects.filter(speaker__name="Helga Brandt").order_by("position")[:2])


def test_a_merge_keeps_the_first_passage_and_joins_the_text(briefing):
    first, second = _two_paragraphs()
    merged = merge_passages([first, second])
    assert merged.public_id == first.public_id
    assert merged.text == f"{first.text}\n\n{second.text}"
    assert not Passage.objects.filter(pk=second.pk).exists()


def test_a_merged_passages_old_permalink_redirects_to_the_merged_one(client, briefing):
    first, second = _two_paragraphs()
    merge_passages([first, second])
    response = client.get(reverse("statements:passage", args=[second.public_id]))
    assert response.status_code == 301
    assert response["Location"] == first.get_absolute_url()


def test_a_merge_moves_annotations_to_the_merged_passage(briefing):
    first, second = _two_paragraphs()
    Annotation.objects.create(passage=second, body="On the grain proposals")
    merge_passages([first, second])
    assert list(first.annotations.values_list("body", flat=True)) == ["On the grain proposals"]


def test_a_merge_leads_earlier_redirects_on_to_the_merged_passage(briefing):
    first, second = _two_paragraphs()
    RetiredPassage.objects.create(public_id="olderid9", successor=second, reason="merged before")
    merge_passages([first, second])
    assert RetiredPassage.objects.get(public_id="olderid9").successor == first


def test_only_adjacent_passages_can_be_merged(briefing):
    passages = list(Passage.objects.filter(speaker__name="Helga Brandt").order_by("position"))
    with pytest.raises(EditingError):
        merge_passages([passages[0], passages[2]])


def test_a_merged_passage_reads_once_on_the_document_page(client, briefing):
    first, second = _two_paragraphs()
    merge_passages([first, second])
    html = client.get(first.document.get_absolute_url()).content.decode()
    assert html.count("Nobody should expect miracles.") == 1
    assert html.count("three proposals on grain exports") == 1
    assert html.count(f'id="p-{first.public_id}"') == 1


def test_an_editor_merges_passages_with_the_admin_action(client_as_editor, briefing):
    first, second = _two_paragraphs()
    response = client_as_editor.post(
        reverse("admin:statements_passage_changelist"),
        {"action": "merge_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert RetiredPassage.objects.get(public_id=second.public_id).successor_id == first.pk
