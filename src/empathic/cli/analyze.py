"""``empathic analyze``: one exchange from arguments or stdin, or a JSONL file of them (the machine contract)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import typer
from rich.console import RenderableType

from empathic.cli._records import Handler, run_file, run_jsonl, run_one
from empathic.cli.app import EXIT_BAD_INPUT, HEADS_HELP, app, fail, use_heads
from empathic.errors import EmpathicError, InputError
from empathic.pipeline import DEFAULT_MAX_CHARS, Coach
from empathic.textio import decode_bytes
from empathic.types import Exchange


def analysis_handler(coach: Coach, *, explain: bool = False) -> Handler:
    """A record handler that analyses the exchange (JSON: the machine contract; view: the terminal render).

    ``explain`` adds the evidence chain of every decision to the terminal view (the JSON always has it).
    """

    def handle(exchange: Exchange) -> tuple[dict[str, Any], RenderableType]:
        from rich.console import Group

        from empathic.render.terminal import render_analysis, render_explanation

        analysis = coach.run(exchange)
        view = render_analysis(analysis)
        return analysis.to_dict(), Group(view, render_explanation(analysis)) if explain else view

    return handle


def analyze_stream(stream: IO[bytes], *, source: str, coach: Coach, as_json: bool, explain: bool = False) -> int:
    """Analyse every JSONL line of ``stream`` in order; returns the number of bad lines."""
    return run_jsonl(stream, source=source, handler=analysis_handler(coach, explain=explain), as_json=as_json)


@app.command()
def analyze(
    customer: str | None = typer.Argument(None, help="The customer's message ('-' reads it from stdin)."),
    reply: str | None = typer.Argument(None, help="The agent's reply (optional)."),
    file: Path | None = typer.Option(None, "--file", "-f", help="JSONL file of {id, customer, reply} ('-' for stdin).",
                                     dir_okay=True),
    as_json: bool = typer.Option(False, "--json", help="Print the machine-readable JSON (one object per line)."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", envvar="EMPATHIC_MAX_CHARS",
                                  help="Longest text accepted, in characters."),
    explain: bool = typer.Option(False, "--explain", help="Also print the rules and heads behind each decision "
                                 "(support and vetoes, with scores and the words they read)."),
    heads: str | None = typer.Option(None, "--heads", envvar="EMPATHIC_HEADS", help=HEADS_HELP),
) -> None:
    """Analyse an agent's reply to a customer: strategies with spans, feelings, pitfalls, score, tips.

    Exit codes: 0 ok; 2 bad input (in --file mode: at least one line was bad, the others were processed);
    3 bad option; 4 damaged installation.
    """
    try:
        coach = Coach(max_chars=max_chars)
    except EmpathicError as exc:
        fail(exc)
    use_heads(heads)
    if file is not None:
        if customer is not None:
            fail(InputError("give either --file or the texts as arguments, not both"))
        run_file(file, analysis_handler(coach, explain=explain), as_json)
        return
    if customer is None or customer == "-":
        if sys.stdin.isatty():
            fail(InputError("give the customer's message (and the reply) as arguments, or --file, or pipe text in"))
        try:
            text = decode_bytes(sys.stdin.buffer.read(), what="standard input")
        except EmpathicError as exc:
            fail(exc)
        if customer is None and text.lstrip().startswith("{"):
            import io

            bad = analyze_stream(
                io.BytesIO(text.encode("utf-8")), source="<stdin>", coach=coach, as_json=as_json, explain=explain
            )
            if bad:
                raise typer.Exit(EXIT_BAD_INPUT)
            return
        customer = text
    run_one(analysis_handler(coach, explain=explain), Exchange(customer=customer, reply=reply), as_json)
