"""emotion_mismatch ignores feelings the reply names but does not put on the customer.

A feeling that is the benefit of advice, a condition or a wish is not a claim about how the
customer feels, so it cannot be the wrong feeling; one that is said of the customer still is.
"""

from __future__ import annotations

import pytest

from empathic import analyze

ANGRY = "You took the payment twice and nobody picks up the phone. I am absolutely furious."


@pytest.mark.parametrize(
    "reply",
    [
        "A few deep breaths might ease your anxiety while the second payment is returned.",
        "You can ring us any time you are feeling nervous about the account.",
        "Wishing you all the best through this sad time; the refund is on its way.",
    ],
)
def test_feeling_not_given_to_the_customer_is_no_mismatch(reply: str) -> None:
    a = analyze(ANGRY, reply)
    assert "anger" in a.customer.labels
    assert "emotion_mismatch" not in a.pitfall_kinds


def test_feeling_put_on_the_customer_is_still_a_mismatch() -> None:
    a = analyze(ANGRY, "It's completely normal to feel nervous when a payment goes out twice.")
    assert "emotion_mismatch" in a.pitfall_kinds
