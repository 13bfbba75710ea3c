"""The reader's cost grows linearly with its input, even on hostile input.

No wall-clock limit: each case reads the same pattern at one size and at four
times that size and compares the two. Linear work takes about four times as
long; a backtracking pattern or a quadratic loop takes sixteen times or more.
"""

from __future__ import annotations

import time

import pytest

from statements.ingest import KnownSpeaker, read_document

KNOWN = [KnownSpeaker("Wang Yi", (), "Foreign Minister of China")]
PROSE = (
    "Chinese Foreign Minister Wang Yi said that the talks were useful. "
    "“We want partners, not rivals,” he added. According to Wang Yi, trade is growing. "
    "Delegates from twelve countries met in Geneva on Tuesday. "
)
MB = 1_000_000


GROWTH_LIMIT = 9  # four times the input may cost at most this many times the time


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        began = time.perf_counter()
        read_document(text, file_name="big.txt", known_speakers=KNOWN)
        best = min(best, time.perf_counter() - began)
    return best


def assert_linear(make_text) -> None:
    small, large = _seconds(make_text(1)), _seconds(make_text(4))
    assert large < GROWTH_LIMIT * max(small, 0.005), f"{small:.3f}s for 1x, {large:.3f}s for 4x"


def test_prose_on_one_line_is_read_in_linear_time():
    assert_linear(lambda k: PROSE * (k * MB // 4 // len(PROSE)))


def test_a_long_transcript_is_read_in_linear_time():
    def transcript(k: int) -> str:
        return "\n".join("Question: Why now?" if i % 2 else "Wang Yi: It is time." for i in range(5_000 * k))

    assert_linear(transcript)


@pytest.mark.parametrize(
    "unit",
    [
        "A",
        "Aaaa " * 10 + ":",
        "“a ",
        '"a b" ',
        "Aaa Bbb ",
        "Ab. ",
        "[",
        " ",
        "\r",
        "He said that Aaa Bbb Ccc ",
    ],
    ids=[
        "letters",
        "colons",
        "open-quotes",
        "straight-quotes",
        "capitals",
        "dots",
        "brackets",
        "spaces",
        "cr",
        "said",
    ],
)
def test_hostile_input_is_read_in_linear_time(unit: str):
    assert_linear(lambda k: unit * (k * MB // 4 // len(unit)) + " Wang Yi said that x.")
