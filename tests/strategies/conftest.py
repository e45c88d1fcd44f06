"""Helpers for the strategy tests: run segmentation and the detectors on hand-built exchanges.

The detectors are run directly (not through listen), with the customer signals set by hand, so a
test states exactly what the customer side is and fails only for the strategies' own reasons.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from empathic.segment import segment
from empathic.strategies.normalizing import detect_normalizing
from empathic.strategies.reflecting import detect_reflecting_emotion
from empathic.strategies.relating import detect_relating_experience
from empathic.strategies.resolve import detect_resolve
from empathic.types import Analysis, CustomerSignals, EmotionScore, Exchange

DEFAULT_CUSTOMER = "I was charged twice for my order this month and I'm really annoyed about it."

Run = Callable[..., Analysis]


def run_strategies(
    reply: str,
    customer: str = DEFAULT_CUSTOMER,
    *,
    self_critical: bool = False,
    emotions: dict[str, float] | None = None,
) -> Analysis:
    """Segment ``reply`` and run the three rule detectors and resolve with the given customer signals."""
    analysis = Analysis(exchange=Exchange(customer=customer, reply=reply))
    segment(analysis)
    analysis.customer = CustomerSignals(
        emotions=[EmotionScore(label, score) for label, score in (emotions or {}).items()],
        self_critical=self_critical,
    )
    for step in (detect_relating_experience, detect_reflecting_emotion, detect_normalizing, detect_resolve):
        analysis = step(analysis)
    return analysis


@pytest.fixture
def run() -> Run:
    """:func:`run_strategies` as a fixture."""
    return run_strategies
