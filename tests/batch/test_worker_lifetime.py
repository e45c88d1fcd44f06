"""Workers die with ``score`` (issue 14, M5): after SIGKILL or SIGTERM of the parent no worker is left.

An orphaned worker holds ~130 MB and the parent's stdout/stderr, so a caller waiting on the pipes
would hang for as long as the orphan's batch takes. Dask's LocalCluster workers already watch their
parent; the local process pool's are made to (PR_SET_PDEATHSIG). Linux only (reads /proc).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def _alive(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")  # a zombie has let go of its memory and pipes


def _workers(parent: int) -> list[int]:
    """The pool workers the parent has started (spawned interpreters with --multiprocessing-fork)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        st = _stat(int(entry.name))
        if st is None or st[1] != parent:
            continue
        try:
            cmd = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"--multiprocessing-fork" in cmd:
            found.append(int(entry.name))
    return found


def _bounded_wait(predicate: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "sig"), [("local", signal.SIGKILL), ("local", signal.SIGTERM),
                                             ("dask", signal.SIGKILL)])
def test_workers_die_with_their_parent_and_the_pipes_close(engine: str, sig: int, tmp_path: Path,
                                                            synthetic: Any) -> None:
    inputs = synthetic(tmp_path / "in.jsonl", 3000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "empathic", "score", str(inputs), "--engine", engine, "--workers", "2",
         "--batch-size", "8",
         "--store", f"sqlite:///{tmp_path / 's.db'}", "--errors", str(tmp_path / "e.jsonl"), "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    workers: list[int] = []
    try:
        assert _bounded_wait(lambda: len(_workers(proc.pid)) >= 2, 120), "the two workers never started"
        workers = _workers(proc.pid)
        time.sleep(1.0)  # let them load the analyzer and take batches
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=60)  # returns only once every holder of the pipes is gone
        assert _bounded_wait(lambda: not any(_alive(w) for w in workers), 30), \
            [w for w in workers if _alive(w)]
        if sig == signal.SIGTERM:
            assert proc.returncode == 128 + signal.SIGTERM, err.decode()
            assert b"terminated" in err and b"Traceback" not in err
    finally:
        proc.kill()
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
