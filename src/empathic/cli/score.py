"""``empathic score``: score helpdesk exports into the results store, resumably, on any engine."""

from __future__ import annotations

import contextlib
import json
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import typer

from empathic.cli.app import EXIT_BAD_INPUT, HEADS_HELP, app, err, fail, use_heads, write_line
from empathic.errors import EmpathicError

#: Exit code after SIGTERM: 128 + the signal number, as shells report it.
EXIT_TERMINATED = 128 + signal.SIGTERM


class _Terminated(BaseException):
    """SIGTERM arrived: unwind (not an Exception, so no per-record handler swallows it)."""


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into :class:`_Terminated` in the main thread while the run lasts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@app.command("score")
def score(
    inputs: list[Path] = typer.Argument(..., help="Export files to score (JSONL, CSV, Zendesk or Intercom JSON).",
                                        show_default=False),
    store: str = typer.Option(None, "--store", help="Results store: sqlite:///PATH or postgresql://USER@HOST/DB "
                              "(default: empathic.sqlite in $EMPATHIC_HOME or ~/.local/share/empathic)."),
    fmt: str = typer.Option("auto", "--format", help="auto, jsonl, csv, zendesk, intercom or conversations."),
    engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or dask."),
    workers: int = typer.Option(1, "--workers", "-w", help="Worker processes (local) or LocalCluster workers (dask)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786); "
                                  "without it --engine dask starts a LocalCluster."),
    errors: Path = typer.Option(None, "--errors", help="Where malformed records go, one JSON object a line, "
                                "appended and stamped with the run id (default: score-errors.jsonl in "
                                "$EMPATHIC_HOME)."),
    mapping: list[str] = typer.Option(None, "--map", help="Column of a canonical field in JSONL/CSV rows, "
                                      "FIELD=COLUMN (fields: conversation_id, id, role, text, ts, agent_id, "
                                      "customer, reply). Repeatable."),
    roles: list[str] = typer.Option(None, "--role", help="Speaker name meaning customer or agent, "
                                    "NAME=customer|agent. Repeatable."),
    delimiter: str = typer.Option(",", "--delimiter", help="CSV field delimiter."),
    batch_size: int = typer.Option(64, "--batch-size", help="Conversations per unit of work."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    as_json: bool = typer.Option(False, "--json", help="Print the run's counters as one JSON object."),
    heads: str | None = typer.Option(None, "--heads", envvar="EMPATHIC_HEADS", help=HEADS_HELP),
) -> None:
    """Score every conversation of the INPUT files into the store (idempotent: rerun to resume).

    Each agent turn is analysed against the customer turns before it; conversation metrics
    (coverage, pitfalls, tension trajectory) are stored beside the turns. A conversation already
    stored with the same content is skipped, so a killed run restarts where it stopped.
    Exit code 2 when some records were malformed (see the errors file: each of its records carries
    the run id printed at the end); 4 when the machine failed (disk full, damaged store, lost worker).

    Formats: the generic conversation JSONL (one conversation a line: id, agent_id, turns of
    role customer|agent, text and optional ISO 8601 ts), Zendesk tickets with comments, Intercom
    conversations with conversation_parts, and flat JSONL/CSV rows (one message or one
    customer/reply exchange a row; rows of a conversation consecutive) with --map for columns.
    """
    from empathic.batch.engines import make_engine
    from empathic.batch.readers import FieldMap, InputSet
    from empathic.batch.runner import RunStats, run_scoring
    from empathic.store import data_home, default_store_url, open_store

    # before the workers start, so they inherit the choice (EMPATHIC_HEADS) and a bad head stops nothing midway
    use_heads(heads)
    try:
        fields = FieldMap.parse(mapping, roles, delimiter)
        input_set = InputSet(inputs, fmt=fmt, fields=fields)
        errors_path = errors if errors is not None else data_home() / "score-errors.jsonl"
        results = open_store(store or default_store_url())
    except EmpathicError as exc:
        fail(exc)
    try:
        eng = make_engine(engine, workers=workers, scheduler=scheduler)
    except EmpathicError as exc:
        results.close()
        fail(exc)

    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("[bold]scoring[/]"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[convs]} conv · {task.fields[rate]} conv/s · {task.fields[xrate]} exch/s"),
        TextColumn("· skipped {task.fields[skipped]} · errors {task.fields[errors]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        disable=not progress,
        transient=False,
    )
    task = bar.add_task("score", total=max(1, input_set.total_bytes), convs=0, rate="0", xrate="0", skipped=0,
                        errors=0)

    def on_progress(s: RunStats) -> None:
        secs = max(s.elapsed, 1e-6)
        bar.update(task, completed=min(s.bytes_read, s.total_bytes), convs=s.scored + s.skipped,
                   rate=f"{s.scored / secs:,.0f}", xrate=f"{s.exchanges / secs:,.0f}", skipped=s.skipped,
                   errors=s.errors)

    try:
        with bar, _stop_on_sigterm():
            stats = run_scoring(input_set, results, eng, errors_path=errors_path, batch_size=batch_size,
                                on_progress=on_progress)
            on_progress(stats)
    except _Terminated:
        # Workers are killed now, not after their batch: a supervisor's SIGTERM must end everything.
        eng.terminate()
        err.print("terminated: what was stored is kept; run the same command to resume")
        raise typer.Exit(EXIT_TERMINATED) from None
    except EmpathicError as exc:
        fail(exc)
    finally:
        eng.close()
        results.close()

    if as_json:
        write_line(json.dumps({**stats.to_dict(), "store": results.path, "engine": eng.name,
                               "workers": eng.workers, "errors_file": str(errors_path)}))
    else:
        err.print(
            f"scored {stats.scored} conversations ({stats.exchanges} agent turns), skipped {stats.skipped} "
            f"already stored, {stats.errors} errors, in {stats.elapsed:.1f}s → {results.path}"
        )
    if stats.errors:
        err.print(f"[yellow]{stats.errors} malformed or failed records: see {errors_path} (run {stats.run_id})[/]")
        raise typer.Exit(EXIT_BAD_INPUT)
