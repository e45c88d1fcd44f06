"""The course content (lessons, quiz items, practice scenarios) as typed, validated objects.

The text lives in ``resources/course/*.toml`` (see PROVENANCE.md there); this module reads it
with :mod:`tomllib` through :func:`empathic.resources.resource_text` and checks every field, so a
damaged or mis-edited content file fails loudly with a :class:`ResourceError` naming the item,
instead of surfacing as a crash halfway through a learner's session.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from empathic.errors import ResourceError
from empathic.resources import resource_text
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES

#: The content layout version this module reads (``version = N`` at the top of every file).
CONTENT_VERSION = 1

#: The answer a "name the strategy" item uses for a reply that carries no strategy.
NO_STRATEGY = "none"

INTENSITIES: tuple[str, ...] = ("low", "medium", "high")

QuizKind = Literal["name_strategy", "spot_pitfall"]
Verdict = Literal["good", "weak"]
Section = Literal["lesson", "quiz", "practice"]

#: Plain names for labels, for people (the files and the store keep the label ids).
PLAIN_NAMES: dict[str, str] = {
    "relating_experience": "relating experience",
    "reflecting_emotion": "reflecting emotion",
    "normalizing": "normalizing",
    NO_STRATEGY: "none of them",
    "story_too_long": "story too long",
    "story_irrelevant": "irrelevant story",
    "overgeneralizing": "overgeneralizing",
    "identifiable_customer": "identifiable customer",
    "self_criticism_unaddressed": "self-criticism unaddressed",
    "emotion_mismatch": "emotion mismatch",
    "missing_reason": "feeling without its reason",
    "dismissive": "dismissive language",
}


def plain(label: str) -> str:
    """The plain name of a strategy or pitfall label ("reflecting_emotion" -> "reflecting emotion")."""
    return PLAIN_NAMES.get(label, label.replace("_", " "))


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example in a lesson: a reply judged good or weak, with its labels and why."""

    customer: str
    reply: str
    strategies: tuple[str, ...]
    pitfalls: tuple[str, ...]
    verdict: Verdict
    why: str


@dataclass(frozen=True, slots=True)
class Page:
    """One screen of a lesson."""

    heading: str
    body: str
    examples: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True)
class Lesson:
    """A lesson: an ordered list of pages."""

    id: str
    title: str
    summary: str
    pages: tuple[Page, ...]


@dataclass(frozen=True, slots=True)
class QuizItem:
    """A multiple-choice question about one reply, with its answer and a one-line explanation."""

    id: str
    kind: QuizKind
    lesson: str
    customer: str
    reply: str
    choices: tuple[str, ...]
    answer: str
    explanation: str

    def is_correct(self, choice: str) -> bool:
        """True when ``choice`` (a label id) is this item's answer."""
        return choice == self.answer


@dataclass(frozen=True, slots=True)
class Scenario:
    """A practice scenario: a customer's message and what a good reply to it does."""

    id: str
    industry: str
    title: str
    context: str
    customer: str
    emotions: tuple[str, ...]
    intensity: str
    self_critical: bool
    strategies: tuple[str, ...]
    model_answers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Course:
    """All the course content, in course order."""

    lessons: tuple[Lesson, ...]
    quiz: tuple[QuizItem, ...]
    scenarios: tuple[Scenario, ...]

    def lesson(self, lesson_id: str) -> Lesson:
        """The lesson with this id; KeyError when there is none."""
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(lesson_id)

    def quiz_item(self, item_id: str) -> QuizItem:
        """The quiz item with this id; KeyError when there is none."""
        for item in self.quiz:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def scenario(self, scenario_id: str) -> Scenario:
        """The scenario with this id; KeyError when there is none."""
        for sc in self.scenarios:
            if sc.id == scenario_id:
                return sc
        raise KeyError(scenario_id)

    @property
    def industries(self) -> list[str]:
        """The industries the scenarios cover, each once, in first-seen order."""
        return list(dict.fromkeys(sc.industry for sc in self.scenarios))


# --- parsing ---------------------------------------------------------------------------------------------


class _Reader:
    """Field access on one TOML table that names the file and item in every error."""

    def __init__(self, table: Mapping[str, Any], where: str) -> None:
        self.table = table
        self.where = where

    def fail(self, message: str) -> ResourceError:
        """An error naming the file and item."""
        return ResourceError(f"course content {self.where}: {message}")

    def text(self, key: str, *, default: str | None = None) -> str:
        """A required non-empty string field, trimmed."""
        value = self.table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{key}' must be a non-empty string")
        return value.strip()

    def labels(self, key: str, allowed: Sequence[str], *, allow_empty: bool = True) -> tuple[str, ...]:
        """A list of distinct labels, each one of ``allowed``."""
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"'{key}' must be a list of strings")
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise self.fail(f"'{key}' has unknown value(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}")
        if not value and not allow_empty:
            raise self.fail(f"'{key}' must not be empty")
        if len(set(value)) != len(value):
            raise self.fail(f"'{key}' lists a value twice")
        return tuple(value)

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        """A string field that must be one of ``allowed``."""
        value = self.text(key)
        if value not in allowed:
            raise self.fail(f"'{key}' is {value!r}; allowed: {', '.join(allowed)}")
        return value

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        """An array of tables (empty when the key is absent)."""
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"'{key}' must be an array of tables")
        return value


def _load_toml(name: str) -> dict[str, Any]:
    """Parse resources/course/<name> and check its content version."""
    try:
        data = tomllib.loads(resource_text("course", name))
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"course content {name} is not valid TOML: {exc}") from exc
    version = data.get("version")
    if version != CONTENT_VERSION:
        raise ResourceError(
            f"course content {name} has version {version!r}; this empathic reads version {CONTENT_VERSION}"
        )
    return data


