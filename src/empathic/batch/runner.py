"""One scoring run: read inputs, skip what the store already holds, score, write, report errors.

Resumable by design: a conversation is written with its turns and metrics in one transaction,
and before scoring a batch the runner asks the store which of its conversations are already
stored with the same content hash. A run killed at any point and started again with the same
command ends with exactly the rows of a run that was never interrupted.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from empathic.batch.engines import Engine
from empathic.batch.readers import InputSet
from empathic.batch.records import bad_record
from empathic.errors import ConfigError, environment_failure
from empathic.store.results import ResultStore

#: Conversations per unit of work: big enough to amortise shipping, small enough to keep memory flat.
DEFAULT_BATCH_SIZE = 64


@dataclass(slots=True)
class RunStats:
    """Counters of one run, updated as batches finish."""

    read: int = 0
    scored: int = 0
    skipped: int = 0
    errors: int = 0
    exchanges: int = 0
    bytes_read: int = 0
    total_bytes: int = 0
    run_id: str = ""
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started

    def to_dict(self) -> dict[str, Any]:
        """The counters as a JSON object."""
        return {
            "run_id": self.run_id,
            "read": self.read,
            "scored": self.scored,
            "skipped": self.skipped,
            "errors": self.errors,
            "exchanges": self.exchanges,
            "seconds": round(self.elapsed, 3),
        }


def new_run_id() -> str:
    """A run id that sorts by start time and differs between concurrent runs: ``20240301T093000Z-1234-a1b2c3``."""
    return f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{os.getpid()}-{secrets.token_hex(3)}"


class ErrorLog:
    """The errors file: append-only, one JSON object a line with run, file, line, id and reason.

    Every run appends (never truncates) and stamps each record with its run id, so reruns and
    concurrent runs sharing one errors file keep every record. Each record is one ``write`` of one
    line on a file opened with O_APPEND, so lines of concurrent runs never interleave.
    """

    def __init__(self, path: Path | None, run_id: str) -> None:
        self.path = path
        self.run_id = run_id
        self._fd: int | None = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            except OSError as exc:
                raise environment_failure(exc, where=str(path)) or ConfigError(
                    f"cannot write the errors file {path}: {exc.strerror}") from exc

    def write(self, error: dict[str, Any]) -> None:
        """Append one error record (stamped with the run id)."""
        if self._fd is None:
            return
        line = json.dumps({"run": self.run_id, **error}, ensure_ascii=False) + "\n"
        # backslashreplace: a file name that is not UTF-8 must not lose the record.
        data = line.encode("utf-8", "backslashreplace")
        try:
            while data:
                data = data[os.write(self._fd, data):]
        except OSError as exc:
            raise environment_failure(exc, where=str(self.path)) or ConfigError(
                f"cannot write the errors file {self.path}: {exc.strerror}") from exc

    def close(self) -> None:
        """Close the file."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _batches(records: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _origin(rec: dict[str, Any]) -> tuple[str, int | None]:
    origin = rec.get("origin") or {}
    return origin.get("file", "?"), origin.get("line")


def _machine_failure(exc: Exception, store: ResultStore) -> Exception | None:
    """The typed failure when ``exc`` is the machine's (disk, store file, worker), else None."""
    return environment_failure(exc, where=store.path)


Report = Callable[[dict[str, Any]], None]


def _per_record(store: ResultStore, records: list[dict[str, Any]], action: Callable[[list[dict[str, Any]]], Any],
                what: str, report: Report) -> tuple[list[dict[str, Any]], list[Any]]:
    """``action(records)`` once; if the database refuses that, ``action([record])`` for each record.

    Returns the records it succeeded for and what ``action`` returned. A record the database refuses
    (a value it cannot hold) is reported as refusing ``what``; a failure of the machine (disk full,
    damaged store) is raised, since every record would fail the same way.
    """
    try:
        return records, [action(records)]
    except Exception as exc:
        if _machine_failure(exc, store) is not None:
            raise
    kept, results = [], []
    for rec in records:
        try:
            results.append(action([rec]))
            kept.append(rec)
        except Exception as exc:
            if _machine_failure(exc, store) is not None:
                raise
            file, line = _origin(rec)
            report(bad_record(f"the store refused {what} ({type(exc).__name__}: {str(exc).strip()[:200]})",
                              file=file, line=line, id=rec.get("id"))["error"])
    return kept, results


def _lookup(store: ResultStore, records: list[dict[str, Any]], report: Report,
            ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The records whose ids the store can look up, and ``{id: stored hash}`` for those already stored."""
    kept, found = _per_record(store, records, lambda recs: store.completed([r["id"] for r in recs]),
                              "this conversation's id", report)
    return kept, {k: v for done in found for k, v in done.items()}


def _store(store: ResultStore, scored: list[dict[str, Any]], report: Report) -> list[dict[str, Any]]:
    """Write ``scored`` in one transaction (one by one when the database refuses it); returns what was stored."""
    return _per_record(store, scored, store.write_scored, "this conversation", report)[0]


def run_scoring(
    inputs: InputSet,
    store: ResultStore,
    engine: Engine,
    *,
    errors_path: Path | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Callable[[RunStats], None] | None = None,
    run_id: str | None = None,
) -> RunStats:
    """Score every conversation of ``inputs`` into ``store`` on ``engine``; returns the run's counters.

    Every record is either stored or reported, exactly once: a record that fails anywhere (reading,
    normalising, analysing, storing) is appended to ``errors_path`` (one JSON object a line: ``run``,
    ``file``, ``line``, ``id``, ``reason``) and the run goes on. Only a failure of the machine ends
    a run early, as an :class:`~empathic.errors.EnvironmentFailure` (disk full, damaged store, lost
    worker); what was stored before it stays stored, and rerunning resumes.
    """
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, got {batch_size}")
    stats = RunStats(total_bytes=inputs.total_bytes, run_id=run_id or new_run_id())
    errors = ErrorLog(errors_path, stats.run_id)

    def report(error: dict[str, Any]) -> None:
        stats.errors += 1
        errors.write(error)

    def todo() -> Iterator[list[dict[str, Any]]]:
        for batch in _batches(inputs.records(), batch_size):
            good = []
            for rec in batch:
                if "error" in rec:
                    report(rec["error"])
                else:
                    stats.read += 1
                    good.append(rec)
            good, done = _lookup(store, good, report)
            fresh = [r for r in good if done.get(r["id"]) != r["hash"]]
            stats.skipped += len(good) - len(fresh)
            stats.bytes_read = inputs.position()
            if fresh:
                yield fresh
            elif on_progress is not None:
                on_progress(stats)

    try:
        for result in engine.map(todo()):
            scored = []
            for r in result:
                if "error" in r:
                    report(r["error"])
                else:
                    scored.append(r)
            stored = _store(store, scored, report)
            stats.scored += len(stored)
            stats.exchanges += sum(len(r["turns"]) for r in stored)
            stats.bytes_read = inputs.position()
            if on_progress is not None:
                on_progress(stats)
    except Exception as exc:
        failure = _machine_failure(exc, store)
        if failure is not None and failure is not exc:
            raise failure from exc
        raise
    finally:
        errors.close()
    stats.bytes_read = stats.total_bytes
    return stats
