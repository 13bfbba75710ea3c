"""An import writes its new files in batches: the same archive as one file at a time, only faster."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from statements.importing import Loader, ReadFile
from statements.importing.rows import fresh_public_ids
from statements.models import Document, Passage, RetiredPassage, Speaker, unique_slug, unique_slugs
from tests import factories
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.FIXTURES_DIR) / "seeds"


def archive_contents() -> list[tuple]:
    """Everything an import decides, without the ids and permalinks it draws at random."""
    return sorted(
        Passage.objects.values_list(
            "document__file_name",
            "document__title",
            "document__kind",
            "position",
            "kind",
            "speaker__name",
            "speaker__role",
            "said_on",
            "text",
            "start",
            "end",
            "doubts",
            "topic_ids",
            "document_kind",
            "speaker_name",
            "document_title",
        )
    )


def topic_rows() -> list[tuple]:
    return sorted(
        Passage.objects.filter(passagetopic__isnull=False).values_list(
            "document__file_name", "position", "passagetopic__topic__slug", "passagetopic__by_editor"
        )
    )


def test_files_imported_together_give_the_archive_one_at_a_time_would(tmp_path, import_files):
    folder = tmp_path / "texts"
    shutil.copytree(SEEDS, folder)
    (folder / "briefing.txt").write_text(TRANSCRIPT, encoding="utf-8")
    files = sorted(folder.iterdir())

    assert import_files(folder) == 0
    together, together_topics = archive_contents(), topic_rows()
    Document.objects.all().delete()
    Speaker.objects.all().delete()
    for path in files:
        assert import_files(path) == 0

    assert len(together) > 100
    assert together == archive_contents()
    assert together_topics == topic_rows()
    assert together_topics, "the comparison covers topics too"


def test_every_new_passage_has_its_topics_as_rows_and_as_ids(tmp_path, import_files):
    shutil.copytree(SEEDS, tmp_path / "texts")
    import_files(tmp_path / "texts")
    tagged = Passage.objects.exclude(topic_ids=[])
    assert tagged.exists()
    for passage in tagged:
        assert sorted(passage.topics.values_list("pk", flat=True)) == passage.topic_ids


def test_a_file_named_like_an_earlier_one_of_the_same_import_updates_it(tmp_path, import_files, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "briefing.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "b" / "briefing.txt").write_text(TRANSCRIPT.replace("frank", "candid"), encoding="utf-8")
    assert import_files(tmp_path) == 0
    document = Document.objects.get()
    assert "candid" in document.text
    err = capsys.readouterr().err
    assert "created: " in err and "updated: " in err


def test_the_same_text_twice_in_one_import_is_stored_once_and_reported(tmp_path, import_files, capsys):
    (tmp_path / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TRANSCRIPT, encoding="utf-8")
    assert import_files(tmp_path) == 0
    assert list(Document.objects.values_list("file_name", flat=True)) == ["a.txt"]
    assert "same text as" in capsys.readouterr().err


def test_storing_a_batch_reports_each_file_in_the_order_given(tmp_path):
    loader = Loader()
    texts = {f"{n}.txt": TRANSCRIPT.replace("frank", f"frank {n}") for n in range(3)}
    files = []
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(ReadFile(str(path), loader.read(path), str(hash(text))))
    results = loader.store_batch(files)
    assert [(Path(r.path).name, r.status) for r in results] == [(n, "created") for n in texts]
    assert Document.objects.count() == 3


def test_batch_slugs_number_titles_the_archive_or_the_batch_already_has():
    existing = factories.document()
    existing.slug = "briefing"
    existing.save(update_fields=["slug"])
    assert unique_slug(Document, "Briefing") == "briefing-2"
    assert unique_slugs(Document, ["Briefing", "Briefing", "Other"]) == ["briefing-2", "briefing-3", "other"]


def test_fresh_public_ids_are_distinct_and_never_used_before():
    used = factories.passage("Words already in the archive.").public_id
    RetiredPassage.objects.create(public_id="retired1", reason="withdrawn")
    ids = fresh_public_ids(5_000)
    assert len(ids) == len(set(ids)) == 5_000
    assert not set(ids) & {used, "retired1"}
