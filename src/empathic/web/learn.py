"""The course in the browser: content from empathic.course, grading, and progress per learner.

Progress lives in the course's own SQLite store (``course.sqlite3`` beside the web store), so a
learner who practises in the terminal and in the browser sees one history. That store's
connections belong to one thread, so each request opens and closes its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from empathic.errors import EmpathicError
from empathic.store import data_home
from empathic.web.api import COMMON_ERRORS, ctx_of, only_query_params, require_key
from empathic.web.schemas import HAS_WORDS
from empathic.web.security import ApiError
from empathic.web.settings import MAX_TEXT_CHARS
from empathic.web.store import sqlite_folder

try:  # the course is a separate part of empathic; the page says so when it is absent
    from empathic.course import content as _content
    from empathic.course import grading as _grading
    from empathic.course import store as _course_store
except ImportError:  # pragma: no cover - only in a partial installation
    _content = _grading = _course_store = None  # type: ignore[assignment]

# A name is letters of any script, digits, spaces, . @ ' - _ and other non-ASCII signs: written as what is left
# out (control characters, the other ASCII punctuation, a leading space) rather than with \w, which JSON Schema
# tools read as ASCII only and the server as any letter, so both agree on what the documented pattern allows.
_NOT_IN_NAMES = r"\x00-\x1f\x7f!\"#$%&()*+,/:;<=>?\[\\\]^`{|}~"
LEARNER_PATTERN = rf"^[^ {_NOT_IN_NAMES}][^{_NOT_IN_NAMES}]*$"
LEARNER_HELP = "The learner's name (letters, digits, spaces and . @ ' -); progress is kept per name."


def load_course() -> Any:
    """The packaged course, or None when this installation has none (or its content is damaged)."""
    if _content is None:
        return None
    try:
        return _content.load_course()
    except EmpathicError:
        return None


def plain_name(label: str) -> str:
    """The course's plain name for a strategy or pitfall label ("none" -> "none of them")."""
    if _content is None:
        return label.replace("_", " ")
    return _content.plain(label)


def progress_path(request: Request) -> Path:
    """Where this app keeps course progress: beside its SQLite store file, else in the user data folder."""
    folder = sqlite_folder(ctx_of(request).settings.store_url) or data_home()
    return folder / (_course_store.STORE_FILE if _course_store else "course.sqlite3")


@contextmanager
def progress_store(request: Request) -> Iterator[Any]:
    """A ProgressStore for the length of one request."""
    store = _course_store.ProgressStore(progress_path(request))
    try:
        yield store
    finally:
        store.close()


def _course_or_503() -> Any:
    course = load_course()
    if course is None:
        raise ApiError(503, "course_unavailable", "the course is not installed in this copy of empathic")
    return course


