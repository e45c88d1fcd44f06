"""overgeneralizing: normalizing that makes the customer feel like just anyone, or shrugs them off."""

from __future__ import annotations

from empathic.checks.registry import check
from empathic.facts.text import reply_facts
from empathic.types import Analysis, Evidence, Pitfall


@check("overgeneralizing")
def overgeneralizing(analysis: Analysis) -> list[Pitfall]:
    """A sentence that says everyone has this problem in a way that shrugs the customer off."""
    out = []
    for facts in reply_facts(analysis):
        sent, hits = facts.span, facts.overgeneralizing
        if not hits:
            continue
        out.append(
            Pitfall(
                kind="overgeneralizing",
                message=(
                    'This makes the customer sound like just another case ("everyone", "every customer", '
                    '"we get hundreds of these"). Say the problem is common without brushing them off: '
                    '"lots of people find this confusing, and you haven\'t done anything wrong."'
                ),
                span=sent,
                severity="warning",
                evidence=tuple(
                    Evidence("rule", rid, None, (sent.start, sent.end)) for rid in hits
                ),
            )
        )
    return out
