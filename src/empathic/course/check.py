"""The content check: does the analyzer agree with the course's own model answers and labels?

Two fractions matter (``empathic learn --check``):

* ``score_fraction``: model answers the analyzer scores >= ``min_score`` with no pitfall;
* ``strategy_fraction``: scenarios whose listed strategies are all found in every one of their
  model answers.

Each failing answer or scenario is listed with what the analyzer saw, so a human can judge
whether the answer or the analyzer is wrong. The labelled lesson examples and quiz replies are
compared too (strategies and pitfalls, as labelled under the project's labelling guide); that
agreement is reported for information.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from empathic.course.content import NO_STRATEGY, Course
from empathic.course.grading import Analyzer, _default_analyzer

#: The score every model answer should reach.
MIN_MODEL_SCORE = 85


@dataclass(frozen=True, slots=True)
class AnswerCheck:
    """What the analyzer made of one model answer."""

    scenario_id: str
    index: int
    reply: str
    score: int
    listed: tuple[str, ...]
    found: tuple[str, ...]
    pitfalls: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """Listed strategies the analyzer did not find."""
        return tuple(s for s in self.listed if s not in self.found)

    @property
    def extra(self) -> tuple[str, ...]:
        """Strategies the analyzer found that the scenario does not list."""
        return tuple(s for s in self.found if s not in self.listed)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "scenario": self.scenario_id,
            "answer": self.index,
            "score": self.score,
            "listed": list(self.listed),
            "found": list(self.found),
            "missing": list(self.missing),
            "extra": list(self.extra),
            "pitfalls": list(self.pitfalls),
            "reply": self.reply,
        }


@dataclass(frozen=True, slots=True)
class LabelCheck:
    """A labelled example (lesson example or quiz reply) next to what the analyzer found."""

    source: str
    reply: str
    strategies: tuple[str, ...]
    pitfalls: tuple[str, ...]
    found: tuple[str, ...]
    found_pitfalls: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        """True when the analyzer found exactly the labelled strategies and pitfalls."""
        return set(self.strategies) == set(self.found) and set(self.pitfalls) == set(self.found_pitfalls)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "source": self.source,
            "strategies": list(self.strategies),
            "found": list(self.found),
            "pitfalls": list(self.pitfalls),
            "found_pitfalls": list(self.found_pitfalls),
            "reply": self.reply,
        }


@dataclass(slots=True)
class ContentCheck:
    """The result of :func:`check_content`."""

    min_score: int
    answers: list[AnswerCheck] = field(default_factory=list)
    scenario_ids: list[str] = field(default_factory=list)
    labelled: list[LabelCheck] = field(default_factory=list)

    @property
    def failing_answers(self) -> list[AnswerCheck]:
        """Model answers scored below ``min_score`` or with a pitfall."""
        return [a for a in self.answers if a.score < self.min_score or a.pitfalls]

    @property
    def score_fraction(self) -> float:
        """Fraction of model answers scored >= ``min_score`` with no pitfall."""
        if not self.answers:
            return 0.0
        return 1.0 - len(self.failing_answers) / len(self.answers)

    @property
    def failing_scenarios(self) -> dict[str, list[AnswerCheck]]:
        """Scenarios with at least one model answer missing a listed strategy, with those answers."""
        out: dict[str, list[AnswerCheck]] = {}
        for a in self.answers:
            if a.missing:
                out.setdefault(a.scenario_id, []).append(a)
        return out

    @property
    def strategy_fraction(self) -> float:
        """Fraction of scenarios whose listed strategies are all found in each of their model answers."""
        if not self.scenario_ids:
            return 0.0
        return 1.0 - len(self.failing_scenarios) / len(self.scenario_ids)

    @property
    def extra_answers(self) -> list[AnswerCheck]:
        """Model answers in which the analyzer also found a strategy the scenario does not list."""
        return [a for a in self.answers if a.extra]

    @property
    def labelled_disagreements(self) -> list[LabelCheck]:
        """Labelled examples where the analyzer's strategies or pitfalls differ from the labels."""
        return [c for c in self.labelled if not c.agrees]

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``empathic learn --check --json``)."""
        return {
            "min_score": self.min_score,
            "model_answers": len(self.answers),
            "scenarios": len(self.scenario_ids),
            "score_fraction": round(self.score_fraction, 4),
            "strategy_fraction": round(self.strategy_fraction, 4),
            "failing_answers": [a.to_dict() for a in self.failing_answers],
            "failing_scenarios": {k: [a.to_dict() for a in v] for k, v in self.failing_scenarios.items()},
            "extra_strategies": [a.to_dict() for a in self.extra_answers],
            "labelled_examples": len(self.labelled),
            "labelled_agreement": round(1.0 - len(self.labelled_disagreements) / len(self.labelled), 4)
            if self.labelled
            else None,
            "labelled_disagreements": [c.to_dict() for c in self.labelled_disagreements],
        }


def check_content(course: Course, *, analyze: Analyzer | None = None, min_score: int = MIN_MODEL_SCORE) -> ContentCheck:
    """Run every model answer (and every labelled example) of ``course`` through the analyzer."""
    run = analyze or _default_analyzer()
    result = ContentCheck(min_score=min_score, scenario_ids=[s.id for s in course.scenarios])
    for sc in course.scenarios:
        for i, reply in enumerate(sc.model_answers):
            a = run(sc.customer, reply)
            result.answers.append(
                AnswerCheck(
                    scenario_id=sc.id,
                    index=i,
                    reply=reply,
                    score=a.score,
                    listed=sc.strategies,
                    found=tuple(a.strategies),
                    pitfalls=tuple(a.pitfall_kinds),
                )
            )
    for lesson in course.lessons:
        for p, page in enumerate(course.lesson(lesson.id).pages):
            for e, ex in enumerate(page.examples):
                a = run(ex.customer, ex.reply)
                result.labelled.append(
                    LabelCheck(
                        source=f"lesson {lesson.id} page {p + 1} example {e + 1}",
                        reply=ex.reply,
                        strategies=ex.strategies,
                        pitfalls=ex.pitfalls,
                        found=tuple(a.strategies),
                        found_pitfalls=tuple(a.pitfall_kinds),
                    )
                )
    for item in course.quiz:
        a = run(item.customer, item.reply)
        found = tuple(a.strategies)
        found_pitfalls = tuple(a.pitfall_kinds)
        if item.kind == "name_strategy":
            # The item's key says which single strategy the reply carries; its pitfalls are not labelled.
            labels = () if item.answer == NO_STRATEGY else (item.answer,)
            result.labelled.append(
                LabelCheck(f"quiz {item.id}", item.reply, labels, found_pitfalls, found, found_pitfalls)
            )
        else:
            # A spot-the-pitfall item labels one pitfall and not the strategies: it agrees when the
            # analyzer finds that pitfall, whatever else it finds.
            hit = item.answer in found_pitfalls
            result.labelled.append(
                LabelCheck(
                    f"quiz {item.id}",
                    item.reply,
                    strategies=found,
                    pitfalls=(item.answer,),
                    found=found,
                    found_pitfalls=(item.answer,) if hit else found_pitfalls,
                )
            )
    return result
