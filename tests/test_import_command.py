"""import_statements: files, folders, re-imports, bad files, dry run."""

import json

import pytest

from statements.models import Annotation, Document, Passage, RetiredPassage, Speaker
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


def test_a_transcript_becomes_one_document_with_its_turns(write_text, import_files):
    assert import_files(write_text("briefing.txt", TRANSCRIPT)) == 0
    document = Document.objects.get()
    kinds = list(document.passages.values_list("kind", "speaker__name"))
    assert ("question", None) in kinds
    assert ("turn", "Helga Brandt") in kinds
    answer = document.passages.get(text__startswith="Our delegation")
    assert answer.speaker.name == "Helga Brandt", "a turn continues over the paragraphs after its label"
    assert document.text[answer.start : answer.end] == answer.text


def test_reimporting_the_same_text_changes_nothing(write_text, import_files):
    path = write_text("briefing.txt", TRANSCRIPT)
    import_files(path)
    before = list(Passage.objects.order_by("pk").values_list("pk", "public_id"))
    assert import_files(path) == 0
    assert list(Passage.objects.order_by("pk").values_list("pk", "public_id")) == before
    assert Document.objects.count() == 1


def test_the_same_text_under_another_name_is_reported_not_duplicated(write_text, import_files, capsys):
    import_files(write_text("a.txt", TRANSCRIPT))
    assert import_files(write_text("b.txt", TRANSCRIPT)) == 0
    assert Document.objects.count() == 1
    assert "same text as a.txt" in capsys.readouterr().err


def test_a_changed_file_updates_its_document_and_keeps_permalinks_and_annotations(write_text, import_files):
    path = write_text("briefing.txt", TRANSCRIPT)
    import_files(path)
    kept = Passage.objects.get(text__startswith="Sanctions are")
    Annotation.objects.create(passage=kept, body="Context note", published=True)
    dropped = Passage.objects.get(text__startswith="Our delegation")
    write_text(
        "briefing.txt",
        TRANSCRIPT.replace("Our delegation will table three proposals on grain exports.\n", ""),
    )
    assert import_files(path) == 0
    assert Document.objects.count() == 1
    kept.refresh_from_db()
    assert kept.annotations.count() == 1
    assert not Passage.objects.filter(public_id=dropped.public_id).exists()
    assert RetiredPassage.objects.filter(public_id=dropped.public_id).exists()


def test_an_annotated_passage_whose_text_is_gone_is_kept_and_flagged(write_text, import_files, capsys):
    path = write_text("briefing.txt", TRANSCRIPT)
    import_files(path)
    gone = Passage.objects.get(text__startswith="Our delegation")
    Annotation.objects.create(passage=gone, body="Checked against video")
    write_text(
        "briefing.txt",
        TRANSCRIPT.replace("Our delegation will table three proposals on grain exports.\n", ""),
    )
    import_files(path)
    gone.refresh_from_db()
    assert any("no longer in the source" in d for d in gone.doubts)
    assert gone.public_id in capsys.readouterr().err


def test_folders_and_globs_are_read(write_text, import_files, tmp_path):
    write_text("one.txt", TRANSCRIPT, tmp_path / "batch")
    write_text("deeper/two.txt", TRANSCRIPT.replace("Helga", "Ines"), tmp_path / "batch")
    assert import_files(tmp_path / "batch") == 0
    assert Document.objects.count() == 2
    write_text("three.txt", TRANSCRIPT.replace("Helga", "Olga"))
    assert import_files(str(tmp_path / "*.txt")) == 0
    assert Document.objects.count() == 3


def test_unreadable_files_are_reported_by_name_and_the_rest_still_load(
    write_text, import_files, tmp_path, capsys
):
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Question: Où est la réunion?\n".encode("latin-1"))
    write_text("good.txt", TRANSCRIPT)
    status = import_files(tmp_path)
    err = capsys.readouterr().err
    assert status != 0
    assert Document.objects.filter(file_name="good.txt").exists()
    assert Document.objects.count() == 1
    for name, reason in [("picture.png", "binary"), ("empty.txt", "empty"), ("latin1.txt", "not UTF-8")]:
        assert any(name in line and reason in line for line in err.splitlines()), (name, err)


def test_dry_run_prints_the_reading_as_json_lines_and_writes_nothing(write_text, import_files, capsys):
    path = write_text("briefing.txt", TRANSCRIPT)
    assert import_files(path, dry_run=True, format="jsonl") == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["file"] for r in rows] == ["briefing.txt"]
    passage = rows[0]["passages"][0]
    assert set(passage) >= {"kind", "speaker", "start", "end", "text", "topics"}
    assert Document.objects.count() == 0 and Speaker.objects.count() == 0 and Passage.objects.count() == 0


