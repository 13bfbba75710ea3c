"""Turning a file's bytes into text, or saying clearly why it cannot be read.

UTF-8 (with or without a byte-order mark) and UTF-16/UTF-32 marked by one are
read. Anything else is refused with a reason a person can act on: which
format the bytes look like (a PDF, a Word file, UTF-16 without a mark,
Windows-1251 or Latin-1 text) and the command that converts it. Guessing a
legacy encoding and reading it anyway would store wrong letters without
anyone noticing; a refusal with the fix costs one command.
"""

from __future__ import annotations

import codecs

#: How much of a file the format checks look at.
SAMPLE_BYTES = 64 * 1024
#: Share of control bytes (other than tab, line ends and form feed) above which a file is binary.
BINARY_SHARE = 0.05

#: Opening bytes of formats people save transcripts in by mistake.
_SIGNATURES = (
    (b"%PDF-", "a PDF document; export its text as UTF-8 plain text first (e.g. pdftotext -enc UTF-8)"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx or OpenDocument file?); save it as UTF-8 plain text first"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Office document; save it as UTF-8 plain text first"),
    (b"{\\rtf", "a Rich Text (RTF) document; save it as UTF-8 plain text first"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"\x7fELF", "a program, not text"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}
#: Windows-1252 punctuation in 0x80-0x9F that English and French texts use: quotes, dashes, ellipsis.
_CP1252_PUNCTUATION = frozenset("“”‘’–—…•€™")


class UnreadableText(ValueError):
    """The bytes are not a text file the archive can read; the message says why."""


def decode(data: bytes) -> str:
    """The text of a UTF-8 file, or of a UTF-16/32 file with a byte-order mark; refuse anything else.

    Line ends are kept as they are, so that offsets match the file read with
    ``newline=''`` (the dry run's contract); the reader treats ``\\r\\n``,
    ``\\r`` and ``\\n`` alike. NUL bytes, which PostgreSQL refuses in text,
    become U+FFFD so that no offset moves.
    """
    if not data:
        raise UnreadableText("the file is empty")
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableText(
                    f"broken {label}: bad bytes at offset {error.start + len(bom)}"
                ) from error
            break
    else:
        _refuse_non_text(data[:SAMPLE_BYTES])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise UnreadableText(_not_utf8_reason(data, error.start)) from error
    if not text:
        raise UnreadableText("the file is empty (only a byte-order mark)")
    if not text.strip():
        raise UnreadableText("the file is empty: it holds only white space")
    return text.replace("\x00", "\ufffd")


def _refuse_non_text(sample: bytes) -> None:
    """Raise when the opening bytes are a known binary format, BOM-less UTF-16, or mostly control bytes."""
    for signature, what in _SIGNATURES:
        if sample.startswith(signature):
            raise UnreadableText(f"not a text file (binary): this is {what}")
    zeros = sample.count(0)
    if zeros >= len(sample) // 4:
        pairs = len(sample) // 2
        if pairs and sample[1::2].count(0) >= 0.9 * pairs:
            raise UnreadableText(_utf16_reason("UTF-16LE"))
        if pairs and sample[0::2].count(0) >= 0.9 * pairs:
            raise UnreadableText(_utf16_reason("UTF-16BE"))
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > BINARY_SHARE * len(sample):
        raise UnreadableText(
            f"the file looks binary, not text ({controls} control bytes in its first {len(sample)})"
        )


def _utf16_reason(encoding: str) -> str:
    return (
        f"not UTF-8: looks like {encoding} text without a byte-order mark; "
        f"convert it with: iconv -f {encoding} -t UTF-8 FILE > FILE.utf8.txt"
    )


def _not_utf8_reason(data: bytes, offset: int) -> str:
    """Why the bytes are not UTF-8, naming the legacy encoding they look like when the guess is safe."""
    if any(byte >= 0x80 for byte in data[:offset]):
        return (
            f"not UTF-8: invalid UTF-8 at byte {offset} (0x{data[offset]:02x}), after text that is "
            "UTF-8: the file is damaged or mixes encodings; fix or re-save it as UTF-8"
        )
    guess = legacy_encoding(data[:SAMPLE_BYTES])
    if guess is None:
        return (
            f"not UTF-8: byte 0x{data[offset]:02x} at offset {offset} cannot start or continue "
            "a UTF-8 character; save the file as UTF-8 (e.g. with iconv -f ENCODING -t UTF-8)"
        )
    label, iconv_name = guess
    return (
        f"not UTF-8 (looks like {label} text at byte {offset}); "
        f"convert it with: iconv -f {iconv_name} -t UTF-8 FILE > FILE.utf8.txt"
    )


def legacy_encoding(sample: bytes) -> tuple[str, str] | None:
    """(name, iconv name) of the 8-bit encoding the non-ASCII bytes look like, or None when unsure.

    In Windows-1251 a Cyrillic word is a run of bytes above 0x7F that decode to
    Cyrillic letters; in Latin-1 an accented letter sits alone between ASCII
    letters, and Windows-1252 adds typographic quotes and dashes.
    """
    high = [i for i, byte in enumerate(sample) if byte >= 0x80]
    if not high:
        return None
    cyrillic = sample.decode("cp1251", errors="replace")
    cyrillic_letters = sum(1 for i in high if "\u0400" <= cyrillic[i] <= "\u04ff")
    beside_high = sum(
        1
        for i in high
        if (i > 0 and sample[i - 1] >= 0x80) or (i + 1 < len(sample) and sample[i + 1] >= 0x80)
    )
    if cyrillic_letters >= 0.8 * len(high) and beside_high >= 0.6 * len(high):
        return "Windows-1251 (Cyrillic)", "WINDOWS-1251"
    western = sample.decode("cp1252", errors="replace")
    plausible = sum(1 for i in high if western[i].isalpha() or western[i] in _CP1252_PUNCTUATION)
    if plausible >= 0.9 * len(high) and beside_high <= 0.5 * len(high):
        return "Latin-1/Windows-1252 (Western European)", "WINDOWS-1252"
    return None
