"""The same input gives the same stored results on every engine: inline, local processes, Dask."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from empathic.batch.engines import DaskEngine, InlineEngine, LocalEngine, make_engine
from empathic.batch.readers import InputSet
from empathic.batch.runner import run_scoring
from empathic.errors import ConfigError
from empathic.store import open_store


def run(inputs: Path, db: Path, engine, dump) -> dict:  # type: ignore[no-untyped-def]
    with open_store(f"sqlite:///{db}") as store:
        try:
            stats = run_scoring(InputSet([inputs]), store, engine, batch_size=7)
        finally:
            engine.close()
        assert stats.scored == 90 and stats.errors == 0
        return dump(store)


@pytest.mark.slow
def test_local_and_dask_engines_store_identical_results(tmp_path: Path, synthetic, dump) -> None:  # type: ignore[no-untyped-def]
    inputs = synthetic(tmp_path / "in.jsonl", 90)
    inline = run(inputs, tmp_path / "inline.sqlite", make_engine("local", workers=1), dump)
    assert isinstance(make_engine("local", workers=1), InlineEngine)
    local = run(inputs, tmp_path / "local.sqlite", LocalEngine(2), dump)
    dask = run(inputs, tmp_path / "dask.sqlite", make_engine("dask", workers=2), dump)
    assert len(inline["turn_analyses"]) == 180
    assert local == inline
    assert dask == inline


@pytest.mark.slow
def test_dask_engine_uses_a_given_scheduler(tmp_path: Path, synthetic, dump) -> None:  # type: ignore[no-untyped-def]
    from distributed import LocalCluster

    inputs = synthetic(tmp_path / "in.jsonl", 90)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        engine = DaskEngine(scheduler=cluster.scheduler_address)
        assert engine.workers == 1 and engine.scheduler_address == cluster.scheduler_address
        remote = run(inputs, tmp_path / "remote.sqlite", engine, dump)
    inline = run(inputs, tmp_path / "inline.sqlite", InlineEngine(), dump)
    assert remote == inline


def test_engine_options_are_checked() -> None:
    with pytest.raises(ConfigError, match="unknown engine"):
        make_engine("spark")
    with pytest.raises(ConfigError, match="--scheduler is for --engine dask"):
        make_engine("local", scheduler="tcp://x:8786")
    with pytest.raises(ConfigError, match="at least 1"):
        make_engine("local", workers=0)
