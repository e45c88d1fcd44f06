"""Rule examples as tests, and the report of rules (and predicates) no example needs.

Every ``[[rule]]`` of a rule pack carries ``examples.match`` (sentences it must match) and
``examples.no_match`` (near misses it must not). An example matches a rule when the rule's phrase or
regex matches the text form it reads (``reads``) of that sentence *and* its ``when`` / ``unless``
predicates hold in the context the example implies: the sentence itself, and the customer's message
the example names (``{text = "...", customer = "..."}``), read as the listen side reads it (whether
the customer criticises themselves ...). An example that names no customer implies one who showed
nothing: not self-critical.

A rule is *needed* by an example that it matches and no other rule of its file and label does:
deleting the rule would then fail that example. A predicate of a rule is *needed* by an example whose
outcome changes without it: deleting the ``when`` / ``unless`` would then fail that example. A rule
without such examples is dead weight (or under-documented), and :func:`report` lists it.

The customer cues of ``cues.toml`` are read by the emotion lexicon, so their examples are too: a
``match`` example must give a lexicon hit (:func:`~empathic.listen.lexicon.find_cues`) of exactly that
rule, not negated (a rule labelled "-" gives no feeling: any hit of it), a ``no_match`` example none.
Cues add up rather than answer with the first that matches, so a cue rule is needed by an example whose
reading (every hit's labels and weights) changes without it: its own weight goes, or the cues it hides
come back.

This module reads the customer's message with the listen components, so it sits above them (with
:mod:`empathic.rule_ids`, for tests and tools, not the hot path).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from empathic.listen.lexicon import CueHit, find_cues, find_cues_without_rule
from empathic.rules import Rule, RuleContext, RulePack


def example_forms(sentence: str) -> dict[str, str]:
    """The text forms of one example sentence, by form name (see :data:`empathic.rules.FORMS`)."""
    from empathic.strategies.text import sentence_forms

    forms = sentence_forms(sentence)
    forms["customer"] = forms["normalized"]
    return forms


def _customer(message: str) -> tuple[object, str, bool]:
    """The customer's message read as the listen side reads it, in the current language."""
    from empathic.languages import current

    return _customer_in(message, current().key)


@lru_cache(maxsize=256)
def _customer_in(message: str, lang: str) -> tuple[object, str, bool]:
    from empathic.listen import read_customer
    from empathic.strategies.text import normalize

    signals = read_customer(message)
    return signals, normalize(message), signals.self_critical


def example_context(rule: Rule, sentence: str) -> RuleContext:
    """The context example ``sentence`` of ``rule`` implies: its sentence view and the customer it names."""
    from empathic.strategies.text import view
    from empathic.types import Span

    v = view(sentence, Span.of(sentence, 0, len(sentence)))
    message = dict(rule.customers).get(sentence)
    if message is None:
        return RuleContext(v)
    signals, norm, self_critical = _customer(message)
    return RuleContext(v, customer=signals, customer_text=norm, self_critical=self_critical)


def rule_matches(rule: Rule, sentence: str) -> bool:
    """True when ``rule`` matches ``sentence`` in a text form it reads and its predicates hold for the example
    (a customer cue: the lexicon finds it in ``sentence``, not negated unless it is labelled "-")."""
    if rule.is_cue:
        return any(not h.negated or rule.label == "-" for h in _cue_hits(rule, sentence))
    forms = example_forms(sentence)
    if not any(rule.search(forms[form]) is not None for form in rule.reads):
        return False
    return not (rule.when or rule.unless) or rule.holds(example_context(rule, sentence))


def matches_near_miss(rule: Rule, sentence: str) -> bool:
    """True when near miss ``sentence`` fails ``rule``: the rule matches it (a customer cue: any hit, negated too)."""
    if rule.is_cue:
        return bool(_cue_hits(rule, sentence))
    return rule_matches(rule, sentence)


def _cue_hits(rule: Rule, sentence: str) -> list[CueHit]:
    """The lexicon's hits of customer cue ``rule`` in ``sentence`` (the current language's lexicon)."""
    return [h for h in find_cues(sentence) if rule.id in h.cue.ids]


def _cue_needed(rule: Rule, sentence: str) -> bool:
    """True when deleting customer cue ``rule`` changes the lexicon's reading of ``sentence`` (labels, weights)."""

    def reading(hits: list[CueHit]) -> list[tuple[int, int, str, float]]:
        return sorted((h.span.start, h.span.end, label, round(w, 9)) for h in hits for label, w in h.weights())

    return reading(find_cues(sentence)) != reading(find_cues_without_rule(sentence, rule.id))


def unneeded_predicates(rule: Rule) -> tuple[str, ...]:
    """The ``when`` / ``unless`` predicates of ``rule`` whose removal changes no example's outcome."""
    out = []
    examples = (*rule.match, *rule.no_match)
    outcome = {s: rule_matches(rule, s) for s in examples} if (rule.when or rule.unless) else {}
    for key in ("when", "unless"):
        for name in getattr(rule, key):
            without = replace(rule, **{key: tuple(n for n in getattr(rule, key) if n != name)})
            if all(rule_matches(without, s) == outcome[s] for s in examples):
                out.append(f"{key} {name}")
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RuleStatus:
    """What one rule's examples show: failures of its own examples, the examples that need it, and its
    predicates that no example needs."""

    rule: Rule
    unmatched: tuple[str, ...]
    wrongly_matched: tuple[str, ...]
    needed_by: tuple[str, ...]
    idle_predicates: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Every example behaves, at least one example needs this rule, and each predicate is needed."""
        return not self.unmatched and not self.wrongly_matched and bool(self.needed_by) and not self.idle_predicates


def rule_status(pack: RulePack, rule: Rule) -> RuleStatus:
    """Check ``rule``'s examples against it, its predicates and the other rules of its file and label."""
    others = [r for r in pack.group(rule.file, rule.label).rules if r.id != rule.id]
    unmatched = tuple(s for s in rule.match if not rule_matches(rule, s))
    wrongly = tuple(s for s in rule.no_match if matches_near_miss(rule, s))
    if rule.is_cue:
        needed = tuple(s for s in rule.match if s not in unmatched and _cue_needed(rule, s))
    else:
        needed = tuple(
            s for s in rule.match if s not in unmatched and not any(rule_matches(o, s) for o in others)
        )
    return RuleStatus(rule, unmatched, wrongly, needed, unneeded_predicates(rule))


def report(pack: RulePack) -> list[RuleStatus]:
    """The status of every rule of ``pack``, in file order."""
    return [rule_status(pack, rule) for rule in pack.rules]
