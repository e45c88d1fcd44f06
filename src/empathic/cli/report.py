"""``empathic report``: one self-contained HTML report from a results store, plus table exports."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape

from empathic.cli.app import app, err, fail, write_line
from empathic.errors import ConfigError, EmpathicError


@app.command("report")
def report(
    store: str = typer.Option(None, "--store", help="Results store: sqlite:///PATH or postgresql://USER@HOST/DB "
                              "(default: empathic.sqlite in $EMPATHIC_HOME or ~/.local/share/empathic)."),
    output: Path = typer.Option(None, "--output", "-o", help="Write the HTML report here."),
    csv_path: Path = typer.Option(None, "--csv", help="Also export the per-turn table as CSV."),
    parquet_path: Path = typer.Option(None, "--parquet", help="Also export the per-turn table as Parquet."),
    title: str = typer.Option("Empathy QA report", "--title", help="Title of the report."),
    top: int = typer.Option(5, "--top", help="How many best and worst exchanges to show."),
    as_json: bool = typer.Option(False, "--json", help="Print what was written as one JSON object."),
) -> None:
    """Charts of strategy usage, pitfalls, scores, agents, trend and tension, with the best and worst exchanges.

    The HTML is one file with inline CSS and SVG: it opens with no network.
    """
    from empathic.batch.report import export_csv, export_parquet, write_report
    from empathic.extras import require_extra
    from empathic.store import default_store_url, open_store

    if output is None and csv_path is None and parquet_path is None:
        fail(ConfigError("nothing to write: give -o report.html, --csv FILE or --parquet FILE"))
    if top < 0:
        fail(ConfigError(f"--top must not be negative, got {top}"))
    try:  # before anything is written: a missing extra must not leave half the outputs behind
        if output is not None:
            require_extra("report", "the HTML report (-o)")
        if parquet_path is not None:
            require_extra("parquet", "--parquet")
    except ConfigError as exc:
        fail(exc)
    written: dict[str, object] = {}
    try:
        with open_store(store or default_store_url(), create=False) as results:
            if output is not None:
                write_report(results, output, title=title, top=top)
                written["html"] = str(output)
            if csv_path is not None:
                written["csv_rows"] = export_csv(results, csv_path)
                written["csv"] = str(csv_path)
            if parquet_path is not None:
                written["parquet_rows"] = export_parquet(results, parquet_path)
                written["parquet"] = str(parquet_path)
    except EmpathicError as exc:
        fail(exc)
    if as_json:
        write_line(json.dumps(written))
    else:
        for key in ("html", "csv", "parquet"):
            if key in written:
                err.print(f"wrote {escape(str(written[key]))}")
