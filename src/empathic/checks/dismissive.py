"""dismissive: blaming the customer, making light of their problem, or ordering them about."""

from __future__ import annotations

from empathic.checks.registry import check
from empathic.facts.text import reply_facts
from empathic.types import Analysis, Evidence, Pitfall


@check("dismissive")
def dismissive(analysis: Analysis) -> list[Pitfall]:
    """Sentences that blame, minimize or command ("calm down", "you should have read the terms")."""
    out = []
    for facts in reply_facts(analysis):
        sent, hits = facts.span, facts.dismissive
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
                evidence=tuple(Evidence("rule", rid, None, (sent.start, sent.end)) for rid, _ in hits),
            )
        )
    return out
