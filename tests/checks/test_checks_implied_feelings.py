"""emotion_mismatch and self_criticism_unaddressed on feelings the customer shows through their situation.

A reply that names the feeling a failure implies (fear and anger after a safety near miss, anger at
a booking not honoured, worry about a deadline with stakes, overwhelm) is not a mismatch, nor is
"disappointing" for a customer angry or frustrated at a spoilt order. Feelings the customer does not
show are still flagged. All messages and replies were written for these tests.
"""

from __future__ import annotations

import pytest

import empathic
from empathic.checks.emotion_mismatch import emotion_mismatch
from empathic.checks.self_criticism import self_criticism_unaddressed

NEAR_MISS = (
    "I asked for the gluten-free pasta for my wife, who is coeliac, and it came with ordinary wheat pasta. "
    "She could have been really ill."
)
NOT_HONOURED = (
    "We drove three hours to the campsite and they've given our pitch away despite our confirmed booking. "
    "The kids are asleep in the car."
)
DEADLINE = "My visa interview is on Thursday and the embassy wants to see the bank letter you still haven't sent."
OVERWHELMED = "A pipe burst in the loft while we were away and the ceiling is down. Where do I even start?"
SPOILT = "My new lamp arrived with the shade crushed. Third delivery this month that's gone wrong."


def kinds(customer: str, reply: str) -> list[str]:
    """The pitfall kinds the whole pipeline finds for ``reply``."""
    return empathic.analyze(customer, reply).pitfall_kinds


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (
            NEAR_MISS,
            "Finding wheat pasta in a dish you ordered for a coeliac must have been scary, and you've "
            "every right to be furious. The restaurant is suspended from our gluten-free list.",
        ),
        (
            NEAR_MISS,
            "I'd be frightened and livid too if my partner's safe meal came with wheat in it. Your order is refunded.",
        ),
        (
            NOT_HONOURED,
            "Arriving late with sleeping kids to find your pitch gone despite a confirmed booking "
            "is infuriating. I've found you a pitch at our sister site ten minutes away.",
        ),
        (
            NOT_HONOURED,
            "No wonder you're angry after a three-hour drive to find your pitch given away. "
            "I've found you a pitch at our sister site ten minutes away.",
        ),
        (
            DEADLINE,
            "With the embassy waiting on that letter, it must be really worrying to have it still "
            "missing. I've sent it to you by email now.",
        ),
        (
            OVERWHELMED,
            "Feeling overwhelmed when the ceiling has come down is completely understandable. "
            "An emergency plumber is booked for this afternoon.",
        ),
        (SPOILT, "It's so disappointing to unpack a new lamp and find the shade crushed. A replacement ships today."),
    ],
)
def test_naming_the_feeling_the_situation_implies_is_no_mismatch(customer: str, reply: str) -> None:
    assert "emotion_mismatch" not in kinds(customer, reply)


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (NEAR_MISS, "Glad you're enjoying our new menu! Your order is refunded."),
        (NOT_HONOURED, "It's completely natural to feel a little sad on holiday. I've found you another pitch."),
        (SPOILT, "I can tell you're feeling nervous about the lamp. A replacement ships today."),
    ],
)
def test_a_feeling_the_customer_does_not_show_is_still_a_mismatch(customer: str, reply: str) -> None:
    assert "emotion_mismatch" in kinds(customer, reply)


@pytest.mark.parametrize("label", ["anger", "frustration", "impatience"])
def test_disappointment_fits_an_angry_frustrated_or_impatient_customer(make, label: str) -> None:
    analysis = make(
        "The table I ordered came scratched after a six-week wait.",
        "It's so disappointing to wait six weeks for a table and find it scratched. A new one ships Monday.",
        emotions=[label],
    )
    assert emotion_mismatch(analysis) == []


def test_sadness_still_does_not_fit_an_angry_customer(make) -> None:
    analysis = make(
        "The table I ordered came scratched after a six-week wait.",
        "I can tell you're feeling really sad about the table. A new one ships Monday.",
        emotions=["anger"],
    )
    assert [p.kind for p in emotion_mismatch(analysis)] == ["emotion_mismatch"]


def test_feeling_foolish_after_the_business_lost_a_booking_needs_no_reassurance() -> None:
    customer = (
        "The clinic had no record of my appointment even though I'd booked it online. "
        "I felt so stupid at the front desk."
    )
    reply = (
        "It must have been embarrassing to be turned away at the desk after booking properly. "
        "Our booking system dropped your appointment; I've rebooked you for 9am tomorrow."
    )
    analysis = empathic.analyze(customer, reply)
    assert not analysis.customer.self_critical
    assert self_criticism_unaddressed(analysis) == []
    assert "emotion_mismatch" not in analysis.pitfall_kinds


def test_feeling_foolish_after_ones_own_slip_still_needs_reassurance() -> None:
    customer = "I felt so stupid at the front desk. I booked the wrong day."
    reply = "I've moved your appointment to 9am tomorrow."
    analysis = empathic.analyze(customer, reply)
    assert analysis.customer.self_critical
    assert [p.kind for p in self_criticism_unaddressed(analysis)] == ["self_criticism_unaddressed"]
