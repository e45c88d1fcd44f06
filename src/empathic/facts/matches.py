"""Which rules of the pitfall data a sentence matches: dismissive phrasing and overgeneralizing claims.

Facts the learned strategy detector (a dismissive sentence gets no learned candidate), the normalizing
detector (an overgeneralizing claim) and the dismissive and overgeneralizing checks all read (moved here
from the checks, so a detector need not import a check). A reply sentence's matches are read once per
analysis and kept in its facts (``SentenceFacts.dismissive``, ``.overgeneralizing``). The rules are data
(``rules/<lang>/dismissive.toml``, ``overgeneralizing.toml``; the rule ids are the pitfalls' evidence ids).
"""

from __future__ import annotations

from dataclasses import dataclass

from empathic.rules import RuleGroup, RulePack, rule_view


@dataclass(frozen=True, slots=True)
class _Rules:
    """The pitfall rule groups a sentence's matches read (dismissive.toml, overgeneralizing.toml)."""

    dismissive: RuleGroup
    overgeneralizing: RuleGroup
    softener: RuleGroup


@rule_view
def _rules(pack: RulePack) -> _Rules:
    """The matches' view of the current language's rule pack."""
    return _Rules(
        dismissive=pack.group("dismissive", "dismissive"),
        overgeneralizing=pack.group("overgeneralizing", "overgeneralizing"),
        softener=pack.group("overgeneralizing", "softener"),
    )


def dismissive_rules(sentence: str) -> list[tuple[str, str]]:
    """``(rule id, what it does)`` for each dismissive rule that matches ``sentence``."""
    hits = _rules().dismissive.matches(sentence)
    return [(rule.id, rule.what or "dismisses the customer") for rule, _ in hits]


def overgeneralizing_rules(sentence: str) -> list[str]:
    """Ids of the overgeneralizing rules that match ``sentence`` (hedged claims like "almost everyone" excepted)."""
    rules = _rules()
    softener = rules.softener.pattern
    hits = []
    for rule, _ in rules.overgeneralizing.matches(sentence):
        for m in rule.pattern.finditer(sentence):
            if softener.search(sentence[max(0, m.start() - 24) : m.start()]):
                continue
            hits.append(rule.id)
            break
    return hits