def _unique(ids: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ResourceError(f"course content {what}: id {i!r} is used twice")
        seen.add(i)


def _example(table: Mapping[str, Any], where: str) -> Example:
    r = _Reader(table, where)
    return Example(
        customer=r.text("customer"),
        reply=r.text("reply"),
        strategies=r.labels("strategies", STRATEGIES),
        pitfalls=r.labels("pitfalls", PITFALL_KINDS),
        verdict=r.choice("verdict", ("good", "weak")),  # type: ignore[arg-type]
        why=r.text("why"),
    )


def parse_lessons(data: Mapping[str, Any]) -> tuple[Lesson, ...]:
    """Lessons from the parsed ``lessons.toml``."""
    lessons: list[Lesson] = []
    for n, table in enumerate(_Reader(data, "lessons.toml").tables("lessons"), 1):
        r = _Reader(table, f"lessons.toml lesson {n}")
        lesson_id = r.text("id")
        r.where = f"lessons.toml lesson {lesson_id!r}"
        pages: list[Page] = []
        for p, page_table in enumerate(r.tables("pages"), 1):
            pr = _Reader(page_table, f"{r.where} page {p}")
            examples = tuple(_example(ex, f"{pr.where} example {e}") for e, ex in enumerate(pr.tables("examples"), 1))
            pages.append(Page(heading=pr.text("heading"), body=pr.text("body"), examples=examples))
        if not pages:
            raise r.fail("has no pages")
        lessons.append(Lesson(id=lesson_id, title=r.text("title"), summary=r.text("summary"), pages=tuple(pages)))
    if not lessons:
        raise ResourceError("course content lessons.toml has no lessons")
    _unique([lesson.id for lesson in lessons], "lessons.toml")
    return tuple(lessons)


def parse_quiz(data: Mapping[str, Any], lesson_ids: Sequence[str] = ()) -> tuple[QuizItem, ...]:
    """Quiz items from the parsed ``quiz.toml``; ``lesson_ids`` (when given) are the lessons items may cite."""
    items: list[QuizItem] = []
    for n, table in enumerate(_Reader(data, "quiz.toml").tables("items"), 1):
        r = _Reader(table, f"quiz.toml item {n}")
        item_id = r.text("id")
        r.where = f"quiz.toml item {item_id!r}"
        kind = r.choice("kind", ("name_strategy", "spot_pitfall"))
        allowed = (*STRATEGIES, NO_STRATEGY) if kind == "name_strategy" else PITFALL_KINDS
        choices = r.labels("choices", allowed, allow_empty=False)
        if len(choices) < 2:
            raise r.fail("needs at least two choices")
        answer = r.choice("answer", choices)
        lesson = r.text("lesson")
        if lesson_ids and lesson not in lesson_ids:
            raise r.fail(f"cites unknown lesson {lesson!r}")
        items.append(
            QuizItem(
                id=item_id,
                kind=kind,  # type: ignore[arg-type]
                lesson=lesson,
                customer=r.text("customer"),
                reply=r.text("reply"),
                choices=choices,
                answer=answer,
                explanation=r.text("explanation"),
            )
        )
    if not items:
        raise ResourceError("course content quiz.toml has no items")
    _unique([i.id for i in items], "quiz.toml")
    return tuple(items)


def parse_scenarios(data: Mapping[str, Any]) -> tuple[Scenario, ...]:
    """Practice scenarios from the parsed ``scenarios.toml``."""
    scenarios: list[Scenario] = []
    for n, table in enumerate(_Reader(data, "scenarios.toml").tables("scenarios"), 1):
        r = _Reader(table, f"scenarios.toml scenario {n}")
        scenario_id = r.text("id")
        r.where = f"scenarios.toml scenario {scenario_id!r}"
        answers = table.get("model_answers", [])
        if (
            not isinstance(answers, list)
            or len(answers) < 2
            or not all(isinstance(a, str) and a.strip() for a in answers)
        ):
            raise r.fail("'model_answers' must list at least two non-empty replies")
        self_critical = table.get("self_critical", False)
        if not isinstance(self_critical, bool):
            raise r.fail("'self_critical' must be true or false")
        scenarios.append(
            Scenario(
                id=scenario_id,
                industry=r.text("industry"),
                title=r.text("title"),
                context=r.text("context"),
                customer=r.text("customer"),
                emotions=r.labels("emotions", EMOTIONS, allow_empty=False),
                intensity=r.choice("intensity", INTENSITIES),
                self_critical=self_critical,
                strategies=r.labels("strategies", STRATEGIES, allow_empty=False),
                model_answers=tuple(a.strip() for a in answers),
            )
        )
    if not scenarios:
        raise ResourceError("course content scenarios.toml has no scenarios")
    _unique([s.id for s in scenarios], "scenarios.toml")
    return tuple(scenarios)


def build_course(lessons: Mapping[str, Any], quiz: Mapping[str, Any], scenarios: Mapping[str, Any]) -> Course:
    """A validated :class:`Course` from the three parsed content tables."""
    parsed_lessons = parse_lessons(lessons)
    return Course(
        lessons=parsed_lessons,
        quiz=parse_quiz(quiz, [lesson.id for lesson in parsed_lessons]),
        scenarios=parse_scenarios(scenarios),
    )


@lru_cache(maxsize=1)
def load_course() -> Course:
    """The packaged course (read once; the content is read-only)."""
    return build_course(_load_toml("lessons.toml"), _load_toml("quiz.toml"), _load_toml("scenarios.toml"))
