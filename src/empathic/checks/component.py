"""The ``check.pitfalls`` pipeline component: runs every registered check on the Analysis."""

from __future__ import annotations

from empathic.checks.registry import run_checks
from empathic.components import component
from empathic.types import Analysis


@component(
    "check.pitfalls",
    requires=("reply_facts", "customer_facts", "findings", "customer.emotions", "customer.valence",
              "customer.self_critical", "customer.self_criticism"),
    assigns=("pitfalls",),
)
def check_pitfalls(analysis: Analysis) -> Analysis:
    """Flag the pitfalls of the reply (too-long or irrelevant stories, overgeneralizing, ...)."""
    if not analysis.reply:
        analysis.pitfalls = []
        return analysis
    found = run_checks(analysis)
    # Pitfalls an earlier component already reported are kept; ours are added unless already there.
    have = {(p.kind, p.span) for p in analysis.pitfalls}
    analysis.pitfalls = [*analysis.pitfalls, *(p for p in found if (p.kind, p.span) not in have)]
    return analysis
