"""The SQLite progress store and the resume logic."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from empathic.course import Attempt, Position, ProgressStore, data_home, load_course
from empathic.course.progress import describe, is_valid, next_in_section, next_open, resume_position
from empathic.course.store import STORE_FILE
from empathic.errors import ConfigError, InputError


def _attempt(scenario_id: str, passed: bool, score: int = 80, pitfalls: tuple[str, ...] = ()) -> Attempt:
    return Attempt(scenario_id, "my reply", score, ("reflecting_emotion",), (), pitfalls, passed, "")


def test_data_home_follows_the_environment(tmp_path: Path) -> None:
    assert data_home({"EMPATHIC_HOME": str(tmp_path)}) == tmp_path
    assert data_home({}) == Path.home() / ".local" / "share" / "empathic"


def test_store_opens_under_empathic_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMPATHIC_HOME", str(tmp_path / "h"))
    with ProgressStore.open() as store:
        store.ensure_learner("ana")
    assert (tmp_path / "h" / STORE_FILE).is_file()


def test_position_round_trip_and_persists_across_opens(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path) as store:
        assert store.position("ana") is None
        store.save_position("ana", Position("lesson", "normalizing", 2))
    with ProgressStore.open(tmp_path) as store:
        assert store.position("ana") == Position("lesson", "normalizing", 2)
        assert store.position("bob") is None
        assert store.learners() == ["ana"]


def test_learner_names_are_checked(store: ProgressStore) -> None:
    assert store.ensure_learner("  ana ") == "ana"
    for bad in ("", "   ", "x" * 65, "a\x07b"):
        with pytest.raises(InputError):
            store.ensure_learner(bad)


def test_bad_positions_are_refused() -> None:
    with pytest.raises(InputError):
        Position("exam", "x")
    with pytest.raises(InputError):
        Position("lesson", "x", -1)


def test_lesson_pages_and_completion(store: ProgressStore) -> None:
    store.record_page("ana", "empathy", 0)
    store.record_page("ana", "empathy", 2)
    store.record_page("ana", "empathy", 1)  # going back does not lower the furthest page
    state = store.lessons("ana")["empathy"]
    assert state.furthest_page == 2 and not state.completed
    store.complete_lesson("ana", "empathy", 4)
    assert store.completed_lessons("ana") == {"empathy"}
    assert store.lessons("ana")["empathy"].furthest_page == 3


def test_quiz_answers_keep_history_and_latest(store: ProgressStore) -> None:
    store.record_answer("ana", "q1", "normalizing", False)
    store.record_answer("ana", "q1", "reflecting_emotion", True)
    store.record_answer("ana", "q2", "none", True)
    assert len(store.answers("ana")) == 3
    latest = store.latest_answers("ana")
    assert latest["q1"].correct and latest["q1"].answer == "reflecting_emotion"
    assert store.latest_answers("bob") == {}


def test_practice_attempts(store: ProgressStore) -> None:
    store.record_attempt("ana", _attempt("s1", False, 40, ("missing_reason",)))
    store.record_attempt("ana", _attempt("s1", True, 90))
    store.record_attempt("ana", _attempt("s2", False))
    assert store.passed_scenarios("ana") == {"s1"}
    got = store.attempts("ana", "s1")
    assert [a.score for a in got] == [40, 90]
    assert got[0].pitfalls == ("missing_reason",)
    assert got[0].found == ("reflecting_emotion",)
    assert got[0].attempted_at  # filled in when not given


def test_a_newer_store_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(ConfigError, match="newer empathic"):
        ProgressStore(path)


def test_a_damaged_store_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ConfigError, match="not a usable SQLite file"):
        ProgressStore(path)


# --- resume logic ------------------------------------------------------------------------------------------


def test_new_learner_has_nothing_to_resume(store: ProgressStore) -> None:
    course = load_course()
    assert resume_position(course, store, "newbie") is None
    assert next_open(course, store, "newbie") == Position("lesson", course.lessons[0].id, 0)


def test_resume_returns_the_saved_position(store: ProgressStore) -> None:
    course = load_course()
    item = course.quiz[3].id
    store.save_position("ana", Position("quiz", item))
    assert resume_position(course, store, "ana") == Position("quiz", item)
    assert describe(course, Position("quiz", item)) == f"quiz question 4 of {len(course.quiz)}"


def test_resume_falls_back_when_the_saved_item_no_longer_exists(store: ProgressStore) -> None:
    course = load_course()
    store.complete_lesson("ana", course.lessons[0].id, len(course.lessons[0].pages))
    store.record_page("ana", course.lessons[1].id, 1)
    store.save_position("ana", Position("practice", "a-scenario-that-was-removed"))
    assert not is_valid(course, Position("practice", "a-scenario-that-was-removed"))
    assert resume_position(course, store, "ana") == Position("lesson", course.lessons[1].id, 1)
    store.save_position("ana", Position("lesson", course.lessons[1].id, 99))
    assert resume_position(course, store, "ana") == Position("lesson", course.lessons[1].id, 1)


def test_resume_skips_a_saved_scenario_already_passed(store: ProgressStore) -> None:
    # A learner who passes a scenario and leaves before moving on has their position saved at it;
    # "Continue" must lead to the first scenario not yet passed, not back to the one just passed.
    course = load_course()
    first, second, third = (sc.id for sc in course.scenarios[:3])
    store.record_attempt("ana", _attempt(first, True))
    store.record_attempt("ana", _attempt(third, True))
    store.save_position("ana", Position("practice", third))
    assert resume_position(course, store, "ana") == Position("practice", second)
    store.save_position("ana", Position("practice", first))
    assert resume_position(course, store, "ana") == Position("practice", second)
    # A failed attempt does not count as done: the learner resumes at the scenario to try again.
    store.record_attempt("ana", _attempt(second, False))
    store.save_position("ana", Position("practice", second))
    assert resume_position(course, store, "ana") == Position("practice", second)


def test_resume_skips_done_quiz_items_and_lessons(store: ProgressStore) -> None:
    course = load_course()
    store.record_answer("ana", course.quiz[0].id, "none", False)
    store.save_position("ana", Position("quiz", course.quiz[0].id))
    assert resume_position(course, store, "ana") == Position("quiz", course.quiz[1].id)
    store.complete_lesson("ana", course.lessons[0].id, len(course.lessons[0].pages))
    store.save_position("ana", Position("lesson", course.lessons[0].id, 1))
    assert resume_position(course, store, "ana") == Position("lesson", course.lessons[1].id, 0)
    # Every scenario passed: the section is done, so the course's next open step is offered.
    for sc in course.scenarios:
        store.record_attempt("ana", _attempt(sc.id, True))
    store.save_position("ana", Position("practice", course.scenarios[-1].id))
    assert resume_position(course, store, "ana") == Position("lesson", course.lessons[1].id, 0)


def test_next_open_walks_lessons_then_quiz_then_practice(store: ProgressStore) -> None:
    course = load_course()
    for lesson in course.lessons:
        store.complete_lesson("ana", lesson.id, len(lesson.pages))
    assert next_open(course, store, "ana") == Position("quiz", course.quiz[0].id)
    store.record_answer("ana", course.quiz[0].id, "none", False)  # wrong answers still count as answered
    assert next_open(course, store, "ana") == Position("quiz", course.quiz[1].id)
    for item in course.quiz:
        store.record_answer("ana", item.id, item.answer, True)
    assert next_open(course, store, "ana") == Position("practice", course.scenarios[0].id)
    store.record_attempt("ana", _attempt(course.scenarios[0].id, False))
    assert next_open(course, store, "ana") == Position("practice", course.scenarios[0].id)
    for sc in course.scenarios:
        store.record_attempt("ana", _attempt(sc.id, True))
    assert next_open(course, store, "ana") is None


def test_next_in_section(store: ProgressStore) -> None:
    course = load_course()
    assert next_in_section(course, Position("lesson", course.lessons[0].id, 3)) == Position(
        "lesson", course.lessons[1].id
    )
    assert next_in_section(course, Position("quiz", course.quiz[-1].id)) is None
    assert next_in_section(course, Position("practice", course.scenarios[0].id)) == Position(
        "practice", course.scenarios[1].id
    )
