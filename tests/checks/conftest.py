"""Builders for the checks' tests: Analysis objects made by hand, no other component needed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from empathic.segment import clauses, sentences
from empathic.types import Analysis, CustomerSignals, EmotionScore, Exchange, Finding, Span

Builder = Callable[..., Analysis]


def build_analysis(
    customer: str,
    reply: str,
    *,
    findings: Iterable[tuple[str, str]] = (),
    emotions: Iterable[str] = (),
    self_critical: bool = False,
) -> Analysis:
    """An Analysis as the upstream components would leave it.

    ``findings`` are (strategy, exact text of the reply) pairs; ``emotions`` are the customer's labels.
    """
    analysis = Analysis(exchange=Exchange(customer=customer, reply=reply))
    analysis.reply_sentences = sentences(reply)
    analysis.reply_clauses = clauses(reply, analysis.reply_sentences)
    for strategy, text in findings:
        start = reply.index(text)
        analysis.findings.append(Finding(strategy, Span.of(reply, start, start + len(text)), 0.9))
    analysis.customer = CustomerSignals(
        emotions=[EmotionScore(label, 0.9) for label in emotions], self_critical=self_critical
    )
    return analysis


@pytest.fixture()
def make() -> Builder:
    """The :func:`build_analysis` builder."""
    return build_analysis