_BLOCK_SPLIT = re.compile(r"\n\s*\n")
_BULLET = re.compile(r"^\s*[-*]\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


def render_body(text: str) -> Markup:
    """Lesson text as HTML: blank lines separate paragraphs; ``- `` and ``1. `` lines make lists.

    A list item's indented continuation lines join the item. Everything is escaped first.
    """
    html: list[str] = []
    for block in _BLOCK_SPLIT.split(text.strip()):
        lines = block.splitlines()
        if lines and (_BULLET.match(lines[0]) or _NUMBERED.match(lines[0])):
            tag = "ul" if _BULLET.match(lines[0]) else "ol"
            items: list[str] = []
            for line in lines:
                if _BULLET.match(line) or _NUMBERED.match(line):
                    items.append(_NUMBERED.sub("", _BULLET.sub("", line)).strip())
                elif items:
                    items[-1] += " " + line.strip()
            html.append(f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>")
        else:
            html.append(f"<p>{escape(' '.join(line.strip() for line in lines))}</p>")
    return Markup("".join(html))


# ----- API ------------------------------------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GradeRequest(_In):
    """A reply to a practice scenario; ``record`` saves the attempt to the learner's progress."""

    reply: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=HAS_WORDS)
    learner: str | None = Field(default=None, min_length=1, max_length=64, pattern=LEARNER_PATTERN,
                                description=LEARNER_HELP)
    record: StrictBool = False


class LessonDoneRequest(_In):
    """A learner finished reading a lesson."""

    learner: str = Field(min_length=1, max_length=64, pattern=LEARNER_PATTERN, description=LEARNER_HELP)


class QuizAnswerRequest(_In):
    """A learner's answer to a quiz item: a choice id, a letter or a number."""

    learner: str | None = Field(default=None, min_length=1, max_length=64, pattern=LEARNER_PATTERN,
                                description=LEARNER_HELP)
    choice: str = Field(min_length=1, max_length=100)


class GradeOut(BaseModel):
    """How a practice reply did."""

    scenario_id: str
    passed: bool
    score: int
    required: list[str]
    found: list[str]
    missing: list[str]
    extra: list[str]
    pitfalls: list[dict[str, Any]]
    suggestion: dict[str, str] | None
    analysis: dict[str, Any]
    recorded: bool


class QuizOut(BaseModel):
    """The verdict on one quiz answer."""

    item_id: str
    choice: str
    correct: bool
    answer: str
    explanation: str


class ProgressOut(BaseModel):
    """Everything one learner has done."""

    learner: str
    lessons_completed: list[str]
    scenarios_passed: list[str]
    attempts: dict[str, int]
    quiz: dict[str, bool]
    totals: dict[str, int]


router = APIRouter(prefix="/v1/course", tags=["course"], dependencies=[Depends(require_key)],
                   responses={**COMMON_ERRORS, 404: {"description": "No such lesson, scenario or quiz item."},
                              503: {"description": "The course is not installed."}})


def _learner(name: str) -> str:
    try:
        return _course_store.check_learner_name(name)
    except EmpathicError as exc:
        raise ApiError(422, "bad_learner", str(exc)) from exc


@router.get("/progress", response_model=ProgressOut, summary="A learner's progress")
def progress(
    request: Request,
    learner: str = Query(min_length=1, max_length=64, pattern=LEARNER_PATTERN, description=LEARNER_HELP),
) -> ProgressOut:
    """Lessons completed, scenarios passed, attempts per scenario and quiz answers of one learner."""
    only_query_params(request, {"learner"})
    course = _course_or_503()
    name = _learner(learner)
    with progress_store(request) as store:
        known = store.has_learner(name)
        completed = store.completed_lessons(name) if known else set()
        passed = store.passed_scenarios(name) if known else set()
        attempts: dict[str, int] = {}
        for attempt in store.attempts(name) if known else []:
            attempts[attempt.scenario_id] = attempts.get(attempt.scenario_id, 0) + 1
        quiz = {k: v.correct for k, v in store.latest_answers(name).items()} if known else {}
    return ProgressOut(
        learner=name,
        lessons_completed=[lesson.id for lesson in course.lessons if lesson.id in completed],
        scenarios_passed=[s.id for s in course.scenarios if s.id in passed],
        attempts=attempts,
        quiz=quiz,
        totals={"lessons": len(course.lessons), "scenarios": len(course.scenarios), "quiz": len(course.quiz)},
    )


@router.post("/lessons/{lesson_id}/complete", response_model=ProgressOut, summary="Mark a lesson as read")
def complete_lesson(lesson_id: str, body: LessonDoneRequest, request: Request) -> ProgressOut:
    """Record that the learner finished the lesson; returns their progress."""
    course = _course_or_503()
    try:
        lesson = course.lesson(lesson_id)
    except KeyError:
        raise ApiError(404, "not_found", f"no lesson {lesson_id!r}") from None
    name = _learner(body.learner)
    with progress_store(request) as store:
        store.ensure_learner(name)
        store.complete_lesson(name, lesson.id, len(lesson.pages))
    return progress(request, name)


@router.post("/scenarios/{scenario_id}/grade", response_model=GradeOut, summary="Grade a practice reply")
async def grade(scenario_id: str, body: GradeRequest, request: Request) -> GradeOut:
    """Analyse the reply to the scenario's customer; pass = every called-for strategy, no pitfall, score ≥ 70.

    With ``record: true`` and a ``learner`` the attempt is saved to the learner's progress (``recorded``
    says whether it was).
    """
    course = _course_or_503()
    try:
        scenario = course.scenario(scenario_id)
    except KeyError:
        raise ApiError(404, "not_found", f"no practice scenario {scenario_id!r}") from None
    ctx = ctx_of(request)
    name = _learner(body.learner) if body.learner else None
    # Grading analyses the reply (and reads the progress store): the analysis threads' work, not the event loop's.
    return await ctx.run(_grade, request, scenario, body, name, cost=len(body.reply) + len(scenario.customer))


def _grade(request: Request, scenario: Any, body: GradeRequest, name: str | None) -> GradeOut:
    ctx = ctx_of(request)
    previous = 0
    if name and body.record:
        with progress_store(request) as store:
            previous = len(store.attempts(name, scenario.id)) if store.has_learner(name) else 0
    result = _grading.grade_practice(
        scenario, body.reply, analyze=lambda c, r: ctx.analyze(c, r), attempt=previous
    )
    if name and body.record:
        with progress_store(request) as store:
            store.ensure_learner(name)
            store.record_attempt(name, result.to_attempt())
    suggestion = (
        {"text": result.suggestion.text, "source": result.suggestion.source, "why": result.suggestion.why}
        if result.suggestion else None
    )
    return GradeOut(
        scenario_id=scenario.id,
        passed=result.passed,
        score=result.score,
        required=list(result.required),
        found=result.strategies,
        missing=list(result.missing),
        extra=list(result.extra),
        pitfalls=[p.to_dict() for p in result.pitfalls],
        suggestion=suggestion,
        analysis=result.analysis.to_dict(),
        recorded=bool(name and body.record),
    )


@router.post("/quiz/{item_id}/answer", response_model=QuizOut, summary="Answer a quiz item")
def answer_quiz(item_id: str, body: QuizAnswerRequest, request: Request) -> QuizOut:
    """Check an answer (a choice id, its letter or its number); saved when a learner is given."""
    course = _course_or_503()
    try:
        item = course.quiz_item(item_id)
    except KeyError:
        raise ApiError(404, "not_found", f"no quiz item {item_id!r}") from None
    choice = _grading.parse_choice(item, body.choice)
    result = _grading.grade_quiz(item, choice)
    if body.learner:
        name = _learner(body.learner)
        with progress_store(request) as store:
            store.ensure_learner(name)
            store.record_answer(name, item.id, choice, result.correct)
    return QuizOut(item_id=item.id, choice=choice, correct=result.correct, answer=item.answer,
                   explanation=item.explanation)
