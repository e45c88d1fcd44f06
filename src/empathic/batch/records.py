"""The plain-dict records that flow through batch scoring.

Every reader turns its format into *conversation records*; ``score_batch`` turns those into
*scored records*; the store writes scored records. All are plain JSON-able dicts so that any
engine (processes, Dask, Spark) can ship them between machines.

A conversation record::

    {"id": str, "agent_id": str | None, "source": str, "started_at": str | None,
     "meta": {str: str}, "turns": [{"role": "customer" | "agent", "text": str,
     "ts": str | None, "author": str | None}], "hash": str,
     "origin": {"file": str, "line": int}, "default_ts": str}

A bad record (malformed input, or an analysis that failed)::

    {"error": {"file": str, "line": int | None, "id": str | None, "reason": str}}
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from empathic.errors import EmpathicError, InputError, RecordError, TimestampError, environment_failure
from empathic.store.results import utc_iso
from empathic.textio import check_text, printable_id

#: Speaker names seen in helpdesk exports, mapped to the two roles empathic knows.
ROLE_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        ("customer", "user", "end-user", "end_user", "enduser", "requester", "client", "contact", "lead",
         "visitor", "caller", "guest"),
        "customer",
    ),
    **dict.fromkeys(
        ("agent", "admin", "support", "staff", "operator", "rep", "representative", "teammate", "bot",
         "assistant", "advisor", "csr"),
        "agent",
    ),
}


def map_role(value: Any, *, extra: dict[str, str] | None = None) -> str:
    """``customer`` or ``agent`` for a speaker name; RecordError for one that is neither."""
    key = str(value or "").strip().lower()
    if extra and key in extra:
        return extra[key]
    role = ROLE_ALIASES.get(key)
    if role is None:
        raise RecordError(f"unknown speaker role {value!r}: expected customer or agent (map it with --role)")
    return role


def parse_time(value: Any) -> str | None:
    """A timestamp (ISO 8601 text or Unix seconds) as UTC ISO 8601 ``...Z``; None when absent.

    TimestampError (a RecordError) for anything that is not a time in years 1-9999: NaN, infinity,
    numbers of any size, ISO text whose UTC equivalent overflows.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TimestampError(f"timestamp {value!r} is not a time")
    if isinstance(value, int | float):
        # Unix time in milliseconds shows up in some exports; no real chat is from before 2001-09-09.
        seconds = value / 1000 if value > 1e11 else value
        try:
            return utc_iso(datetime.fromtimestamp(seconds, UTC))
        except (OverflowError, OSError, ValueError):
            # fromtimestamp: NaN is a ValueError, huge numbers an OverflowError or OSError (EOVERFLOW).
            raise TimestampError(f"timestamp {_short(value)} is out of range (not a Unix time in years 1-9999)") \
                from None
    text = str(value).strip()
    if text.isascii() and text.isdigit():
        return parse_time(int(text))
    try:
        return utc_iso(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except TimestampError:
        raise
    except ValueError as exc:
        raise TimestampError(f"timestamp {_short(text)} is not ISO 8601 (like 2024-03-01T09:30:00Z)") from exc


def _short(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters: an error message must not echo a huge field."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


_BREAK = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li|h[1-6]|tr)\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")


def html_to_text(value: str) -> str:
    """Plain text of an HTML message body: tags dropped, entities decoded, paragraphs on their own lines."""
    text = _TAG.sub("", _BREAK.sub("\n", value))
    lines = (_SPACES.sub(" ", line).strip() for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


#: Longest conversation or agent id accepted: ids are primary keys, and PostgreSQL indexes only ~2,700 bytes.
MAX_ID_CHARS = 512


def _utf8(text: str, what: str) -> str:
    """``text`` if it can be stored as UTF-8 text; RecordError naming ``what`` for a lone surrogate."""
    try:
        return check_text(text, what=what)
    except EmpathicError as exc:
        raise RecordError(str(exc)) from None


def _short_str(value: Any) -> str:
    """``str(value)``, refusing huge values (an author or meta value is a name, not a document)."""
    text = str(value)
    if len(text) > 4 * MAX_ID_CHARS:
        raise RecordError(f"a name or meta value is {len(text):,} characters long; at most {4 * MAX_ID_CHARS:,}")
    return text


def _identifier(value: Any, what: str) -> str:
    """A conversation or agent id as stored text; RecordError when it cannot be one.

    Ids are keys in both databases: a string or integer, at most MAX_ID_CHARS characters, no NUL
    (PostgreSQL refuses NUL in text) and no lone surrogate (not encodable as UTF-8).
    """
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise RecordError(f"{what} must be a string or number, got {type(value).__name__}")
    text = str(value)
    if len(text) > MAX_ID_CHARS:
        raise RecordError(f"{what} is {len(text):,} characters long; at most {MAX_ID_CHARS} are accepted")
    if "\x00" in text:
        raise RecordError(f"{what} contains a NUL character (\\u0000), which no database stores in a key")
    return _utf8(text, what)


def bad_record(reason: str, *, file: str, line: int | None, id: Any = None) -> dict[str, Any]:
    """An error record for the errors file (``id`` is made printable, see :func:`printable_id`)."""
    return {"error": {"file": file, "line": line, "id": printable_id(id), "reason": reason}}


def unexpected(exc: BaseException) -> str:
    """The reason given for a record that failed in a way no check foresaw (a bug, or input nobody imagined)."""
    return f"could not process this record ({type(exc).__name__}: {str(exc)[:200]}); please report it"


def record_error(exc: Exception, *, file: str, line: int | None, id: Any = None) -> dict[str, Any]:
    """The error record for ``exc``, raised while reading or normalising one record.

    What is not the record's fault is raised again: a failure of the machine (a full disk...), a
    wrong option (a CSV without the mapped columns), a damaged installation.
    """
    if isinstance(exc, RecordError):
        return error_from(exc, file=file, line=line, id=id)
    if isinstance(exc, EmpathicError) and not isinstance(exc, InputError):
        raise exc
    if environment_failure(exc) is not None:
        raise exc
    if isinstance(exc, InputError):
        return bad_record(str(exc), file=file, line=line, id=id)
    return bad_record(unexpected(exc), file=file, line=line, id=id)


def guarded(build: Callable[[], dict[str, Any]], *, file: str, line: int | None, id: Any = None) -> dict[str, Any]:
    """``build()``, or the error record of whatever it raised (see :func:`record_error`).

    Every reader builds each conversation record through this, so a record that fails anywhere in
    reading or normalising lands in the errors file with its file, line and reason, and the reader
    goes on with the next record.
    """
    try:
        return build()
    except Exception as exc:  # the record's own oddity, whatever it is: reported, never the end of a run
        return record_error(exc, file=file, line=line, id=id)


def error_from(exc: RecordError, *, file: str, line: int | None, id: Any = None) -> dict[str, Any]:
    """An error record from a RecordError (its reason, not the file:line prefix)."""
    return bad_record(getattr(exc, "reason", str(exc)), file=file, line=exc.line or line, id=id)


def conversation_record(
    *,
    id: Any,
    turns: list[dict[str, Any]],
    agent_id: Any = None,
    source: str,
    file: str,
    line: int,
    default_ts: str,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Validate and normalise one conversation; RecordError naming what is wrong otherwise.

    Each turn needs ``role`` (already ``customer``/``agent``) and a string ``text``; ``ts`` is
    normalised to UTC ISO 8601. Empty messages (attachments only, system events) are dropped.
    """
    if id is None or (isinstance(id, str) and not id.strip()):
        raise RecordError('missing conversation "id"')
    cid = _identifier(id, 'conversation "id"')
    agent = None if agent_id is None else _identifier(agent_id, '"agent_id"')
    clean: list[dict[str, Any]] = []
    for i, turn in enumerate(turns):
        if not isinstance(turn, dict):
            raise RecordError(f"turn {i} must be an object, got {type(turn).__name__}")
        role = turn.get("role")
        if role not in ("customer", "agent"):
            raise RecordError(f'turn {i}: "role" must be "customer" or "agent", got {role!r}')
        text = turn.get("text")
        if not isinstance(text, str):
            raise RecordError(f'turn {i}: "text" must be a string, got {type(text).__name__}')
        if not text.strip():
            continue
        try:
            _utf8(text, '"text"')
            ts = parse_time(turn.get("ts"))
            author = turn.get("author")
            author = None if author is None else _utf8(_short_str(author), '"author"')
        except RecordError as exc:
            raise RecordError(f"turn {i}: {exc.reason}") from exc
        clean.append({"role": role, "text": text, "ts": ts, "author": author})
    if not clean:
        raise RecordError("the conversation has no messages with text")
    meta_clean = {_utf8(str(k), "a meta key"): _utf8(_short_str(v), f"meta {str(k)[:40]!r}")
                  for k, v in (meta or {}).items() if v is not None}
    record: dict[str, Any] = {
        "id": cid,
        "agent_id": agent,
        "source": source,
        "started_at": next((t["ts"] for t in clean if t["ts"]), None),
        "meta": meta_clean,
        "turns": clean,
    }
    digest = hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    record["hash"] = digest.hexdigest()[:32]
    record["origin"] = {"file": file, "line": line}
    record["default_ts"] = default_ts
    return record
