"""Grading: quiz answers against the key, practice replies with the analyzer.

A practice reply passes when the analyzer finds every strategy the scenario calls for, finds no
pitfall, and scores it at least :data:`PASS_SCORE`. The result carries what the learner needs
to improve: the spans found (to highlight), the strategies missing, the pitfalls, and one
concrete suggestion taken from the analysis' tips or, failing that, from a model answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from empathic.course.content import NO_STRATEGY, QuizItem, Scenario, plain
from empathic.course.store import Attempt
from empathic.errors import InputError
from empathic.types import Analysis, Finding, Pitfall

#: Lowest score at which a practice reply that uses the called-for strategies, without pitfalls, passes.
PASS_SCORE = 70

#: Analyse ``reply`` as an answer to ``customer`` (the signature of :func:`empathic.analyze`).
Analyzer = Callable[[str, str], Analysis]

_LETTERS = "abcdefghij"


def _default_analyzer() -> Analyzer:
    # Imported on first use: building the pipeline loads lexicons and models, which the
    # lessons and the quiz never need.
    from empathic.pipeline import analyze

    return analyze


# --- quiz -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuizResult:
    """The verdict on one quiz answer."""

    item: QuizItem
    choice: str
    correct: bool

    @property
    def explanation(self) -> str:
        """Why the answer is what it is (the item's one-line explanation)."""
        return self.item.explanation


def choice_letter(index: int) -> str:
    """The letter shown for the ``index``-th choice (0 -> "a")."""
    return _LETTERS[index]


def parse_choice(item: QuizItem, raw: str) -> str:
    """The label id a learner meant by ``raw``: a letter ("b"), a number ("2"), a label id or its plain name.

    InputError when it matches none of the item's choices.
    """
    text = raw.strip().lower()
    if not text:
        raise InputError("no answer given")
    if len(text) == 1 and text in _LETTERS[: len(item.choices)]:
        return item.choices[_LETTERS.index(text)]
    if text.isdigit() and 1 <= int(text) <= len(item.choices):
        return item.choices[int(text) - 1]
    normal = text.replace("-", " ").replace("_", " ")
    for c in item.choices:
        if normal in (c.replace("_", " "), plain(c)) or (c == NO_STRATEGY and normal in ("none", "no strategy")):
            return c
    letters = "/".join(_LETTERS[: len(item.choices)])
    raise InputError(f"{raw.strip()!r} is not one of the choices; answer with {letters}")


def grade_quiz(item: QuizItem, choice: str) -> QuizResult:
    """Grade one answer (a label id, see :func:`parse_choice`)."""
    if choice not in item.choices:
        raise InputError(f"{choice!r} is not a choice of quiz item {item.id}")
    return QuizResult(item=item, choice=choice, correct=item.is_correct(choice))


# --- practice ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One thing to try next: a coaching tip from the analysis, or a model answer to compare with."""

    text: str
    source: Literal["tip", "model_answer"]
    why: str = ""


@dataclass(slots=True)
class PracticeResult:
    """How a practice reply did against its scenario."""

    scenario: Scenario
    reply: str
    analysis: Analysis
    required: tuple[str, ...]
    found: list[Finding]
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    pitfalls: list[Pitfall]
    score: int
    passed: bool
    suggestion: Suggestion | None = None
    attempted_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def strategies(self) -> list[str]:
        """Strategies the analyzer found in the reply."""
        return self.analysis.strategies

    def to_attempt(self) -> Attempt:
        """The record the progress store keeps."""
        return Attempt(
            scenario_id=self.scenario.id,
            reply=self.reply,
            score=self.score,
            found=tuple(self.analysis.strategies),
            missing=self.missing,
            pitfalls=tuple(self.analysis.pitfall_kinds),
            passed=self.passed,
            attempted_at=self.attempted_at,
        )


def model_answer(scenario: Scenario, attempt: int = 0) -> str:
    """One of the scenario's model answers, taking turns by attempt number so retries see a different one."""
    return scenario.model_answers[attempt % len(scenario.model_answers)]


def pick_suggestion(
    analysis: Analysis, scenario: Scenario, missing: tuple[str, ...], *, attempt: int = 0
) -> Suggestion:
    """The one suggestion to show: the most urgent relevant tip, else a model answer.

    Order: a tip about a pitfall found; a tip about a strategy the scenario calls for but the
    reply lacks; if something is still missing, a model answer (tips do not cover every gap, and
    an example shows what the words can look like); if nothing is wrong, the tip on a strategy used.
    """
    kinds = set(analysis.pitfall_kinds)
    for tip in analysis.tips:
        if tip.kind == "pitfall" and tip.target in kinds:
            return Suggestion(tip.text, "tip", tip.why)
    for tip in analysis.tips:
        if tip.kind == "gap" and tip.target in missing:
            return Suggestion(tip.text, "tip", tip.why)
    if missing or kinds:
        names = " and ".join(plain(s) for s in scenario.strategies)
        return Suggestion(model_answer(scenario, attempt), "model_answer", f"A model answer that uses {names}.")
    for tip in analysis.tips:
        if tip.kind == "strategy" and tip.target in scenario.strategies:
            return Suggestion(tip.text, "tip", tip.why)
    return Suggestion(model_answer(scenario, attempt), "model_answer", "Compare your reply with a model answer.")


def grade_practice(
    scenario: Scenario,
    reply: str,
    *,
    analyze: Analyzer | None = None,
    attempt: int = 0,
    pass_score: int = PASS_SCORE,
) -> PracticeResult:
    """Analyse ``reply`` to the scenario's customer and grade it against the strategies the scenario calls for.

    ``analyze`` defaults to :func:`empathic.analyze`; ``attempt`` (0-based) picks which model answer a
    suggestion shows. InputError when the reply is empty.
    """
    if not isinstance(reply, str) or not reply.strip():
        raise InputError("the reply is empty; write what you would send to the customer")
    run = analyze or _default_analyzer()
    analysis = run(scenario.customer, reply)
    found_strategies = set(analysis.strategies)
    missing = tuple(s for s in scenario.strategies if s not in found_strategies)
    extra = tuple(s for s in analysis.strategies if s not in scenario.strategies)
    passed = not missing and not analysis.pitfalls and analysis.score >= pass_score
    return PracticeResult(
        scenario=scenario,
        reply=reply,
        analysis=analysis,
        required=scenario.strategies,
        found=sorted(analysis.findings, key=lambda f: f.span.start),
        missing=missing,
        extra=extra,
        pitfalls=list(analysis.pitfalls),
        score=analysis.score,
        passed=passed,
        suggestion=pick_suggestion(analysis, scenario, missing, attempt=attempt),
    )
