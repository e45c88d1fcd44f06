"""self_criticism_unaddressed: a self-critical customer gets no reassurance or affirmation."""

from __future__ import annotations

from empathic.checks.registry import check
from empathic.facts.text import findings_of, reply_facts
from empathic.rules import rule_group
from empathic.strategies.normalizing import reassures_self_critic
from empathic.types import Analysis, Pitfall


def reassures(analysis: Analysis) -> bool:
    """True when the reply reassures or affirms the customer.

    Any normalizing finding counts, as does a reassuring phrase ("you're not stupid", "easy
    mistake to make"), any sentence the normalizing detector reads as an answer to self-criticism
    ("you did the best you could", "I'd have done exactly the same"), and a relating_experience
    story of making the same slip.
    """
    if findings_of(analysis, "normalizing"):
        return True
    if rule_group("reassurance", "reassurance").search(analysis.reply):
        return True
    if any(reassures_self_critic(facts) for facts in reply_facts(analysis)):
        return True
    same = rule_group("reassurance", "same_slip")
    return any(same.search(f.span.text) for f in findings_of(analysis, "relating_experience"))


@check("self_criticism_unaddressed")
def self_criticism_unaddressed(analysis: Analysis) -> list[Pitfall]:
    """The customer puts themselves down and the reply does nothing to lift them."""
    if not analysis.customer.self_critical or not analysis.reply or reassures(analysis):
        return []
    said = analysis.customer.self_criticism[0].text if analysis.customer.self_criticism else ""
    quoted = f' ("{said}")' if said else ""
    return [
        Pitfall(
            kind="self_criticism_unaddressed",
            message=(
                f"The customer is hard on themselves{quoted} and the reply lets it pass. Reassure them first: "
                "tell them it is an easy slip that many people make, or that it was not their fault."
            ),
            span=None,
            severity="warning",
        )
    ]
