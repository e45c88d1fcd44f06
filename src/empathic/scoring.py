"""Opportunity-aware scoring and coaching tips (component ``score``).

The score weighs what the reply gave against what the customer's message called for.
The shared constants live in ``resources/coaching/rubric.toml`` (documented in the README); what belongs
to one strategy or pitfall (when it is called for, its off-target credit, its penalty, whether it voids a
strategy's credit, which tips it has) lives in its registry file (:mod:`empathic.catalog`); every tip's
text in ``resources/coaching/tips.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from empathic.catalog import registry
from empathic.components import component
from empathic.errors import ResourceError
from empathic.listen.context import read_context
from empathic.perspective import customer_reason
from empathic.resources import resource_text
from empathic.types import NEGATIVE_EMOTIONS, STRATEGIES, Analysis, Finding, Tip

#: How a person in each state is described ("you're frustrated").
EMOTION_FEELING = {
    "anger": "angry",
    "frustration": "frustrated",
    "anxiety": "worried",
    "sadness": "upset",
    "disappointment": "disappointed",
    "confusion": "confused",
    "embarrassment": "embarrassed",
    "impatience": "fed up",
    "fear": "scared",
}

#: Adjectives that describe a situation causing each feeling ("It's really frustrating to ...").
EMOTION_ADJECTIVE = {
    "anger": "infuriating",
    "frustration": "frustrating",
    "anxiety": "worrying",
    "sadness": "upsetting",
    "disappointment": "disappointing",
    "confusion": "confusing",
    "embarrassment": "embarrassing",
    "impatience": "frustrating",
    "fear": "frightening",
}

_REPEAT_CONTACT = re.compile(
    r"\b(?:again|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|still (?:not|no|waiting|haven't|hasn't)|"
    r"already (?:called|rang|phoned|emailed|contacted|told|explained|asked)|keep (?:calling|asking|getting)|"
    r"(?:every|each) time|for (?:days|weeks|months)|(?:days|weeks|months) (?:now|later|ago))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rubric:
    """The named constants of the score (see rubric.toml)."""

    neg_weight: float
    intensity_weight: float
    self_critical_weight: float
    repeat_weight: float
    carried_weight: float
    needed_threshold: float
    not_needed_base: float
    not_needed_strategy_bonus: float
    needed_floor: float
    primary_points: float
    secondary_points: float
    full_confidence: float


@lru_cache(maxsize=1)
def rubric() -> Rubric:
    """The packaged scoring rubric."""
    data = tomllib.loads(resource_text("coaching", "rubric.toml"))
    return Rubric(**data["opportunity"], **data["score"])


@lru_cache(maxsize=1)
def _tips() -> dict[str, Any]:
    return tomllib.loads(resource_text("coaching", "tips.toml"))


def _tip(ref: str) -> dict[str, Any] | None:
    """The tips.toml entry a registry file names (``"pitfall.dismissive"``), None when there is none."""
    section, _, name = ref.partition(".")
    entry = _tips().get(section, {}).get(name)
    return entry if isinstance(entry, dict) else None


def open_feelings(analysis: Analysis) -> list[str]:
    """The customer's bad feelings still open at the reply: the latest message's, then earlier turns' ones.

    A plain follow-up after the problem is solved ("Great, thanks, that's working now") leaves none,
    whatever the customer felt before (listen/context.py).
    """
    ctx = read_context(analysis)
    if ctx.resolved:
        return []
    latest = analysis.customer.negative
    return [*latest, *(label for label in ctx.carried if label not in latest)]


def called_for(analysis: Analysis) -> list[str]:
    """The strategies the customer's message calls for first, in canonical order.

    Feelings of earlier turns that are still open count (:func:`open_feelings`).
    """
    negative = open_feelings(analysis)
    self_critical = analysis.customer.self_critical
    return [
        s.name
        for s in registry().strategies
        if (s.called_for.negative_feeling and negative)
        or (s.called_for.self_critical and self_critical)
        or s.called_for.feelings.intersection(negative)
    ]


def repeat_contact(analysis: Analysis) -> bool:
    """True when the customer has been in touch before about a matter still open (earlier turns or "again")."""
    ctx = read_context(analysis)
    if ctx.resolved:
        return False
    return ctx.earlier_open_turns > 0 or bool(_REPEAT_CONTACT.search(analysis.exchange.customer))


def opportunity(analysis: Analysis) -> float:
    """How much empathy the customer's message calls for, in [0, 1].

    The latest message's feelings count fully; bad feelings of earlier turns that are still open count
    at ``carried_weight``. A plain follow-up after the problem is solved counts only self-blame.
    """
    r = rubric()
    cust = analysis.customer
    ctx = read_context(analysis)
    if ctx.resolved:
        return max(0.0, min(1.0, r.self_critical_weight * float(cust.self_critical)))
    neg = max((e.score for e in cust.emotions if e.label in NEGATIVE_EMOTIONS), default=0.0)
    neg = max(neg, r.carried_weight * max(ctx.carried.values(), default=0.0))
    value = (
        r.neg_weight * neg
        + r.intensity_weight * cust.intensity
        + r.self_critical_weight * float(cust.self_critical)
        + r.repeat_weight * float(repeat_contact(analysis))
    )
    return max(0.0, min(1.0, value))


def credited_findings(analysis: Analysis) -> list[Finding]:
    """The findings that earn credit: those no voiding pitfall (registry ``voids_credit``) sits on.

    LABELS.md: overgeneralizing comes with normalizing, but "we get hundreds of these a day" shrugs the
    customer off; the sentence stays a (flawed) normalizing finding and gives the reply nothing.
    """
    voiding = {p.name for p in registry().pitfalls if p.voids_credit}
    voids = [p.span for p in analysis.pitfalls if p.kind in voiding and p.span is not None]
    if not voids:
        return list(analysis.findings)
    return [f for f in analysis.findings if not any(f.span.overlaps(v) for v in voids)]


def credited_strategies(analysis: Analysis) -> list[str]:
    """Strategies with at least one credited finding, in canonical order."""
    found = {f.strategy for f in credited_findings(analysis)}
    return [s for s in STRATEGIES if s in found]


def _credit(analysis: Analysis, wanted: list[str]) -> dict[str, float]:
    """Credit per strategy found: confidence-scaled, reduced when the moment did not call for it."""
    r = rubric()
    reg = registry()
    credit: dict[str, float] = {}
    for f in credited_findings(analysis):
        c = min(1.0, f.confidence / r.full_confidence)
        if wanted and f.strategy not in wanted:
            c *= reg.strategy(f.strategy).off_target_credit
        credit[f.strategy] = max(credit.get(f.strategy, 0.0), c)
    return credit


def compute_score(analysis: Analysis) -> tuple[int, dict[str, float]]:
    """The 0-100 score and its breakdown for an analysis whose findings and pitfalls are set."""
    r = rubric()
    need = analysis.opportunity
    wanted = called_for(analysis)
    credit = _credit(analysis, wanted)
    ranked = sorted(credit.items(), key=lambda kv: -kv[1])
    best = ranked[0][1] if ranked else 0.0
    # A second strategy adds credit only when the moment also called for it.
    second = max((c for s, c in ranked[1:] if s in wanted), default=0.0)
    needed_score = r.needed_floor + r.primary_points * best + r.secondary_points * second
    plain_score = r.not_needed_base + r.not_needed_strategy_bonus * best
    base = need * needed_score + (1.0 - need) * plain_score if need >= r.needed_threshold else plain_score
    breakdown: dict[str, float] = {"opportunity": need, "base": base}
    for s, c in credit.items():
        breakdown[f"strategy.{s}"] = c
    penalty = 0.0
    for kind in analysis.pitfall_kinds:
        p = registry().pitfall(kind).penalty
        breakdown[f"pitfall.{kind}"] = -p
        penalty += p
    score = round(max(0.0, min(100.0, base - penalty)))
    return score, breakdown


def _fill(template: str, values: dict[str, str], lazy: dict[str, Callable[[], str]] | None = None) -> str:
    """``template`` with its ``{name}`` slots filled; a slot in ``lazy`` is computed on first use only."""

    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in values and lazy and name in lazy:
            values[name] = lazy[name]()
        return values.get(name, m.group(0))

    return re.sub(r"\{(\w+)\}", value, template)


def tips_of(strategy: str, which: str) -> dict[str, Any]:
    """The tips.toml entry a strategy's registry file names for ``which`` (``praise`` or ``gap``)."""
    ref = registry().strategy(strategy).tips[which]
    entry = _tip(ref)
    if entry is None:
        raise ResourceError(f"registry: the {which} tip of {strategy} names {ref!r}, which tips.toml lacks")
    return entry


