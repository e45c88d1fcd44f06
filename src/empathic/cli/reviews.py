"""``empathic reviews export|import``: calibration reviews in and out of the cs JSONL format."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.markup import escape

from empathic.cli.app import EXIT_BAD_INPUT, app, err, fail, write_line
from empathic.errors import ConfigError, EmpathicError

reviews_app = typer.Typer(help="Calibration reviews: export them as cs JSONL, or import labelled cs records.",
                          no_args_is_help=True)
app.add_typer(reviews_app, name="reviews")

_STORE_HELP = ("Results store: sqlite:///PATH or postgresql://USER@HOST/DB (default: empathic.sqlite in "
               "$EMPATHIC_HOME or ~/.local/share/empathic).")


@reviews_app.command("export")
def export_command(
    store: str = typer.Option(None, "--store", help=_STORE_HELP),
    output: Path = typer.Option(None, "--output", "-o", help="Write the JSONL here (default: stdout).",
                                dir_okay=False),
    reviewer: str = typer.Option(None, "--reviewer", help="Only this reviewer's reviews."),
    since: str = typer.Option(None, "--since", help="Only reviews made on or after this date (2026-03-01)."),
) -> None:
    """Write every reviewed turn as a cs record whose labels are the reviewer's corrected labels.

    One record per reviewer and turn; ``uncertain`` lists the tool's labels the reviewer left unanswered.
    """
    from empathic.calibration.labelled import export_cs
    from empathic.store import default_store_url, open_store

    try:
        with open_store(store or default_store_url(), create=False) as results:
            if output is None:
                n = export_cs(results, sys.stdout, reviewer=reviewer, since=since)
            else:
                try:
                    with output.open("w", encoding="utf-8") as handle:
                        n = export_cs(results, handle, reviewer=reviewer, since=since)
                except OSError as exc:
                    fail(f"cannot write {output}: {exc.strerror}", EXIT_BAD_INPUT)
    except EmpathicError as exc:
        fail(exc)
    err.print(f"exported {n:,} reviewed turn{'s' if n != 1 else ''}" + (f" to {escape(str(output))}" if output
                                                                          else ""))


@reviews_app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="A cs JSONL file of labelled exchanges.", show_default=False,
                                metavar="FILE"),
    reviewer: str = typer.Option(..., "--reviewer", help="Whose reviews the labels become (a name).",
                                 show_default=False),
    store: str = typer.Option(None, "--store", help=_STORE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as one JSON object."),
) -> None:
    """Import labelled cs records as one reviewer's reviews of the stored turns they label.

    A record finds its turn by conversation_id + turn_index, or by its id (CONVERSATION:TURN, a conversation id,
    or CONVERSATION-N); its reply must match the stored one. A bad record is reported (file:line) and skipped;
    importing again replaces that reviewer's reviews of those turns. Exit 2 when any record was bad.
    """
    from empathic.calibration.labelled import import_file
    from empathic.store import default_store_url, open_store

    if not reviewer.strip():
        fail(ConfigError("--reviewer must be a name"))
    try:
        with open_store(store or default_store_url(), create=False) as results:
            report = import_file(results, path, reviewer=reviewer)
    except EmpathicError as exc:
        fail(exc)
    for error in report.errors:
        err.print(f"[red]bad record:[/] {escape(str(error))}")
    if as_json:
        write_line(json.dumps(report.to_dict()))
    else:
        err.print(f"imported {report.turns:,} of {report.records:,} records as {report.reviews:,} reviews by "
                  f"{escape(reviewer)}; {len(report.errors):,} bad")
    if report.errors:
        raise typer.Exit(EXIT_BAD_INPUT)
