"""Load test of the archive as deployed: gunicorn, production settings, a large archive, real pages.

The archive under test lives in its own database (``loadtest_<passages>_<seed>``,
on the embedded server or on the server ``DATABASE_URL`` names), filled once
through the real loader with the benchmark's synthetic corpus and reused while
it is complete. gunicorn serves it on 127.0.0.1 only, with ``archive.production``
settings and a freshly generated secret; locust drives it headless for a
bounded time at each of a few user counts (closed loop: every user sends its
next request as soon as the last one is answered), and each step reports its
rate, percentiles and errors.

One module for the run's lifecycle (database, server, steps, report), since each
step hands the next what it started and must stop it whatever happens.
"""

from __future__ import annotations

import csv
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import batched
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.db import connections

from benchmarks.benchdb import ScratchDatabase

MARKER_TABLE = "loadtest_corpus"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
#: The targets: what a step must meet to count as sustained.
P99_TARGET_MS = 500
Log = Callable[[str], None]


@dataclass
class Step:
    """What locust measured at one number of users (times in milliseconds)."""

    users: int
    seconds: int
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def sustained(self) -> bool:
        """No errors and p99 within the target: the rate counts as one the machine sustains."""
        return self.requests > 0 and self.failures == 0 and self.p99 <= P99_TARGET_MS

    def as_dict(self) -> dict:
        return {**asdict(self), "sustained": self.sustained}


@dataclass
class LoadTestDatabase(ScratchDatabase):
    """The load test's own database, never the user's archive."""

    #: The same database as a DATABASE_URL, for the gunicorn workers.
    url: str

    def use(self) -> None:
        """Point Django's default connection (same server) at this database."""
        connection = connections["default"]
        connection.close()
        connection.settings_dict["NAME"] = self.name

    def complete(self) -> bool:
        """Whether a previous run finished loading the corpus here."""
        if not self.exists():
            return False
        self.use()
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
            return cursor.fetchone()[0] is not None

    def mark_complete(self, figures: dict) -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (figures text NOT NULL)")
            cursor.execute(f"INSERT INTO {MARKER_TABLE} (figures) VALUES (%s)", [json.dumps(figures)])


def open_database(passages: int, seed: int) -> LoadTestDatabase:
    """The database for (passages, seed): on DATABASE_URL's server if set, else on the embedded one."""
    name = f"loadtest_{passages}_{seed}"
    current = connections["default"].settings_dict
    url = os.environ.get("DATABASE_URL")
    if url:
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        url = (
            f"postgres://{quote(current.get('USER') or 'postgres')}@"
            f"{quote(current['HOST'], safe='')}:{current.get('PORT') or 5432}/{name}"
        )
    admin = psycopg.conninfo.make_conninfo(
        dbname="postgres",
        host=current.get("HOST") or None,
        port=str(current.get("PORT") or "") or None,
        user=current.get("USER") or None,
        password=current.get("PASSWORD") or None,
    )
    return LoadTestDatabase(name, admin, url)


def ensure_corpus(database: LoadTestDatabase, passages: int, seed: int, rebuild: bool, log: Log) -> None:
    """Fill the database through the real loader unless a complete corpus is already there."""
    from django.core.management import call_command

    if not rebuild and database.complete():
        log(f"reusing the archive in database {database.name}")
        call_command("migrate", verbosity=0, interactive=False)  # an archive built before the latest ones
        return
    from benchmarks.corpus import Corpus
    from statements.importing import BATCH_FILES, Loader, ReadFile

    log(f"building an archive of {passages:,} passages in database {database.name} (once; reused later)")
    database.recreate()
    database.use()
    call_command("migrate", verbosity=0, interactive=False)
    loader = Loader()
    started = time.perf_counter()
    stored = 0
    next_report = passages // 10
    for documents in batched(Corpus(passages, seed, Path(settings.FIXTURES_DIR)).documents(), BATCH_FILES):
        results = loader.store_batch([ReadFile(d.path, d.reading, d.digest) for d in documents])
        for result in results:
            if result.failed:
                raise RuntimeError(f"the loader failed on the corpus: {result.reason}")
        stored += sum(len(d.reading.passages) for d in documents)
        if stored >= next_report:
            log(f"  {stored:,} passages ({time.perf_counter() - started:.0f} s)")
            next_report += passages // 10
    connection = connections["default"]
    connection.ensure_connection()
    raw = connection.connection
    autocommit = raw.autocommit
    raw.autocommit = True  # VACUUM cannot run inside a transaction
    try:
        raw.execute("VACUUM ANALYZE")
    finally:
        raw.autocommit = autocommit
    database.mark_complete(
        {"passages": stored, "seed": seed, "seconds": round(time.perf_counter() - started)}
    )
    log(f"archive built: {stored:,} passages in {time.perf_counter() - started:.0f} s")


