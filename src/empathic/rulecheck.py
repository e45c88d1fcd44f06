"""Rule examples as tests, and the report of rules no example needs.

Every ``[[rule]]`` of a rule pack carries ``examples.match`` (sentences it must match) and
``examples.no_match`` (near misses it must not). An example matches a rule when the rule's phrase or
regex matches the text form it reads (``reads``) of that sentence; ``when`` / ``unless`` predicates
are not applied (they need a customer), and are tested with the Python that defines them.

A rule is *needed* by an example that it matches and no other rule of its file and label does:
deleting the rule would then fail that example. A rule without such an example is dead weight (or
under-documented), and :func:`report` lists it.
"""

from __future__ import annotations

from dataclasses import dataclass

from empathic.rules import Rule, RulePack


def example_forms(sentence: str) -> dict[str, str]:
    """The text forms of one example sentence, by form name (see :data:`empathic.rules.FORMS`)."""
    # Imported here: the sentence views build on the rule pack's tags.
    from empathic.strategies.text import sentence_forms

    forms = sentence_forms(sentence)
    forms["customer"] = forms["normalized"]
    return forms


def rule_matches(rule: Rule, sentence: str) -> bool:
    """True when ``rule`` matches ``sentence`` in any text form it reads."""
    forms = example_forms(sentence)
    return any(rule.search(forms[form]) is not None for form in rule.reads)


@dataclass(frozen=True, slots=True)
class RuleStatus:
    """What one rule's examples show: failures of its own examples, and the examples that need it."""

    rule: Rule
    unmatched: tuple[str, ...]
    wrongly_matched: tuple[str, ...]
    needed_by: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Every example behaves and at least one example needs this rule."""
        return not self.unmatched and not self.wrongly_matched and bool(self.needed_by)


def rule_status(pack: RulePack, rule: Rule) -> RuleStatus:
    """Check ``rule``'s examples against it and against the other rules of its file and label."""
    others = [r for r in pack.group(rule.file, rule.label).rules if r.id != rule.id]
    unmatched = tuple(s for s in rule.match if not rule_matches(rule, s))
    wrongly = tuple(s for s in rule.no_match if rule_matches(rule, s))
    needed = tuple(
        s for s in rule.match if s not in unmatched and not any(rule_matches(o, s) for o in others)
    )
    return RuleStatus(rule, unmatched, wrongly, needed)


def report(pack: RulePack) -> list[RuleStatus]:
    """The status of every rule of ``pack``, in file order."""
    return [rule_status(pack, rule) for rule in pack.rules]
