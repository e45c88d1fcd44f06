"""The one question test (facts.text.is_question): a question mark, or a question typed without one."""

from __future__ import annotations

import pytest

from empathic import analyze
from empathic.facts.text import is_question


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Can you check the meter for me?", True),
        ("@acme so what happens to all the people on the old tariff", True),
        ("why won't the app let me log in", True),
        ("What happened to the parcel I sent on Monday", True),
        # statements that open with a question word
        ("What happens next is we post you a new card.", False),
        ("How frustrating that must have been", False),
        ("When you get a moment, give us a call.", False),
        ("What a mess this has been!", False),
    ],
)
def test_is_question(sentence: str, expected: bool) -> None:
    assert is_question(sentence) is expected


def test_an_unmarked_question_about_everyone_is_no_normalizing() -> None:
    customer = "Big news: our two networks are joining up next month."
    assert analyze(customer, "@net so what happens to all the customers of the old network").strategies == []
