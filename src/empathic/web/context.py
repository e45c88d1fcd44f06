"""What every request handler of one app shares: settings, store, rate limiter, the Coach.

Optional library functions (``empathic.suggest``, ``empathic.rewrite``, the course) are
looked up when first asked for, so the server works, and says so clearly, while a part
of the library is not installed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import importlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any

from empathic.pipeline import Coach
from empathic.types import Analysis, Exchange
from empathic.web.security import ApiError, AuthGate, RateLimiter
from empathic.web.settings import Settings
from empathic.web.store import Store


def find_function(name: str) -> Callable[..., Any] | None:
    """``empathic.<name>`` (or ``empathic.suggest.<name>``) when it exists and is callable, else None."""
    import empathic

    candidates: list[Any] = [getattr(empathic, name, None)]
    for module_name in (f"empathic.{name}", "empathic.suggest"):
        try:
            candidates.append(importlib.import_module(module_name))
        except ModuleNotFoundError as exc:
            # Only "that module does not exist" means missing; a broken import inside it is a bug to show.
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
    for obj in candidates:
        if isinstance(obj, ModuleType):
            obj = getattr(obj, name, None)
        if callable(obj):
            return obj
    return None


def jsonable(value: Any) -> Any:
    """A JSON-ready form of a library result (``to_dict``, dataclass, list, str)."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


class WebContext:
    """Per-app services. The Coach is built on first use (loading resources takes a moment)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.store_url)
        self.limiter = RateLimiter(settings.rate_limit)
        self.auth = AuthGate(settings.api_keys, settings.auth_failure_limit)
        self._coach: Coach | None = settings.coach
        self._lock = threading.Lock()
        # Analysis is CPU work under the GIL: a few dedicated threads serving a queue in arrival order
        # keep the tail latency close to the median, where a large shared pool makes threads fight.
        # Long texts have a lane of their own, so that ordinary requests never queue behind them.
        self._executor = ThreadPoolExecutor(settings.analysis_threads, thread_name_prefix="empathic-analysis")
        self._long_executor = ThreadPoolExecutor(1, thread_name_prefix="empathic-analysis-long")
        self._long_in_flight = 0

    @property
    def coach(self) -> Coach:
        """The pipeline that analyses every exchange."""
        if self._coach is None:
            with self._lock:
                if self._coach is None:
                    from empathic.pipeline import default_coach

                    self._coach = default_coach()
        return self._coach

    def analyze(self, customer: str, reply: str | None, *, id: str | None = None) -> Analysis:
        """Analyse one exchange with this app's Coach."""
        return self.coach.run(Exchange(customer=customer, reply=reply, id=id))

    async def run(self, fn: Callable[..., Any], *args: Any, cost: int = 0, **kwargs: Any) -> Any:
        """Run CPU-bound ``fn`` on the analysis threads without blocking the event loop.

        ``cost`` is the number of characters ``fn`` analyses. Over ``settings.long_text_chars`` the
        work goes to the long-text lane: one thread, and at most ``settings.long_text_queue`` more
        such requests waiting, beyond which the answer is 503 with Retry-After. One long analysis
        then delays the others of its kind, never an ordinary request, whose lane stays free.
        """
        loop = asyncio.get_running_loop()
        call = functools.partial(fn, *args, **kwargs)
        if cost <= self.settings.long_text_chars:
            return await loop.run_in_executor(self._executor, call)
        # Counted on the event loop's thread only, so the counter needs no lock.
        if self._long_in_flight >= 1 + self.settings.long_text_queue:
            raise ApiError(
                503, "busy",
                "the server is already analysing several long texts; retry shortly or send shorter texts",
                headers={"Retry-After": "5"},
            )
        self._long_in_flight += 1
        try:
            return await loop.run_in_executor(self._long_executor, call)
        finally:
            self._long_in_flight -= 1

    def close(self) -> None:
        """Release the store."""
        self.store.close()
