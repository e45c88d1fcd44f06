"""Whole-conversation scoring and the engine-neutral unit of work."""

from __future__ import annotations

import json
import pickle

from empathic.batch.conversation import analyse_conversation, negativity
from empathic.batch.records import conversation_record
from empathic.batch.work import score_batch

ANGRY = "I was charged twice this month and I'm furious, nobody answers my emails!"
EMPATHIC = "I'm so sorry, it's really frustrating to be charged twice and then get no answer. I've refunded it."
CALM = "Ok, thanks, that works for me."
BLUNT = "Read the FAQ."


def record(turns: list[tuple[str, str]], **extra: object) -> dict:
    return conversation_record(
        id=extra.pop("id", "c1"), agent_id="ana", source="test", file="in.jsonl", line=3,
        default_ts="2024-01-01T00:00:00Z",
        turns=[{"role": r, "text": t, **({"ts": extra[f"ts{i}"]} if f"ts{i}" in extra else {})}
               for i, (r, t) in enumerate(turns)],
    )


def test_each_agent_turn_is_scored_against_the_customer_turns_before_it(coach) -> None:  # type: ignore[no-untyped-def]
    rec = record([("agent", "Hello! How can I help?"), ("customer", "Hi."), ("customer", ANGRY),
                  ("agent", EMPATHIC), ("customer", CALM), ("agent", "Glad to help."), ("agent", "Bye!")],
                 ts1="2024-03-01T10:00:00Z", ts5="2024-03-01T10:09:00Z")
    out = analyse_conversation(rec, coach)
    turns = out["turns"]
    # The greeting answers nothing; two agent messages in a row are one reply (index of the first).
    assert [t["turn_index"] for t in turns] == [3, 5]
    assert turns[0]["analysis"]["exchange"]["customer"] == "Hi.\n" + ANGRY
    assert turns[1]["analysis"]["exchange"]["reply"] == "Glad to help.\nBye!"
    # A turn without its own time takes the last known one.
    assert [t["ts"] for t in turns] == ["2024-03-01T10:00:00Z", "2024-03-01T10:09:00Z"]
    assert out["conversation"]["started_at"] == "2024-03-01T10:00:00Z"
    m = out["metrics"]
    assert m["turns"] == 7 and m["exchanges"] == 2 and m["content_hash"] == rec["hash"]
    assert (m["input_file"], m["input_line"]) == ("in.jsonl", 3)


def test_coverage_and_tension_trajectory(coach) -> None:  # type: ignore[no-untyped-def]
    rec = record([("customer", ANGRY), ("agent", EMPATHIC), ("customer", ANGRY), ("agent", BLUNT),
                  ("customer", CALM)])
    out = analyse_conversation(rec, coach)
    first, second = (t["analysis"] for t in out["turns"])
    assert first["opportunity_class"] == "needed_and_given"
    assert second["opportunity_class"] == "needed_but_missing"
    m = out["metrics"]
    assert (m["opportunities"], m["given"], m["coverage"]) == (2, 1, 0.5)
    trajectory = json.loads(m["tension_json"])
    angry = trajectory[0]["before"]
    assert angry > 0.3
    # After the empathic turn the customer is angry again; after the blunt one the customer is calm.
    assert trajectory[0]["after"] == angry
    assert trajectory[1] == {"turn_index": 3, "before": angry, "after": 0.0, "strategies": second["strategies"],
                             "class": "needed_but_missing"}
    assert (m["empathic_pairs"], m["missing_pairs"]) == (1, 1)
    assert m["empathic_before"] == m["empathic_after"] == angry
    assert (m["missing_before"], m["missing_after"]) == (angry, 0.0)
    assert (m["tension_start"], m["tension_end"]) == (angry, 0.0)
    assert m["mean_score"] == (first["score"] + second["score"]) / 2


def test_conversation_without_agent_reply_is_stored_with_no_turns(coach) -> None:  # type: ignore[no-untyped-def]
    out = analyse_conversation(record([("customer", ANGRY)]), coach)
    assert out["turns"] == [] and out["metrics"]["exchanges"] == 0 and out["metrics"]["coverage"] is None
    assert out["metrics"]["tension_start"] is None


def test_negativity_is_zero_without_negative_emotion(coach) -> None:  # type: ignore[no-untyped-def]
    assert negativity(coach.analyze(CALM)) == 0.0
    assert 0.0 < negativity(coach.analyze(ANGRY)) <= 1.0


def test_score_batch_is_plain_data_in_order_with_errors_passed_through() -> None:
    good = record([("customer", ANGRY), ("agent", EMPATHIC)], id="g")
    too_long = record([("customer", "x " * 15_000), ("agent", "ok")], id="long")
    bad = {"error": {"file": "in.jsonl", "line": 9, "id": None, "reason": "not valid JSON"}}
    out = score_batch([good, bad, too_long])
    assert [r.get("id") for r in out] == ["g", None, None]
    assert out[1] is bad
    assert out[2]["error"]["id"] == "long" and out[2]["error"]["line"] == 3
    assert "limit" in out[2]["error"]["reason"]
    # Plain data: JSON round-trips and pickles, so any engine can ship it.
    assert json.loads(json.dumps(out)) == out
    assert pickle.loads(pickle.dumps(out)) == out


def test_a_damaged_install_stops_the_run_instead_of_failing_every_record(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from empathic.batch import work
    from empathic.errors import ResourceError

    class Broken:
        def run(self, exchange):  # type: ignore[no-untyped-def]
            raise ResourceError("packaged resource lexicons/x.txt is missing; reinstall empathic")

    monkeypatch.setattr(work, "coach", lambda: Broken())
    with pytest.raises(ResourceError, match="reinstall"):
        score_batch([record([("customer", ANGRY), ("agent", EMPATHIC)])])
