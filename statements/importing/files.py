"""Finding the files an import names and reading their text, with a reason for every file refused.

Nothing here touches the database: a path becomes text (decoded by the reader's
``decode``) or a ``FileSkipped`` whose message a person can act on.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from statements.ingest import UnreadableText, decode

MAX_FILE_BYTES = 64 * 1024 * 1024


class FileSkipped(Exception):
    """A file is not imported; the message says why."""


@dataclass
class FileText:
    """A file's text, read and hashed, not parsed yet."""

    path: str
    name: str
    text: str
    digest: str


def content_hash(text: str) -> str:
    """The text's SHA-256: an unchanged file is recognised without reading it again."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iter_text_files(paths: Iterable[str]) -> Iterator[Path]:
    """Files named by ``paths`` (files, folders walked recursively, globs), each once.

    Links to folders are not followed, so a link loop cannot trap the walk; they,
    broken links, link loops and other entries that are not regular files are
    still yielded, so that the import reports each by name instead of passing
    over it in silence.
    """
    seen: set[Path] = set()
    for raw in paths:
        candidates: Iterable[Path]
        if any(ch in raw for ch in "*?["):
            candidates = (
                sorted(Path().glob(raw))
                if not Path(raw).is_absolute()
                else sorted(Path("/").glob(raw.lstrip("/")))
            )
        else:
            candidates = [Path(raw)]
        for candidate in candidates:
            entries = _folder_entries(candidate) if candidate.is_dir() else iter([candidate])
            for entry in entries:
                real = _real_path(entry)
                if real not in seen:
                    seen.add(real)
                    yield entry


def _folder_entries(folder: Path) -> Iterator[Path]:
    """Everything under ``folder`` but folders themselves and hidden names (``.git/``, ``.DS_Store``)."""
    for sub in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in sub.relative_to(folder).parts):
            continue
        if sub.is_dir() and not sub.is_symlink():
            continue
        yield sub


def _real_path(path: Path) -> Path:
    """Where a path leads (so two names for one file count once); the path itself when it leads nowhere."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a broken link, or a link loop
        return path.absolute()


def read_file_text(path: Path) -> str:
    """The file's text, or FileSkipped with a reason a person can act on."""
    try:
        info = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileSkipped(
                "a symbolic link loop (following the links never reaches a file); remove or fix it"
            ) from error
        if path.is_symlink():
            raise FileSkipped(f"a broken symbolic link (to {os.readlink(path)})") from error
        raise FileSkipped(f"cannot open: {error.strerror or error}") from error
    if stat.S_ISDIR(info.st_mode):
        raise FileSkipped(
            "a link to a folder; links to folders are not followed inside a folder "
            "(so a link loop cannot trap the import): name the folder itself to import it"
        )
    if not stat.S_ISREG(info.st_mode):
        raise FileSkipped(f"not a regular file ({_file_type(info.st_mode)}); only text files are read")
    if info.st_size > MAX_FILE_BYTES:
        megabytes, limit = info.st_size // (1024 * 1024), MAX_FILE_BYTES // (1024 * 1024)
        raise FileSkipped(f"too large ({megabytes} MB; the limit is {limit} MB)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileSkipped(f"cannot read: {error.strerror or error}") from error
    try:
        return decode(data)
    except UnreadableText as error:
        raise FileSkipped(str(error)) from error


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def read_text(path: Path) -> FileText:
    """The file's text and hash; FileSkipped when it cannot be read."""
    text = read_file_text(path)
    return FileText(str(path), path.name, text, content_hash(text))
