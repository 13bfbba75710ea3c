import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from archive.database import database_settings
from statements.models import Passage


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


@pytest.mark.django_db(transaction=True)
def test_an_archive_with_passages_upgrades_through_every_migration():
    """Migrations run on archives that hold statements, not only on empty databases."""
    before = [("statements", "0006_passage_topic_ids")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    document = old.get_model("statements", "Document").objects.create(
        title="Briefing", slug="briefing", kind="report", text="We stand ready.", content_hash="0" * 64
    )
    old.get_model("statements", "Passage").objects.create(
        public_id="abcdefgh", document=document, position=0, kind="turn", text=document.text, start=0, end=15
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    upgraded = Passage.objects.get(public_id="abcdefgh")
    assert upgraded.document_kind == "report"
    assert 0 <= upgraded.sample_bucket < 1000


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="an external PostgreSQL is configured")
@pytest.mark.django_db
def test_embedded_server_reads_with_prefetch_advice_not_through_io_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW io_method")
        assert cursor.fetchone()[0] == "sync"
