"""Constraints and the stored search vector."""

import pytest
from django.db import IntegrityError, transaction

from statements.models import PUBLIC_ID_LENGTH, Document, Passage, PassageKind, Speaker

pytestmark = pytest.mark.django_db


def make_document(**values) -> Document:
    defaults = {
        "title": "Press briefing",
        "slug": "press-briefing",
        "text": "Hello world, this is text.",
        "content_hash": "a" * 64,
        "file_name": "briefing.txt",
    }
    return Document.objects.create(**{**defaults, **values})


def make_passage(document: Document, **values) -> Passage:
    defaults = {"position": 0, "kind": PassageKind.TURN, "start": 0, "end": 11, "text": "Hello world"}
    return Passage.objects.create(document=document, **{**defaults, **values})


def test_a_content_hash_belongs_to_one_document():
    make_document()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_document(slug="other", file_name="other.txt")


def test_public_ids_are_short_and_distinct():
    document = make_document()
    ids = {make_passage(document, position=n).public_id for n in range(20)}
    assert len(ids) == 20
    assert all(len(i) == PUBLIC_ID_LENGTH for i in ids)


def test_a_passage_must_end_after_it_starts():
    document = make_document()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_passage(document, start=5, end=5)


def test_the_search_vector_weights_speaker_above_title_above_text():
    speaker = Speaker.objects.create(name="Helga Brandt", slug="helga-brandt")
    passage = make_passage(make_document(title="Grain briefing"), speaker=speaker, text="Exports will grow")
    vector = Passage.objects.values_list("search_vector", flat=True).get(pk=passage.pk)
    assert "'brandt':2A" in vector
    assert "'grain':3B" in vector
    assert "'export':5C" in vector


def test_renaming_a_speaker_renames_it_in_the_search_vector():
    speaker = Speaker.objects.create(name="Helga Brandt", slug="helga-brandt")
    passage = make_passage(make_document(), speaker=speaker)
    speaker.name = "Helga Brandt-Meyer"
    speaker.save()
    vector = Passage.objects.values_list("search_vector", flat=True).get(pk=passage.pk)
    assert "meyer" in vector
