"""A learner's progress summary (``empathic learn --report``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from empathic.course.content import Course
from empathic.course.progress import describe, next_open, resume_position
from empathic.course.store import ProgressStore
from empathic.types import STRATEGIES


@dataclass(frozen=True, slots=True)
class StrategyProgress:
    """Practice on the scenarios that call for one strategy."""

    strategy: str
    scenarios: int
    attempted: int
    passed: int


@dataclass(slots=True)
class LearnerReport:
    """Everything a learner (or their trainer) wants to know about their progress."""

    learner: str
    known: bool
    last_seen: str | None
    resume_at: str | None
    next_step: str | None
    lessons_total: int
    lessons_done: list[str] = field(default_factory=list)
    lessons_started: list[str] = field(default_factory=list)
    quiz_total: int = 0
    quiz_answered: int = 0
    quiz_correct: int = 0
    quiz_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)
    quiz_to_review: list[str] = field(default_factory=list)
    practice_total: int = 0
    practice_attempted: int = 0
    practice_passed: int = 0
    practice_attempts: int = 0
    best_scores: dict[str, int] = field(default_factory=dict)
    by_strategy: list[StrategyProgress] = field(default_factory=list)
    pitfall_counts: dict[str, int] = field(default_factory=dict)

    @property
    def average_best_score(self) -> float | None:
        """The mean of the learner's best score on each scenario they attempted."""
        if not self.best_scores:
            return None
        return sum(self.best_scores.values()) / len(self.best_scores)

    @property
    def finished(self) -> bool:
        """True when every lesson is done, every quiz item answered and every scenario passed."""
        return self.known and self.next_step is None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``empathic learn --report --json``)."""
        avg = self.average_best_score
        return {
            "learner": self.learner,
            "known": self.known,
            "last_seen": self.last_seen,
            "resume_at": self.resume_at,
            "next_step": self.next_step,
            "finished": self.finished,
            "lessons": {"total": self.lessons_total, "done": self.lessons_done, "started": self.lessons_started},
            "quiz": {
                "total": self.quiz_total,
                "answered": self.quiz_answered,
                "correct": self.quiz_correct,
                "by_kind": {k: {"answered": a, "correct": c} for k, (a, c) in self.quiz_by_kind.items()},
                "to_review": self.quiz_to_review,
            },
            "practice": {
                "total": self.practice_total,
                "attempted": self.practice_attempted,
                "passed": self.practice_passed,
                "attempts": self.practice_attempts,
                "average_best_score": round(avg, 1) if avg is not None else None,
                "best_scores": self.best_scores,
                "by_strategy": [
                    {"strategy": s.strategy, "scenarios": s.scenarios, "attempted": s.attempted, "passed": s.passed}
                    for s in self.by_strategy
                ],
                "pitfalls": self.pitfall_counts,
            },
        }


def build_report(course: Course, store: ProgressStore, learner: str) -> LearnerReport:
    """Summarise ``learner``'s progress through ``course`` from the store (read-only)."""
    learner = learner.strip()
    known = store.has_learner(learner)
    resume = resume_position(course, store, learner) if known else None
    upcoming = next_open(course, store, learner)
    report = LearnerReport(
        learner=learner,
        known=known,
        last_seen=store.last_seen(learner),
        resume_at=describe(course, resume) if resume else None,
        next_step=describe(course, upcoming) if upcoming else None,
        lessons_total=len(course.lessons),
        quiz_total=len(course.quiz),
        practice_total=len(course.scenarios),
    )
    if not known:
        return report

    states = store.lessons(learner)
    report.lessons_done = [x.id for x in course.lessons if x.id in states and states[x.id].completed]
    report.lessons_started = [x.id for x in course.lessons if x.id in states and not states[x.id].completed]

    quiz_ids = {q.id: q for q in course.quiz}
    latest = {k: v for k, v in store.latest_answers(learner).items() if k in quiz_ids}
    report.quiz_answered = len(latest)
    report.quiz_correct = sum(1 for a in latest.values() if a.correct)
    for kind in ("name_strategy", "spot_pitfall"):
        answered = [a for a in latest.values() if quiz_ids[a.item_id].kind == kind]
        report.quiz_by_kind[kind] = (len(answered), sum(1 for a in answered if a.correct))
    report.quiz_to_review = [q.id for q in course.quiz if q.id in latest and not latest[q.id].correct]

    scenario_ids = {s.id for s in course.scenarios}
    attempts = [a for a in store.attempts(learner) if a.scenario_id in scenario_ids]
    report.practice_attempts = len(attempts)
    passed = {a.scenario_id for a in attempts if a.passed}
    attempted = {a.scenario_id for a in attempts}
    report.practice_attempted = len(attempted)
    report.practice_passed = len(passed)
    for a in attempts:
        report.best_scores[a.scenario_id] = max(report.best_scores.get(a.scenario_id, 0), a.score)
    for strategy in STRATEGIES:
        calling = [s.id for s in course.scenarios if strategy in s.strategies]
        report.by_strategy.append(
            StrategyProgress(
                strategy=strategy,
                scenarios=len(calling),
                attempted=sum(1 for s in calling if s in attempted),
                passed=sum(1 for s in calling if s in passed),
            )
        )
    counts = Counter(k for a in attempts for k in a.pitfalls)
    report.pitfall_counts = dict(counts.most_common())
    return report
