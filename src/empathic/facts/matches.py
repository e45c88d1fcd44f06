"""Which rules of the pitfall data a sentence matches: dismissive phrasing and overgeneralizing claims.

Facts the learned strategy detector (a dismissive sentence gets no learned candidate), the normalizing
detector (an overgeneralizing claim) and the dismissive and overgeneralizing checks all read (moved here
from the checks, so a detector need not import a check). The rules are data
(``rules/<lang>/dismissive.toml``, ``overgeneralizing.toml``; the rule ids are the pitfalls' evidence ids).
"""

from __future__ import annotations

from functools import lru_cache

from empathic.rules import rule_group


def dismissive_rules(sentence: str) -> list[tuple[str, str]]:
    """``(rule id, what it does)`` for each dismissive rule that matches ``sentence``."""
    return list(_dismissive_hits(sentence))


# The strategy model and this check both ask about every reply sentence, and the ~30 rules cost
# more than anything else per sentence; the rules are read-only data, so the answer can be kept.
@lru_cache(maxsize=1024)
def _dismissive_hits(sentence: str) -> tuple[tuple[str, str], ...]:
    hits = rule_group("dismissive", "dismissive").matches(sentence)
    return tuple((rule.id, rule.what or "dismisses the customer") for rule, _ in hits)


def overgeneralizing_rules(sentence: str) -> list[str]:
    """Ids of the overgeneralizing rules that match ``sentence`` (hedged claims like "almost everyone" excepted)."""
    return list(_overgeneralizing_hits(sentence))


# Asked by the normalizing detector and by this check about the same reply sentences; the rules are
# read-only data, so the answer can be kept.
@lru_cache(maxsize=1024)
def _overgeneralizing_hits(sentence: str) -> tuple[str, ...]:
    softener = rule_group("overgeneralizing", "softener").pattern
    hits = []
    for rule, _ in rule_group("overgeneralizing", "overgeneralizing").matches(sentence):
        for m in rule.pattern.finditer(sentence):
            if softener.search(sentence[max(0, m.start() - 24) : m.start()]):
                continue
            hits.append(rule.id)
            break
    return tuple(hits)
