"""Coaching lines that fit the message and the draft they go into (issue 13, panel round 7): a normalizing line names
a specific problem or is not offered. Every example is written for these tests (no dev-set or panel sentence)."""

from __future__ import annotations

import pytest

from empathic.pipeline import Coach
from empathic.suggest.slots import slots_for
from empathic.types import Exchange


@pytest.mark.parametrize("message", [
    "My wireless headphones won't pair with anything since yesterday, so annoying.",
    "My gift card shows a zero balance although I never used it, I'm really fed up.",
    "My kettle has stopped heating after two weeks and I'm honestly fed up.",
])
def test_no_normalizing_topic_without_a_named_problem(message: str) -> None:
    # "Trouble with your kettle is a more common snag than you'd think" could be said to anyone (panel rounds 4-7)
    slots = slots_for(Coach().run(Exchange(customer=message)))
    assert slots is not None
    assert slots.topic == "", slots.topic


@pytest.mark.parametrize(("message", "topic"), [
    ("They took the payment twice for my gym class and I'm annoyed.", "a double charge"),
    ("My camera won't charge at all and I'm so frustrated.", "a camera that stops working"),
])
def test_a_named_problem_keeps_its_topic(message: str, topic: str) -> None:
    slots = slots_for(Coach().run(Exchange(customer=message)))
    assert slots is not None and slots.topic == topic
