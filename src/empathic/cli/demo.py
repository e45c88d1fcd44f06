"""``empathic demo``: analyse the bundled sample exchanges and print the coached result."""

from __future__ import annotations

import io

import typer

from empathic.cli.analyze import analyze_stream
from empathic.cli.app import app, out
from empathic.pipeline import Coach
from empathic.resources import resource_text


@app.command()
def demo(as_json: bool = typer.Option(False, "--json", help="Print JSON lines instead of the terminal view.")) -> None:
    """Analyse the bundled sample exchanges (no input needed) and print the coached result."""
    if not as_json:
        out.rule("[bold]empathic demo[/]: six sample exchanges, analysed offline")
    data = resource_text("samples", "exchanges.jsonl").encode("utf-8")
    analyze_stream(io.BytesIO(data), source="samples", coach=Coach(), as_json=as_json)