def coaching_tips(analysis: Analysis) -> list[Tip]:
    """Tips for every pitfall, every gap and every strategy used, in that order (most urgent first)."""
    negative = open_feelings(analysis)
    emotion = negative[0] if negative else "upset"
    cause = analysis.customer.causes[0].span.text if analysis.customer.causes else ""
    values = {
        "emotion": emotion,
        "emotion_adj": EMOTION_ADJECTIVE.get(emotion, "hard"),
        "feeling": EMOTION_FEELING.get(emotion, "upset"),
        "cause": cause,
    }
    # The same reason clause suggestions use ("you were charged twice"), so tips read as sentences;
    # worked out only for the tips that quote it.
    # Without a clause the tip's plain wording is used: an example must quote this customer, never a stock one.
    lazy = {"cause_short": lambda: customer_reason(analysis, emotion)[0] or ""}

    def text_of(t: dict[str, str]) -> str:
        text = _fill(t["text"], values, lazy)
        return _fill(t["text_plain"], values, lazy) if values.get("cause_short") == "" and "text_plain" in t else text

    out: list[Tip] = []
    seen: set[str] = set()
    given = credited_strategies(analysis)
    # a strategy whose every finding a pitfall voids is neither praised nor asked for again: the pitfall's
    # own tip says how to mend it
    voided = set(analysis.strategies) - set(given)
    reg = registry()
    for p in analysis.pitfalls:
        fix = _tip(reg.pitfall(p.kind).tips["fix"])
        if p.kind in seen or fix is None:
            continue
        seen.add(p.kind)
        t = fix
        out.append(Tip(kind="pitfall", text=text_of(t), why=t["why"], target=p.kind))
    if analysis.exchange.reply and analysis.opportunity_class == "needed_but_missing":
        for s in called_for(analysis):
            if s == "relating_experience" or s in given or s in voided:
                continue
            if s == "normalizing" and "self_criticism_unaddressed" in seen:
                continue
            t = tips_of(s, "gap")
            out.append(Tip(kind="gap", text=text_of(t), why=t["why"], target=s))
    for s in given:
        t = tips_of(s, "praise")
        if seen.intersection(t.get("unless", ())):
            continue
        out.append(Tip(kind="strategy", text=_fill(t["text"], values, lazy), why=t["why"], target=s))
    return out


@component(
    "score",
    requires=("findings", "pitfalls", "customer.emotions", "customer.intensity", "customer.self_critical",
              "customer.causes"),
    assigns=("opportunity", "opportunity_class", "score", "breakdown", "tips"),
)
def score(analysis: Analysis) -> Analysis:
    """Score the reply against the opportunity it had and write coaching tips."""
    analysis.opportunity = opportunity(analysis)
    needed = analysis.opportunity >= rubric().needed_threshold
    if not needed:
        analysis.opportunity_class = "not_needed"
    elif credited_findings(analysis):
        analysis.opportunity_class = "needed_and_given"
    else:
        analysis.opportunity_class = "needed_but_missing"
    if analysis.exchange.reply:
        analysis.score, analysis.breakdown = compute_score(analysis)
    else:
        analysis.score, analysis.breakdown = 0, {"opportunity": analysis.opportunity}
    analysis.tips = coaching_tips(analysis)
    return analysis
