"""Stream the records of a big JSON export one at a time, with the line each starts on.

Helpdesk exports come as a JSON array, as an object holding the array under a key
(``{"tickets": [...]}``, ``{"conversations": [...]}``), or as JSON Lines. The scanner
below walks the bytes once, cuts out one array element at a time and parses only that,
so memory holds one record, never the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import IO, Any

from empathic.errors import InputError, RecordError
from empathic.textio import loads_json

_CHUNK = 1 << 20
_WS = frozenset(b" \t\r\n")
_STRUCT = re.compile(rb'[\[\]{}"\n]')
_IN_STRING = re.compile(rb'["\\\n]')
_SCALAR_END = re.compile(rb"[,\]}\s]")
#: Top-level values kept whole when no container key is found (a single-record file); bigger ones are skipped.
_KEEP_LIMIT = 8 << 20
#: How much of the first line is read to tell JSON Lines from one big JSON document.
_HEAD_LIMIT = 1 << 20


class _Truncated(Exception):
    """The file ended inside a value."""


class _Scanner:
    def __init__(self, stream: IO[bytes], head: bytes = b"") -> None:
        self._stream = stream
        self.buf = head
        self.pos = 0
        self.line = 1

    def _fill(self, keep_from: int) -> bool:
        chunk = self._stream.read(_CHUNK)
        if not chunk:
            return False
        self.buf = self.buf[keep_from:] + chunk
        self.pos -= keep_from
        return True

    def peek(self) -> int | None:
        """The next non-blank byte (not consumed), or None at the end."""
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in _WS:
                if buf[pos] == 10:
                    self.line += 1
                pos += 1
            self.pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self._fill(pos):
                return None

    def value(self) -> bytes:
        """Consume one JSON value starting at ``pos`` and return its bytes."""
        start = self.pos
        first = self.buf[start]
        if first not in b'{["':
            while True:
                m = _SCALAR_END.search(self.buf, self.pos)
                if m is not None:
                    # A stray "}" or "]" where a value should be is a one-byte bad value: always move on,
                    # or the caller would ask for the same value again forever.
                    self.pos = max(m.start(), start + 1)
                    return self.buf[start:self.pos]
                self.pos = len(self.buf)
                if not self._fill(start):
                    return self.buf[start:]
                start = 0
        depth = 0
        in_string = False
        while True:
            pattern = _IN_STRING if in_string else _STRUCT
            m = pattern.search(self.buf, self.pos)
            if m is None:
                self.pos = max(self.pos, len(self.buf))
                if not self._fill(start):
                    raise _Truncated
                start = 0
                continue
            ch = self.buf[m.start()]
            self.pos = m.start() + 1
            if ch == 10:
                self.line += 1
            elif in_string:
                if ch == 92:  # backslash: skip the escaped byte, even when it is in the next chunk
                    self.pos += 1
                else:
                    in_string = False
                    if depth == 0:
                        return self.buf[start:self.pos]
            elif ch == 34:
                in_string = True
            elif ch in b"{[":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return self.buf[start:self.pos]


def _parse(raw: bytes, line: int, source: str) -> Any:
    try:
        return loads_json(raw)
    except UnicodeDecodeError:
        return RecordError("not valid UTF-8 text", line=line, source=source)
    except json.JSONDecodeError as exc:
        return RecordError(f"not valid JSON ({exc.msg})", line=line, source=source)
    except InputError as exc:  # nested too deeply, an integer of thousands of digits
        return RecordError(str(exc), line=line, source=source)


def _items(sc: _Scanner, source: str) -> Iterator[tuple[int, Any]]:
    sc.pos += 1  # the '['
    while True:
        c = sc.peek()
        if c is None:
            raise _Truncated
        if c == ord("]"):
            sc.pos += 1
            return
        if c == ord(","):
            sc.pos += 1
            continue
        line = sc.line
        yield line, _parse(sc.value(), line, source)


def _scan(sc: _Scanner, source: str, keys: frozenset[str]) -> Iterator[tuple[int, Any]]:
    while (c := sc.peek()) is not None:
        if c == ord("["):
            yield from _items(sc, source)
            continue
        if c != ord("{"):
            line = sc.line
            sc.value()
            yield line, RecordError("expected a JSON object or array", line=line, source=source)
            continue
        start_line = sc.line
        sc.pos += 1
        found = False
        kept: dict[str, Any] = {}
        while True:
            c = sc.peek()
            if c is None:
                raise _Truncated
            if c == ord("}"):
                sc.pos += 1
                break
            if c == ord(","):
                sc.pos += 1
                continue
            key = _parse(sc.value(), sc.line, source)
            if sc.peek() != ord(":"):
                raise _Truncated
            sc.pos += 1
            c = sc.peek()
            if c is None:
                raise _Truncated
            if isinstance(key, str) and key in keys and c == ord("["):
                found = True
                yield from _items(sc, source)
            else:
                raw = sc.value()
                if not found and isinstance(key, str) and len(raw) <= _KEEP_LIMIT:
                    kept[key] = _parse(raw, sc.line, source)
        if not found:
            # A file holding one record (an object without a container key) is that record.
            yield start_line, kept


def iter_json_records(stream: IO[bytes], *, source: str, container_keys: Iterable[str]) -> Iterator[tuple[int, Any]]:
    """Yield ``(line, record)`` for every record of a JSON or JSON Lines export, streaming.

    ``record`` is the parsed object, or a RecordError for a record that is not valid JSON;
    the records of an array held under one of ``container_keys`` are yielded one by one.
    """
    keys = frozenset(container_keys)
    first = b""
    first_line = 0
    while True:
        # Read at most _HEAD_LIMIT: a whole export minified onto one line must not be loaded to decide.
        raw = stream.readline(_HEAD_LIMIT)
        if not raw:
            return
        first_line += 1
        if raw.strip():
            first = raw
            break
    complete = first.endswith(b"\n") or len(first) < _HEAD_LIMIT
    head = None
    if complete:
        try:
            head = loads_json(first)
        except ValueError:  # bad JSON, bad UTF-8, too deep: not one record a line; the scanner reports it
            head = None
    if isinstance(head, dict):
        # JSON Lines: one record (or one page of records) a line.
        for lineno, raw in enumerate(chain([first], stream), start=first_line):
            if not raw.strip():
                continue
            data = _parse(raw, lineno, source)
            if isinstance(data, dict):
                container = next((data[k] for k in keys if isinstance(data.get(k), list)), None)
                if container is not None:
                    for item in container:
                        yield lineno, item
                    continue
            yield lineno, data
        return
    sc = _Scanner(stream, first)
    sc.line = first_line
    try:
        yield from _scan(sc, source, keys)
    except _Truncated:
        yield sc.line, RecordError("the file ends in the middle of a record (truncated export?)", line=sc.line,
                                   source=source)
