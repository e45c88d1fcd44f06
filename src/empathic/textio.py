"""Reading user-supplied bytes and records safely: UTF-8 only, clear errors with line numbers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from empathic.errors import EncodingError, InputError, RecordError


def decode_bytes(data: bytes, *, what: str = "input") -> str:
    """Decode UTF-8 (a BOM is allowed); EncodingError naming the byte offset otherwise.

    NUL bytes mean a binary file was passed where text was expected.
    """
    if b"\x00" in data[:8192]:
        raise EncodingError(f"{what} looks like a binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{what} is not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "save it as UTF-8 and try again"
        ) from exc


@dataclass(frozen=True, slots=True)
class Record:
    """One parsed line of a JSONL file, or the error that line produced."""

    line: int
    data: dict[str, Any] | None
    error: RecordError | None = None


def iter_jsonl(stream: IO[bytes], *, source: str = "input") -> Iterator[Record]:
    """Yield every line of a JSONL byte stream as a :class:`Record`; blank lines are skipped.

    A bad line yields a Record with ``error`` set and the stream goes on, so one broken
    line never stops or shifts the others.
    """
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            text = decode_bytes(raw, what=f"line {lineno}")
        except EncodingError as exc:
            yield Record(lineno, None, RecordError(str(exc).replace(f"line {lineno} ", "line "), line=lineno,
                                                   source=source))
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Record(lineno, None, RecordError(f"not valid JSON ({exc.msg}, column {exc.colno})",
                                                   line=lineno, source=source))
            continue
        if not isinstance(data, dict):
            yield Record(lineno, None, RecordError(f"expected a JSON object, got {type(data).__name__}",
                                                   line=lineno, source=source))
            continue
        yield Record(lineno, data)


def open_input(path: str | Path) -> IO[bytes]:
    """Open a file for reading bytes; InputError with the path when it cannot be read."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p} is a folder, not a file")
    try:
        return p.open("rb")
    except FileNotFoundError as exc:
        raise InputError(f"{p}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied") from exc
