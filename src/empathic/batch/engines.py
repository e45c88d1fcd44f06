"""Where ``score_batch`` runs: in this process, in a local process pool, or on a Dask cluster.

Every engine maps batches of conversation records to batches of scored records with a bounded
number of batches in flight, so reading a huge input never runs ahead of scoring: memory stays
flat whatever the input size. Results may come back out of order; the store is keyed by
conversation id, so order does not change what is stored.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing import get_context
from typing import Any, Protocol

from empathic.batch.work import score_batch
from empathic.errors import ConfigError
from empathic.extras import require_extra

Batch = list[dict[str, Any]]

ENGINES: tuple[str, ...] = ("local", "dask")

_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class Engine(Protocol):
    """Runs ``score_batch`` over a stream of batches."""

    name: str
    workers: int

    def map(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        """Scored batches, at most a few in flight at once."""
        ...

    def close(self) -> None:
        """Stop any worker processes this engine started."""
        ...

    def terminate(self) -> None:
        """Stop at once (the run was told to stop): kill the workers, abandon batches in flight."""
        ...


class InlineEngine:
    """``score_batch`` in this very process: no start-up cost, one core."""

    name = "local"
    workers = 1

    def map(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        """Score each batch as it comes."""
        for batch in batches:
            yield score_batch(batch)

    def close(self) -> None:
        """Nothing to stop."""

    def terminate(self) -> None:
        """Nothing to stop."""


#: prctl option: the signal the kernel sends this process when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Worker initializer: a worker must never outlive the process that started it.

    A worker holds ~130 MB and the parent's stdout/stderr; orphaned by a SIGKILL of ``score`` it
    would keep both for as long as its batch takes and a caller waiting on the pipes would hang.
    On Linux the kernel is asked to SIGKILL the worker when its parent dies (PR_SET_PDEATHSIG; the
    pool starts workers from the thread that runs ``map``, the main thread of ``score``). Then,
    since the parent may have died before the request was made, the worker checks it is still there.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the check below still catches a dead parent
            pass
    if os.getppid() != parent:
        os._exit(1)


def _results(done: Iterable[Future[Batch]]) -> Iterator[Batch]:
    """The results of finished futures; when one failed (a lost worker), the others first, then its error.

    So every batch that was scored before a failure is still handed on to be stored.
    """
    failure: BaseException | None = None
    for fut in done:
        exc = fut.exception()
        if exc is None:
            yield fut.result()
        elif failure is None:
            failure = exc
    if failure is not None:
        raise failure


class LocalEngine:
    """A pool of ``workers`` processes on this machine, each loading the analyzer once."""

    name = "local"

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {workers}")
        self.workers = workers
        # One math thread per worker: the parallelism comes from the processes, and numpy's BLAS
        # threads in every worker would fight over the same cores (Dask workers do the same).
        # Spawned workers inherit this environment; the parent has already loaded its libraries.
        for var in _THREAD_VARS:
            os.environ.setdefault(var, "1")
        # spawn, not fork: the parent runs a progress-bar thread and holds a database connection.
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                         initializer=_die_with_parent, initargs=(os.getpid(),))
        self._terminated = False

    def map(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        """Score batches in the pool with at most two per worker in flight."""
        limit = 2 * self.workers
        pending: set[Future[Batch]] = set()
        for batch in batches:
            pending.add(self._pool.submit(score_batch, batch))
            if len(pending) >= limit:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from _results(done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from _results(done)

    def close(self) -> None:
        """Shut the pool down (cancelling batches not yet started)."""
        self._pool.shutdown(wait=not self._terminated, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        """The process ids of the pool's live workers."""
        # The executor keeps its processes in a private dict; there is no public accessor before 3.14.
        processes = getattr(self._pool, "_processes", None) or {}
        return [p.pid for p in list(processes.values()) if p.pid is not None and p.is_alive()]

    def terminate(self) -> None:
        """Kill the workers now (SIGTERM of ``score``): batches in flight are abandoned, resuming redoes them."""
        self._terminated = True
        for pid in self.worker_pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._pool.shutdown(wait=False, cancel_futures=True)


def _worker_memory(workers: int) -> int:
    """Memory limit per local Dask worker: a fair share of RAM, capped at 2 GiB (the analyzer needs far less)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        total = 4 << 30
    return int(min(2 << 30, total // (workers + 1)))


class DaskEngine:
    """dask.distributed: a cluster at ``scheduler`` (``tcp://host:8786``), or a LocalCluster of ``workers``."""

    name = "dask"

    def __init__(self, workers: int = 2, scheduler: str | None = None) -> None:
        require_extra("scale", "--engine dask")
        from distributed import Client, LocalCluster

        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {workers}")
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    memory_limit=_worker_memory(workers),
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,
                )
                self._client = Client(self._cluster)
        except OSError as exc:
            if self._cluster is not None:
                self._cluster.close()
            raise ConfigError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from exc
        self.workers = max(1, sum(self._client.nthreads().values()))

    @property
    def scheduler_address(self) -> str:
        """The address of the scheduler in use."""
        return str(self._client.scheduler.address)

    def map(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        """Submit batches to the cluster with at most two per worker thread in flight."""
        from distributed import as_completed

        it = iter(batches)
        running = as_completed()
        for _ in range(2 * self.workers):
            batch = next(it, None)
            if batch is None:
                break
            running.add(self._client.submit(score_batch, batch, pure=False))
        for fut in running:
            result = fut.result()
            fut.release()
            batch = next(it, None)
            if batch is not None:
                running.add(self._client.submit(score_batch, batch, pure=False))
            yield result

    def close(self) -> None:
        """Disconnect, and stop the LocalCluster when this engine started one."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def terminate(self) -> None:
        """Disconnect and stop a LocalCluster (its nannies stop their workers); a remote cluster goes on."""
        self.close()


def make_engine(name: str, *, workers: int = 1, scheduler: str | None = None) -> Engine:
    """The engine named ``local`` or ``dask``; ConfigError for another name or a bad option."""
    if name == "local":
        if scheduler:
            raise ConfigError("--scheduler is for --engine dask")
        return InlineEngine() if workers == 1 else LocalEngine(workers)
    if name == "dask":
        return DaskEngine(workers=workers, scheduler=scheduler)
    raise ConfigError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
