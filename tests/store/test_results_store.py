"""The results store on both backends: idempotent writes, resume queries, aggregates, web compatibility."""

from __future__ import annotations

import json
from typing import Any

import pytest

from empathic.store import ResultStore, open_store

VOLATILE = ("created_at", "scored_at")


def analysis(score: int, cls: str, strategies: list[str] = (), pitfalls: list[str] = (),  # type: ignore[assignment]
             customer: str = "I was charged twice.", reply: str = "Sorry about that.") -> dict[str, Any]:
    """A hand-built Analysis.to_dict()-shaped object."""
    return {
        "id": None, "schema_version": "1.0", "score": score, "opportunity": 0.5, "opportunity_class": cls,
        "exchange": {"customer": customer, "reply": reply}, "customer": {"emotions": []},
        "strategies": list(strategies), "findings": [],
        "pitfalls": [{"kind": k, "start": None, "end": None, "text": None, "message": k, "severity": "warning"}
                     for k in pitfalls],
        "breakdown": {}, "tips": [], "components": [],
    }


def scored(cid: str, agent: str, turns: list[tuple[int, str, dict[str, Any]]], *, content_hash: str = "h1",
           tension: tuple[int, float, float] = (0, 0.0, 0.0)) -> dict[str, Any]:
    """A hand-built score_batch output record."""
    pairs, before, after = tension
    metrics = {
        "agent_id": agent, "source": "test", "started_at": turns[0][1] if turns else None, "turns": 2 * len(turns),
        "exchanges": len(turns), "opportunities": 0, "given": 0, "coverage": None, "mean_score": None,
        "pitfall_count": 0, "pitfalls_json": "{}", "strategies_json": "{}", "tension_json": "[]",
        "tension_start": before, "tension_end": after, "empathic_pairs": pairs, "empathic_before": before,
        "empathic_after": after, "reflecting_pairs": pairs, "reflecting_before": before, "reflecting_after": after,
        "missing_pairs": 0, "missing_before": 0.0, "missing_after": 0.0, "content_hash": content_hash,
        "input_file": "f.jsonl", "input_line": 1,
    }
    return {
        "id": cid, "hash": content_hash,
        "conversation": {"id": cid, "agent_id": agent, "source": "test", "started_at": metrics["started_at"],
                         "meta": {"channel": "email"}},
        "turns": [{"turn_index": i, "ts": ts, "analysis": a} for i, ts, a in turns],
        "metrics": metrics,
    }


def dump(store: ResultStore) -> dict[str, list[dict[str, Any]]]:
    return {t: store.table_rows(t, exclude=VOLATILE) for t in ("conversations", "turn_analyses",
                                                                 "conversation_metrics")}


@pytest.fixture()
def store(store_url: str):  # type: ignore[no-untyped-def]
    s = open_store(store_url)
    yield s
    s.close()


def test_write_scored_is_idempotent_and_replaces_turns(store: ResultStore) -> None:
    first = scored("c1", "ana", [(1, "2024-03-01T10:00:00Z", analysis(80, "needed_and_given", ["normalizing"])),
                                 (3, "2024-03-01T10:05:00Z", analysis(30, "needed_but_missing"))])
    store.write_scored([first])
    once = dump(store)
    store.write_scored([first])
    assert dump(store) == once
    assert store.count_turns() == 2
    # The same conversation re-exported with fewer turns: no stale turn may survive.
    shorter = scored("c1", "ana", [(1, "2024-03-01T10:00:00Z", analysis(90, "needed_and_given"))], content_hash="h2")
    store.write_scored([shorter])
    assert [(r["turn_index"], r["score"]) for r in store.table_rows("turn_analyses")] == [(1, 90)]
    assert store.completed(["c1", "nope"]) == {"c1": "h2"}
    assert store.completed_ids(["c1", "nope"]) == {"c1"}


