"""Reading user-supplied bytes and records safely: UTF-8 (or BOM-marked UTF-16/32), clear errors with line numbers."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from empathic.errors import EncodingError, InputError, RecordError

#: Byte-order marks of the wide Unicode encodings, longest first (UTF-32-LE's BOM starts like UTF-16-LE's).
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: Curly and look-alike apostrophes and quotes, each made its straight form: one character for one, so offsets
#: into the text still hold. The one table every reading of a sentence uses (the lexicon, the rule forms, words).
_STRAIGHT = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u201c": '"', "\u201d": '"'}
)


def straighten(text: str) -> str:
    """``text`` with curly apostrophes and quotes made straight (same length: offsets still hold)."""
    return text.translate(_STRAIGHT)


def wide_encoding(head: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when ``head`` starts with that encoding's byte-order mark, else None."""
    return next((enc for bom, enc in _WIDE_BOMS if head.startswith(bom)), None)


def check_text(text: str, *, what: str = "text") -> str:
    """Return ``text`` if it can be written as UTF-8; EncodingError for a lone surrogate (``\\ud800``).

    JSON escapes can smuggle half of a surrogate pair into a Python string; such a string cannot be
    encoded, stored or printed, so it is refused here, where every text input is checked.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EncodingError(
            f"{what} holds a lone surrogate (character {exc.start}: U+{ord(text[exc.start]):04X}), "
            "which is not text; fix the \\u escape in the input"
        ) from None
    return text


#: Longest id echoed in an error: ids are names, and an error line must stay short whatever the input held.
MAX_ECHOED_ID = 512


def printable_id(value: Any) -> str | None:
    """An input's id as it may be echoed in an error: a string (cut short, lone surrogates replaced) or None.

    Error records and error objects are JSON written as UTF-8: a raw id may be a float (``Infinity``
    is not JSON), an object, or text that cannot be encoded; a string or an integer is echoed as a
    string, anything else as null.
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value)[:MAX_ECHOED_ID]
    return text if text.isascii() else text.encode("utf-8", "replace").decode("utf-8")


def loads_json(text: str | bytes) -> Any:
    """``json.loads``, with JSON nested too deeply to parse an :class:`InputError` instead of a RecursionError.

    Raises ``json.JSONDecodeError`` for bad JSON, so a reader reports the record and goes on either way.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise InputError("JSON nested too deeply (more than several hundred levels)") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise InputError(f"not usable JSON ({str(exc)[:120]})") from None


def decode_bytes(data: bytes, *, what: str = "input") -> str:
    """Decode UTF-8 (a BOM is allowed) or BOM-marked UTF-16/UTF-32; EncodingError naming the byte offset otherwise.

    NUL bytes (without a UTF-16/32 byte-order mark) mean a binary file was passed where text was expected.
    """
    wide = wide_encoding(data)
    if wide is not None:
        try:
            return check_text(data.decode(wide), what=what)
        except UnicodeDecodeError as exc:
            raise EncodingError(f"{what} is not valid {wide.upper()} (byte {exc.start}); save it as UTF-8 and "
                                "try again") from exc
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
            data = loads_json(text)
        except json.JSONDecodeError as exc:
            yield Record(lineno, None, RecordError(f"not valid JSON ({exc.msg}, column {exc.colno})",
                                                   line=lineno, source=source))
            continue
        except InputError as exc:
            yield Record(lineno, None, RecordError(str(exc), line=lineno, source=source))
            continue
        if not isinstance(data, dict):
            yield Record(lineno, None, RecordError(f"expected a JSON object, got {type(data).__name__}",
                                                   line=lineno, source=source))
            continue
        yield Record(lineno, data)


class _Recoder(io.RawIOBase):
    """A UTF-16/32 byte stream read back as UTF-8 bytes, so line-based readers work unchanged."""

    def __init__(self, raw: IO[bytes], encoding: str) -> None:
        super().__init__()
        self._raw = raw
        # errors="replace": a damaged code unit becomes U+FFFD and is reported by the record it is in.
        self._text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")  # type: ignore[type-var]
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._text.read(65536)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8", errors="surrogatepass")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def close(self) -> None:
        if not self.closed:
            self._text.close()
        super().close()


def utf8_stream(stream: IO[bytes]) -> IO[bytes]:
    """``stream`` itself, or, when it starts with a UTF-16/UTF-32 byte-order mark, a UTF-8 view of it.

    ``stream`` must support ``peek`` (a buffered reader: ``open(..., "rb")``, ``sys.stdin.buffer``).
    """
    peek = getattr(stream, "peek", None)
    head = peek(4)[:4] if peek is not None else b""
    encoding = wide_encoding(head)
    if encoding is None:
        return stream
    return io.BufferedReader(_Recoder(stream, encoding))


def open_input(path: str | Path) -> IO[bytes]:
    """Open a file for reading as UTF-8 bytes (BOM-marked UTF-16/32 is converted); InputError with the path."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p} is a folder, not a file")
    try:
        return utf8_stream(p.open("rb"))
    except FileNotFoundError as exc:
        raise InputError(f"{p}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied") from exc