def _reader_failing_on(monkeypatch, name: str) -> None:
    """Make the reader raise on the file called ``name``, as a reader bug would on some real text."""
    import statements.importing.loader as loader

    read = loader.read_document

    def failing(text, *, file_name, **options):
        if file_name == name:
            raise IndexError("list index out of range")
        return read(text, file_name=file_name, **options)

    monkeypatch.setattr(loader, "read_document", failing)


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_a_file_the_reader_fails_on_is_reported_by_name_and_the_others_are_read(
    write_text, import_files, monkeypatch, capsys, dry_run
):
    _reader_failing_on(monkeypatch, "b.txt")
    paths = [write_text(name, TRANSCRIPT.replace("frank", name[0])) for name in ("a.txt", "b.txt", "c.txt")]

    status = import_files(*paths, dry_run=dry_run, format="jsonl")

    out, err = capsys.readouterr()
    assert status == 1
    assert any("skipped" in line and "b.txt" in line and "IndexError" in line for line in err.splitlines())
    if dry_run:
        assert [json.loads(line)["file"] for line in out.splitlines()] == ["a.txt", "c.txt"]
    else:
        assert sorted(Document.objects.values_list("file_name", flat=True)) == ["a.txt", "c.txt"]


def test_a_file_that_fails_midway_leaves_nothing_and_the_next_file_still_finds_its_speaker(
    write_text, import_files, monkeypatch
):
    import statements.importing.loader as loader

    row = loader.new_passage_row

    def fail_midway_through_a(document, reading, item, position, *rest):
        if reading.file == "a.txt" and position == 3:
            raise RuntimeError("disk full")
        return row(document, reading, item, position, *rest)

    monkeypatch.setattr(loader, "new_passage_row", fail_midway_through_a)
    first = write_text("a.txt", TRANSCRIPT)
    second = write_text("b.txt", TRANSCRIPT.replace("frank exchange", "candid exchange"))

    assert import_files(first, second) == 1

    assert list(Document.objects.values_list("file_name", flat=True)) == ["b.txt"]
    brandt = Speaker.objects.get(name="Helga Brandt")
    assert Passage.objects.filter(speaker=brandt).count() >= 2


def test_an_import_gathers_the_statistics_that_searches_are_planned_from(write_text, import_files):
    from django.db import connection

    from statements.models import Passage

    assert import_files(write_text("briefing.txt", TRANSCRIPT)) == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'statements_passage'::regclass")
        assert cursor.fetchone()[0] == Passage.objects.count()


def test_an_archive_whose_database_is_set_up_lacks_no_migration():
    from statements.management.commands.import_statements import unapplied_migrations

    assert unapplied_migrations() == []


def test_importing_into_a_database_not_set_up_says_how_to_set_it_up_and_writes_nothing(
    write_text, monkeypatch
):
    from django.core.management import CommandError, call_command

    from statements.management.commands import import_statements

    monkeypatch.setattr(import_statements, "unapplied_migrations", lambda: ["statements.0001_initial"])
    with pytest.raises(CommandError, match="not set up .* run 'python manage.py migrate'"):
        call_command("import_statements", str(write_text("talks.txt", TRANSCRIPT)))
    assert not Document.objects.exists()


def test_a_dry_run_on_a_database_not_set_up_reads_as_an_empty_archive_would(write_text, monkeypatch, capsys):
    from django.core.management import call_command
    from django.db import connection

    from statements.management.commands import import_statements

    monkeypatch.setattr(import_statements, "unapplied_migrations", lambda: ["statements.0001_initial"])
    path = write_text("talks.txt", "Sergei Lavrov said that the talks had been useful and frank.\n")
    with connection.execute_wrapper(_refuse_archive_queries):
        call_command("import_statements", str(path), dry_run=True, format="jsonl", no_progress=True)
    out, err = capsys.readouterr()
    assert "not set up" in err
    [row] = [json.loads(line) for line in out.splitlines()]
    assert [s["name"] for s in row["speakers"]] == ["Sergey Lavrov"]


def _refuse_archive_queries(execute, sql, params, many, context):
    """Fail any query of the archive's tables, as a database without them would."""
    if "statements_" in sql:
        raise AssertionError(f"the dry run queried the archive: {sql[:80]}")
    return execute(sql, params, many, context)


def test_after_an_import_the_search_plans_from_the_new_statistics_at_once(write_text, import_files):
    from statements.search import statistics

    before = statistics.statistics()
    assert import_files(write_text("briefing.txt", TRANSCRIPT)) == 0
    after = statistics.statistics()
    assert after is not before
    assert after.rows == Passage.objects.count()
