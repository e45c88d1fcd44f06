"""A hand-built stand-in for the pipeline: a real analyze function that returns Analysis objects built in the test.

The evaluation logic is tested against it, so the tests know exactly what was predicted
and can work out every score by hand, without a trained model or the detectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from empathic.types import Analysis, CustomerSignals, EmotionScore, Exchange, Finding, Pitfall, Span


@dataclass(frozen=True)
class Prediction:
    """What the fake pipeline says about one reply: strategies (with the words), pitfalls, customer side."""

    findings: Sequence[tuple[str, str]] = ()
    pitfalls: Sequence[str] = ()
    emotions: Sequence[str] = ()
    self_critical: bool = False


def build_analysis(customer: str, reply: str | None, p: Prediction) -> Analysis:
    """An Analysis whose findings carry the exact spans of ``p.findings`` fragments in ``reply``."""
    text = reply or ""
    findings = []
    for strategy, fragment in p.findings:
        start = text.index(fragment)
        findings.append(Finding(strategy, Span.of(text, start, start + len(fragment)), 0.9))
    return Analysis(
        exchange=Exchange(customer=customer, reply=reply),
        findings=findings,
        pitfalls=[Pitfall(kind, f"{kind} found") for kind in p.pitfalls],
        customer=CustomerSignals(
            emotions=[EmotionScore(label, 0.9 - 0.1 * i) for i, label in enumerate(p.emotions)],
            self_critical=p.self_critical,
        ),
    )


@dataclass
class FakeAnalyzer:
    """``analyze(customer, reply)`` looking the answer up by reply (or by customer when there is no reply)."""

    by_text: dict[str, Prediction]
    calls: list[tuple[str, str | None]] = field(default_factory=list)

    def __call__(self, customer: str, reply: str | None) -> Analysis:
        self.calls.append((customer, reply))
        key = reply if reply is not None else customer
        return build_analysis(customer, reply, self.by_text.get(key, Prediction()))


@dataclass
class FakeCoach:
    """An object with a Coach's ``analyze`` method, delegating to a FakeAnalyzer."""

    fake: FakeAnalyzer

    def analyze(self, customer: str, reply: str | None = None, *, id: str | None = None) -> Analysis:
        return self.fake(customer, reply)
