"""Where a learner goes next: resuming a session, and the next open step of the course.

The course runs lessons first, then the quiz, then practice. A learner can jump anywhere from
the menu; these functions decide where "continue" leads and check that a saved position still
exists in the (possibly updated) content before resuming there.
"""

from __future__ import annotations

from empathic.course.content import Course
from empathic.course.store import Position, ProgressStore


def is_valid(course: Course, position: Position) -> bool:
    """True when ``position`` points at an item (and page) that exists in ``course``."""
    try:
        if position.section == "lesson":
            return position.page < len(course.lesson(position.item_id).pages)
        if position.section == "quiz":
            course.quiz_item(position.item_id)
            return True
        course.scenario(position.item_id)
        return True
    except KeyError:
        return False


def _open_in_section(course: Course, store: ProgressStore, learner: str, section: str) -> Position | None:
    """The first item of ``section`` the learner has not done yet (same rules as ``next_open``)."""
    if section == "lesson":
        states = store.lessons(learner)
        for lesson in course.lessons:
            state = states.get(lesson.id)
            if state is None or not state.completed:
                page = min(state.furthest_page, len(lesson.pages) - 1) if state else 0
                return Position("lesson", lesson.id, page)
        return None
    if section == "quiz":
        answered = store.latest_answers(learner)
        return next((Position("quiz", q.id) for q in course.quiz if q.id not in answered), None)
    passed = store.passed_scenarios(learner)
    return next((Position("practice", s.id) for s in course.scenarios if s.id not in passed), None)


def next_open(course: Course, store: ProgressStore, learner: str) -> Position | None:
    """The first thing in course order the learner has not done yet; None when they have done it all.

    An unfinished lesson reopens at the furthest page reached; quiz items count as done once
    answered (right or wrong); scenarios once passed.
    """
    for section in ("lesson", "quiz", "practice"):
        found = _open_in_section(course, store, learner, section)
        if found is not None:
            return found
    return None


def _is_done(course: Course, store: ProgressStore, learner: str, position: Position) -> bool:
    """True when the item at ``position`` is already done (lesson completed, question answered, scenario passed)."""
    if position.section == "lesson":
        state = store.lessons(learner).get(position.item_id)
        return state is not None and state.completed
    if position.section == "quiz":
        return position.item_id in store.latest_answers(learner)
    return position.item_id in store.passed_scenarios(learner)


def resume_position(course: Course, store: ProgressStore, learner: str) -> Position | None:
    """Where a returning learner picks up: their saved position if it still exists and is not done yet.

    A saved position at something already done (a learner who passed a scenario and left before
    moving on) leads to the first open item of the same section, then to the next open step of the
    course. None means a new learner (nothing saved, nothing done) or one who finished everything.
    """
    saved = store.position(learner)
    if saved is not None and is_valid(course, saved):
        if not _is_done(course, store, learner, saved):
            return saved
        found = _open_in_section(course, store, learner, saved.section)
        if found is not None:
            return found
    if saved is None and not store.has_learner(learner):
        return None
    return next_open(course, store, learner)


def next_in_section(course: Course, position: Position) -> Position | None:
    """The item after ``position`` in its own section (next page, item or scenario); None at the end."""
    if position.section == "lesson":
        lessons = [lesson.id for lesson in course.lessons]
        i = lessons.index(position.item_id)
        return Position("lesson", lessons[i + 1]) if i + 1 < len(lessons) else None
    ids = [q.id for q in course.quiz] if position.section == "quiz" else [s.id for s in course.scenarios]
    i = ids.index(position.item_id)
    return Position(position.section, ids[i + 1]) if i + 1 < len(ids) else None


def describe(course: Course, position: Position) -> str:
    """A short human description of a position ("lesson 2 of 5, Reflecting emotion ..., page 3 of 3")."""
    if position.section == "lesson":
        lessons = [lesson.id for lesson in course.lessons]
        lesson = course.lesson(position.item_id)
        return (
            f'lesson {lessons.index(lesson.id) + 1} of {len(lessons)}, "{lesson.title}", '
            f"page {position.page + 1} of {len(lesson.pages)}"
        )
    if position.section == "quiz":
        ids = [q.id for q in course.quiz]
        return f"quiz question {ids.index(position.item_id) + 1} of {len(ids)}"
    ids = [s.id for s in course.scenarios]
    sc = course.scenario(position.item_id)
    return f'practice scenario {ids.index(sc.id) + 1} of {len(ids)}, "{sc.title}"'
