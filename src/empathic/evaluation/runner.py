"""What every data set's evaluation shares: the analyzer to call, the record loop, skips, timing, progress."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, TypeVar

from empathic.errors import ConfigError, InputError
from empathic.types import Analysis

T = TypeVar("T")

#: ``analyze(customer, reply) -> Analysis``: what an evaluation calls for each record.
AnalyzeFn = Callable[[str, "str | None"], Analysis]

#: ``progress(done, total)``: called once before the first record and after each one.
ProgressFn = Callable[[int, int], None]


class SupportsAnalyze(Protocol):
    """Anything with a Coach's ``analyze(customer, reply)`` method."""

    def analyze(self, customer: str, reply: str | None = None, *, id: str | None = None) -> Analysis:
        """Analyse one exchange."""
        ...


#: What an evaluation accepts as its analyzer: a Coach, an ``analyze`` function, or None for the default.
Analyzer = SupportsAnalyze | AnalyzeFn


def analyze_fn(analyzer: Analyzer | None) -> AnalyzeFn:
    """Turn a Coach (anything with ``.analyze``), a plain function or None (the default pipeline) into a function."""
    if analyzer is None:
        from empathic.pipeline import analyze

        return lambda customer, reply: analyze(customer, reply)
    method = getattr(analyzer, "analyze", None)
    if callable(method):
        return lambda customer, reply: method(customer, reply)
    if callable(analyzer):
        return analyzer  # type: ignore[return-value]
    raise ConfigError(f"an analyzer must be a Coach or a function (customer, reply) -> Analysis, not {analyzer!r}")


def check_limit(limit: int | None) -> int | None:
    """``limit`` itself when it is None or positive; ConfigError otherwise."""
    if limit is not None and limit < 1:
        raise ConfigError(f"limit must be a positive number of records, got {limit}")
    return limit


class Skip(Exception):
    """Raised by a step for a record that cannot be evaluated; ``reason`` is how it is counted."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class Loop:
    """Runs a step over the records, counting skipped ones by reason and timing the whole run."""

    progress: ProgressFn | None = None
    skipped: dict[str, int] = field(default_factory=dict)
    records: int = 0
    seconds: float = 0.0

    def skip(self, reason: str) -> None:
        """Count one record that could not be evaluated, under a reason a reader understands."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def run(self, items: Iterable[T], step: Callable[[T], None], *, limit: int | None = None) -> None:
        """Read up to ``limit`` items, then call ``step`` on each, reporting progress.

        A step may raise :class:`Skip`; a record the analyzer rejects as input (empty, too
        long) is skipped too. Both are counted by reason. Anything else is a bug and propagates.
        """
        started = time.perf_counter()
        batch = list(islice(items, check_limit(limit))) if limit is not None else list(items)
        total = len(batch)
        if self.progress is not None:
            self.progress(0, total)
        for done, item in enumerate(batch, start=1):
            try:
                step(item)
                self.records += 1
            except Skip as exc:
                self.skip(exc.reason)
            except InputError as exc:
                self.skip(f"rejected by the analyzer ({exc.code})")
            if self.progress is not None:
                self.progress(done, total)
        self.seconds = time.perf_counter() - started
