"""Reading a file needs memory in proportion to the file, a small multiple of it and no more.

The reading holds the passages it found (their text is a copy of the file's
words) and a record per paragraph; nothing may hold a copy per paragraph of
the whole text or of everything read so far. Measured with tracemalloc, which
counts the bytes Python allocates, so the figure does not depend on the
machine or its load.
"""

from __future__ import annotations

import tracemalloc

import pytest

from statements.ingest import read_document

TURN = (
    "Helga Brandt: Sanctions against our exporters have not worked, and the talks in Geneva "
    "showed that the partners understand this. “We are ready for an honest dialogue,” she said.\n\n"
)
NARRATION = (
    "The delegation met in Vienna on Tuesday. Minister Helga Brandt said that grain exports "
    "would resume. According to Brandt, the agreement is fragile. "
)
#: Peak allocation while reading, as a multiple of the text's size. Dense texts, where every
#: sentence is a quote or reported speech, measure about six: one record per passage found.
MEMORY_LIMIT = 8


def peak_while_reading(text: str) -> int:
    """Peak allocation of one reading, after a first small one has loaded what every run shares
    (the given-name dictionary), which does not grow with the file."""
    read_document(TURN + NARRATION, file_name="warm.txt")
    tracemalloc.start()
    try:
        read_document(text, file_name="big.txt")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("unit", [TURN, NARRATION], ids=["transcript", "one-line narration"])
def test_reading_needs_a_small_multiple_of_the_file_in_memory(unit: str):
    text = unit * (2_000_000 // len(unit))
    peak = peak_while_reading(text)
    assert peak < MEMORY_LIMIT * len(text), f"{peak / len(text):.1f} times the text's size"
