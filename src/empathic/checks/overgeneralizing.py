"""overgeneralizing: normalizing that makes the customer feel like just anyone, or shrugs them off."""

from __future__ import annotations

from empathic.checks import data
from empathic.checks.registry import check
from empathic.checks.text import reply_sentences
from empathic.types import Analysis, Pitfall


def overgeneralizing_rules(sentence: str) -> list[str]:
    """Ids of the overgeneralizing rules that match ``sentence`` (hedged claims like "almost everyone" excepted)."""
    softener = data.regex("overgeneralizing", "softeners")
    hits = []
    for rid, pattern, _ in data.rules("overgeneralizing"):
        for m in pattern.finditer(sentence):
            if softener.search(sentence[max(0, m.start() - 24) : m.start()]):
                continue
            hits.append(rid)
            break
    return hits


@check("overgeneralizing")
def overgeneralizing(analysis: Analysis) -> list[Pitfall]:
    """A sentence that says everyone has this problem in a way that shrugs the customer off."""
    out = []
    for sent in reply_sentences(analysis):
        if not overgeneralizing_rules(sent.text):
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
            )
        )
    return out