def test_a_failed_transaction_leaves_nothing(store: ResultStore) -> None:
    good = scored("ok", "ana", [(1, "2024-03-01T10:00:00Z", analysis(50, "not_needed"))])
    broken = scored("bad", "ana", [(1, "2024-03-01T10:00:00Z", {"score": 1})])  # no opportunity_class
    with pytest.raises(KeyError):
        store.write_scored([good, broken])
    assert store.count_turns() == 0
    assert store.completed(["ok", "bad"]) == {}


def test_completed_answers_large_id_lists_in_chunks(store: ResultStore) -> None:
    store.write_scored([scored(f"c{i:04d}", "a", [(1, "2024-03-01T10:00:00Z", analysis(50, "not_needed"))],
                               content_hash=f"h{i}") for i in range(0, 1200, 3)])
    asked = [f"c{i:04d}" for i in range(1200)]
    done = store.completed(asked)
    assert len(done) == 400
    assert done["c0003"] == "h3"


def test_aggregates_per_agent_period_and_tension(store: ResultStore) -> None:
    store.write_scored([
        scored("c1", "ana", [(1, "2024-03-01T10:00:00Z", analysis(80, "needed_and_given", ["reflecting_emotion"])),
                             (3, "2024-03-09T10:00:00Z", analysis(20, "needed_but_missing", [], ["dismissive"]))],
               tension=(1, 0.8, 0.2)),
        scored("c2", "bo", [(1, "2024-03-01T11:00:00Z", analysis(60, "not_needed", ["normalizing"],
                                                                  ["dismissive", "missing_reason"]))],
               tension=(1, 0.4, 0.6)),
    ])
    by_agent = {a.agent_id: a for a in store.agent_summaries()}
    assert by_agent["ana"].turns == 2 and by_agent["ana"].mean_score == 50
    assert by_agent["ana"].coverage == 0.5
    assert by_agent["ana"].strategy_rates["reflecting_emotion"] == 0.5
    assert by_agent["bo"].pitfall_rates == {**dict.fromkeys(by_agent["bo"].pitfall_rates, 0.0),
                                            "dismissive": 1.0, "missing_reason": 1.0}
    assert by_agent["bo"].coverage is None
    totals = store.totals()
    assert totals["pitfalls"]["dismissive"] == 2 and totals["strategies"]["normalizing"] == 1
    days = store.period_summaries("day")
    assert [(p.period, p.turns, p.mean_score) for p in days] == [("2024-03-01", 2, 70.0), ("2024-03-09", 1, 20.0)]
    weeks = store.period_summaries("week", by_agent=True)
    assert [(p.period, p.agent_id, p.turns) for p in weeks] == [
        ("2024-W09", "ana", 1), ("2024-W09", "bo", 1), ("2024-W10", "ana", 1)]
    assert [(m.period, m.coverage) for m in store.period_summaries("month")] == [("2024-03", 0.5)]
    tension = {t.kind: t for t in store.tension_summary()}
    assert tension["empathic"].pairs == 2
    assert tension["empathic"].before == pytest.approx(0.6)
    assert tension["empathic"].change == pytest.approx(-0.2)
    assert tension["missing"].before is None
    assert store.tension_summary(agent_id="bo")[0].change == pytest.approx(0.2)
    assert store.score_histogram(bin_width=25) == [(0, 1), (25, 0), (50, 1), (75, 1)]
    hist = dict(store.score_histogram(bin_width=10))
    assert (hist[20], hist[60], hist[80], hist[90]) == (1, 1, 1, 0)


def test_extremes_show_each_conversation_once(store: ResultStore) -> None:
    # c1 holds the two best and the two worst turns; a best/worst list names it once, at its best/worst turn.
    store.write_scored([
        scored("c1", "ana", [(1, "2024-03-01T10:00:00Z", analysis(95, "needed_and_given")),
                             (3, "2024-03-01T10:05:00Z", analysis(90, "needed_and_given")),
                             (5, "2024-03-01T10:09:00Z", analysis(10, "needed_but_missing")),
                             (7, "2024-03-01T10:12:00Z", analysis(12, "needed_but_missing"))]),
        scored("c2", "bo", [(1, "2024-03-02T10:00:00Z", analysis(70, "needed_and_given")),
                            (3, "2024-03-02T10:04:00Z", analysis(30, "needed_but_missing"))]),
        scored("c3", "bo", [(1, "2024-03-03T10:00:00Z", analysis(50, "needed_and_given"))]),
    ])
    best = store.extremes(best=True, limit=5)
    assert [(t.conversation_id, t.score) for t in best] == [("c1", 95), ("c2", 70), ("c3", 50)]
    worst = store.extremes(best=False, limit=2)
    assert [(t.conversation_id, t.score, t.turn_index) for t in worst] == [("c1", 10, 5), ("c2", 30, 3)]


