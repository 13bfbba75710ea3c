"""The benchmark's own database, never the user's archive, and restarts for cold runs.

With the embedded server, the benchmark runs a second embedded cluster under
``var/bench/pgdata``: measuring cold searches restarts the server, and
restarting the archive's own cluster would cut off everyone else using it.
With ``DATABASE_URL`` set, a ``bench_<N>_<seed>`` database is created on that
server instead, and cold runs are skipped (the benchmark may not restart a
server it does not own).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.core.management import call_command
from django.db import connections

MARKER_TABLE = "bench_corpus"


@dataclass
class ScratchDatabase:
    """A database of its own on the archive's server, made and dropped by the benchmark tools."""

    name: str
    admin_conninfo: str

    def exists(self) -> bool:
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone())

    def recreate(self) -> None:
        connections["default"].close()
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.name}"')


@dataclass
class BenchDatabase(ScratchDatabase):
    #: The embedded server's handle; None when DATABASE_URL names the server.
    server: object | None

    @property
    def can_restart(self) -> bool:
        return self.server is not None

    def use(self) -> None:
        """Point Django's default connection at the benchmark database (closing any open one)."""
        connection = connections["default"]
        connection.close()
        connection.settings_dict["NAME"] = self.name
        if self.server is not None:
            info = self.server.get_postmaster_info()
            connection.settings_dict.update(
                HOST=str(info.socket_dir), PORT=str(info.port or ""), USER="postgres", PASSWORD=""
            )

    def migrate(self) -> None:
        self.use()
        call_command("migrate", verbosity=0, interactive=False)

    def marker(self) -> dict | None:
        """What the marker row says about the corpus in this database (None: no complete corpus)."""
        if not self.exists():
            return None
        self.use()
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
            if cursor.fetchone()[0] is None:
                return None
            cursor.execute(f"SELECT figures FROM {MARKER_TABLE} LIMIT 1")
            row = cursor.fetchone()
        return json.loads(row[0]) if row else None

    def mark_complete(self, figures: dict) -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (figures text NOT NULL)")
            cursor.execute(f"DELETE FROM {MARKER_TABLE}")
            cursor.execute(f"INSERT INTO {MARKER_TABLE} (figures) VALUES (%s)", [json.dumps(figures)])

    def restart(self, *, drop_os_cache: bool = False) -> str:
        """Restart the server, emptying its buffers; returns what could not be done, if anything.

        ``drop_os_cache`` also empties the OS page cache, so that every page is read from the
        disk, as after a reboot of the machine rather than a restart of the server.
        """
        from archive.database import restart_server

        server = self.server
        if server is None:
            return "no restart: DATABASE_URL names a server the benchmark does not own"
        connections["default"].close()
        restart_server(server)
        note = drop_os_caches() if drop_os_cache else ""
        self.use()
        for _ in range(50):  # the server accepts connections a moment after pg_ctl returns
            try:
                with connections["default"].cursor() as cursor:
                    cursor.execute("SELECT 1")
                break
            except Exception:
                connections["default"].close()
                time.sleep(0.1)
        return note


def drop_os_caches() -> str:
    """Empty the OS page cache when allowed (root on a real kernel); say so when it is not."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as handle:
            handle.write("3\n")
    except OSError as error:
        return f"OS page cache not dropped ({error.strerror or error})"
    return ""


def open_bench_database(passages: int, seed: int, pgdata: Path) -> BenchDatabase:
    """The database for (passages, seed): on the benchmark's own cluster, or DATABASE_URL's server."""
    name = f"bench_{passages}_{seed}"
    if os.environ.get("DATABASE_URL"):
        settings = connections["default"].settings_dict
        admin = psycopg.conninfo.make_conninfo(
            dbname="postgres",
            host=settings.get("HOST") or None,
            port=str(settings.get("PORT") or "") or None,
            user=settings.get("USER") or None,
            password=settings.get("PASSWORD") or None,
        )
        return BenchDatabase(name, admin, None)
    from archive.database import embedded_server

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_server(pgdata)
    return BenchDatabase(name, server.get_uri("postgres"), server)
