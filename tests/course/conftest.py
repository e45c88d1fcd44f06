"""Fixtures for the course tests: hand-built analyses, a fake analyzer, a fresh progress store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from empathic.course import ProgressStore, Scenario
from empathic.types import Analysis, Exchange, Finding, Pitfall, Span, Tip


def make_analysis(
    customer: str,
    reply: str,
    *,
    found: dict[str, str] | None = None,
    pitfalls: dict[str, str | None] | None = None,
    score: int = 90,
    tips: list[Tip] | None = None,
) -> Analysis:
    """An Analysis as the pipeline would leave it: ``found`` maps strategy -> span text in ``reply``."""
    a = Analysis(exchange=Exchange(customer=customer, reply=reply))
    for strategy, text in (found or {}).items():
        start = reply.index(text)
        a.findings.append(Finding(strategy, Span.of(reply, start, start + len(text)), 0.9))
    for kind, text in (pitfalls or {}).items():
        span = None
        if text is not None:
            start = reply.index(text)
            span = Span.of(reply, start, start + len(text))
        a.pitfalls.append(Pitfall(kind, f"{kind} found", span))
    a.score = score
    a.tips = list(tips or [])
    return a


@pytest.fixture
def analysis_factory() -> Callable[..., Analysis]:
    """:func:`make_analysis`, for tests."""
    return make_analysis


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    """A fresh progress store in a temporary folder."""
    with ProgressStore.open(tmp_path / "home") as s:
        yield s


@pytest.fixture
def scenario() -> Scenario:
    """A small hand-built scenario that calls for reflecting emotion and normalizing."""
    return Scenario(
        id="t-1",
        industry="banking",
        title="A test scenario",
        context="A customer was charged twice.",
        customer="I was charged twice and I'm worried I'll go overdrawn.",
        emotions=("anxiety",),
        intensity="medium",
        self_critical=False,
        strategies=("reflecting_emotion", "normalizing"),
        model_answers=("Model answer one. It has two sentences.", "Model answer two. Also two sentences."),
    )
