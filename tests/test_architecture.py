"""Dependencies point down: the data model knows nothing of the importer nor of the search planner."""

from __future__ import annotations

import subprocess
import sys

SETUP = (
    "import os, sys, django\n"
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'archive.settings')\n"
    "django.setup()\n"
)


def project_modules_after(code: str) -> set[str]:
    """The project's modules loaded once Django is set up (models and admin) and ``code`` ran."""
    script = SETUP + code + "\nprint('\\n'.join(m for m in sys.modules if m.startswith('statements')))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_the_models_and_the_admin_load_neither_the_reader_nor_the_importer_nor_the_search():
    loaded = project_modules_after("import statements.models, statements.admin")
    assert {"statements.models", "statements.admin"} <= loaded
    reaching_up = ("statements.ingest", "statements.importing", "statements.search")
    assert not [m for m in loaded if m.startswith(reaching_up)]


def test_the_importer_does_not_load_the_search_planner():
    loaded = project_modules_after("import statements.importing")
    assert "statements.importing.loader" in loaded
    assert not [m for m in loaded if m.startswith("statements.search")]
