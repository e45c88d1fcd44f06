"""``empathic analyze``: one exchange from arguments or stdin, or a JSONL file of them (the machine contract)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import typer

from empathic.cli.app import EXIT_BAD_INPUT, app, err, fail, out, write_line
from empathic.errors import EmpathicError, InputError, RecordError
from empathic.pipeline import DEFAULT_MAX_CHARS, Coach
from empathic.textio import decode_bytes, iter_jsonl, open_input
from empathic.types import Exchange


def exchange_from_record(data: dict[str, Any], *, line: int, source: str) -> Exchange:
    """Validate one ``{"id", "customer", "reply"}`` record; RecordError naming the line otherwise."""
    if "customer" not in data:
        raise RecordError('missing field "customer"', line=line, source=source)
    customer, reply, rid = data["customer"], data.get("reply"), data.get("id")
    if not isinstance(customer, str):
        raise RecordError(f'field "customer" must be a string, got {type(customer).__name__}', line=line,
                          source=source)
    if reply is not None and not isinstance(reply, str):
        raise RecordError(f'field "reply" must be a string or null, got {type(reply).__name__}', line=line,
                          source=source)
    if rid is not None and not isinstance(rid, str | int):
        raise RecordError(f'field "id" must be a string or number, got {type(rid).__name__}', line=line,
                          source=source)
    return Exchange(customer=customer, reply=reply, id=None if rid is None else str(rid))


def _error_object(rid: Any, line: int, exc: EmpathicError) -> dict[str, Any]:
    reason = exc.reason if isinstance(exc, RecordError) else str(exc)
    return {"id": rid, "line": line, "error": {"code": exc.code, "message": reason}}


def analyze_stream(stream: IO[bytes], *, source: str, coach: Coach, as_json: bool) -> int:
    """Analyse every JSONL line of ``stream`` in order; returns the number of bad lines."""
    bad = 0
    for rec in iter_jsonl(stream, source=source):
        rid = rec.data.get("id") if rec.data else None
        try:
            if rec.error is not None:
                raise rec.error
            assert rec.data is not None
            exchange = exchange_from_record(rec.data, line=rec.line, source=source)
            analysis = coach.run(exchange)
        except EmpathicError as exc:
            bad += 1
            if not isinstance(exc, RecordError):
                exc = RecordError(str(exc), line=rec.line, source=source)
            err.print(f"[bold red]error:[/] {exc}")
            if as_json:
                write_line(json.dumps(_error_object(rid, rec.line, exc), ensure_ascii=False))
            continue
        if as_json:
            data = analysis.to_dict()
            data["line"] = rec.line
            write_line(json.dumps(data, ensure_ascii=False))
        else:
            from empathic.render.terminal import render_analysis

            out.print(render_analysis(analysis))
            out.rule(style="dim")
    return bad


@app.command()
def analyze(
    customer: str | None = typer.Argument(None, help="The customer's message ('-' reads it from stdin)."),
    reply: str | None = typer.Argument(None, help="The agent's reply (optional)."),
    file: Path | None = typer.Option(None, "--file", "-f", help="JSONL file of {id, customer, reply} ('-' for stdin).",
                                     dir_okay=True),
    as_json: bool = typer.Option(False, "--json", help="Print the machine-readable JSON (one object per line)."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", envvar="EMPATHIC_MAX_CHARS",
                                  help="Longest text accepted, in characters."),
) -> None:
    """Analyse an agent's reply to a customer: strategies with spans, feelings, pitfalls, score, tips.

    Exit codes: 0 ok; 2 bad input (in --file mode: at least one line was bad, the others were processed);
    3 bad option; 4 damaged installation.
    """
    try:
        coach = Coach(max_chars=max_chars)
    except EmpathicError as exc:
        fail(exc)
    if file is not None:
        if customer is not None:
            fail(InputError("give either --file or the texts as arguments, not both"))
        if str(file) == "-":
            bad = analyze_stream(sys.stdin.buffer, source="<stdin>", coach=coach, as_json=as_json)
        else:
            try:
                stream = open_input(file)
            except EmpathicError as exc:
                fail(exc)
            with stream:
                bad = analyze_stream(stream, source=str(file), coach=coach, as_json=as_json)
        if bad:
            err.print(f"{bad} line(s) could not be analysed; the others were.")
            raise typer.Exit(EXIT_BAD_INPUT)
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

            bad = analyze_stream(io.BytesIO(text.encode("utf-8")), source="<stdin>", coach=coach, as_json=as_json)
            if bad:
                raise typer.Exit(EXIT_BAD_INPUT)
            return
        customer = text
    try:
        analysis = coach.run(Exchange(customer=customer, reply=reply))
    except EmpathicError as exc:
        fail(exc)
    if as_json:
        write_line(json.dumps(analysis.to_dict(), ensure_ascii=False))
    else:
        from empathic.render.terminal import render_analysis

        out.print(render_analysis(analysis))
