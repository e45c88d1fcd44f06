"""Feelings a customer shows through the kind of failure they report, without naming one.

A near miss caused by the business reads as fear and anger, a confirmed booking not honoured as
anger, a deadline with something at stake as anxiety, "I don't know where to begin" as overwhelm
(anxiety, LABELS.md), a spoilt present as disappointment. Feeling foolish is self-criticism only
when nobody else is to blame. Every message here was written for these tests.
"""

from __future__ import annotations

import pytest

from empathic.listen.emotions import read_emotions
from empathic.listen.self_criticism import find_self_criticism


def labels(text: str) -> list[str]:
    """The emotion labels read from ``text``, strongest first."""
    return [e.label for e in read_emotions(text).emotions]


@pytest.mark.parametrize(
    "text",
    [
        "I asked for the gluten-free pasta for my wife, who is coeliac, and it came with ordinary wheat pasta. "
        "She could have been really ill.",
        "The sesame-free bread we ordered for our toddler arrived sprinkled with seeds. It could have put her "
        "in hospital.",
    ],
)
def test_a_safety_near_miss_reads_as_fear_and_anger_not_sadness(text: str) -> None:
    found = labels(text)
    assert {"fear", "anger"} <= set(found), found
    assert "sadness" not in found, found


def test_a_hypothetical_hospital_stay_is_not_read_as_grief() -> None:
    # "in hospital" alone is sadness (someone admitted); "could have put him in hospital" is a near miss
    assert "sadness" not in labels("The cot you sold us has a loose bolt. It could have put him in hospital.")


@pytest.mark.parametrize(
    "text",
    [
        "Our prepaid rental car wasn't there when we landed, even though we had a confirmed reservation.",
        "We drove three hours to the campsite and they've given our pitch away despite our confirmed booking.",
        "The airline bumped us off the flight at the gate. Two kids, no seats for us until tomorrow.",
    ],
)
def test_a_confirmed_booking_not_honoured_reads_as_anger(text: str) -> None:
    assert "anger" in labels(text), labels(text)


def test_a_confirmed_booking_with_no_complaint_reads_no_anger() -> None:
    assert "anger" not in labels("I have a confirmed booking for Friday. Can I add one more guest to it?")


def test_a_deadline_with_stakes_reads_as_anxiety_beside_impatience() -> None:
    reading = read_emotions(
        "My visa interview is on Thursday and the embassy wants to see the bank letter you still haven't sent."
    )
    scores = {e.label: e.score for e in reading.emotions}
    assert "anxiety" in scores, scores
    # strong enough next to the strongest reading for a reply to name it (rules/en/emotions.toml [settings.confidence])
    assert scores["anxiety"] >= 0.7 * max(scores.values()), scores


@pytest.mark.parametrize(
    "text",
    [
        "The builders left the house in a state and honestly I don't know where to begin with sorting it.",
        "A pipe burst in the loft while we were away. Where do I even start with all this?",
    ],
)
def test_not_knowing_where_to_start_is_overwhelm_not_confusion(text: str) -> None:
    found = labels(text)
    assert "anxiety" in found, found
    assert "confusion" not in found, found


def test_a_real_question_of_where_to_find_something_stays_confusion() -> None:
    assert "confusion" in labels("I don't know where the reset button is on this model. Which side is it?")


@pytest.mark.parametrize(
    "text",
    [
        "The scarf was a present for my mum and it turned up with a hole in it.",
        "The candle set was meant as a gift and the courier left it out in the rain.",
    ],
)
def test_a_spoilt_present_reads_as_disappointment(text: str) -> None:
    assert "disappointment" in labels(text), labels(text)


def test_a_damaged_keepsake_stays_sadness_first() -> None:
    found = labels("My grandad's watch came back from the repair shop cracked, and I cried when I opened it.")
    assert found[0] == "sadness", found


@pytest.mark.parametrize(
    "text",
    [
        "The clinic had no record of my appointment even though I'd booked it online. I felt so stupid at the "
        "front desk.",
        "You lost our table booking for my dad's 70th. The whole family waited outside. I felt like a complete fool.",
        "Your courier never turned up for the collection. I must have looked like an idiot waiting in the street.",
    ],
)
def test_feeling_foolish_after_the_business_failed_is_not_self_criticism(text: str) -> None:
    assert find_self_criticism(text) == []
    assert "embarrassment" in labels(text), labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I felt so stupid at the front desk. I booked the wrong day.",
        "I feel like an idiot for asking, but where do I find my invoice?",
        "You had no record of the parcel, but honestly I feel so silly, I typed my postcode wrong.",
        "I feel ridiculous, I locked myself out of the account for the third time.",
    ],
)
def test_feeling_foolish_is_still_self_criticism_without_a_business_failure(text: str) -> None:
    assert find_self_criticism(text), text
