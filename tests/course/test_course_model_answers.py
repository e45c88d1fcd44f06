"""The course's own model answers, run through the real analyzer (``empathic learn --check``).

Every model answer is written to score >= 85 with no pitfall and to use exactly its scenario's
strategies (LABELS.md). The analyzer is a set of rules and small models, so a few right answers
can be missed; the floors below catch a regression in either the content or the analyzer, and
the failure message lists every answer that fell short so a person can judge which side is wrong.
"""

from __future__ import annotations

import json

import pytest

from empathic.course import MIN_MODEL_SCORE, check_content, load_course

#: Fraction of model answers that must score >= 85 with no pitfall.
SCORE_FLOOR = 0.80
#: Fraction of scenarios whose listed strategies must be found in every model answer.
STRATEGY_FLOOR = 0.85


@pytest.fixture(scope="module")
def result():
    return check_content(load_course())


def _details(items) -> str:
    return json.dumps([a.to_dict() for a in items], indent=1, ensure_ascii=False)


def test_model_answers_score_high_without_pitfalls(result) -> None:
    assert len(result.answers) == sum(len(s.model_answers) for s in load_course().scenarios)
    assert result.min_score == MIN_MODEL_SCORE
    assert result.score_fraction >= SCORE_FLOOR, _details(result.failing_answers)


def test_listed_strategies_are_found_in_every_model_answer(result) -> None:
    failing = [a for answers in result.failing_scenarios.values() for a in answers]
    assert result.strategy_fraction >= STRATEGY_FLOOR, _details(failing)


def test_the_check_reports_what_each_failure_is(result) -> None:
    for a in result.failing_answers:
        assert a.score < MIN_MODEL_SCORE or a.pitfalls
    for scenario_id, answers in result.failing_scenarios.items():
        assert answers and all(a.scenario_id == scenario_id and a.missing for a in answers)
    data = result.to_dict()
    assert 0.0 <= data["score_fraction"] <= 1.0 and 0.0 <= data["strategy_fraction"] <= 1.0
