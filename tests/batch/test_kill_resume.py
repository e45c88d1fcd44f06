"""Kill ``empathic score`` with SIGKILL midway, run the same command again: the store must equal an
uninterrupted run's, with no duplicate and no missing record."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from empathic.store import open_store

N = 400


def command(inputs: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "empathic", "score", str(inputs), "--store", f"sqlite:///{db}",
            "--batch-size", "4", "--no-progress", "--json", "--errors", str(db.with_suffix(".errors")), *extra]


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM conversation_metrics").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the writer has not created the tables yet


@pytest.mark.slow
@pytest.mark.parametrize("engine", [["--workers", "1"], ["--workers", "2"]], ids=["inline", "local-2"])
def test_sigkill_midway_then_rerun_equals_an_uninterrupted_run(tmp_path: Path, synthetic, dump,  # type: ignore[no-untyped-def]
                                                                engine: list[str]) -> None:
    inputs = synthetic(tmp_path / "in.jsonl", N)
    env = {**os.environ, "EMPATHIC_HOME": str(tmp_path / "home")}

    reference = tmp_path / "reference.sqlite"
    done = subprocess.run(command(inputs, reference, *engine), env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scored"] == N

    killed = tmp_path / "killed.sqlite"
    proc = subprocess.Popen(command(inputs, killed, *engine), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while stored(killed) < N // 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed; make N larger"
    # SIGKILL to the whole job: the command and, with --workers 2, its worker processes.
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    at_kill = stored(killed)
    print(f"\n[{engine}] killed with SIGKILL at {at_kill}/{N} conversations stored (exit {proc.returncode})")
    assert proc.returncode == -signal.SIGKILL
    assert 0 < at_kill < N

    rerun = subprocess.run(command(inputs, killed, *engine), env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    stats = json.loads(rerun.stdout)
    print(f"[{engine}] rerun: {stats}")
    assert stats["skipped"] >= at_kill and stats["skipped"] + stats["scored"] == N

    with open_store(f"sqlite:///{reference}") as ref, open_store(f"sqlite:///{killed}") as got:
        want, have = dump(ref), dump(got)
        assert got.count_conversations() == N
        assert len({r["conversation_id"] for r in have["conversation_metrics"]}) == N
        keys = [(r["conversation_id"], r["turn_index"]) for r in have["turn_analyses"]]
        assert len(keys) == len(set(keys)) == ref.count_turns()
    for table in want:
        assert have[table] == want[table], table
    print(f"[{engine}] identical: {len(have['conversations'])} conversations, {len(have['turn_analyses'])} turns,"
          f" {len(have['conversation_metrics'])} metric rows")
