"""Shared fixtures: small texts written for the tests, and a helper to import them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

TRANSCRIPT = """Minister's answers to questions from the press

Geneva, October 3, 2024

Question: What do you expect from the talks?

Helga Brandt: We expect a frank exchange. Nobody should expect miracles.

Our delegation will table three proposals on grain exports.

Question: And sanctions?

Helga Brandt: Sanctions are counterproductive and hurt ordinary people first.
"""


@pytest.fixture(autouse=True)
def fresh_statistics():
    """Each test builds its own archive: searches read its planner statistics, not a former test's."""
    from statements.search import statistics

    statistics.forget_statistics()


@pytest.fixture
def write_text(tmp_path: Path):
    """Write a UTF-8 text file under tmp_path and return its path."""

    def write(name: str, text: str, folder: Path | None = None) -> Path:
        path = (folder or tmp_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def import_files():
    """Run import_statements on paths; return the command's exit status (0 when all loaded)."""

    def run(*paths: Path | str, **options) -> int:
        try:
            call_command("import_statements", *map(str, paths), no_progress=True, **options)
        except CommandError as error:
            return error.returncode
        return 0

    return run


EDITOR_PASSWORD = "a-long-editor-password"


@pytest.fixture
def editor(django_user_model):
    """A staff account in the Editors group, as `make editor` creates."""
    from statements.editors import ensure_editors_group

    user = django_user_model.objects.create_user("ed", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(ensure_editors_group())
    return user


@pytest.fixture
def client_as_editor(editor):
    """A test client logged in as ``editor``."""
    from django.test import Client

    client = Client()
    client.force_login(editor)
    return client
