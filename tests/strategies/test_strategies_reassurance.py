"""normalizing as reassurance and affirmation for a self-critical customer (LABELS.md), and the pitfall that agrees.

LABELS.md: normalizing includes "reassurance and affirmation for a self-critical customer"; "praise for a
customer who was not self-critical is not normalizing"; self_criticism_unaddressed is "the customer is
self-critical and the reply offers no reassurance or affirmation". Every reply here was written for this file.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from empathic import analyze
from empathic.types import Analysis

Run = Callable[..., Analysis]

CRITICAL = "I forgot to send the school trip form again. I'm such a failure as a parent."
ACTION = "I've reopened the form for you until Friday."


def _normalizing_text(analysis: Analysis) -> list[str]:
    return [f.span.text for f in analysis.findings if f.strategy == "normalizing"]


@pytest.mark.parametrize(
    "sentence",
    [
        "That doesn't make you a failure.",
        "You're not a failure for missing one form.",
        "Go easy on yourself.",
        "Cut yourself some slack, these forms come round every week.",
        "You're only human.",
        "None of this is on you.",
        "There's no reason to feel guilty about it.",
        "Nobody at the school will think less of you.",
    ],
)
def test_reassurance_against_a_self_judgement_is_normalizing(run: Run, sentence: str) -> None:
    a = run(f"{sentence} {ACTION}", CRITICAL, self_critical=True)
    assert sentence in _normalizing_text(a), a.findings


@pytest.mark.parametrize(
    "sentence",
    [
        "You did the best you could with a busy week.",
        "You're doing much better than you think.",
        "Give yourself more credit, you remembered before the deadline.",
        "Be kind to yourself this week.",
        "That just shows how much you care about them.",
        # the agent's hypothetical same slip: no story of their own, but reassurance all the same
        "I'd have done exactly the same in your shoes.",
        "Honestly, I would have made the same mistake.",
    ],
)
def test_affirmation_counts_only_for_a_self_critical_customer(run: Run, sentence: str) -> None:
    reply = f"{sentence} {ACTION}"
    assert sentence in _normalizing_text(run(reply, CRITICAL, self_critical=True))
    calm = "Can you reopen the school trip form? I missed the date."
    assert _normalizing_text(run(reply, calm, self_critical=False)) == []


def test_a_question_is_not_affirmation(run: Run) -> None:
    said = run(f"You did the best you could. {ACTION}", CRITICAL, self_critical=True)
    asked = run(f"Did you do the best you could? {ACTION}", CRITICAL, self_critical=True)
    assert _normalizing_text(said) and not _normalizing_text(asked)


def test_an_imagined_feeling_is_not_a_same_slip(run: Run) -> None:
    """'I'd have made the same mistake' reassures; 'I'd have been livid too' mirrors a feeling (LABELS: reflecting)."""
    slip = run(f"I'd have made the same mistake. {ACTION}", CRITICAL, self_critical=True)
    feeling = run(f"I'd have been livid too. {ACTION}", CRITICAL, self_critical=True)
    assert _normalizing_text(slip)
    assert not _normalizing_text(feeling)


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd have done exactly the same in your shoes.",
        "You did the best you could with a busy week.",
        "Go easy on yourself.",
        "That doesn't make you a failure.",
    ],
)
def test_pitfall_agrees_with_the_detector(sentence: str) -> None:
    """Through the whole pipeline: reassurance is found as normalizing and lifts self_criticism_unaddressed."""
    a = analyze(CRITICAL, f"{sentence} {ACTION}")
    assert a.customer.self_critical
    assert "normalizing" in a.strategies
    assert "self_criticism_unaddressed" not in [p.kind for p in a.pitfalls]
    plain = analyze(CRITICAL, ACTION)
    assert "self_criticism_unaddressed" in [p.kind for p in plain.pitfalls]


def test_general_life_self_criticism_reaches_the_detector() -> None:
    """A customer who calls themselves worthless is self-critical, so affirmation is normalizing for them."""
    customer = "My partner left and honestly I feel completely worthless. Can you pause the joint account?"
    a = analyze(customer, f"You're doing much better than you think. {ACTION}")
    assert a.customer.self_critical
    assert "normalizing" in a.strategies
