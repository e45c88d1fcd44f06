"""The packaged course content loads, is well formed, and covers what the course promises."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from empathic.course import NO_STRATEGY, load_course
from empathic.course.content import CONTENT_VERSION, _load_toml, build_course
from empathic.errors import ResourceError
from empathic.segment import sentences
from empathic.types import NEGATIVE_EMOTIONS, PITFALL_KINDS, STRATEGIES


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_scenarios_count_and_industries(course) -> None:
    assert len(course.scenarios) >= 42
    assert len(course.industries) >= 10
    per_industry = Counter(s.industry for s in course.scenarios)
    assert min(per_industry.values()) >= 2


def test_every_scenario_has_two_or_more_model_answers_of_two_to_four_sentences(course) -> None:
    for sc in course.scenarios:
        assert len(sc.model_answers) >= 2, sc.id
        assert len(set(sc.model_answers)) == len(sc.model_answers), f"{sc.id} repeats a model answer"
        for answer in sc.model_answers:
            n = len(sentences(answer))
            assert 2 <= n <= 4, f"{sc.id}: {n} sentences in {answer!r}"


def test_scenarios_cover_emotions_intensities_strategies(course) -> None:
    emotions = {e for sc in course.scenarios for e in sc.emotions}
    assert emotions >= NEGATIVE_EMOTIONS
    assert {sc.intensity for sc in course.scenarios} == {"low", "medium", "high"}
    assert sum(sc.self_critical for sc in course.scenarios) >= 5
    for strategy in STRATEGIES:
        assert sum(strategy in sc.strategies for sc in course.scenarios) >= 5, strategy
    assert any(len(sc.strategies) >= 2 for sc in course.scenarios)


def test_self_critical_scenarios_call_for_reassurance(course) -> None:
    # LABELS.md: a self-critical customer needs reassurance (normalizing) or a story of the same slip.
    for sc in course.scenarios:
        if sc.self_critical:
            assert {"normalizing", "relating_experience"} & set(sc.strategies), sc.id


def test_scenario_fields_are_filled(course) -> None:
    ids = [sc.id for sc in course.scenarios]
    assert len(ids) == len(set(ids))
    for sc in course.scenarios:
        assert sc.context and "\n" not in sc.context, sc.id
        assert sc.customer and sc.title, sc.id


def test_quiz_has_both_kinds_and_covers_every_pitfall(course) -> None:
    assert len(course.quiz) >= 24
    kinds = Counter(q.kind for q in course.quiz)
    assert kinds["name_strategy"] >= 8 and kinds["spot_pitfall"] >= 8
    strategy_answers = {q.answer for q in course.quiz if q.kind == "name_strategy"}
    assert strategy_answers == {*STRATEGIES, NO_STRATEGY}
    pitfall_answers = {q.answer for q in course.quiz if q.kind == "spot_pitfall"}
    assert pitfall_answers == set(PITFALL_KINDS)
    for q in course.quiz:
        assert q.answer in q.choices and q.explanation, q.id
        assert "\n" not in q.explanation, q.id
        if q.kind == "name_strategy":
            assert NO_STRATEGY in q.choices, q.id


def test_lessons_cover_empathy_the_three_strategies_and_pitfalls(course) -> None:
    ids = [lesson.id for lesson in course.lessons]
    assert ids[0] == "empathy"
    assert {"reflecting_emotion", "normalizing", "relating_experience", "pitfalls"} <= set(ids)
    text = " ".join(p.body for lesson in course.lessons for p in lesson.pages).lower()
    for phrase in ("listening", "feelings", "relationship", "reason", "privacy", "self-critical", "calm down"):
        assert phrase in text, phrase
    examples = [ex for lesson in course.lessons for p in lesson.pages for ex in p.examples]
    assert {ex.verdict for ex in examples} == {"good", "weak"}
    # Every pitfall lesson topic has a labelled weak example somewhere in the lessons or quiz.
    shown = {k for ex in examples for k in ex.pitfalls} | {q.answer for q in course.quiz}
    assert set(PITFALL_KINDS) <= shown


def test_lesson_examples_follow_the_labelling_rules(course) -> None:
    for lesson in course.lessons:
        for page in lesson.pages:
            for ex in page.examples:
                if "missing_reason" in ex.pitfalls:
                    assert "reflecting_emotion" in ex.strategies
                if "story_too_long" in ex.pitfalls:
                    assert "relating_experience" in ex.strategies
                if "overgeneralizing" in ex.pitfalls:
                    assert "normalizing" in ex.strategies
                if "story_irrelevant" in ex.pitfalls:
                    assert "relating_experience" not in ex.strategies
                assert (ex.verdict == "good") == (not ex.pitfalls and bool(ex.strategies)), ex.reply


def test_content_files_carry_the_version_and_provenance() -> None:
    from empathic.resources import resource_text

    for name in ("lessons.toml", "quiz.toml", "scenarios.toml"):
        assert _load_toml(name)["version"] == CONTENT_VERSION
    assert "Apache-2.0" in resource_text("course", "PROVENANCE.md")


def test_no_model_answer_copies_the_labelled_dev_set(course, shared_data: Path) -> None:
    dev = [json.loads(line) for line in (shared_data / "cs" / "cs-dev.jsonl").read_text().splitlines() if line]
    dev_text = " ".join(row["reply"] + " " + row["customer"] for row in dev).lower()
    for sc in course.scenarios:
        for answer in sc.model_answers:
            for s in sentences(answer):
                if len(s.text) > 40:
                    assert s.text.lower() not in dev_text, f"{sc.id} copies a dev sentence: {s.text!r}"


# --- validation of damaged content -------------------------------------------------------------------------

LESSONS = {
    "version": 1,
    "lessons": [{"id": "l1", "title": "T", "summary": "S", "pages": [{"heading": "H", "body": "B"}]}],
}
QUIZ = {
    "version": 1,
    "items": [
        {
            "id": "q1",
            "kind": "name_strategy",
            "lesson": "l1",
            "customer": "c",
            "reply": "r",
            "choices": ["normalizing", "none"],
            "answer": "none",
            "explanation": "e",
        }
    ],
}
SCEN = {
    "version": 1,
    "scenarios": [
        {
            "id": "s1",
            "industry": "x",
            "title": "t",
            "context": "c",
            "customer": "m",
            "emotions": ["anger"],
            "intensity": "low",
            "strategies": ["normalizing"],
            "model_answers": ["a. b.", "c. d."],
        }
    ],
}


def _copy(d: dict) -> dict:
    return json.loads(json.dumps(d))


def test_minimal_content_builds() -> None:
    c = build_course(LESSONS, QUIZ, SCEN)
    assert c.lesson("l1").pages[0].heading == "H"
    assert c.quiz_item("q1").is_correct("none")
    assert c.scenario("s1").model_answers == ("a. b.", "c. d.")


@pytest.mark.parametrize(
    ("which", "path", "value", "message"),
    [
        ("scen", ("scenarios", 0, "strategies"), ["empathy"], "unknown value"),
        ("scen", ("scenarios", 0, "emotions"), [], "must not be empty"),
        ("scen", ("scenarios", 0, "intensity"), "extreme", "intensity"),
        ("scen", ("scenarios", 0, "model_answers"), ["only one"], "at least two"),
        ("scen", ("scenarios", 0, "customer"), "  ", "customer"),
        ("quiz", ("items", 0, "answer"), "relating_experience", "answer"),
        ("quiz", ("items", 0, "choices"), ["missing_reason", "none"], "unknown value"),
        ("quiz", ("items", 0, "lesson"), "nope", "unknown lesson"),
        ("lessons", ("lessons", 0, "pages"), [], "no pages"),
    ],
)
def test_damaged_content_names_the_item(which: str, path: tuple, value: object, message: str) -> None:
    data = {"lessons": _copy(LESSONS), "quiz": _copy(QUIZ), "scen": _copy(SCEN)}
    target = data[which]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ResourceError, match=message):
        build_course(data["lessons"], data["quiz"], data["scen"])


def test_duplicate_ids_are_rejected() -> None:
    scen = _copy(SCEN)
    scen["scenarios"].append(scen["scenarios"][0])
    with pytest.raises(ResourceError, match="used twice"):
        build_course(LESSONS, QUIZ, scen)
