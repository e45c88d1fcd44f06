"""overgeneralizing: normalizing that makes the customer feel like just anyone, or shrugs them off."""

from __future__ import annotations

from functools import lru_cache

from empathic.checks import data
from empathic.checks.registry import check
from empathic.checks.text import reply_sentences
from empathic.types import Analysis, Evidence, Pitfall


def overgeneralizing_rules(sentence: str) -> list[str]:
    """Ids of the overgeneralizing rules that match ``sentence`` (hedged claims like "almost everyone" excepted)."""
    return list(_overgeneralizing_hits(sentence))


# Asked by the normalizing detector and by this check about the same reply sentences; the rules are
# read-only data, so the answer can be kept.
@lru_cache(maxsize=1024)
def _overgeneralizing_hits(sentence: str) -> tuple[str, ...]:
    softener = data.regex("overgeneralizing", "softeners")
    low = data.simple_lower(sentence)
    hits = []
    rules = data.rules("overgeneralizing")
    for (rid, pattern, _), needed in zip(rules, data.rule_triggers("overgeneralizing"), strict=True):
        # a rule none of whose required words occur cannot match: skip its regex
        if low is not None and needed is not None:
            for literal in needed:
                if literal in low:
                    break
            else:
                continue
        for m in pattern.finditer(sentence):
            if softener.search(sentence[max(0, m.start() - 24) : m.start()]):
                continue
            hits.append(rid)
            break
    return tuple(hits)


@check("overgeneralizing")
def overgeneralizing(analysis: Analysis) -> list[Pitfall]:
    """A sentence that says everyone has this problem in a way that shrugs the customer off."""
    out = []
    for sent in reply_sentences(analysis):
        hits = overgeneralizing_rules(sent.text)
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
                    Evidence("rule", f"overgeneralizing:{rid}", None, (sent.start, sent.end)) for rid in hits
                ),
            )
        )
    return out
