"""dismissive: blaming the customer, making light of their problem, or ordering them about."""

from __future__ import annotations

from functools import lru_cache

from empathic.checks import data
from empathic.checks.registry import check
from empathic.checks.text import reply_sentences
from empathic.types import Analysis, Evidence, Pitfall


def dismissive_rules(sentence: str) -> list[tuple[str, str]]:
    """``(rule id, what it does)`` for each dismissive rule that matches ``sentence``."""
    return list(_dismissive_hits(sentence))


# The strategy model and this check both ask about every reply sentence, and the ~30 rules cost
# more than anything else per sentence; the rules are read-only data, so the answer can be kept.
@lru_cache(maxsize=1024)
def _dismissive_hits(sentence: str) -> tuple[tuple[str, str], ...]:
    low = data.simple_lower(sentence)
    hits = []
    for (rid, pattern, entry), needed in zip(data.rules("dismissive"), data.rule_triggers("dismissive"), strict=True):
        # a rule none of whose required words occur cannot match: skip its (costly) regex
        if low is not None and needed is not None:
            for literal in needed:
                if literal in low:
                    break
            else:
                continue
        if pattern.search(sentence):
            hits.append((rid, str(entry.get("what", "dismisses the customer"))))
    return tuple(hits)


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
                evidence=tuple(Evidence("rule", f"dismissive:{rid}", None, (sent.start, sent.end)) for rid, _ in hits),
            )
        )
    return out
