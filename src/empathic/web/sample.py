"""Seed an empty store with the packaged sample conversations, analysed by the real pipeline.

The dashboard then has something true to show on a fresh install: the sample file holds
only texts, and every score comes from the Coach the server runs.
"""

from __future__ import annotations

import json
from datetime import timedelta
from importlib import resources
from typing import Any

from empathic.errors import ResourceError
from empathic.pipeline import Coach
from empathic.types import Conversation, Turn
from empathic.web.store import Store, parse_ts, utc_iso

SAMPLE_SOURCE = "sample"
_TURN_GAP = timedelta(minutes=2)


def load_sample() -> list[dict[str, Any]]:
    """The packaged sample conversations (see data/PROVENANCE.md)."""
    try:
        text = resources.files("empathic.web").joinpath("data", "sample_conversations.jsonl").read_text("utf-8")
    except FileNotFoundError as exc:
        raise ResourceError("web sample data is missing; reinstall empathic") from exc
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise ResourceError(f"web sample data is damaged: {exc}") from exc


def seed_sample(store: Store, coach: Coach) -> int:
    """Analyse and store every sample conversation; returns how many turns were stored."""
    stored = 0
    for conv in load_sample():
        start = parse_ts(conv["start"])
        turns = tuple(
            Turn(role=role, text=text, id=f"{conv['id']}:{i}", ts=start + i * _TURN_GAP)
            for i, (role, text) in enumerate(conv["turns"])
        )
        conversation = Conversation(id=conv["id"], turns=turns, agent_id=conv["agent_id"])
        index_of = {t.id: i for i, t in enumerate(turns)}
        rows = []
        for ex in conversation.exchanges():
            i = index_of[ex.id]
            rows.append((i, coach.run(ex), utc_iso(turns[i].ts)))
        store.save_conversation(
            conv["id"], agent_id=conv["agent_id"], source=SAMPLE_SOURCE, started_at=utc_iso(start)
        )
        store.save_turns(conv["id"], rows, agent_id=conv["agent_id"])
        stored += len(rows)
    return stored
