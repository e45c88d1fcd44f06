"""Curt statements the analyzer does not flag (a flat verdict, the company's right quoted as the last word), which a
rewrite says more kindly or removes.

The statements are rules of the rule pack, beside the dismissive pitfall's own: the rules labelled ``curt`` in
``rules/<lang>/dismissive.toml``, each with what a rewrite makes of a sentence it matches (``rewrite``; without one
the sentence goes). Shrugs, closed rules and blame are the dismissive pitfall's rules, which the rewrite mends as
a pitfall.
"""

from __future__ import annotations

import re

from empathic.rules import Rule, rule_group

#: The label of the curt statements in ``rules/<lang>/dismissive.toml``.
LABEL = "curt"
_GROUP = re.compile(r"\{(\d)\}")


def mend(rule: Rule, sentence: str) -> str | None:
    """What ``sentence`` becomes when ``rule`` matches it: the kinder sentence, or "" to remove it; None when the
    rule does not match."""
    m = rule.search(sentence.strip())
    if m is None:
        return None
    if rule.rewrite is None:
        return ""
    return _GROUP.sub(lambda g: (m.group(int(g.group(1))) or "").lower(), rule.rewrite)


def mend_dismissive(sentence: str) -> tuple[str, str] | None:
    """``(rule id, what the sentence becomes: "" to remove it)`` when ``sentence`` is a curt statement."""
    for rule in rule_group("dismissive", LABEL).rules:
        mended = mend(rule, sentence)
        if mended is not None:
            return rule.id, mended
    return None
