"""python manage.py import_statements PATH... : read text files into the archive."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from statements.importing import FileSkipped, ImportResult, Loader, iter_text_files


def unapplied_migrations() -> list[str]:
    """The migrations the database still lacks: an archive not set up fails on its first table."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


class Command(BaseCommand):
    help = (
        "Import UTF-8 text files (files, folders or globs). Each file becomes one document; "
        "re-importing unchanged text does nothing, changed text updates the document and keeps editors' work."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, folders (read recursively) or glob patterns")
        parser.add_argument("--dry-run", action="store_true", help="read and report, write nothing")
        parser.add_argument(
            "--format",
            choices=["text", "jsonl"],
            default="text",
            help="dry-run output: a summary per file, or one JSON object per file",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="plain log lines, never a progress bar"
        )

    def handle(self, *args, paths, dry_run, format, no_progress, **options):
        files = list(iter_text_files(paths))
        if not files:
            raise CommandError("no files found in: " + ", ".join(paths))
        missing = unapplied_migrations()
        if missing and not dry_run:
            raise CommandError(
                f"the archive's database is not set up ({len(missing)} migrations to apply, "
                f"from {missing[0]}): run 'python manage.py migrate' (or 'make setup') first"
            )
        if missing:
            self.stderr.write(
                self.style.WARNING(
                    "the archive's database is not set up: reading as an empty archive would, "
                    "with the speakers and topics of fixtures/ only"
                )
            )
        loader = Loader(dry_run=dry_run, archive=not missing)
        interactive = sys.stderr.isatty() and not no_progress
        results: list[ImportResult] = []
        bar = tqdm(
            total=len(files), unit="file", disable=not interactive, file=sys.stderr, dynamic_ncols=True
        )
        outcomes = (
            (self._dry_run(loader, path, format) for path in files) if dry_run else loader.import_files(files)
        )
        for result in outcomes:
            results.append(result)
            bar.update(1)
            bar.set_postfix_str(Path(result.path).name[:40])
            if not interactive:
                self._log(result)
            elif result.failed:
                bar.write(self.style.ERROR(f"skipped {result.path}: {result.reason}"), file=sys.stderr)
        bar.close()
        if not dry_run and any(r.status in ("created", "updated") for r in results):
            loader.analyze()
        self._summary(results, dry_run)
        failed = sum(r.failed for r in results)
        if failed:
            raise CommandError(f"{failed} of {len(results)} files could not be imported", returncode=1)

    def _dry_run(self, loader: Loader, path, output_format: str) -> ImportResult:
        try:
            reading = loader.read(path)
        except FileSkipped as error:
            return ImportResult(str(path), "failed", reason=str(error))
        if output_format == "jsonl":
            self.stdout.write(json.dumps(reading.as_dict(), ensure_ascii=False))
        else:
            kinds = Counter(p.kind for p in reading.passages)
            self.stdout.write(
                f"{path}: {reading.kind}, {reading.title!r}, published {reading.published_on}, "
                f"event {reading.event_on}; passages {dict(kinds)}; "
                f"speakers {', '.join(s.name for s in reading.speakers) or 'none'}"
            )
        return ImportResult(str(path), "read", len(reading.passages))

    def _log(self, result: ImportResult) -> None:
        line = f"{result.status}: {result.path}"
        if result.passages:
            line += f" ({result.passages} passages)"
        if result.reason:
            line += f": {result.reason}"
        self.stderr.write(self.style.ERROR(line) if result.failed else line)

    def _summary(self, results: list[ImportResult], dry_run: bool) -> None:
        counts = Counter(r.status for r in results)
        passages = sum(r.passages for r in results if r.status in {"created", "updated", "read"})
        parts = [f"{n} {status}" for status, n in sorted(counts.items())]
        verb = "read (dry run, nothing written)" if dry_run else "imported"
        self.stderr.write(f"{len(results)} files {verb}: {', '.join(parts)}; {passages} passages.")
        for r in results:
            if r.failed:
                self.stderr.write(self.style.ERROR(f"  skipped {r.path}: {r.reason}"))
            elif r.status == "duplicate":
                self.stderr.write(f"  duplicate {r.path}: {r.reason}")
            for public_id in r.flagged:
                self.stderr.write(
                    self.style.WARNING(f"  kept for review in {r.path}: /q/{public_id}/ (its text is gone)")
                )
