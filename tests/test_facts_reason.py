"""The one reason test (empathic.facts.reason): the reflecting detector and the missing_reason check read it."""

from __future__ import annotations

import pytest

from empathic.facts.reason import has_reason
from empathic.types import Span


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span.of(text, start, start + len(part))


@pytest.mark.parametrize(
    "sentence",
    [
        "I understand your frustration.",
        "I can tell you're worried.",
        "I can tell you're really frustrated.",
        "I hear your frustration.",
        "I can see you're not happy.",
        "Sounds like you're really annoyed.",
        "Sounds like you're frustrated.",
        "I totally get your frustration!",
        # a feeling put on the customer by what "this" did, with no word of what it was
        "I can see this has really worried you.",
    ],
)
def test_a_feeling_without_its_reason(sentence: str) -> None:
    assert has_reason(sentence) is False


@pytest.mark.parametrize(
    "sentence",
    [
        "It's really frustrating to be charged twice when you've already paid on time.",
        "It's frustrating to be charged twice when you've paid on time.",
        "No wonder you're upset after waiting three weeks.",
        "I can tell you're worried about the deadline on Friday.",
        "I can see you're upset about the late delivery fee.",
        "Being told to queue again after two hours on hold is infuriating.",
        # pointing back at the reason the customer gave
        "No wonder you're angry.",
        "I'd be livid too.",
        # no feeling named, nothing to lack
        "I understand.",
    ],
)
def test_a_feeling_with_its_reason_or_pointing_back_to_it(sentence: str) -> None:
    assert has_reason(sentence) is True


def test_a_span_of_a_longer_text_is_read_alone() -> None:
    text = "I hear your frustration. Being billed for a ride you never asked for is infuriating."
    assert has_reason(text, span_of(text, "I hear your frustration.")) is False
    assert has_reason(text, span_of(text, "Being billed for a ride you never asked for is infuriating.")) is True
