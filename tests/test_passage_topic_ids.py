"""Passage.topic_ids, which search filters and counts by, always equals the passage's topics."""

from __future__ import annotations

import pytest

from statements.editing import merge_passages, split_passage
from statements.models import Passage, PassageTopic
from tests import factories

pytestmark = pytest.mark.django_db


def topic_ids(passage: Passage) -> list[int]:
    return Passage.objects.values_list("topic_ids", flat=True).get(pk=passage.pk)


def test_adding_topics_sets_the_ids_in_order():
    nato, china = factories.topic("NATO"), factories.topic("China")
    p = factories.passage("Words.", topics=[china, nato])
    assert topic_ids(p) == sorted([nato.pk, china.pk])


def test_removing_a_topic_removes_its_id():
    nato, china = factories.topic("NATO"), factories.topic("China")
    p = factories.passage("Words.", topics=[nato, china])
    PassageTopic.objects.filter(passage=p, topic=nato).delete()
    assert topic_ids(p) == [china.pk]


def test_moving_a_topic_row_to_another_passage_updates_both():
    nato = factories.topic("NATO")
    first, second = factories.passage("One."), factories.passage("Two.")
    PassageTopic.objects.create(passage=first, topic=nato)
    PassageTopic.objects.filter(passage=first).update(passage=second)
    assert (topic_ids(first), topic_ids(second)) == ([], [nato.pk])


def test_saving_a_stale_passage_object_keeps_the_current_ids():
    nato = factories.topic("NATO")
    p = factories.passage("Words.")
    stale = Passage.objects.get(pk=p.pk)
    PassageTopic.objects.create(passage=p, topic=nato)
    stale.text = "Other words."
    stale.save()
    assert topic_ids(p) == [nato.pk]


def test_split_and_merged_passages_carry_their_topics():
    nato = factories.topic("NATO")
    p = factories.passage("First sentence here. Second sentence there.", topics=[nato])
    second = split_passage(p, len("First sentence here. "))
    assert topic_ids(second) == [nato.pk]
    merged = merge_passages([Passage.objects.get(pk=p.pk), second])
    assert topic_ids(merged) == [nato.pk]


def test_imported_passages_have_the_ids_of_their_lexicon_topics(write_text, import_files):
    path = write_text(
        "talks.txt",
        "Remarks on NATO\n\nMoscow, March 3, 2021\n\nIvan Petrov: NATO keeps moving east.\n",
    )
    assert import_files(path) == 0
    for passage in Passage.objects.all():
        assert sorted(passage.topic_ids) == sorted(passage.topics.values_list("pk", flat=True))
    assert any(passage.topic_ids for passage in Passage.objects.all())


def test_a_passage_written_before_its_document_gets_the_documents_kind():
    from django.db import connection, transaction

    from statements.models import Document

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            'INSERT INTO statements_passage (public_id, document_id, position, kind, start, "end", text,'
            " verified, doubts, topics_by_editor, speaker_name, document_title)"
            " VALUES ('early001', 987654, 0, 'turn', 0, 5, 'Words', false, '{}', false, '', '')"
        )
        Document.objects.create(
            id=987654,
            title="Late",
            slug="late",
            kind="speech",
            text="Words",
            content_hash="0" * 64,
            file_name="late.txt",
        )
    assert Passage.objects.get(public_id="early001").document_kind == "speech"


def document_kind(passage: Passage) -> str:
    return Passage.objects.values_list("document_kind", flat=True).get(pk=passage.pk)


def test_passages_created_without_a_kind_get_their_documents():
    doc = factories.document(kind="speech")
    made = Passage.objects.bulk_create(
        [Passage(document=doc, position=n, kind="turn", start=0, end=5, text="Words") for n in range(2)]
    )
    assert [document_kind(p) for p in made] == ["speech", "speech"]


def copy_passages(rows: list[tuple[str, int, str, str]]) -> None:
    """Passages (public id, document id, document kind, topic ids) in one COPY, as the loader writes."""
    from statements.importing.rows import copy_rows

    columns = ("public_id", "document_id", "position", "kind", "start", "end", "text", "verified")
    columns += ("topics_by_editor", "doubts", "speaker_name", "document_title", "document_kind", "topic_ids")
    copy_rows(
        Passage,
        columns,
        [
            (public_id, doc_id, n, "turn", 0, 5, "Words", False, False, "{}", "", "", kind, ids)
            for n, (public_id, doc_id, kind, ids) in enumerate(rows)
        ],
    )


def test_passages_written_together_with_a_wrong_kind_get_their_documents():
    speech, report = factories.document(kind="speech"), factories.document(kind="report")
    copy_passages(
        [(f"wrongkind{n:03}", d.pk, "report", "{}") for n, d in enumerate([speech, report, speech])]
    )
    kinds = dict(Passage.objects.values_list("public_id", "document_kind"))
    assert kinds == {"wrongkind000": "speech", "wrongkind001": "report", "wrongkind002": "speech"}


def test_correcting_the_kind_of_new_passages_keeps_the_topic_ids_their_rows_will_follow():
    nato = factories.topic("NATO")
    copy_passages([("early002", factories.document(kind="speech").pk, "", f"{{{nato.pk}}}")])
    written = Passage.objects.get(public_id="early002")
    assert (written.document_kind, written.topic_ids) == ("speech", [nato.pk])


def test_a_passage_moved_to_another_document_takes_that_documents_kind():
    p = factories.passage("Words.", doc=factories.document(kind="speech"))
    Passage.objects.filter(pk=p.pk).update(document=factories.document(kind="report"))
    assert document_kind(p) == "report"


def test_another_kind_set_on_a_passage_is_corrected_to_its_documents():
    p = factories.passage("Words.", doc=factories.document(kind="speech"))
    Passage.objects.filter(pk=p.pk).update(document_kind="commentary")
    assert document_kind(p) == "speech"


def test_a_passage_saved_after_its_document_changed_kind_keeps_the_new_kind():
    p = factories.passage("Words.", doc=factories.document(kind="speech"))
    p.document.kind = "report"
    p.document.save()
    p.save()
    assert document_kind(p) == "report"
