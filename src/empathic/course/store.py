"""A learner's progress through the course, kept in SQLite under the user data folder.

One file (``<data home>/course.sqlite3``) holds every learner on this machine: where each one
left off, the lesson pages they reached, every quiz answer and every practice attempt. Each
change is committed at once, so quitting (or a crash, or a closed terminal) loses nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from empathic.errors import ConfigError, InputError
from empathic.store.url import data_home

#: The layout of the progress database (SQLite ``user_version``); bump it with a migration.
STORE_VERSION = 1

#: The file name of the progress database inside the data folder.
STORE_FILE = "course.sqlite3"

#: Longest learner name accepted (names are shown in reports and menus).
MAX_NAME_CHARS = 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS learners (
    name        TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    section     TEXT,
    item_id     TEXT,
    page        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS lesson_progress (
    learner       TEXT NOT NULL REFERENCES learners(name),
    lesson_id     TEXT NOT NULL,
    furthest_page INTEGER NOT NULL DEFAULT 0,
    completed_at  TEXT,
    PRIMARY KEY (learner, lesson_id)
);
CREATE TABLE IF NOT EXISTS quiz_answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    learner     TEXT NOT NULL REFERENCES learners(name),
    item_id     TEXT NOT NULL,
    answer      TEXT NOT NULL,
    correct     INTEGER NOT NULL,
    answered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quiz_answers_learner ON quiz_answers(learner, item_id);
CREATE TABLE IF NOT EXISTS practice_attempts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    learner      TEXT NOT NULL REFERENCES learners(name),
    scenario_id  TEXT NOT NULL,
    reply        TEXT NOT NULL,
    score        INTEGER NOT NULL,
    found        TEXT NOT NULL,
    missing      TEXT NOT NULL,
    pitfalls     TEXT NOT NULL,
    passed       INTEGER NOT NULL,
    attempted_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS practice_attempts_learner ON practice_attempts(learner, scenario_id);
"""


def check_learner_name(name: str) -> str:
    """The learner name, trimmed; InputError when it is empty, too long or has control characters."""
    if not isinstance(name, str):
        raise InputError(f"learner name must be text, got {type(name).__name__}")
    clean = name.strip()
    if not clean:
        raise InputError("learner name is empty; pass --learner NAME")
    if len(clean) > MAX_NAME_CHARS:
        raise InputError(f"learner name is {len(clean)} characters; the limit is {MAX_NAME_CHARS}")
    if any(ord(c) < 32 or ord(c) == 127 for c in clean):
        raise InputError("learner name contains control characters")
    return clean


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Position:
    """Where a learner is in the course: a section, the item in it, and (for lessons) the page."""

    section: str
    item_id: str
    page: int = 0

    def __post_init__(self) -> None:
        if self.section not in ("lesson", "quiz", "practice"):
            raise InputError(f"unknown course section {self.section!r}")
        if self.page < 0:
            raise InputError("page must not be negative")


@dataclass(frozen=True, slots=True)
class QuizAnswer:
    """One answer a learner gave to a quiz item."""

    item_id: str
    answer: str
    correct: bool
    answered_at: str


@dataclass(frozen=True, slots=True)
class Attempt:
    """One practice reply a learner submitted, with how it was graded."""

    scenario_id: str
    reply: str
    score: int
    found: tuple[str, ...]
    missing: tuple[str, ...]
    pitfalls: tuple[str, ...]
    passed: bool
    attempted_at: str


@dataclass(frozen=True, slots=True)
class LessonState:
    """How far a learner got in one lesson."""

    lesson_id: str
    furthest_page: int
    completed: bool