def test_agent_names_are_kept_from_the_export(store: ResultStore) -> None:
    named = scored("c1", "814502", [(1, "2024-03-01T10:00:00Z", analysis(80, "needed_and_given"))])
    named["conversation"]["meta"] = {"agent_name": "Ines Duarte"}
    plain = scored("c2", "bo", [(1, "2024-03-01T11:00:00Z", analysis(60, "not_needed"))])
    store.write_scored([named, plain])
    assert store.agent_names() == {"814502": "Ines Duarte"}
    renamed = scored("c3", "814502", [(1, "2024-03-02T10:00:00Z", analysis(70, "not_needed"))])
    renamed["conversation"]["meta"] = {"agent_name": "Ines D."}
    store.write_scored(iter([renamed]))  # any iterable, as the batch writer passes
    assert store.agent_names() == {"814502": "Ines D."}
    assert {a.agent_id for a in store.agent_summaries()} == {"814502", "bo"}  # ids stay the key


def test_web_api_methods_work_on_both_backends(store: ResultStore) -> None:
    cid, index = store.save_analysis(analysis(70, "needed_and_given"), agent_id="ana", ts="2024-05-01T09:00:00Z")
    _, index2 = store.save_analysis(analysis(40, "needed_but_missing"), conversation_id=cid, agent_id="ana")
    assert (index, index2) == (0, 1)
    total, rows = store.results(agent_id="ana")
    assert total == 2 and {r.score for r in rows} == {70, 40}
    conv, turns = store.conversation(cid) or ({}, [])
    assert conv["agent_id"] == "ana" and [t.turn_index for t in turns] == [0, 1]
    listed = store.conversations()
    assert listed[0]["turns"] == 2 and listed[0]["mean_score"] == 55
    assert store.agents() == ["ana"]
    assert store.sources() == {"api": 2}
    assert store.ping()


def test_iter_turns_pages_through_everything_in_order(store: ResultStore) -> None:
    store.write_scored([scored(f"c{i}", "a", [(k, "2024-03-01T10:00:00Z", analysis(k, "not_needed"))
                                               for k in range(3)]) for i in range(7)])
    keys = [(t.conversation_id, t.turn_index) for t in store.iter_turns(batch_size=4)]
    assert len(keys) == 21 and keys == sorted(keys)
    assert len({m["conversation_id"] for m in store.iter_metrics(batch_size=2)}) == 7
    metrics = store.conversation_metrics("c3")
    assert metrics is not None and metrics["tension"] == [] and metrics["input_file"] == "f.jsonl"
    assert json.loads(store.table_rows("conversations")[0]["meta_json"]) == {"channel": "email"}


def test_the_web_dashboard_store_reads_what_batch_wrote(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from empathic.web.store import Store as WebStore

    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    with open_store(url) as batch:
        batch.write_scored([scored("c1", "ana", [(1, "2024-03-01T10:00:00Z",
                                                  analysis(80, "needed_and_given", ["reflecting_emotion"]))])])
        expected = batch.agent_summaries()
    web = WebStore(url)
    try:
        assert web.agent_summaries() == [type(web.agent_summaries()[0])(**{
            f: getattr(expected[0], f) for f in ("agent_id", "turns", "conversations", "mean_score",
                                                 "strategy_rates", "pitfall_rates", "opportunities",
                                                 "opportunities_met")})]
        conv, turns = web.conversation("c1") or ({}, [])
        assert conv["meta"] == {"channel": "email"} and turns[0].strategies == ["reflecting_emotion"]
    finally:
        web.close()
