"""The labelling conventions overrule the learned strategy head in the default pipeline."""

from __future__ import annotations

from empathic import analyze


def test_learned_reflection_of_a_feeling_only_named_as_a_condition_is_dropped() -> None:
    customer = "I have a presentation at work tomorrow and I am dreading it."
    reply = "Even if you're feeling anxious, there are ways to hide it and come across as calm."
    a = analyze(customer, reply)
    # The learned head proposes it; the rules read the feeling as a condition of advice, not the customer's.
    assert any(c.strategy == "reflecting_emotion" and c.source == "model" for c in a.candidates)
    assert "reflecting_emotion" not in a.strategies
