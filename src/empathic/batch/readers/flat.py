"""Flat tables of messages or exchanges: JSON Lines and CSV, with columns mapped by options.

Two row shapes are understood, and may be mixed:

- a *message* row: ``conversation_id``, ``role``, ``text`` (and ``ts``, ``agent_id``): one message
  of a conversation; the rows of one conversation must be consecutive (sort the export by
  conversation, then time), which lets the reader stream;
- an *exchange* row: ``customer`` and ``reply`` (and ``id`` or ``conversation_id``, ``ts``,
  ``agent_id``): a customer message and the agent's answer.

A column name in the file is found through :class:`FieldMap` (``--map text=body`` etc.).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from empathic.batch.records import conversation_record, error_from, guarded, map_role, record_error
from empathic.errors import ConfigError, RecordError
from empathic.textio import iter_jsonl

#: Canonical field -> the column names tried, in order, when no mapping is given.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "conversation_id": ("conversation_id", "conversation", "ticket_id", "thread_id", "chat_id", "session_id"),
    "id": ("id", "exchange_id", "message_id"),
    "role": ("role", "speaker", "author_role", "sender", "sender_type", "from"),
    "text": ("text", "message", "body", "content", "utterance"),
    "ts": ("ts", "timestamp", "created_at", "time", "date", "sent_at"),
    "agent_id": ("agent_id", "agent", "assignee", "assignee_id", "agent_name"),
    "customer": ("customer", "customer_message", "question", "prompt"),
    "reply": ("reply", "agent_reply", "response", "answer"),
}


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which column holds each canonical field, plus extra speaker-name -> role mappings."""

    columns: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    delimiter: str = ","

    @classmethod
    def parse(cls, mappings: list[str] | None, roles: list[str] | None, delimiter: str = ",") -> FieldMap:
        """Build from ``FIELD=COLUMN`` and ``NAME=customer|agent`` option strings; ConfigError when malformed."""
        cols: dict[str, str] = {}
        for item in mappings or []:
            key, sep, value = item.partition("=")
            key = key.strip()
            if not sep or not value.strip():
                raise ConfigError(f"--map {item!r}: write FIELD=COLUMN, e.g. --map text=body")
            if key not in DEFAULT_COLUMNS:
                raise ConfigError(f"--map {item!r}: unknown field {key!r}; fields: {', '.join(DEFAULT_COLUMNS)}")
            cols[key] = value.strip()
        role_map: dict[str, str] = {}
        for item in roles or []:
            name, sep, role = item.partition("=")
            if not sep or role.strip() not in ("customer", "agent"):
                raise ConfigError(f"--role {item!r}: write NAME=customer or NAME=agent, e.g. --role end-user=customer")
            role_map[name.strip().lower()] = role.strip()
        if len(delimiter) != 1:
            raise ConfigError(f"--delimiter must be one character, got {delimiter!r}")
        return cls(cols, role_map, delimiter)

    def resolve(self, available: list[str], *, strict: bool = True) -> dict[str, str]:
        """Canonical field -> column, for the columns present.

        A mapped column that a file lacks falls back to the usual names, so one ``--map`` can serve
        several files of a run. ``strict`` (a CSV header): ConfigError when neither is there.
        """
        present = set(available)
        out: dict[str, str] = {}
        for key, candidates in DEFAULT_COLUMNS.items():
            mapped = self.columns.get(key)
            if mapped is not None and mapped in present:
                out[key] = mapped
                continue
            found = next((c for c in candidates if c in present), None)
            if found is not None:
                out[key] = found
            elif mapped is not None and strict:
                raise ConfigError(f"--map {key}={mapped}: no such column; columns are: {', '.join(available)}")
        return out


def _value(row: dict[str, Any], cols: dict[str, str], key: str) -> Any:
    col = cols.get(key)
    if col is None:
        return None
    value = row.get(col)
    return None if value == "" else value


