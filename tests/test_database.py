import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

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
