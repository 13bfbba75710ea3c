"""Passages editors split or merged are found again when their file changes, not doubled."""

import pytest

from statements.editing import merge_passages, split_passage, split_point
from statements.importing.reconcile import GONE_FROM_SOURCE
from statements.models import Passage
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db

CHANGED = TRANSCRIPT.replace("And sanctions?", "And what about sanctions?")


def texts() -> list[str]:
    return list(Passage.objects.order_by("position").values_list("text", flat=True))


def test_a_split_passage_keeps_both_parts_and_adds_no_copy_after_a_reimport(write_text, import_files):
    path = write_text("geneva.txt", TRANSCRIPT)
    import_files(path)
    answer = Passage.objects.get(text__startswith="We expect a frank exchange")
    second = split_passage(answer, split_point(answer, "Nobody should"))
    before = texts()

    write_text("geneva.txt", CHANGED)
    assert import_files(path) == 0

    assert texts() == [t.replace("And sanctions?", "And what about sanctions?") for t in before]
    kept = {
        p.public_id: p for p in Passage.objects.filter(public_id__in=[answer.public_id, second.public_id])
    }
    assert len(kept) == 2 and not any(GONE_FROM_SOURCE in p.doubts for p in kept.values())
    document_text = kept[second.public_id].document.text
    part = kept[second.public_id]
    assert document_text[part.start : part.end] == part.text


def test_a_merged_passage_stays_one_passage_after_a_reimport(write_text, import_files):
    path = write_text("geneva.txt", TRANSCRIPT)
    import_files(path)
    first = Passage.objects.get(text__startswith="We expect a frank exchange")
    following = Passage.objects.get(text__startswith="Our delegation will table")
    merged = merge_passages([first, following])
    before = texts()

    write_text("geneva.txt", CHANGED)
    assert import_files(path) == 0

    assert texts() == [t.replace("And sanctions?", "And what about sanctions?") for t in before]
    merged.refresh_from_db()
    assert GONE_FROM_SOURCE not in merged.doubts and "Our delegation will table" in merged.text
