"""The empathic course: lessons, a quiz and practice graded by the analyzer, with progress kept.

>>> from empathic.course import load_course
>>> course = load_course()
>>> len(course.scenarios) >= 42
True

The terminal front end is ``empathic learn`` (``empathic.cli.learn``); this package holds the
parts every front end shares: typed content, grading, the progress store, resume logic, the
learner report and the content check.
"""

from empathic.course.check import MIN_MODEL_SCORE, AnswerCheck, ContentCheck, LabelCheck, check_content
from empathic.course.content import (
    NO_STRATEGY,
    Course,
    Example,
    Lesson,
    Page,
    QuizItem,
    Scenario,
    load_course,
    plain,
)
from empathic.course.grading import (
    PASS_SCORE,
    PracticeResult,
    QuizResult,
    Suggestion,
    grade_practice,
    grade_quiz,
    model_answer,
    parse_choice,
)
from empathic.course.progress import describe, next_in_section, next_open, resume_position
from empathic.course.report import LearnerReport, build_report
from empathic.course.store import Attempt, Position, ProgressStore, data_home

__all__ = [
    "MIN_MODEL_SCORE",
    "NO_STRATEGY",
    "PASS_SCORE",
    "AnswerCheck",
    "Attempt",
    "ContentCheck",
    "Course",
    "Example",
    "LabelCheck",
    "LearnerReport",
    "Lesson",
    "Page",
    "Position",
    "PracticeResult",
    "ProgressStore",
    "QuizItem",
    "QuizResult",
    "Scenario",
    "Suggestion",
    "build_report",
    "check_content",
    "data_home",
    "describe",
    "grade_practice",
    "grade_quiz",
    "load_course",
    "model_answer",
    "next_in_section",
    "next_open",
    "parse_choice",
    "plain",
    "resume_position",
]
