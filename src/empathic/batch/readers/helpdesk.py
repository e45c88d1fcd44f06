"""Helpdesk exports: the generic conversation JSONL, Zendesk tickets and Intercom conversations.

Generic, one conversation a line (``ts`` optional, ISO 8601; ``role`` customer or agent)::

    {"id": "c1", "agent_id": "ana", "turns": [{"role": "customer", "text": "...", "ts": "2024-03-01T09:30:00Z"},
                                               {"role": "agent", "text": "..."}]}

Zendesk (tickets with their comments, as exported by the API or an export job): a comment by
the ticket's requester, or whose author role is ``end-user``, is the customer's; other public
comments are the agent's; private comments (internal notes) are left out.

Intercom (conversations with ``conversation_parts``): parts by a ``user``/``lead``/``contact``
are the customer's, parts by an ``admin``/``bot``/``team`` are the agent's; notes, assignments
and other events without a message are left out. Message bodies are HTML and become plain text.

Agents' display names: Zendesk's ``users`` side-load (agents and admins only; end users' names
are never read) or a comment's inline ``author.name``; Intercom's ``author.name`` on an admin's
part. The name travels in the record's ``meta.agent_name``; the id stays the agent's key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from empathic.batch.readers.jsonstream import _items, _Scanner, _Truncated, iter_json_records
from empathic.batch.records import conversation_record, error_from, guarded, html_to_text, map_role
from empathic.errors import RecordError


def _records(
    stream: IO[bytes], *, source: str, fmt: str, keys: tuple[str, ...], default_ts: str,
    convert: Any,
) -> Iterator[dict[str, Any]]:
    for line, item in iter_json_records(stream, source=source, container_keys=keys):
        if isinstance(item, RecordError):
            yield error_from(item, file=source, line=line)
            continue
        if not isinstance(item, dict):
            yield error_from(RecordError(f"expected a JSON object, got {type(item).__name__}"), file=source,
                             line=line)
            continue
        yield guarded(lambda item=item, line=line: conversation_record(**convert(item), source=fmt, file=source,
                                                                       line=line, default_ts=default_ts),
                      file=source, line=line, id=item.get("id"))


def _conversation(item: dict[str, Any], roles: dict[str, str] | None = None) -> dict[str, Any]:
    turns = item.get("turns")
    if not isinstance(turns, list):
        raise RecordError('missing list field "turns"')
    out = []
    for i, t in enumerate(turns):
        if not isinstance(t, dict):
            raise RecordError(f"turn {i} must be an object, got {type(t).__name__}")
        try:
            role = map_role(t.get("role"), extra=roles)
        except RecordError as exc:
            raise RecordError(f"turn {i}: {exc.reason}") from exc
        out.append({"role": role, "text": t.get("text"), "ts": t.get("ts"), "author": t.get("author")})
    meta = item.get("meta") if isinstance(item.get("meta"), dict) else None
    return {"id": item.get("id"), "agent_id": item.get("agent_id"), "turns": out, "meta": meta}


def read_conversations(
    stream: IO[bytes], *, source: str, default_ts: str, roles: dict[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """Conversation records from the generic one-conversation-a-line JSONL (``roles``: extra speaker names)."""
    return _records(stream, source=source, fmt="conversations", keys=("conversations",), default_ts=default_ts,
                    convert=lambda item: _conversation(item, roles))


_ZENDESK_CUSTOMER_ROLES = {"end-user", "end_user", "enduser", "customer", "requester"}
_ZENDESK_AGENT_ROLES = {"agent", "admin"}
#: An unescaped ``"users": [`` (inside a JSON string the quotes would be escaped, so a message cannot fake it).
_USERS_KEY = re.compile(rb'"users"\s*:\s*\[')
_SEARCH_CHUNK = 1 << 20


def _display_name(value: Any) -> str | None:
    """A usable display name (non-empty text), stripped; None otherwise."""
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _zendesk_agent_names(stream: IO[bytes], source: str) -> dict[str, str]:
    """``{user id: name}`` of the agents and admins in the export's ``users`` side-loads, wherever they are.

    Exports put ``users`` after ``tickets``, so names are read in a first pass over the file:
    a byte search for the key, then the array's items one at a time (memory holds one user).
    A stream that cannot be rewound (a pipe) gives no names: agents then show as their ids.
    """
    try:
        if not stream.seekable():
            return {}
        start = stream.tell()
    except (OSError, ValueError):
        return {}
    names: dict[str, str] = {}
    try:
        offset, tail = start, b""
        while True:
            chunk = stream.read(_SEARCH_CHUNK)
            if not chunk:
                break
            data = tail + chunk
            base = offset - len(tail)
            found = [base + m.end() - 1 for m in _USERS_KEY.finditer(data)]
            offset += len(chunk)
            tail = data[-32:]
            for at in found:
                stream.seek(at)
                scanner = _Scanner(stream, stream.read(1))  # the scanner starts on the array's "["
                try:
                    for _line, user in _items(scanner, source):
                        if isinstance(user, RecordError):
                            break  # not JSON: the main pass reports it; here, stop reading this array
                        if not isinstance(user, dict) or user.get("id") is None:
                            continue
                        name = _display_name(user.get("name"))
                        if name and str(user.get("role") or "").lower() in _ZENDESK_AGENT_ROLES:
                            names[str(user["id"])] = name
                except _Truncated:
                    pass
            if found:
                # the scanner moved the stream; carry on searching after the last array's key
                stream.seek(offset)
                tail = b""
    except OSError:
        return names
    finally:
        stream.seek(start)
    return names


def _zendesk(ticket: dict[str, Any], names: dict[str, str] | None = None) -> dict[str, Any]:
    comments = ticket.get("comments")
    if not isinstance(comments, list):
        raise RecordError('missing list field "comments" (export tickets with their comments)')
    requester = ticket.get("requester_id")
    turns = []
    agents: list[Any] = []
    for i, c in enumerate(comments):
        if not isinstance(c, dict):
            raise RecordError(f"comment {i} must be an object, got {type(c).__name__}")
        if c.get("public") is False:
            continue  # internal note: the customer never saw it
        author = c.get("author") if isinstance(c.get("author"), dict) else {}
        author_id = c.get("author_id", author.get("id"))
        role_name = str(author.get("role") or c.get("author_role") or "").lower()
        if role_name:
            role = "customer" if role_name in _ZENDESK_CUSTOMER_ROLES else "agent"
        elif requester is not None and author_id is not None:
            role = "customer" if author_id == requester else "agent"
        else:
            raise RecordError(f"comment {i}: cannot tell who wrote it (no author role and no requester_id)")
        body = c.get("plain_body")
        if body is None:
            body = c.get("body")
        if body is None and c.get("html_body") is not None:
            body = html_to_text(str(c["html_body"]))
        if not isinstance(body, str):
            raise RecordError(f'comment {i}: missing text ("body" or "plain_body")')
        if role == "agent" and author_id is not None:
            agents.append(author_id)
            inline = _display_name(author.get("name"))
            if inline and names is not None:
                names.setdefault(str(author_id), inline)
        turns.append({"role": role, "text": body, "ts": c.get("created_at"),
                      "author": None if author_id is None else str(author_id)})
    agent = ticket.get("assignee_id")
    if agent is None and agents:
        agent = agents[0]
    meta = {k: ticket[k] for k in ("subject", "status", "channel", "priority") if isinstance(ticket.get(k), str)}
    via = ticket.get("via")
    if isinstance(via, dict) and isinstance(via.get("channel"), str):
        meta.setdefault("channel", via["channel"])
    if agent is not None and names and str(agent) in names:
        meta["agent_name"] = names[str(agent)]
    return {"id": ticket.get("id"), "agent_id": agent, "turns": turns, "meta": meta}


def read_zendesk(stream: IO[bytes], *, source: str, default_ts: str) -> Iterator[dict[str, Any]]:
    """Conversation records from a Zendesk ticket export (JSON array, ``{"tickets": [...]}`` or JSONL).

    Agents' names come from the ``users`` side-load (agents and admins only) or inline comment authors.
    """
    names = _zendesk_agent_names(stream, source)
    return _records(stream, source=source, fmt="zendesk", keys=("tickets", "results"), default_ts=default_ts,
                    convert=lambda ticket: _zendesk(ticket, names))


_INTERCOM_CUSTOMER = {"user", "lead", "contact"}
_INTERCOM_AGENT = {"admin", "bot", "team", "operator"}


def _intercom_turn(part: dict[str, Any], where: str) -> dict[str, Any] | None:
    if str(part.get("part_type") or "").startswith("note"):
        return None  # internal note: the customer never saw it
    body = part.get("body")
    if body is None or (isinstance(body, str) and not body.strip()):
        return None  # an event (assignment, close...) without a message
    if not isinstance(body, str):
        raise RecordError(f"{where}: \"body\" must be a string, got {type(body).__name__}")
    author = part.get("author")
    if not isinstance(author, dict):
        raise RecordError(f'{where}: missing "author"')
    kind = str(author.get("type") or "").lower()
    if kind in _INTERCOM_CUSTOMER:
        role = "customer"
    elif kind in _INTERCOM_AGENT:
        role = "agent"
    else:
        raise RecordError(f"{where}: unknown author type {author.get('type')!r} (expected user, lead, admin or bot)")
    aid = author.get("id")
    return {"role": role, "text": html_to_text(body), "ts": part.get("created_at"),
            "author": None if aid is None else str(aid), "_kind": kind,
            "_name": _display_name(author.get("name")) if role == "agent" else None}


def _intercom(conv: dict[str, Any]) -> dict[str, Any]:
    turns: list[dict[str, Any]] = []
    source = conv.get("source")
    if isinstance(source, dict) and source.get("body"):
        first = _intercom_turn({**source, "created_at": source.get("created_at", conv.get("created_at"))},
                               "source")
        if first is not None:
            turns.append(first)
    parts = conv.get("conversation_parts")
    if isinstance(parts, dict):
        parts = parts.get("conversation_parts")
    if parts is None:
        parts = []
    if not isinstance(parts, list):
        raise RecordError('"conversation_parts" must be a list (or {"conversation_parts": [...]})')
    for i, part in enumerate(parts):
        if not isinstance(part, dict):
            raise RecordError(f"conversation part {i} must be an object")
        turn = _intercom_turn(part, f"conversation part {i}")
        if turn is not None:
            turns.append(turn)
    agent = conv.get("admin_assignee_id")
    if agent is None:
        agent = next((t["author"] for t in turns if t["_kind"] == "admin" and t["author"]), None)
    # the assignee's name as their own parts carry it (Intercom's author.name)
    name = next((t["_name"] for t in turns if t["_name"] and agent is not None and t["author"] == str(agent)), None)
    for t in turns:
        t.pop("_kind")
        t.pop("_name")
    meta = {}
    if isinstance(conv.get("title"), str):
        meta["title"] = conv["title"]
    if isinstance(conv.get("state"), str):
        meta["state"] = conv["state"]
    if name:
        meta["agent_name"] = name
    return {"id": conv.get("id"), "agent_id": agent, "turns": turns, "meta": meta}


def read_intercom(stream: IO[bytes], *, source: str, default_ts: str) -> Iterator[dict[str, Any]]:
    """Conversation records from an Intercom conversation export (array, ``{"conversations": [...]}`` or JSONL)."""
    return _records(stream, source=source, fmt="intercom", keys=("conversations", "data"), default_ts=default_ts,
                    convert=_intercom)
