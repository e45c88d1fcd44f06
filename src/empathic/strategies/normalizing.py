"""normalizing: it is normal to have this problem or feeling; reassurance for a self-critical customer.

A sentence normalizes when it says others have the same problem or feeling ("Lots of people find
the new portal confusing", "you're far from the first to mix those up"), that the feeling is
natural ("Feeling scared is completely natural"), or reassures the customer against their own
self-criticism ("You're not stupid", "that's an easy slip, it's not on you", "go easy on yourself").
Praise and affirmation ("you did exactly the right thing", "you did the best you could") and the
agent's "I'd have done exactly the same" count only when the customer was self-critical (LABELS:
praise for a customer who was not self-critical is not normalizing).
Over-generalizing commonality ("we get hundreds of these a day") is still normalizing; the
overgeneralizing pitfall is flagged by the checks.
"""

from __future__ import annotations

from empathic import evidence as ev
from empathic.components import component
from empathic.facts.matches import overgeneralizing_rules
from empathic.facts.text import reply_facts
from empathic.languages import Language, per_language
from empathic.rules import RuleContext, RuleGroup, load_rule_pack
from empathic.strategies.base import DETECT_ASSIGNS, run_detector
from empathic.strategies.predicates import masked, normalizing_groups
from empathic.strategies.text import SentenceView, view
from empathic.types import Analysis, Evidence, Finding, SentenceFacts, Span

STRATEGY = "normalizing"

#: The rule file (``resources/rules/<lang>/normalizing.toml``).
RULES_FILE = "normalizing"

#: The labels that answer self-criticism itself (commonality and natural feelings answer the problem).
_ANSWERS_SELF_CRITICISM = ("reassurance", "praise", "same_slip")

#: The veto labels: phrases blanked before a label is read, and the third party that ends a span.
_VETO_LABELS = ("named_person", "not_commonality", "not_reassurance")


def _group(label: str) -> RuleGroup:
    # the file's groups, resolved once per language
    return normalizing_groups()[label]


@per_language
def _support_labels(lang: Language) -> tuple[str, ...]:
    """The file's support labels in file order (the order their evidence is listed in), once per language."""
    return tuple(label for label in load_rule_pack().labels(RULES_FILE) if label not in _VETO_LABELS)


def normalizing_confidence(v: SentenceView, *, self_critical: bool = False) -> float | None:
    """The confidence that sentence ``v`` normalizes the customer's problem or feeling, or None."""
    found = normalizing_evidence(v, self_critical=self_critical)
    return None if found is None else found[0]


def normalizing_evidence(
    v: SentenceView, *, self_critical: bool = False
) -> tuple[float, tuple[Evidence, ...]] | None:
    """:func:`normalizing_confidence` with the rules that matched (every cue group's pattern, or the shrug)."""
    if v.question:
        return None
    ctx = RuleContext(v, self_critical=self_critical)
    where = (v.span.start, v.span.end)
    best: float | None = None
    found: list[Evidence] = []
    for label in _support_labels():
        cues = _group(label)
        if label == "reassurance" and (masked := without_stock_reassurance(v.norm)) is not None:
            # "no need to worry, ..." is no reassurance: read the rest of the sentence only
            hit = cues.first({"normalized": masked}, ctx)
        else:
            hit = cues.first({"normalized": v.norm, "tagged": v.tagged}, ctx)
        if hit is None:
            continue
        rule = hit[0]
        confidence = float(rule.confidence or 0.0)
        found.append(Evidence("rule", rule.id, confidence, where))
        if best is None or confidence > best:
            best = confidence
    if best is None:
        # a reply sentence's matches are among its facts; a clause or a draft is read here
        shrugs = v.overgeneralizing if isinstance(v, SentenceFacts) else _shrugs(v.span.text)
        if shrugs:
            best = float(load_rule_pack().setting(RULES_FILE, "shrug_confidence"))
            found.append(ev.rule(ev.SHRUG, best, where))
            found.extend(Evidence("rule", rid, None, where) for rid in shrugs)
    if best is None:
        return None
    # strongest first: the rule that set the confidence leads the chain
    found.sort(key=lambda e: -(e.score or 0.0))
    return best, tuple(found)


def reassures_self_critic(v: SentenceView) -> bool:
    """True when sentence ``v`` answers a customer's self-criticism: reassurance, affirmation or a same slip.

    The self_criticism_unaddressed check asks this of every reply sentence, so a sentence the detector
    reads as reassurance lifts the pitfall even when another strategy won that sentence in resolve.
    """
    if v.question:
        return False
    for label in _ANSWERS_SELF_CRITICISM:
        if _group(label).first({"normalized": v.norm, "tagged": v.tagged}) is not None:
            return True
    return False


def _shrugs(text: str) -> list[str]:
    """The overgeneralizing check's rules that match (ids): a shrug is normalizing gone wrong.

    LABELS: overgeneralizing always comes with normalizing ("you're one of thousands", "just part
    of owning a car"), so the detector reads the same rules as the pitfall and the two agree.
    """
    return overgeneralizing_rules(text)


def _masked(norm: str, group: str) -> str | None:
    """``norm`` with every phrase of the veto label ``group`` blanked, or None when it has none."""
    return masked(norm, _group(group))


def without_stock_reassurance(norm: str) -> str | None:
    """``norm`` with its stock "don't worry" / "rest assured" phrases blanked, or None when it has none."""
    return _masked(norm, "not_reassurance")


def _names_someone(clause: Span, first: bool) -> bool:
    """True when ``clause`` names a third party ("Rachel Goode", "Mrs. Barlow")."""
    named = _group("named_person")
    for pattern in named.patterns:
        for m in pattern.finditer(clause.text):
            if m.start() > 0 or not first:
                return True
    return False


def trim_asides(analysis: Analysis, sentence: Span) -> Span:
    """``sentence`` cut before a clause about a named third party that follows the normalizing cue.

    "Lots of parents have had this happen — Rachel Goode on this morning's flight had the same
    thing — and we're fixing it": the normalizing words end before the identifiable story.
    """
    inside = [c for c in analysis.reply_clauses if sentence.start <= c.start and c.end <= sentence.end]
    if len(inside) < 2:
        return sentence
    self_critical = analysis.customer.self_critical
    seen_cue = False
    for i, clause in enumerate(inside):
        if normalizing_confidence(view(analysis.reply, clause), self_critical=self_critical) is not None:
            seen_cue = True
        elif seen_cue and i > 0 and _names_someone(clause, first=False):
            return Span.of(analysis.reply, sentence.start, inside[i - 1].end)
    return sentence


class NormalizingRules:
    """Rule detector for normalizing: one candidate per normalizing sentence."""

    name = "rules.normalizing"

    def detect(self, analysis: Analysis) -> list[Finding]:
        """Candidate normalizing findings, one per sentence that normalizes."""
        self_critical = analysis.customer.self_critical
        out: list[Finding] = []
        for facts in reply_facts(analysis):
            found = normalizing_evidence(facts, self_critical=self_critical)
            if found is not None:
                span = trim_asides(analysis, facts.span)
                out.append(Finding(STRATEGY, span, found[0], source="rules", evidence=found[1]))
        return out


RULES = NormalizingRules()


@component(
    "detect.normalizing",
    requires=("reply_facts", "reply_clauses", "customer.self_critical"),
    assigns=DETECT_ASSIGNS,
)
def detect_normalizing(analysis: Analysis) -> Analysis:
    """Propose normalizing candidates: commonality, natural feelings, reassurance."""
    return run_detector(RULES, analysis)
