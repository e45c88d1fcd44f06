"""Readers: every supported export format turned into a stream of conversation records.

Formats: ``conversations`` (the generic JSONL), ``jsonl`` and ``csv`` (flat rows, columns
mapped by options), ``zendesk`` and ``intercom``. ``auto`` picks one per file from its name
and first bytes. Every reader streams: it holds one conversation at a time, never the file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from empathic.batch.readers.flat import FieldMap, read_csv, read_jsonl
from empathic.batch.readers.helpdesk import read_conversations, read_intercom, read_zendesk
from empathic.batch.records import record_error
from empathic.errors import ConfigError, InputError
from empathic.store.results import utc_iso
from empathic.textio import open_input

FORMATS: tuple[str, ...] = ("auto", "jsonl", "csv", "zendesk", "intercom", "conversations")


def detect_format(path: Path, head: bytes) -> str:
    """The format of a file from its name and first bytes (``head``)."""
    if path.suffix.lower() in (".csv", ".tsv"):
        return "csv"
    text = head.decode("utf-8", errors="ignore")
    if '"conversation_parts"' in text or '"conversation.list"' in text:
        return "intercom"
    if '"comments"' in text and ('"requester_id"' in text or '"tickets"' in text or '"author_id"' in text):
        return "zendesk"
    if '"turns"' in text:
        return "conversations"
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped and stripped[0] not in "[{":
        return "csv"
    return "jsonl"


@dataclass(slots=True)
class InputSet:
    """The input files of one run, read one after another; ``position()`` is for progress bars."""

    paths: Sequence[Path]
    fmt: str = "auto"
    fields: FieldMap = field(default_factory=FieldMap)
    _done_bytes: int = 0
    _handle: Any = None

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise ConfigError(f"unknown format {self.fmt!r}; choose one of {', '.join(FORMATS)}")
        for p in self.paths:
            if not Path(p).is_file():
                raise InputError(f"{p}: no such file" if not Path(p).exists() else f"{p} is not a file")

    @property
    def total_bytes(self) -> int:
        """Size of all input files together."""
        return sum(Path(p).stat().st_size for p in self.paths)

    def position(self) -> int:
        """Bytes read so far over all files (approximate while a file is open)."""
        pos = self._done_bytes
        handle = self._handle
        if handle is not None:
            with contextlib.suppress(OSError, ValueError):
                pos += handle.tell()
        return pos

    def records(self) -> Iterator[dict[str, Any]]:
        """Every conversation record and error record of every file, in file order."""
        for path in self.paths:
            yield from self._read(Path(path))

    def _read(self, path: Path) -> Iterator[dict[str, Any]]:
        source = str(path)
        # A turn without a time gets the file's modification time: stable across reruns of the same file.
        default_ts = utc_iso(datetime.fromtimestamp(os.stat(path).st_mtime, UTC))
        with open_input(path) as fh:
            self._handle = fh
            try:
                fmt = self.fmt
                if fmt == "auto":
                    with open_input(path) as head:  # UTF-16/32 is read as UTF-8, as the reader will
                        fmt = detect_format(path, head.read(65536))
                reader: Any = {
                    "jsonl": lambda: read_jsonl(fh, source=source, default_ts=default_ts, fields=self.fields),
                    "csv": lambda: read_csv(fh, source=source, default_ts=default_ts, fields=self.fields),
                    "zendesk": lambda: read_zendesk(fh, source=source, default_ts=default_ts),
                    "intercom": lambda: read_intercom(fh, source=source, default_ts=default_ts),
                    "conversations": lambda: read_conversations(fh, source=source, default_ts=default_ts,
                                                                roles=self.fields.roles),
                }[fmt]
                try:
                    yield from reader()
                except Exception as exc:
                    # Readers report bad records one by one; reaching here means the file itself cannot be
                    # read on (a CSV header, a failing disk). The run goes on with the next file, unless the
                    # machine is at fault (record_error raises that).
                    yield record_error(exc, file=source, line=getattr(exc, "line", None))
            finally:
                self._handle = None
                self._done_bytes += path.stat().st_size


__all__ = ["FORMATS", "FieldMap", "InputSet", "detect_format"]
