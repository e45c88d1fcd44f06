"""The dashboard's agents table: agents by display name, and the pitfall kinds each agent's turns fell into."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from empathic.store import open_store


def _turn(score: int, pitfalls: list[str]) -> dict:
    return {"id": None, "schema_version": "1.0", "score": score, "opportunity": 0.8,
            "opportunity_class": "needed_but_missing", "exchange": {"customer": "I'm upset.", "reply": "Ok."},
            "customer": {"emotions": []}, "strategies": [], "findings": [],
            "pitfalls": [{"kind": k, "start": None, "end": None, "text": None, "message": k, "severity": "warning"}
                         for k in pitfalls],
            "breakdown": {}, "tips": [], "components": []}


def _scored(cid: str, agent: str, name: str | None, turns: list[dict]) -> dict:
    return {"id": cid, "hash": cid,
            "conversation": {"id": cid, "agent_id": agent, "source": "test", "started_at": "2026-10-06T09:00:00Z",
                             "meta": {"agent_name": name} if name else {}},
            "turns": [{"turn_index": 2 * i + 1, "ts": "2026-10-06T09:03:00Z", "analysis": a}
                      for i, a in enumerate(turns)],
            "metrics": {"agent_id": agent, "source": "test", "started_at": "2026-10-06T09:00:00Z",
                        "turns": 2 * len(turns), "exchanges": len(turns), "opportunities": len(turns), "given": 0,
                        "coverage": 0.0, "mean_score": 20.0, "pitfall_count": 0, "pitfalls_json": "{}",
                        "strategies_json": "{}", "tension_json": "[]", "tension_start": 0.0, "tension_end": 0.0,
                        "empathic_pairs": 0, "empathic_before": 0.0, "empathic_after": 0.0,
                        "reflecting_pairs": 0, "reflecting_before": 0.0, "reflecting_after": 0.0,
                        "missing_pairs": 0, "missing_before": 0.0, "missing_after": 0.0, "content_hash": cid,
                        "input_file": "x", "input_line": 1}}


def test_agents_by_name_with_their_pitfall_kinds(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_store(f"sqlite:///{tmp_path / 'web.sqlite'}") as store:
        store.write_scored([
            _scored("z-1", "381002", "Hugo Brandt", [_turn(10, ["dismissive"]), _turn(15, ["dismissive",
                                                                                          "missing_reason"])]),
            _scored("z-2", "381002", "Hugo Brandt", [_turn(30, ["dismissive"])]),
            _scored("c-1", "ana.silva", None, [_turn(90, [])]),
        ])
    with TestClient(make_app()) as client:
        html = client.get("/dashboard").text
        agents = html[html.index('id="agents-h"'):html.index('id="agentchart-h"')]
        assert ">Hugo Brandt</a>" in agents and ">ana.silva</a>" in agents
        assert "381002</a>" not in agents  # the id stays in the link, the name is what people read
        assert '<span class="pitfall-kind">Dismissive <b>3</b></span>' in agents
        assert '<span class="pitfall-kind">Missing reason <b>1</b></span>' in agents
        assert agents.index("Dismissive") < agents.index("Missing reason")  # most frequent first
        page = client.get("/dashboard?agent=381002").text
        assert "<h1>Dashboard: Hugo Brandt</h1>" in page
        assert "Agent <strong>Hugo Brandt</strong>" in client.get("/dashboard/conversations/z-1").text
