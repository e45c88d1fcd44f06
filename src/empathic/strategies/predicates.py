"""The predicates rule files name in ``when`` / ``unless``: judgement that needs more than one phrase.

Each is registered by name with :func:`empathic.rules.predicate` and reads a
:class:`~empathic.rules.RuleContext` (the sentence's text forms, the customer's side). A rule file
may only name a predicate registered here; the loader refuses any other name.
"""

from __future__ import annotations

from empathic.rules import RuleContext, predicate


@predicate("self_critical")
def self_critical(ctx: RuleContext) -> bool:
    """The customer criticised themselves (praise and a same slip answer only such a customer, LABELS.md)."""
    return ctx.self_critical


@predicate("only_false_commonality")
def only_false_commonality(ctx: RuleContext) -> bool:
    """Every commonality cue of the sentence sits inside a not-commonality phrase ("it helped a lot of people")."""
    # Imported here: the detector imports the rule pack, which imports this module.
    from empathic.strategies.normalizing import _only_false_commonality

    return _only_false_commonality(ctx.view.norm)
