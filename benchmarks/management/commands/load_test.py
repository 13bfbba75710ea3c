"""``python manage.py load_test``: gunicorn with production settings under locust (see LOADTEST.md)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks.loadtest import runner

DEFAULT_QUERIES = Path(settings.FIXTURES_DIR) / "bench" / "queries.txt"


class Command(BaseCommand):
    help = (
        "Serve an archive of N passages with gunicorn (production settings, 127.0.0.1 only) and drive it "
        "with locust at a few user counts: requests/s, p50/p95/p99 and errors per step."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--passages", type=int, default=100_000, help="archive size (default 100,000)")
        parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus")
        parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES, help="search mix, one a line")
        parser.add_argument(
            "--users",
            default="2,4,8,16",
            help="comma-separated user counts, one step each (default 2,4,8,16)",
        )
        parser.add_argument("--run-time", type=int, default=60, help="seconds per step (default 60)")
        parser.add_argument("--warmup", type=int, default=15, help="unreported seconds before the steps")
        parser.add_argument(
            "--workers",
            type=int,
            default=runner.default_workers(),
            help="gunicorn workers (default 2 x cores + 1)",
        )
        parser.add_argument("--rebuild", action="store_true", help="rebuild the archive even if complete")
        parser.add_argument(
            "--json", dest="json_path", type=Path, default=None, help="also write the steps as JSON here"
        )

    def handle(
        self, *args, passages, seed, queries, users, run_time, warmup, workers, rebuild, json_path, **_
    ):
        if not queries.exists():
            raise CommandError(f"no query file at {queries}; pass --queries")
        counts = [int(u) for u in users.split(",") if u.strip()]
        if not counts or min(counts) < 1:
            raise CommandError("--users needs positive counts, e.g. 2,4,8,16")
        log = self.stderr.write
        database = runner.open_database(passages, seed)
        runner.ensure_corpus(database, passages, seed, rebuild, log)
        database.use()
        plan = runner.build_plan(runner.read_queries(queries), seed)
        runs = Path(settings.BASE_DIR) / "var" / "loadtest"
        runs.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="run-", dir=runs))
        plan_path = work / "plan.json"
        plan_path.write_text(json.dumps(plan), encoding="utf-8")
        env = runner.server_environment(database.url, work / "static")
        runner.collect_static(env)
        steps: list[runner.Step] = []
        with runner.gunicorn(env, runner.free_port(), workers, work / "gunicorn.log", log) as base:
            if warmup:
                log(f"warming up for {warmup} s")
                (work / "warmup").mkdir()
                runner.run_step(base, max(counts[0], 2), warmup, plan_path, work / "warmup")
            for count in counts:
                log(f"step: {count} users for {run_time} s")
                step = runner.run_step(base, count, run_time, plan_path, work)
                steps.append(step)
                self.stdout.write(runner.format_step(step))
        best = runner.best_step(steps)
        if best is None:
            self.stdout.write(f"no step met the target (no errors, p99 <= {runner.P99_TARGET_MS} ms)")
        else:
            self.stdout.write(
                f"highest sustained rate: {best.rps:.1f} req/s at {best.users} users "
                f"(p99 {best.p99:.0f} ms, {best.failures} errors); {workers} gunicorn workers"
            )
        self.stdout.write(f"locust CSVs and gunicorn log: {work}")
        if json_path is not None:
            json_path.write_text(json.dumps([s.as_dict() for s in steps], indent=2), encoding="utf-8")
