import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from archive.database import database_settings


@pytest.mark.django_db
def test_tests_run_on_real_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 160000


def test_database_url_is_used_when_set_and_nothing_is_started(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://ed:secret@db.example.org:5433/archive")
    monkeypatch.setenv("ARCHIVE_PGDATA", str(tmp_path / "never-created"))
    config = database_settings(Path(settings.BASE_DIR))
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.example.org",
        5433,
        "archive",
        "ed",
    )
    assert not (tmp_path / "never-created").exists()


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="an external PostgreSQL is configured")
@pytest.mark.django_db
def test_embedded_server_listens_on_a_unix_socket_only():
    config = settings.DATABASES["default"]
    assert Path(config["HOST"]).is_dir()
    with connection.cursor() as cursor:
        cursor.execute("SHOW listen_addresses")
        assert cursor.fetchone()[0] == ""


@pytest.mark.django_db
def test_an_archive_that_applied_the_eighteen_old_migrations_takes_the_squashed_one_as_applied():
    """Upgrading: a database set up before the squash needs nothing run again."""
    squashed = ("statements", "0001_squashed_0018_document_kind_statement")
    replaced = MigrationLoader(connection).replacements[squashed].replaces
    assert len(replaced) == 18
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="statements").delete()
    for app, name in replaced:
        recorder.record_applied(app, name)
    loader = MigrationLoader(connection)
    assert squashed in loader.applied_migrations
    assert not MigrationExecutor(connection).migration_plan(loader.graph.leaf_nodes())


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="an external PostgreSQL is configured")
@pytest.mark.django_db
def test_embedded_server_reads_with_prefetch_advice_not_through_io_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW io_method")
        assert cursor.fetchone()[0] == "sync"
