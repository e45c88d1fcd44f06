"""PostgreSQL refuses NUL in text: a record holding one is reported, and the rest of its batch is stored."""

from __future__ import annotations

import json
from pathlib import Path

from empathic.batch.engines import InlineEngine
from empathic.batch.readers import InputSet
from empathic.batch.runner import run_scoring
from empathic.store import open_store

REPLY = "I'm sorry, it's frustrating when a parcel goes missing. I've sent a new one today."


def _line(cid: str, agent: str) -> str:
    return json.dumps({"id": cid, "agent_id": agent, "turns": [
        {"role": "customer", "text": "I am upset, my parcel is lost.", "ts": "2024-03-01T09:30:00Z"},
        {"role": "agent", "text": REPLY}]})


def test_nul_in_id_or_agent_id_is_reported_and_the_batch_is_stored(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([_line("g1", "ana"), _line("a\x00b", "ana"), _line("g2", "ana"),
                               _line("g3", "x\x00y"), _line("g4", "ana")]) + "\n")
    errors = tmp_path / "errors.jsonl"
    with open_store(store_url) as store:
        stats = run_scoring(InputSet([path]), store, InlineEngine(), errors_path=errors, batch_size=64)
        stored = {c["id"] for c in store.table_rows("conversations")}
    assert stored == {"g1", "g2", "g4"}
    reported = [json.loads(line) for line in errors.read_text().splitlines()]
    assert sorted(r["line"] for r in reported) == [2, 4] and all("NUL" in r["reason"] for r in reported)
    assert (stats.scored, stats.errors) == (3, 2)


def test_the_store_isolates_a_conversation_postgresql_refuses(pg_url: str, tmp_path: Path) -> None:
    """Past the readers' checks, storing is isolated too: PostgreSQL's own refusal costs one record, not a batch."""
    from empathic.batch.runner import _store
    from empathic.batch.work import score_batch

    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(_line(f"g{i}", "ana") for i in range(3)) + "\n")
    records = list(InputSet([path]).records())
    scored = score_batch(records)
    scored[1]["conversation"]["agent_id"] = "x\x00y"  # what a reader would refuse, sent straight to the store
    reported: list[dict] = []
    with open_store(pg_url) as store:
        stored = _store(store, scored, reported.append)
        assert {c["id"] for c in store.table_rows("conversations")} == {"g0", "g2"}
    assert [r["id"] for r in stored] == ["g0", "g2"]
    assert [r["id"] for r in reported] == ["g1"] and "store refused" in reported[0]["reason"]
