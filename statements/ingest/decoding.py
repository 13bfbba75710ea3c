"""Turning a file's bytes into text, or saying clearly why it cannot be read."""

from __future__ import annotations

import codecs


class UnreadableText(ValueError):
    """The bytes are not a text file the archive can read; the message says why."""


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else.

    Newlines are kept as they are so that offsets match the file; NUL bytes,
    which PostgreSQL refuses in text, become U+FFFD so offsets do not move.
    """
    if not data.strip():
        raise UnreadableText("the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableText(f"broken UTF-16 at byte {error.start}") from error
    else:
        if b"\x00" in data[:8192] and data[:8192].count(b"\x00") > len(data[:8192]) // 10:
            raise UnreadableText("the file looks binary (many NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UnreadableText(
                f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}"
                " (convert it to UTF-8 first, e.g. with iconv)"
            ) from error
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise UnreadableText("the file holds only white space")
    return text.replace("\x00", "\ufffd")
