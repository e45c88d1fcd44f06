"""The predicates rule files name in ``when`` / ``unless``: judgement that needs more than one phrase.

Each is registered by name with :func:`empathic.rules.predicate` and reads a
:class:`~empathic.rules.RuleContext` (the sentence's text forms, the customer's side). A rule file
may only name a predicate registered here; the loader refuses any other name.
"""

from __future__ import annotations

from empathic.rules import Groups, RuleContext, RuleGroup, RulePack, predicate, rule_view


@rule_view
def normalizing_groups(pack: RulePack) -> Groups:
    """The groups of the current language's normalizing.toml by label (its detector and these predicates read them)."""
    return pack.groups("normalizing")


def masked(norm: str, phrases: RuleGroup) -> str | None:
    """``norm`` with every phrase of the veto group ``phrases`` blanked, or None when it has none (the normalizing
    detector masks its stock phrases the same way)."""
    if not phrases.search(norm):
        return None
    for pattern in phrases.patterns:
        norm = pattern.sub(" ", norm)
    return norm


@predicate("self_critical")
def self_critical(ctx: RuleContext) -> bool:
    """The customer criticised themselves (praise and a same slip answer only such a customer, LABELS.md)."""
    return ctx.self_critical


@predicate("only_false_commonality")
def only_false_commonality(ctx: RuleContext) -> bool:
    """Every commonality cue of the sentence sits inside a not-commonality phrase ("it helped a lot of people")."""
    groups = normalizing_groups()
    masked_norm = masked(ctx.view.norm, groups["not_commonality"])
    return masked_norm is not None and groups["commonality"].search(masked_norm) is None
