"""python manage.py restore_archive PATH : put a backup_archive dump back into an empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from statements.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a dump made by backup_archive into the database, in one transaction. "
        "Refuses if the database already holds archive data, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a file written by backup_archive")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Django database alias to restore into"
        )
        parser.add_argument(
            "--force", action="store_true", help="replace whatever the database holds with the backup"
        )

    def handle(self, *args, path: Path, database: str, force: bool, **options) -> None:
        connection = connections[database]
        connection.close()  # our own idle connection must not hold locks on tables the restore replaces
        try:
            restore(path, connection.settings_dict, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Archive restored from {path} into {connection.settings_dict['NAME']!r}.")
