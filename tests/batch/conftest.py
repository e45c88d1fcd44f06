"""Fixtures of the batch tests: the packaged sample exports, hand-written synthetic conversations."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from empathic.store import ResultStore

VOLATILE = ("created_at", "scored_at")

# Hand-written lines, combined by index into many distinct conversations.
OPENERS = [
    "My order hasn't arrived and it's been two weeks. I'm really annoyed.",
    "I was billed twice this month and I'm worried about my rent.",
    "The app crashes every time I open the camera. This is so frustrating.",
    "Hi, can you tell me how to change my delivery address?",
    "I feel stupid, I think I deleted my whole photo library by accident.",
    "Nobody has answered my emails for a week. This is unacceptable.",
]
REPLIES = [
    "I'm sorry, two weeks is a long wait, and it's frustrating not to know where it is. I've sent a replacement.",
    "Please check the FAQ.",
    "That sounds really stressful. Many customers have had the same issue and it's easy to fix: I've refunded it.",
    "You can change it under Account > Addresses.",
    "Don't worry, it happens to lots of people. Deleted photos stay in the bin for 30 days; I've restored them.",
    "We are very busy.",
]
FOLLOW_UPS = [
    "Thanks, that helps a lot.",
    "That doesn't help at all. I already did that.",
    "Ok, when will it be done?",
    "Great, thank you!",
]
CLOSERS = [
    "It will be done by tomorrow morning.",
    "I understand how annoying this is. I've escalated it and you'll hear from us today.",
    "Is there anything else?",
]


def synthetic_conversation(i: int) -> dict[str, Any]:
    """Conversation number ``i``: four turns from the lines above, an agent and a time."""
    day = 1 + i % 28
    return {
        "id": f"syn-{i:06d}",
        "agent_id": f"agent-{i % 5}",
        "turns": [
            {"role": "customer", "text": OPENERS[i % len(OPENERS)], "ts": f"2024-02-{day:02d}T09:00:00Z"},
            {"role": "agent", "text": REPLIES[(i // 2) % len(REPLIES)], "ts": f"2024-02-{day:02d}T09:02:00Z"},
            {"role": "customer", "text": FOLLOW_UPS[(i // 3) % len(FOLLOW_UPS)]},
            {"role": "agent", "text": CLOSERS[(i // 5) % len(CLOSERS)], "ts": f"2024-02-{day:02d}T09:06:00Z"},
        ],
    }


def write_synthetic(path: Path, n: int) -> Path:
    """Write ``n`` synthetic conversations as the generic conversation JSONL."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(synthetic_conversation(i)) + "\n")
    return path


def dump_store(store: ResultStore) -> dict[str, list[dict[str, Any]]]:
    """Every stored row except write times: what "the same store" means."""
    return {t: store.table_rows(t, exclude=VOLATILE)
            for t in ("conversations", "turn_analyses", "conversation_metrics")}


@pytest.fixture()
def dump() -> Callable[[ResultStore], dict[str, list[dict[str, Any]]]]:
    """The store-dumping function (see :func:`dump_store`)."""
    return dump_store


@pytest.fixture()
def synthetic() -> Callable[[Path, int], Path]:
    """The synthetic-input writer (see :func:`write_synthetic`)."""
    return write_synthetic


@pytest.fixture(scope="session")
def cli() -> Any:
    """The Typer app with every command registered."""
    from empathic.cli.main import _register_commands, app

    _register_commands()
    return app


@pytest.fixture(scope="session")
def samples() -> Path:
    """The packaged sample exports (one file per format)."""
    return Path(str(resources.files("empathic.resources").joinpath("samples", "batch")))


def record_json(fmt: str, f: dict[str, str]) -> str:
    """One record of export format ``fmt`` as one line of JSON text, built from JSON fragments.

    ``f`` holds JSON text (so escapes like a lone ``\\ud800`` survive) for ``id``, ``agent``, ``ts``,
    ``text`` (the customer's message) and ``reply``, and ``extra``: more members, ``, "key": value``.
    """
    if fmt == "conversations":
        return (f'{{"id": {f["id"]}, "agent_id": {f["agent"]}{f["extra"]}, "turns": ['
                f'{{"role": "customer", "text": {f["text"]}, "ts": {f["ts"]}}}, '
                f'{{"role": "agent", "text": {f["reply"]}}}]}}')
    if fmt == "zendesk":
        return (f'{{"id": {f["id"]}, "requester_id": 1, "assignee_id": {f["agent"]}{f["extra"]}, "comments": ['
                f'{{"author_id": 1, "body": {f["text"]}, "created_at": {f["ts"]}, "public": true}}, '
                f'{{"author_id": 2, "body": {f["reply"]}, "public": true}}]}}')
    if fmt == "intercom":
        return (f'{{"type": "conversation", "id": {f["id"]}, "admin_assignee_id": {f["agent"]}{f["extra"]}, '
                f'"source": {{"body": {f["text"]}, "author": {{"type": "user", "id": "u1"}}, '
                f'"created_at": {f["ts"]}}}, "conversation_parts": {{"conversation_parts": [{{"part_type": '
                f'"comment", "body": {f["reply"]}, "author": {{"type": "admin", "id": "7"}}}}]}}}}')
    if fmt == "jsonl":
        return (f'{{"id": {f["id"]}, "agent_id": {f["agent"]}{f["extra"]}, "customer": {f["text"]}, '
                f'"reply": {f["reply"]}, "ts": {f["ts"]}}}')
    raise ValueError(f"no record template for {fmt!r}")


@pytest.fixture()
def render() -> Callable[[str, dict[str, str]], str]:
    """The record-line writer (see :func:`record_json`)."""
    return record_json
