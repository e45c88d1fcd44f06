"""Quiz grading, practice grading with a (hand-built) analysis, the report and the content check."""

from __future__ import annotations

import pytest

from empathic.course import (
    Attempt,
    ProgressStore,
    build_report,
    check_content,
    grade_practice,
    grade_quiz,
    load_course,
    model_answer,
    parse_choice,
)
from empathic.course.content import Course, QuizItem
from empathic.errors import InputError
from empathic.types import Tip

REPLY = "It's worrying to be charged twice when money is tight. This catches lots of people out. I've refunded it."
REFLECT = "It's worrying to be charged twice when money is tight."
NORMAL = "This catches lots of people out."

ITEM = QuizItem(
    id="q",
    kind="name_strategy",
    lesson="empathy",
    customer="c",
    reply="r",
    choices=("relating_experience", "reflecting_emotion", "normalizing", "none"),
    answer="normalizing",
    explanation="because",
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("c", "normalizing"),
        ("C ", "normalizing"),
        ("3", "normalizing"),
        ("reflecting emotion", "reflecting_emotion"),
        ("relating_experience", "relating_experience"),
        ("none", "none"),
        ("none of them", "none"),
        ("a", "relating_experience"),
    ],
)
def test_parse_choice(raw: str, expected: str) -> None:
    assert parse_choice(ITEM, raw) == expected


@pytest.mark.parametrize("raw", ["", "e", "5", "0", "empathy"])
def test_parse_choice_rejects_what_is_not_a_choice(raw: str) -> None:
    with pytest.raises(InputError):
        parse_choice(ITEM, raw)


def test_grade_quiz() -> None:
    assert grade_quiz(ITEM, "normalizing").correct
    wrong = grade_quiz(ITEM, "none")
    assert not wrong.correct and wrong.explanation == "because"
    with pytest.raises(InputError):
        grade_quiz(ITEM, "dismissive")


def test_practice_passes_when_strategies_found_without_pitfalls(scenario, analysis_factory) -> None:
    def fake(customer: str, reply: str):
        return analysis_factory(customer, reply, found={"reflecting_emotion": REFLECT, "normalizing": NORMAL}, score=92)

    result = grade_practice(scenario, REPLY, analyze=fake)
    assert result.passed and result.missing == () and result.pitfalls == []
    assert [f.span.text for f in result.found] == [REFLECT, NORMAL]
    assert result.to_attempt().passed and result.to_attempt().found == ("reflecting_emotion", "normalizing")


def test_missing_strategy_fails_and_suggests_the_gap_tip(scenario, analysis_factory) -> None:
    tips = [
        Tip("strategy", "keep it up", target="reflecting_emotion"),
        Tip("gap", "Say it is normal.", why="reassures", target="normalizing"),
    ]

    def fake(customer: str, reply: str):
        return analysis_factory(customer, reply, found={"reflecting_emotion": REFLECT}, score=88, tips=tips)

    result = grade_practice(scenario, REPLY, analyze=fake)
    assert not result.passed
    assert result.missing == ("normalizing",)
    assert result.suggestion is not None and result.suggestion.text == "Say it is normal."
    assert result.suggestion.source == "tip"


def test_pitfall_fails_and_its_tip_comes_first(scenario, analysis_factory) -> None:
    tips = [Tip("gap", "gap tip", target="normalizing"), Tip("pitfall", "Add the reason.", target="missing_reason")]

    def fake(customer: str, reply: str):
        return analysis_factory(
            customer,
            reply,
            found={"reflecting_emotion": REFLECT, "normalizing": NORMAL},
            pitfalls={"missing_reason": REFLECT},
            score=95,
            tips=tips,
        )

    result = grade_practice(scenario, REPLY, analyze=fake)
    assert not result.passed
    assert result.to_attempt().pitfalls == ("missing_reason",)
    assert result.suggestion.text == "Add the reason."


def test_without_a_matching_tip_the_suggestion_is_a_model_answer(scenario, analysis_factory) -> None:
    def fake(customer: str, reply: str):
        return analysis_factory(customer, reply, found={}, score=30)

    first = grade_practice(scenario, REPLY, analyze=fake, attempt=0)
    second = grade_practice(scenario, REPLY, analyze=fake, attempt=1)
    assert first.suggestion.source == "model_answer"
    assert first.suggestion.text == scenario.model_answers[0]
    assert second.suggestion.text == scenario.model_answers[1]  # a retry sees the other model answer
    assert first.missing == ("reflecting_emotion", "normalizing")


def test_low_score_fails_even_with_strategies(scenario, analysis_factory) -> None:
    def fake(customer: str, reply: str):
        return analysis_factory(customer, reply, found={"reflecting_emotion": REFLECT, "normalizing": NORMAL}, score=50)

    assert not grade_practice(scenario, REPLY, analyze=fake).passed


