"""python manage.py export_archive PATH : every statement, for researchers, as JSON Lines or CSV."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from statements import exports
from statements.models import Passage

#: How often, in statements, a run without a terminal logs its progress.
_LOG_EVERY = 10_000


class Command(BaseCommand):
    help = (
        "Write every statement with its speaker, document, topics and published annotations to PATH: "
        "JSON Lines (one object a line), or CSV when PATH ends in .csv or --format csv. "
        "The file is replaced only once it is complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="file to write (.jsonl or .csv)")
        parser.add_argument("--format", choices=("jsonl", "csv"), help="default: from PATH's suffix")
        parser.add_argument(
            "--base-url",
            default=os.environ.get("ARCHIVE_BASE_URL", "http://127.0.0.1:8000"),
            help="the archive's public address, for the permalinks (default: $ARCHIVE_BASE_URL)",
        )
        parser.add_argument("--no-progress", action="store_true", help="log lines instead of a bar")

    def handle(self, *args, path: Path, format: str | None, base_url: str, no_progress: bool, **options):
        output_format = format or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
        base = base_url.rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise CommandError(f"--base-url must start with http:// or https://, not {base_url!r}")
        if not path.parent.is_dir():
            raise CommandError(f"no folder {path.parent} to write {path.name} into")

        def absolute(url_path: str) -> str:
            return base + url_path

        total = Passage.objects.statements().count()
        interactive = sys.stderr.isatty() and not no_progress
        bar = tqdm(total=total, unit="statement", disable=not interactive, file=sys.stderr)
        started = time.perf_counter()
        records = (exports.full_record(p, absolute) for p in exports.exported_passages())
        written = 0
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as out:
            try:
                if output_format == "csv":
                    lines = exports.csv_lines((exports.flat(r) for r in records), exports.EXPORT_COLUMNS)
                    out.write(next(lines))
                else:
                    lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in records)
                for line in lines:
                    out.write(line)
                    written += 1
                    bar.update(1)
                    if not interactive and written % _LOG_EVERY == 0:
                        self.stderr.write(f"exported {written:,} of {total:,} statements")
            except BaseException:
                out.close()
                Path(out.name).unlink(missing_ok=True)
                raise
        bar.close()
        Path(out.name).replace(path)
        took = time.perf_counter() - started
        self.stdout.write(
            f"{written:,} statements written to {path} as {output_format} in {took:.1f} s "
            f"({path.stat().st_size:,} bytes); questions are not statements and are left out."
        )
