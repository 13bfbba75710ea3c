"""python manage.py backup_archive PATH : the whole archive in one pg_dump file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from statements.backup import BackupError, dump


class Command(BaseCommand):
    help = (
        "Dump the whole archive (documents, passages, permalinks, annotations, editors, history) "
        "to PATH in pg_dump's custom format; restore it with restore_archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="file to write (replaced only once the dump is complete)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Django database alias to dump")

    def handle(self, *args, path: Path, database: str, **options) -> None:
        try:
            written = dump(path, connections[database].settings_dict)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Archive written to {written} ({written.stat().st_size:,} bytes).")
