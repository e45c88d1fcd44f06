"""What every strategy detector has in common: the :class:`Detector` protocol and its pipeline glue.

A detector reads an :class:`~empathic.types.Analysis` and proposes candidate findings; it never
decides the final answer. ``detect.resolve`` merges the candidates of every detector (rules now, a
learned model later) into non-overlapping findings, so a new detector can join or replace the rules
without any caller changing: register it with :func:`register_detector` and it runs as a component.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from empathic.components import component
from empathic.types import Analysis, Finding

#: What the ``detect.*`` components read and write (the Coach checks this order).
#: What a detector reads by default: the reply's sentence facts and clauses and the customer's reading (a detector
#: registered with :func:`register_detector` may name fewer or more).
DETECT_REQUIRES: tuple[str, ...] = (
    "reply_facts", "reply_clauses", "customer.emotions", "customer.intensity", "customer.valence",
    "customer.self_critical",
)
DETECT_ASSIGNS: tuple[str, ...] = ("candidates",)


@runtime_checkable
class Detector(Protocol):
    """Anything that proposes strategy findings for one analysis.

    ``name`` identifies the detector (it becomes ``Finding.source`` for learned models);
    ``detect`` returns candidate findings whose spans are offsets into ``analysis.reply``.
    Detectors must be stateless per call so one instance can serve many threads.
    """

    name: str

    def detect(self, analysis: Analysis) -> list[Finding]:
        """Candidate findings for ``analysis`` (may overlap; ``detect.resolve`` sorts them out)."""
        ...


def run_detector(detector: Detector, analysis: Analysis) -> Analysis:
    """Append ``detector``'s candidates to ``analysis.candidates`` (nothing when there is no reply)."""
    if analysis.reply.strip():
        analysis.candidates.extend(detector.detect(analysis))
    return analysis


def register_detector(name: str, detector: Detector, requires: tuple[str, ...] = DETECT_REQUIRES) -> Detector:
    """Register ``detector`` as pipeline component ``name`` (e.g. ``"detect.learned"``).

    The component appends the detector's candidates, so it can sit before ``detect.resolve``
    next to (or instead of) the rule detectors. ``requires``: the Analysis attributes it reads.
    """

    def _component(analysis: Analysis) -> Analysis:
        return run_detector(detector, analysis)

    _component.__doc__ = f"Propose candidate findings with the {detector.name!r} detector."
    component(name, requires=requires, assigns=DETECT_ASSIGNS)(_component)
    return detector
