"""Importing text files: the reader (``statements.ingest``) reads, this package stores.

``Loader`` is the entry point of the ``import_statements`` command and of the
benchmark; the modules beside it each hold one concern of storing.
"""

from statements.importing.files import FileSkipped, iter_text_files
from statements.importing.loader import BATCH_CHARS, BATCH_FILES, ImportResult, Loader, ReadFile

__all__ = [
    "BATCH_CHARS",
    "BATCH_FILES",
    "FileSkipped",
    "ImportResult",
    "Loader",
    "ReadFile",
    "iter_text_files",
]