class ProgressStore:
    """Progress of every learner, in one SQLite file. Use as a context manager, or call :meth:`close`.

    >>> with ProgressStore.open() as store:          # doctest: +SKIP
    ...     store.save_position("ana", Position("lesson", "empathy", 2))
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"cannot open the progress store at {self.path}: {exc}; set EMPATHIC_HOME to a writable folder"
            ) from exc
        self._conn.row_factory = sqlite3.Row
        self._migrate()

    @classmethod
    def open(cls, home: Path | str | None = None) -> ProgressStore:
        """The store in ``home`` (default: :func:`data_home`)."""
        folder = Path(home) if home is not None else data_home()
        return cls(folder / STORE_FILE)

    def _migrate(self) -> None:
        try:
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version > STORE_VERSION:
                raise ConfigError(
                    f"the progress store at {self.path} was written by a newer empathic "
                    f"(layout {version}); upgrade empathic to read it"
                )
            with self._conn:
                self._conn.executescript(_SCHEMA)
                self._conn.execute(f"PRAGMA user_version = {STORE_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"the progress store at {self.path} is not a usable SQLite file: {exc}") from exc

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- learners -----------------------------------------------------------------------------------------

    def ensure_learner(self, name: str) -> str:
        """Create the learner if new (and mark them as seen now); returns the cleaned name."""
        name = check_learner_name(name)
        now = _now()
        with self._conn:
            self._conn.execute(
                "INSERT INTO learners(name, created_at, last_seen) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET last_seen = excluded.last_seen",
                (name, now, now),
            )
        return name

    def learners(self) -> list[str]:
        """Every learner name, most recently seen first."""
        rows = self._conn.execute("SELECT name FROM learners ORDER BY last_seen DESC, name").fetchall()
        return [r["name"] for r in rows]

    def has_learner(self, name: str) -> bool:
        """True when this learner has been seen before."""
        row = self._conn.execute("SELECT 1 FROM learners WHERE name = ?", (name.strip(),)).fetchone()
        return row is not None

    def last_seen(self, name: str) -> str | None:
        """When the learner was last active (ISO 8601, UTC), or None for a new learner."""
        row = self._conn.execute("SELECT last_seen FROM learners WHERE name = ?", (name.strip(),)).fetchone()
        return row["last_seen"] if row else None

    # --- position -----------------------------------------------------------------------------------------

    def save_position(self, learner: str, position: Position) -> None:
        """Remember where the learner is, so the next session can resume there."""
        learner = self.ensure_learner(learner)
        with self._conn:
            self._conn.execute(
                "UPDATE learners SET section = ?, item_id = ?, page = ?, last_seen = ? WHERE name = ?",
                (position.section, position.item_id, position.page, _now(), learner),
            )

    def position(self, learner: str) -> Position | None:
        """Where the learner left off, or None when they have not started."""
        row = self._conn.execute(
            "SELECT section, item_id, page FROM learners WHERE name = ?", (learner.strip(),)
        ).fetchone()
        if row is None or row["section"] is None:
            return None
        try:
            return Position(row["section"], row["item_id"], int(row["page"]))
        except InputError:
            return None  # a hand-edited or future row: start afresh rather than fail

    # --- lessons ------------------------------------------------------------------------------------------

    def record_page(self, learner: str, lesson_id: str, page: int) -> None:
        """Note that the learner reached ``page`` (0-based) of a lesson."""
        learner = self.ensure_learner(learner)
        with self._conn:
            self._conn.execute(
                "INSERT INTO lesson_progress(learner, lesson_id, furthest_page) VALUES (?, ?, ?) "
                "ON CONFLICT(learner, lesson_id) DO UPDATE SET "
                "furthest_page = MAX(furthest_page, excluded.furthest_page)",
                (learner, lesson_id, page),
            )

    def complete_lesson(self, learner: str, lesson_id: str, pages: int) -> None:
        """Mark a lesson of ``pages`` pages as finished (the first finish time is kept)."""
        learner = self.ensure_learner(learner)
        with self._conn:
            self._conn.execute(
                "INSERT INTO lesson_progress(learner, lesson_id, furthest_page, completed_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(learner, lesson_id) DO UPDATE SET "
                "furthest_page = MAX(furthest_page, excluded.furthest_page), "
                "completed_at = COALESCE(completed_at, excluded.completed_at)",
                (learner, lesson_id, max(0, pages - 1), _now()),
            )

    def lessons(self, learner: str) -> dict[str, LessonState]:
        """The learner's state in every lesson they opened, by lesson id."""
        rows = self._conn.execute(
            "SELECT lesson_id, furthest_page, completed_at FROM lesson_progress WHERE learner = ?",
            (learner.strip(),),
        ).fetchall()
        return {
            r["lesson_id"]: LessonState(r["lesson_id"], int(r["furthest_page"]), r["completed_at"] is not None)
            for r in rows
        }

    def completed_lessons(self, learner: str) -> set[str]:
        """Ids of the lessons the learner finished."""
        return {k for k, v in self.lessons(learner).items() if v.completed}

    # --- quiz ---------------------------------------------------------------------------------------------

    def record_answer(self, learner: str, item_id: str, answer: str, correct: bool) -> None:
        """Keep one quiz answer (every answer is kept; reports use the latest per item)."""
        learner = self.ensure_learner(learner)
        with self._conn:
            self._conn.execute(
                "INSERT INTO quiz_answers(learner, item_id, answer, correct, answered_at) VALUES (?, ?, ?, ?, ?)",
                (learner, item_id, answer, int(correct), _now()),
            )

    def answers(self, learner: str) -> list[QuizAnswer]:
        """Every quiz answer of the learner, oldest first."""
        rows = self._conn.execute(
            "SELECT item_id, answer, correct, answered_at FROM quiz_answers WHERE learner = ? ORDER BY id",
            (learner.strip(),),
        ).fetchall()
        return [QuizAnswer(r["item_id"], r["answer"], bool(r["correct"]), r["answered_at"]) for r in rows]

    def latest_answers(self, learner: str) -> dict[str, QuizAnswer]:
        """The learner's most recent answer to each quiz item, by item id."""
        return {a.item_id: a for a in self.answers(learner)}

    # --- practice -----------------------------------------------------------------------------------------

    def record_attempt(self, learner: str, attempt: Attempt) -> None:
        """Keep one graded practice reply."""
        learner = self.ensure_learner(learner)
        with self._conn:
            self._conn.execute(
                "INSERT INTO practice_attempts(learner, scenario_id, reply, score, found, missing, pitfalls, "
                "passed, attempted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    learner,
                    attempt.scenario_id,
                    attempt.reply,
                    int(attempt.score),
                    json.dumps(list(attempt.found)),
                    json.dumps(list(attempt.missing)),
                    json.dumps(list(attempt.pitfalls)),
                    int(attempt.passed),
                    attempt.attempted_at or _now(),
                ),
            )

    def attempts(self, learner: str, scenario_id: str | None = None) -> list[Attempt]:
        """The learner's practice attempts (optionally for one scenario), oldest first."""
        sql = (
            "SELECT scenario_id, reply, score, found, missing, pitfalls, passed, attempted_at "
            "FROM practice_attempts WHERE learner = ?"
        )
        args: tuple[str, ...] = (learner.strip(),)
        if scenario_id is not None:
            sql += " AND scenario_id = ?"
            args += (scenario_id,)
        rows = self._conn.execute(sql + " ORDER BY id", args).fetchall()
        return list(self._attempts(rows))

    @staticmethod
    def _attempts(rows: list[sqlite3.Row]) -> Iterator[Attempt]:
        for r in rows:
            yield Attempt(
                scenario_id=r["scenario_id"],
                reply=r["reply"],
                score=int(r["score"]),
                found=tuple(json.loads(r["found"])),
                missing=tuple(json.loads(r["missing"])),
                pitfalls=tuple(json.loads(r["pitfalls"])),
                passed=bool(r["passed"]),
                attempted_at=r["attempted_at"],
            )

    def passed_scenarios(self, learner: str) -> set[str]:
        """Ids of the scenarios the learner passed at least once."""
        rows = self._conn.execute(
            "SELECT DISTINCT scenario_id FROM practice_attempts WHERE learner = ? AND passed = 1",
            (learner.strip(),),
        ).fetchall()
        return {r["scenario_id"] for r in rows}