def test_extra_strategies_are_reported_not_penalised(scenario, analysis_factory) -> None:
    reply = REPLY + " My card was charged twice once too."

    def fake(customer: str, r: str):
        return analysis_factory(
            customer,
            r,
            found={
                "reflecting_emotion": REFLECT,
                "normalizing": NORMAL,
                "relating_experience": "My card was charged twice once too.",
            },
        )

    result = grade_practice(scenario, reply, analyze=fake)
    assert result.passed and result.extra == ("relating_experience",)


def test_empty_reply_is_an_input_error(scenario, analysis_factory) -> None:
    with pytest.raises(InputError):
        grade_practice(scenario, "   ", analyze=lambda c, r: analysis_factory(c, r))


def test_model_answer_takes_turns(scenario) -> None:
    assert [model_answer(scenario, i) for i in range(3)] == [*scenario.model_answers, scenario.model_answers[0]]


# --- report ------------------------------------------------------------------------------------------------


def test_report_of_an_unknown_learner(store: ProgressStore) -> None:
    report = build_report(load_course(), store, "nobody")
    assert not report.known and not report.finished
    assert report.to_dict()["quiz"]["answered"] == 0


def test_report_summarises_progress(store: ProgressStore) -> None:
    course = load_course()
    store.complete_lesson("ana", course.lessons[0].id, len(course.lessons[0].pages))
    store.record_page("ana", course.lessons[1].id, 1)
    q1, q2 = course.quiz[0], course.quiz[-1]
    store.record_answer("ana", q1.id, q1.answer, True)
    store.record_answer("ana", q2.id, "story_too_long" if q2.answer != "story_too_long" else "dismissive", False)
    s1, s2 = course.scenarios[0], course.scenarios[1]
    store.record_attempt("ana", Attempt(s1.id, "r", 40, (), s1.strategies, ("dismissive",), False, ""))
    store.record_attempt("ana", Attempt(s1.id, "r", 90, s1.strategies, (), (), True, ""))
    store.record_attempt("ana", Attempt(s2.id, "r", 60, (), s2.strategies, ("dismissive", "missing_reason"), False, ""))
    report = build_report(course, store, "ana")
    assert report.known
    assert report.lessons_done == [course.lessons[0].id]
    assert report.lessons_started == [course.lessons[1].id]
    assert (report.quiz_answered, report.quiz_correct) == (2, 1)
    assert report.quiz_to_review == [q2.id]
    assert report.quiz_by_kind[q1.kind][0] >= 1
    assert (report.practice_attempted, report.practice_passed, report.practice_attempts) == (2, 1, 3)
    assert report.best_scores == {s1.id: 90, s2.id: 60}
    assert report.average_best_score == 75
    assert report.pitfall_counts == {"dismissive": 2, "missing_reason": 1}
    by = {row.strategy: row for row in report.by_strategy}
    for strategy in s1.strategies:
        assert by[strategy].passed >= 1
    data = report.to_dict()
    assert data["practice"]["average_best_score"] == 75.0
    assert data["next_step"].startswith("lesson 2 of")


# --- content check -----------------------------------------------------------------------------------------


def test_check_content_fractions_and_failures(scenario, analysis_factory) -> None:
    course = Course(lessons=load_course().lessons[:1], quiz=(ITEM,), scenarios=(scenario,))
    first, second = scenario.model_answers

    def fake(customer: str, reply: str):
        if reply == first:  # good: both strategies, high score
            return analysis_factory(
                customer,
                reply,
                found={"reflecting_emotion": "Model answer one.", "normalizing": "It has two sentences."},
                score=91,
            )
        if reply == second:  # misses normalizing and has a pitfall
            return analysis_factory(
                customer,
                reply,
                found={"reflecting_emotion": "Model answer two."},
                pitfalls={"missing_reason": None},
                score=70,
            )
        return analysis_factory(customer, reply, found={})

    result = check_content(course, analyze=fake)
    assert len(result.answers) == 2
    assert result.score_fraction == 0.5
    assert result.strategy_fraction == 0.0
    assert [(a.scenario_id, a.index) for a in result.failing_answers] == [(scenario.id, 1)]
    assert list(result.failing_scenarios) == [scenario.id]
    assert result.failing_scenarios[scenario.id][0].missing == ("normalizing",)
    data = result.to_dict()
    assert data["score_fraction"] == 0.5 and data["strategy_fraction"] == 0.0
    # The quiz item's key says "normalizing"; the fake analyzer finds nothing, so it disagrees.
    assert any(c.source == "quiz q" for c in result.labelled_disagreements)
