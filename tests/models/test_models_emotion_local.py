"""The local emotion layer: `train --corrections` learns the customer's emotions from the team's emotion verdicts.

A team whose reviewers always reject one reading (anxiety read from a plain "Where is my ...?") and confirm
another (anxiety in "I'm worried ...") gets a layer that stops the first on held-back conversations and keeps
the second; it is applied only when local heads are configured, with evidence on what it keeps and drops.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from empathic.calibration.reviews import Review, add_review, reviewed_turns
from empathic.models import emotion_local, heads
from empathic.models.corrections import emotion_rows, emotion_turns, held_back, refit
from empathic.models.emotion_local import EmotionLayer, LabelModel, LabelRow, fit_label
from empathic.pipeline import Coach
from empathic.store import open_store
from empathic.types import CustomerSignals, EmotionScore, Evidence

#: Plain "where is it" chasers, written for this test: the shipped reading adds anxiety, the team says it is not.
CHASERS = (
    "Where is my parcel? It was due Monday.",
    "Where is my order, it has been ten days.",
    "Where is my replacement card?",
    "Where is my engineer? He was due at nine.",
    "Where is my new router? The tracking stopped.",
    "Where is my voucher from the complaint?",
    "Where is my deposit? The booking was cancelled.",
)
#: Customers who say they are worried, written for this test: the team confirms anxiety.
WORRIED = (
    "I'm worried my card was used by someone else.",
    "I'm really worried the payment went to the wrong account.",
    "I'm worried I'll lose my photos if the phone resets.",
    "I'm worried my flight will be cancelled tomorrow.",
    "I'm so worried the boiler will fail again tonight.",
    "I'm worried my son's account was hacked.",
    "I'm worried the loan payment bounced.",
)
IDS = tuple(f"conv-{i:02d}" for i in range(40))

pytestmark = pytest.mark.usefixtures("shipped_heads_after")


def _message(n: int) -> str:
    return CHASERS[(n // 2) % len(CHASERS)] if n % 2 == 0 else WORRIED[(n // 2) % len(WORRIED)]


def _team_store(path: Path) -> str:
    """One analysed and reviewed turn per conversation: anxiety rejected on chasers, everything else confirmed."""
    url = f"sqlite:///{path}"
    coach = Coach()
    with open_store(url) as store:
        for n, cid in enumerate(IDS):
            analysis = coach.analyze(_message(n), "Thanks, I'm checking this for you now.")
            store.save_conversation(cid, agent_id="agent-a", source="test")
            store.save_turns(cid, [(1, analysis, "2026-03-02T10:00:00Z")], agent_id="agent-a")
        for rec in store.iter_turns():
            chaser = rec.analysis["exchange"]["customer"] in CHASERS
            for e in rec.analysis["customer"]["emotions"]:
                if chaser and e["label"] == "anxiety":
                    add_review(store, Review(reviewer="qa", conversation_id=rec.conversation_id,
                                             turn_index=rec.turn_index, item="emotion", label="anxiety",
                                             verdict="reject"))
            # "what I did not mark is right": the other readings are confirmed, the labels not read are absent
            add_review(store, Review(reviewer="qa", conversation_id=rec.conversation_id, turn_index=rec.turn_index,
                                     item="turn", label="emotions", verdict="confirm"))
    return url


def test_a_systematically_rejected_emotion_stops_being_read_on_held_back_turns(
    tmp_path: Path, tiny_data: tuple[Path, Path]
) -> None:
    url = _team_store(tmp_path / "team.sqlite")
    held = [n for n, cid in enumerate(IDS) if held_back(cid)]
    chasers = [_message(n) for n in held if n % 2 == 0]
    worried = [_message(n) for n in held if n % 2 == 1]
    assert chasers and worried, "the held-back fifth must hold both kinds of message"
    shipped = Coach()
    assert all("anxiety" in shipped.analyze(m).customer.labels for m in chasers), "the error this test corrects"

    out = tmp_path / "local"
    report = refit(url, out_dir=out, data_dir=tiny_data[0], seed=0)
    assert "anxiety" in report["emotion_layer"]["recalibrated"]
    before, after = report["before"]["emotions"], report["after"]["emotions"]
    assert before["customer_turns"] == after["customer_turns"] == len(held)
    assert before["false_alarms_per_100_by_label"]["anxiety"] > 0
    assert "anxiety" not in after["false_alarms_per_100_by_label"]
    assert after["false_alarms_per_100"] < before["false_alarms_per_100"]
    assert after["per_label"]["anxiety"]["recall"] == 1.0  # the confirmed readings survive
    manifest = json.loads((out / heads.MANIFEST).read_text())
    assert manifest["files"]["emotion_local.json"] == heads.digest(out / emotion_local.FILE)

    # applied only when the local heads are configured: with evidence, and recorded in the analysis
    assert emotion_local.HEAD_ID not in shipped.analyze(chasers[0]).heads
    with heads.using(str(out)):
        coach = Coach()
        a = coach.analyze(chasers[0])
        assert "anxiety" not in a.customer.labels
        dropped = {e.label: e for e in a.customer.dropped_emotions}
        assert dropped["anxiety"].evidence[-1].id == emotion_local.HEAD_ID
        assert dropped["anxiety"].evidence[-1].effect == "veto"
        assert a.heads[emotion_local.HEAD_ID] == f"local:{heads.digest(out / emotion_local.FILE)}"
        assert a.to_dict()["customer"]["dropped_emotions"][0]["label"] == "anxiety"
        for m in worried:
            b = coach.analyze(m)
            anxiety = next(e for e in b.customer.emotions if e.label == "anxiety")
            assert any(ev.id == emotion_local.HEAD_ID and ev.effect == "support" for ev in anxiety.evidence)
        assert emotion_local.HEAD_ID in heads.in_use()

    # same seed, same reviews: the same bytes
    again = tmp_path / "again"
    refit(url, out_dir=again, data_dir=tiny_data[0], seed=0)
    assert (again / emotion_local.FILE).read_bytes() == (out / emotion_local.FILE).read_bytes()


def test_emotion_verdicts_are_read_as_the_calibrate_report_reads_them(tmp_path: Path) -> None:
    url = _team_store(tmp_path / "team.sqlite")
    with open_store(url) as store:
        turns = emotion_turns(reviewed_turns(store))
    assert len(turns) == len(IDS)
    chaser = next(t for t in turns if t.customer == CHASERS[0])
    # rejected anxiety, confirmed impatience (the turn confirm), and every label not read settled as absent
    assert chaser.gold["anxiety"] is False and chaser.gold["impatience"] is True
    assert chaser.gold["gratitude"] is False
    rows = emotion_rows(turns)
    assert sum(r.y for r in rows["anxiety"]) == len(IDS) // 2
    assert {r.group for r in rows["anxiety"]} == {f"corr:{c}" for c in IDS}


def test_a_label_with_few_decisions_keeps_the_shipped_reading() -> None:
    rows = [LabelRow(f"g{i}", True, {"read": 1.0}, False) for i in range(emotion_local.MIN_DECISIONS - 1)]
    model, info = fit_label(rows, seed=0)
    assert model is None and "fewer than" in info["kept"]


def test_with_no_reviews_the_layer_repeats_the_shipped_reading() -> None:
    # the shipped reading is the offset: a model with no weights reads exactly what it read
    model = LabelModel({}, 0.0, 0.5)
    assert model.probability(True, {}) > 0.5 > model.probability(False, {})


def test_the_layer_keeps_adds_and_drops_with_evidence() -> None:
    layer = EmotionLayer({"anger": LabelModel({"read": -5.0}, 0.0, 0.5),
                          "frustration": LabelModel({"fine:annoyance": 8.0}, 0.0, 0.5)})
    customer = CustomerSignals(
        emotions=[EmotionScore("anger", 0.6, (Evidence("rule", "emotion_cues:ridiculous|absurd|ludicrous"),)),
                  EmotionScore("impatience", 0.4)],
        fine_emotions=[EmotionScore("annoyance", 0.6)],
    )
    kept, dropped = layer.apply("This is ridiculous, I've waited three weeks.", customer)
    assert [e.label for e in kept] == ["frustration", "impatience"]  # added, and kept as shipped (no model)
    assert kept[0].evidence[0].id == emotion_local.HEAD_ID and kept[0].evidence[0].effect == "support"
    assert [e.label for e in dropped] == ["anger"] and dropped[0].evidence[-1].effect == "veto"
    assert EmotionLayer.load_text(layer.to_json()).to_json() == layer.to_json()
