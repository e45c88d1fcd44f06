"""dismissive: blaming the customer, making light of their problem, or ordering them about."""

from __future__ import annotations

from empathic.checks import data
from empathic.checks.registry import check
from empathic.checks.text import reply_sentences
from empathic.types import Analysis, Pitfall


def dismissive_rules(sentence: str) -> list[tuple[str, str]]:
    """``(rule id, what it does)`` for each dismissive rule that matches ``sentence``."""
    return [
        (rid, str(entry.get("what", "dismisses the customer")))
        for rid, pattern, entry in data.rules("dismissive")
        if pattern.search(sentence)
    ]


@check("dismissive")
def dismissive(analysis: Analysis) -> list[Pitfall]:
    """Sentences that blame, minimize or command ("calm down", "you should have read the terms")."""
    out = []
    for sent in reply_sentences(analysis):
        hits = dismissive_rules(sent.text)
        if not hits:
            continue
        whats = list(dict.fromkeys(what for _, what in hits))
        out.append(
            Pitfall(
                kind="dismissive",
                message=(
                    f"This sentence {' and '.join(whats)}. Customers who feel blamed or brushed off stop "
                    "listening; say what you can do for them instead."
                ),
                span=sent,
                severity="error",
            )
        )
    return out
