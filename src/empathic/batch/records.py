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
from datetime import UTC, datetime
from typing import Any

from empathic.errors import RecordError
from empathic.store.results import utc_iso

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
    """A timestamp (ISO 8601 text or Unix seconds) as UTC ISO 8601 ``...Z``; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError(f"timestamp {value!r} is not a time")
    if isinstance(value, int | float):
        # Unix time in milliseconds shows up in some exports; no real chat is from before 2001-09-09.
        seconds = value / 1000 if value > 1e11 else value
        return utc_iso(datetime.fromtimestamp(seconds, UTC))
    text = str(value).strip()
    if text.isdigit():
        return parse_time(int(text))
    try:
        return utc_iso(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError as exc:
        raise RecordError(f"timestamp {text!r} is not ISO 8601 (like 2024-03-01T09:30:00Z)") from exc


_BREAK = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li|h[1-6]|tr)\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")


def html_to_text(value: str) -> str:
    """Plain text of an HTML message body: tags dropped, entities decoded, paragraphs on their own lines."""
    text = _TAG.sub("", _BREAK.sub("\n", value))
    lines = (_SPACES.sub(" ", line).strip() for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def bad_record(reason: str, *, file: str, line: int | None, id: str | None = None) -> dict[str, Any]:
    """An error record for the errors file."""
    return {"error": {"file": file, "line": line, "id": id, "reason": reason}}


def error_from(exc: RecordError, *, file: str, line: int | None, id: str | None = None) -> dict[str, Any]:
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
    if not isinstance(id, str | int) or isinstance(id, bool):
        raise RecordError(f'conversation "id" must be a string or number, got {type(id).__name__}')
    if agent_id is not None and (not isinstance(agent_id, str | int) or isinstance(agent_id, bool)):
        raise RecordError(f'"agent_id" must be a string or number, got {type(agent_id).__name__}')
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
            ts = parse_time(turn.get("ts"))
        except RecordError as exc:
            raise RecordError(f"turn {i}: {exc.reason}") from exc
        author = turn.get("author")
        clean.append({"role": role, "text": text, "ts": ts, "author": None if author is None else str(author)})
    if not clean:
        raise RecordError("the conversation has no messages with text")
    meta_clean = {str(k): str(v) for k, v in (meta or {}).items() if v is not None}
    record: dict[str, Any] = {
        "id": str(id),
        "agent_id": None if agent_id is None else str(agent_id),
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
