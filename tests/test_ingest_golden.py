"""Whole texts written for the tests, read and compared with stored expected readings (golden files).

After an intended change of the reader, regenerate the expected files with
``INGEST_GOLDEN_UPDATE=1 pytest tests/test_ingest_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from statements.ingest import KnownSpeaker, Lexicon, decode, read_document

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "ingest_golden"
KNOWN = [
    KnownSpeaker("Kaja Kallas", ("Kallas",), "EU High Representative for Foreign Affairs"),
    KnownSpeaker("Luiz Inacio Lula da Silva", ("Lula da Silva", "Lula"), "President of Brazil"),
    KnownSpeaker("Narendra Modi", ("Modi",), "Prime Minister of India"),
    KnownSpeaker("Wang Yi", (), "Foreign Minister of China"),
]
LEXICON = Lexicon(
    [
        {"name": "Sanctions", "slug": "sanctions", "keywords": ["sanction", "frozen assets"]},
        {"name": "BRICS", "slug": "brics", "keywords": ["BRICS"]},
        {"name": "Negotiations", "slug": "negotiations", "keywords": ["talks", "dialogue"]},
    ]
)


def _reading(path: Path) -> dict:
    doc = read_document(decode(path.read_bytes()), file_name=path.name, known_speakers=KNOWN, lexicon=LEXICON)
    return doc.as_dict()


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_reading_matches_golden_file(path: Path):
    expected_path = path.with_suffix(".json")
    got = _reading(path)
    if os.environ.get("INGEST_GOLDEN_UPDATE"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))