def read_queries(path: Path) -> list[str]:
    """Query strings for /search/, one a line; blank lines and # comments skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def build_plan(queries: list[str], seed: int, sample: int = 2_000) -> dict[str, list[str]]:
    """The URLs each page kind draws from: searches from the query file, pages sampled from the archive."""
    from statements.models import Document, Passage, Speaker

    rng = random.Random(seed)
    ids = list(Passage.objects.values_list("public_id", flat=True))
    documents = list(Document.objects.values_list("slug", flat=True))
    speakers = list(Speaker.objects.values_list("slug", flat=True))
    return {
        "search": [f"/search/?{query}" for query in queries],
        "permalink": [f"/q/{public_id}/" for public_id in rng.sample(ids, min(sample, len(ids)))],
        "document": [f"/documents/{slug}/" for slug in rng.sample(documents, min(sample, len(documents)))],
        "speaker": [f"/speakers/{slug}/" for slug in rng.sample(speakers, min(sample, len(speakers)))],
    }


def server_environment(database_url: str, static_root: Path) -> dict[str, str]:
    """Production settings from the environment, as a deployment would give them, on 127.0.0.1 only."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="archive.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
    )
    return env


def collect_static(env: dict[str, str]) -> None:
    """Hashed, compressed static files, which production settings require before any page renders."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def default_workers() -> int:
    """gunicorn's rule of thumb, (2 x cores) + 1 synchronous workers: requests wait on the database."""
    return 2 * (os.cpu_count() or 1) + 1


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, log_path: Path, log: Log) -> Iterator[str]:
    """A gunicorn serving the archive on 127.0.0.1:port; yields its base URL, stops it on the way out."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "archive.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "60",
        "--error-logfile",
        str(log_path),
        # Its own control socket, not the default in the home folder that a real deployment may use.
        "--control-socket",
        str(log_path.with_name("gunicorn.ctl")),
    ]
    log(f"starting gunicorn: {' '.join(command[3:])}")
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(process, base, log_path)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(process: subprocess.Popen, base: str, log_path: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within 90 s; see {log_path}")


def run_step(base: str, users: int, seconds: int, plan_path: Path, out_dir: Path) -> Step:
    """Run locust headless for ``seconds`` with ``users`` users, all started at once; read its CSV."""
    prefix = out_dir / f"users_{users}"
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--only-summary",
        "--stop-timeout",
        "10",
        "--loglevel",
        "ERROR",
    ]
    env = {**os.environ, "LOADTEST_PLAN": str(plan_path)}
    # locust exits with status 1 when any request failed; the failures are read from its CSV.
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=seconds + 120
    )
    return read_step(Path(f"{prefix}_stats.csv"), users, seconds)


def read_step(stats_csv: Path, users: int, seconds: int) -> Step:
    """The aggregated row (and one row per page kind) of locust's ``_stats.csv``."""
    with stats_csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_kind = {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": float(row["50%"] or 0),
            "p95": float(row["95%"] or 0),
            "p99": float(row["99%"] or 0),
        }
        for row in rows
        if row["Name"] != "Aggregated"
    }
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return Step(
        users=users,
        seconds=seconds,
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        rps=float(total["Requests/s"] or 0),
        p50=float(total["50%"] or 0),
        p95=float(total["95%"] or 0),
        p99=float(total["99%"] or 0),
        by_kind=by_kind,
    )


def best_step(steps: list[Step]) -> Step | None:
    """The highest rate reached with no errors and p99 within the target."""
    return max((s for s in steps if s.sustained), key=lambda s: s.rps, default=None)


def format_step(step: Step) -> str:
    kinds = ", ".join(f"{kind} p95 {figures['p95']:.0f}" for kind, figures in sorted(step.by_kind.items()))
    return (
        f"{step.users:>5} users  {step.rps:8.1f} req/s  p50 {step.p50:6.0f} ms  p95 {step.p95:6.0f} ms  "
        f"p99 {step.p99:6.0f} ms  errors {step.failures:>4} of {step.requests:>6}  ({kinds})"
    )
