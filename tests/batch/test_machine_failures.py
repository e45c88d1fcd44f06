"""Failures of the machine are typed, exit 4 and say what to do: a full disk, a damaged store, a lost worker.

Each is simulated: the write raises OSError(ENOSPC), the SQLite file gets damaged pages, a worker
process is killed mid-run. What was stored before the failure stays stored.
"""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from empathic.batch.engines import LocalEngine
from empathic.batch.readers import InputSet
from empathic.batch.runner import run_scoring
from empathic.errors import DiskFullError, StoreDamagedError, WorkerLostError
from empathic.store import open_store
from empathic.store.results import ResultStore

runner = CliRunner()


def _score(cli: Any, *args: str) -> Any:
    return runner.invoke(cli, ["score", *args, "--no-progress"])


def test_disk_full_while_storing_exits_4_and_says_so(cli: Any, synthetic: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: ResultStore, results: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ResultStore, "write_scored", full)
    result = _score(cli, str(synthetic(tmp_path / "in.jsonl", 3)), "--store", f"sqlite:///{tmp_path / 's.db'}",
                    "--errors", str(tmp_path / "e.jsonl"))
    assert result.exit_code == 4, result.stderr
    assert "disk is full" in result.stderr and "free some space" in result.stderr
    assert "internal error" not in result.stderr


def test_sqlite_disk_full_is_the_same_typed_error(synthetic: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from empathic.batch.engines import InlineEngine

    def full(self: ResultStore, results: Any) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ResultStore, "write_scored", full)
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store, pytest.raises(DiskFullError):
        run_scoring(InputSet([synthetic(tmp_path / "in.jsonl", 3)]), store, InlineEngine())


def test_disk_full_on_the_errors_file_exits_4(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import empathic.batch.runner as runner_module

    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if data.startswith(b'{"run"'):  # an errors-file record
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(runner_module.os, "write", write)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "b", "turns": "nope"}\n')
    result = _score(cli, str(bad), "--store", f"sqlite:///{tmp_path / 's.db'}", "--errors", str(tmp_path / "e.jsonl"))
    assert result.exit_code == 4 and "disk is full" in result.stderr, result.stderr


def _damage(path: Path) -> None:
    """Overwrite the start of every page but the first (the header): the file opens, reading it fails."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for start in range(page, len(data), page):
        data[start:start + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def test_a_damaged_store_is_named_with_what_to_do(cli: Any, synthetic: Any, tmp_path: Path) -> None:
    db = tmp_path / "qa.sqlite"
    inputs = str(synthetic(tmp_path / "in.jsonl", 6))
    assert _score(cli, inputs, "--store", f"sqlite:///{db}", "--errors", str(tmp_path / "e.jsonl")).exit_code == 0
    _damage(db)
    for args in (["report", "--store", f"sqlite:///{db}", "-o", str(tmp_path / "r.html")],
                 ["score", inputs, "--store", f"sqlite:///{db}", "--no-progress"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 4, (args, result.stderr, result.exception)
        assert "damaged" in result.stderr and str(db) in result.stderr and ".recover" in result.stderr
    with pytest.raises(StoreDamagedError):
        ResultStore(f"sqlite:///{db}").count_turns()


class _KillingInputs(InputSet):
    """Inputs that SIGKILL the engine's workers once the first batches are on their way (an OOM kill)."""

    engine: Any = None

    def records(self) -> Iterator[dict[str, Any]]:
        for n, rec in enumerate(super().records()):
            if n == 40:
                for proc in list(self.engine._pool._processes.values()):
                    os.kill(proc.pid, signal.SIGKILL)
            yield rec


def test_a_killed_worker_is_a_typed_error_and_earlier_batches_stay_stored(synthetic: Any, tmp_path: Path) -> None:
    inputs = _KillingInputs([synthetic(tmp_path / "in.jsonl", 80)])
    engine = LocalEngine(2)
    inputs.engine = engine
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        try:
            with pytest.raises(WorkerLostError, match="worker process died"):
                run_scoring(inputs, store, engine, batch_size=4)
        finally:
            engine.close()
        stored = store.count_conversations()
    # Resuming after the loss scores exactly the rest.
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        from empathic.batch.engines import InlineEngine

        stats = run_scoring(InputSet([tmp_path / "in.jsonl"]), store, InlineEngine(), batch_size=4)
        assert (stats.skipped, stats.scored) == (stored, 80 - stored)
        assert store.count_conversations() == 80
