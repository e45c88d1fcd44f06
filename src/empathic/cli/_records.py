"""The shared ``--file`` loop of record-processing commands (analyze, suggest, rewrite).

One output object per input line, in order; a bad line gets an error object in its place and a line on
stderr naming file and line, and the loop goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import typer
from rich.console import RenderableType
from rich.markup import escape

from empathic.cli.app import EXIT_BAD_INPUT, err, fail, out, write_line
from empathic.errors import EmpathicError, RecordError
from empathic.textio import check_text, iter_jsonl, open_input, printable_id, utf8_stream
from empathic.types import Exchange

#: A record handler: (validated exchange) -> (JSON object, terminal view).
Handler = Callable[[Exchange], tuple[dict[str, Any], RenderableType]]


def exchange_from_record(data: dict[str, Any], *, line: int, source: str, reply_field: str = "reply") -> Exchange:
    """Validate one ``{"id", "customer", "reply"}`` record; RecordError naming the line otherwise."""
    if "customer" not in data:
        raise RecordError('missing field "customer"', line=line, source=source)
    customer, reply, rid = data["customer"], data.get(reply_field), data.get("id")
    if not isinstance(customer, str):
        raise RecordError(f'field "customer" must be a string, got {type(customer).__name__}', line=line,
                          source=source)
    if reply is not None and not isinstance(reply, str):
        raise RecordError(f'field "{reply_field}" must be a string or null, got {type(reply).__name__}', line=line,
                          source=source)
    if rid is not None and (not isinstance(rid, str | int) or isinstance(rid, bool)):
        raise RecordError(f'field "id" must be a string or number, got {type(rid).__name__}', line=line,
                          source=source)
    if isinstance(rid, str):
        try:
            check_text(rid, what='field "id"')
        except EmpathicError as exc:
            raise RecordError(str(exc), line=line, source=source) from None
    return Exchange(customer=customer, reply=reply, id=None if rid is None else str(rid))


def run_jsonl(stream: IO[bytes], *, source: str, handler: Handler, as_json: bool, reply_field: str = "reply",
              require_reply: bool = False) -> int:
    """Run ``handler`` on every JSONL line of ``stream`` in order; returns the number of bad lines."""
    bad = 0
    for rec in iter_jsonl(stream, source=source):
        rid = printable_id(rec.data.get("id")) if rec.data else None
        try:
            if rec.error is not None:
                raise rec.error
            assert rec.data is not None
            exchange = exchange_from_record(rec.data, line=rec.line, source=source, reply_field=reply_field)
            if require_reply and not (exchange.reply or "").strip():
                raise RecordError(f'missing or empty field "{reply_field}"', line=rec.line, source=source)
            data, view = handler(exchange)
        except Exception as exc:
            # One line that fails, however it fails, gets an error object in its place; the file goes on.
            bad += 1
            code = exc.code if isinstance(exc, EmpathicError) else "internal_error"
            message = (str(exc) if isinstance(exc, EmpathicError)
                       else f"could not process this line ({type(exc).__name__}: {str(exc)[:200]}); please report it")
            line_error = exc if isinstance(exc, RecordError) else RecordError(message, line=rec.line, source=source)
            err.print(f"[bold red]error:[/] {escape(str(line_error))}")
            if as_json:
                write_line(json.dumps({"id": rid, "line": rec.line,
                                       "error": {"code": code, "message": line_error.reason}}, ensure_ascii=False))
            continue
        if as_json:
            write_line(json.dumps({**data, "line": rec.line}, ensure_ascii=False))
        else:
            out.print(view)
            out.rule(style="dim")
    return bad


def run_file(file: Path, handler: Handler, as_json: bool, *, require_reply: bool = False) -> None:
    """Run ``handler`` over a JSONL file (``-`` for stdin); exit 2 after the run when any line was bad."""
    if str(file) == "-":
        bad = run_jsonl(utf8_stream(sys.stdin.buffer), source="<stdin>", handler=handler, as_json=as_json,
                        require_reply=require_reply)
    else:
        try:
            stream = open_input(file)
        except EmpathicError as exc:
            fail(exc)
        with stream:
            bad = run_jsonl(stream, source=str(file), handler=handler, as_json=as_json, require_reply=require_reply)
    if bad:
        err.print(f"{bad} line(s) could not be processed; the others were.")
        raise typer.Exit(EXIT_BAD_INPUT)


def run_one(handler: Handler, exchange: Exchange, as_json: bool) -> None:
    """Run ``handler`` on one exchange given on the command line and print JSON or the terminal view."""
    try:
        data, view = handler(exchange)
    except EmpathicError as exc:
        fail(exc)
    if as_json:
        write_line(json.dumps(data, ensure_ascii=False))
    else:
        out.print(view)