class _Grouper:
    """Turns a stream of rows into conversation records, one conversation at a time."""

    def __init__(self, source: str, fmt: str, default_ts: str, fmap: FieldMap) -> None:
        self.source, self.fmt, self.default_ts, self.fmap = source, fmt, default_ts, fmap
        self.cid: str | None = None
        self.turns: list[dict[str, Any]] = []
        self.agent: Any = None
        self.line = 0

    def _record(self, cid: Any, turns: list[dict[str, Any]], agent: Any, line: int) -> dict[str, Any]:
        return guarded(lambda: conversation_record(id=cid, turns=turns, agent_id=agent, source=self.fmt,
                                                   file=self.source, line=line, default_ts=self.default_ts),
                       file=self.source, line=line, id=cid)

    def flush(self) -> Iterator[dict[str, Any]]:
        if self.cid is not None and self.turns:
            yield self._record(self.cid, self.turns, self.agent, self.line)
        self.cid, self.turns, self.agent = None, [], None

    def row(self, row: dict[str, Any], cols: dict[str, str], line: int) -> Iterator[dict[str, Any]]:
        cid = _value(row, cols, "conversation_id")
        customer = _value(row, cols, "customer")
        ts = _value(row, cols, "ts")
        agent = _value(row, cols, "agent_id")
        if customer is not None or ("customer" in cols and "role" not in cols):
            # An exchange row: the customer's message and (maybe) the agent's reply.
            reply = _value(row, cols, "reply")
            turns = [{"role": "customer", "text": customer, "ts": ts}]
            if reply is not None:
                turns.append({"role": "agent", "text": reply, "ts": ts})
            if cid is None:
                yield from self.flush()
                rid = _value(row, cols, "id")
                yield self._record(rid if rid is not None else f"{self.source}:{line}", turns, agent, line)
                return
        else:
            text = _value(row, cols, "text")
            if "role" not in cols or "text" not in cols:
                raise RecordError("no role/text or customer/reply columns: map them with --map")
            if cid is None:
                raise RecordError("no conversation id: map its column with --map conversation_id=COLUMN")
            role = map_role(_value(row, cols, "role"), extra=self.fmap.roles)
            turns = [{"role": role, "text": text if text is not None else "", "ts": ts}]
        if str(cid) != self.cid:
            yield from self.flush()
            self.cid, self.line = str(cid), line
        self.turns.extend(turns)
        if agent is not None and self.agent is None:
            self.agent = agent


def _rows(group: _Grouper, row: dict[str, Any], cols: dict[str, str], line: int) -> Iterator[dict[str, Any]]:
    """``group.row``, with a row that fails (however it fails) reported as an error record."""
    try:
        yield from group.row(row, cols, line)
    except Exception as exc:  # whatever the row's fault, it is reported and the file goes on
        yield record_error(exc, file=group.source, line=line)


def read_jsonl(stream: IO[bytes], *, source: str, default_ts: str, fields: FieldMap) -> Iterator[dict[str, Any]]:
    """Conversation records from a JSON Lines file of message or exchange rows."""
    fmap = fields
    group = _Grouper(source, "jsonl", default_ts, fmap)
    cols_cache: dict[frozenset[str], dict[str, str]] = {}
    for rec in iter_jsonl(stream, source=source):
        if rec.error is not None:
            yield error_from(rec.error, file=source, line=rec.line)
            continue
        assert rec.data is not None
        keys = frozenset(rec.data)
        cols = cols_cache.get(keys)
        if cols is None:
            cols = fmap.resolve(sorted(keys), strict=False)
            if len(cols_cache) < 64:
                cols_cache[keys] = cols
        yield from _rows(group, rec.data, cols, rec.line)
    yield from group.flush()


def _text_lines(stream: IO[bytes], source: str) -> Iterator[str]:
    for i, raw in enumerate(stream, start=1):
        try:
            yield raw.decode("utf-8-sig" if i == 1 else "utf-8")
        except UnicodeDecodeError:
            # Keep line numbers aligned: the row is reported as malformed, the rest goes on.
            yield raw.decode("utf-8", errors="replace")


def read_csv(stream: IO[bytes], *, source: str, default_ts: str, fields: FieldMap) -> Iterator[dict[str, Any]]:
    """Conversation records from a CSV file (header row first) of message or exchange rows."""
    fmap = fields
    reader = csv.reader(_text_lines(stream, source), delimiter=fmap.delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise RecordError(f"unreadable CSV header: {exc}", line=1, source=source) from exc
    header = [h.strip() for h in header]
    cols = fmap.resolve(header)
    if "customer" not in cols and not {"role", "text"} <= cols.keys():
        raise ConfigError(f"{source}: no role and text columns (nor customer/reply) among {', '.join(header)}; "
                          "map them with --map role=COLUMN --map text=COLUMN")
    if "customer" not in cols and "conversation_id" not in cols:
        raise ConfigError(f"{source}: no conversation id column among {', '.join(header)}; "
                          "map it with --map conversation_id=COLUMN")
    group = _Grouper(source, "csv", default_ts, fmap)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield error_from(RecordError(f"malformed CSV: {exc}"), file=source, line=reader.line_num)
            continue
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield error_from(RecordError(f"expected {len(header)} columns, got {len(values)}"), file=source,
                             line=line)
            continue
        if any("\ufffd" in v for v in values):
            yield error_from(RecordError("not valid UTF-8 text"), file=source, line=line)
            continue
        yield from _rows(group, dict(zip(header, values, strict=True)), cols, line)
    yield from group.flush()


__all__ = ["DEFAULT_COLUMNS", "FieldMap", "read_csv", "read_jsonl"]
