"""Backups: a dump restored into an empty database gives back every row, permalinks and history included."""

from __future__ import annotations

import stat
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from statements.backup import TABLES_NOT_DUMPED, BackupError, connection_parameters, dump, restore
from statements.models import Annotation, AnnotationKind, Document, Passage, RetiredPassage
from tests import factories as make
from tests.conftest import TRANSCRIPT

# pg_dump sees only committed rows, so these tests commit theirs (and the database is flushed after).
pytestmark = pytest.mark.django_db(transaction=True)


def _connect(database: dict) -> psycopg.Connection:
    conninfo, env = connection_parameters(database)
    return psycopg.connect(conninfo, password=env.get("PGPASSWORD"), autocommit=True)


ROWS_HASH = "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"


def fingerprints(database: dict) -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of all its rows, so any lost or altered row shows."""
    with _connect(database) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            )
            if name not in TABLES_NOT_DUMPED
        ]
        return {
            name: conn.execute(sql.SQL(ROWS_HASH).format(sql.Identifier(name))).fetchone() for name in tables
        }


def column(database: dict, query: str) -> set:
    with _connect(database) as conn:
        return {row[0] for row in conn.execute(query)}


@pytest.fixture
def archive(django_user_model, write_text, import_files):
    """An archive with a bit of everything a backup must keep."""
    lavrov = make.speaker("Sergey Lavrov", role="Foreign Minister")
    doc = make.document("Press conference")
    kept = make.passage("Sanctions will not work.", by=lavrov, doc=doc)
    make.passage("We are ready for talks.", by=lavrov, doc=doc, kind="reported")
    editor = django_user_model.objects.create_user("editor", password="a long enough passphrase")
    Annotation.objects.create(
        passage=kept,
        kind=AnnotationKind.FACT_CHECK,
        body="Sanctions were tightened a week later.",
        author=editor,
        published=True,
    )
    Annotation.objects.create(passage=kept, body="Draft note, not yet published.")
    RetiredPassage.objects.create(public_id="zzzz2345", successor=kept, reason="merged into its neighbour")
    assert import_files(write_text("geneva.txt", TRANSCRIPT)) == 0
    assert Document.objects.count() == 2 and Passage.objects.count() > 2
    return connection.settings_dict


@pytest.fixture
def empty_database():
    """A brand-new database on the same server, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:12]}"
    server = {**connection.settings_dict, "NAME": "postgres"}
    with _connect(server) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**connection.settings_dict, "NAME": name}
    with _connect(server) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_a_backup_restored_into_an_empty_database_gives_back_every_row(archive, empty_database, tmp_path):
    path = tmp_path / "archive.dump"
    call_command("backup_archive", str(path))

    restore(path, empty_database)

    before, after = fingerprints(archive), fingerprints(empty_database)
    assert after == before
    # Spelled out for the things readers and editors would miss first; edit history, when the
    # archive keeps it in its own tables, is among the tables compared above.
    for query in (
        "SELECT public_id FROM statements_passage",
        "SELECT public_id FROM statements_retiredpassage",
        "SELECT body FROM statements_annotation",
        "SELECT file_name FROM statements_document",
    ):
        assert column(empty_database, query) == column(archive, query) != set()
    assert "zzzz2345" in column(empty_database, "SELECT public_id FROM statements_retiredpassage")


def test_a_migrated_but_empty_database_takes_a_restore(archive, empty_database, tmp_path):
    path = dump(tmp_path / "archive.dump", archive)
    restore(path, empty_database)
    with _connect(empty_database) as conn:
        conn.execute("TRUNCATE statements_document, statements_speaker, statements_topic, auth_user CASCADE")

    restore(path, empty_database)

    assert fingerprints(empty_database) == fingerprints(archive)


def test_restore_refuses_a_database_that_holds_archive_data(archive, tmp_path):
    path = tmp_path / "archive.dump"
    call_command("backup_archive", str(path))
    Annotation.objects.create(passage=Passage.objects.first(), body="Written after the backup.")

    with pytest.raises(CommandError, match="already holds archive data.*--force"):
        call_command("restore_archive", str(path))

    assert Annotation.objects.filter(body="Written after the backup.").exists()


def test_restore_with_force_puts_the_archive_back_as_it_was(archive, tmp_path):
    path = tmp_path / "archive.dump"
    call_command("backup_archive", str(path))
    before = fingerprints(archive)
    Annotation.objects.all().delete()
    RetiredPassage.objects.all().delete()
    make.document("Written after the backup")

    call_command("restore_archive", str(path), force=True)

    assert fingerprints(archive) == before
    assert not Document.objects.filter(title="Written after the backup").exists()
    assert RetiredPassage.objects.filter(public_id="zzzz2345").exists()


def test_the_backup_file_is_readable_by_its_owner_only(archive, tmp_path):
    path = dump(tmp_path / "archive.dump", archive)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_backup_leaves_no_file_behind(tmp_path):
    with pytest.raises(BackupError, match="pg_dump failed"):
        dump(tmp_path / "archive.dump", {**connection.settings_dict, "NAME": f"missing_{uuid.uuid4().hex}"})
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_backup_is_refused_and_changes_nothing(empty_database, tmp_path):
    bogus = tmp_path / "notes.dump"
    bogus.write_text("not a dump\n")
    with pytest.raises(BackupError, match="pg_restore failed"):
        restore(bogus, empty_database)
    assert fingerprints(empty_database) == {}


def test_a_missing_backup_file_is_reported_by_name(tmp_path):
    with pytest.raises(CommandError, match="no backup file at .*nowhere.dump"):
        call_command("restore_archive", str(Path(tmp_path) / "nowhere.dump"))
