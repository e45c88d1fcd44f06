"""One scoring run: read inputs, skip what the store already holds, score, write, report errors.

Resumable by design: a conversation is written with its turns and metrics in one transaction,
and before scoring a batch the runner asks the store which of its conversations are already
stored with the same content hash. A run killed at any point and started again with the same
command ends with exactly the rows of a run that was never interrupted.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from empathic.batch.engines import Engine
from empathic.batch.readers import InputSet
from empathic.errors import ConfigError
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
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started

    def to_dict(self) -> dict[str, Any]:
        """The counters as a JSON object."""
        return {
            "read": self.read,
            "scored": self.scored,
            "skipped": self.skipped,
            "errors": self.errors,
            "exchanges": self.exchanges,
            "seconds": round(self.elapsed, 3),
        }


class _ErrorLog:
    """The errors file: one JSON object a line with file, line, id and reason."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._fh: IO[str] | None = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._fh = path.open("w", encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot write the errors file {path}: {exc.strerror}") from exc

    def write(self, error: dict[str, Any]) -> None:
        if self._fh is not None:
            self._fh.write(json.dumps(error, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


def _batches(records: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_scoring(
    inputs: InputSet,
    store: ResultStore,
    engine: Engine,
    *,
    errors_path: Path | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Callable[[RunStats], None] | None = None,
) -> RunStats:
    """Score every conversation of ``inputs`` into ``store`` on ``engine``; returns the run's counters.

    Malformed records and conversations that fail to score go to ``errors_path`` (one JSON
    object a line: ``file``, ``line``, ``id``, ``reason``); the rest are processed.
    """
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, got {batch_size}")
    stats = RunStats(total_bytes=inputs.total_bytes)
    errors = _ErrorLog(errors_path)

    def todo() -> Iterator[list[dict[str, Any]]]:
        for batch in _batches(inputs.records(), batch_size):
            good = []
            for rec in batch:
                if "error" in rec:
                    stats.errors += 1
                    errors.write(rec["error"])
                else:
                    stats.read += 1
                    good.append(rec)
            done = store.completed([r["id"] for r in good])
            fresh = [r for r in good if done.get(r["id"]) != r["hash"]]
            stats.skipped += len(good) - len(fresh)
            stats.bytes_read = inputs.position()
            if fresh:
                yield fresh
            elif on_progress is not None:
                on_progress(stats)

    try:
        for result in engine.map(todo()):
            scored = [r for r in result if "error" not in r]
            for r in result:
                if "error" in r:
                    stats.errors += 1
                    errors.write(r["error"])
            store.write_scored(scored)
            stats.scored += len(scored)
            stats.exchanges += sum(len(r["turns"]) for r in scored)
            stats.bytes_read = inputs.position()
            if on_progress is not None:
                on_progress(stats)
    finally:
        errors.close()
    stats.bytes_read = stats.total_bytes
    return stats
