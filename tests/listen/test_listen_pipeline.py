"""The listen components through a Coach: registered, ordered and filling the Analysis."""

from __future__ import annotations

from empathic import Coach
from empathic.pipeline import registry

LISTEN = ["segment", "listen.emotions", "listen.causes", "listen.self_criticism"]


def test_components_are_registered_with_their_contract() -> None:
    known = registry()
    assert known["listen.emotions"].requires == ("customer_sentences", "customer_clauses")
    assert set(known["listen.emotions"].assigns) == {
        "customer.emotions",
        "customer.intensity",
        "customer.valence",
        "customer.emotion_spans",
    }
    assert known["listen.causes"].requires == ("customer_sentences", "customer.emotions")
    assert known["listen.causes"].assigns == ("customer.causes",)
    assert set(known["listen.self_criticism"].assigns) == {"customer.self_critical", "customer.self_criticism"}


def test_coach_with_listen_components_only() -> None:
    coach = Coach(LISTEN)
    text = "I was charged twice for the same order. I'm furious, and honestly I'm such an idiot for not noticing."
    analysis = coach.analyze(text)
    c = analysis.customer
    assert c.labels[0] == "anger"
    assert "embarrassment" in c.labels
    assert c.self_critical
    assert 0.0 < c.intensity <= 1.0
    assert c.valence < 0
    assert any(cause.span.text == "I was charged twice for the same order" for cause in c.causes)
    for _label, span in c.emotion_spans:
        assert text[span.start : span.end] == span.text
    assert analysis.components == LISTEN
    data = c.to_dict()
    assert data["self_critical"] is True and data["emotions"][0]["label"] == "anger"
