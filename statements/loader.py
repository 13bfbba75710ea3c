"""The import's entry point under its long-standing name: ``from statements.loader import Loader``.

Scripts outside the repository (corpus trials, the reading report's helpers) import
the loader from here; the code lives in ``statements.importing``.
"""

from statements.importing import FileSkipped, ImportResult, Loader, ReadFile, iter_text_files

__all__ = ["FileSkipped", "ImportResult", "Loader", "ReadFile", "iter_text_files"]
