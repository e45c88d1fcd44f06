"""False alarms per 100 replies that use no strategy, by the rule or head that raised them; split labels left out."""

from __future__ import annotations

import json
from pathlib import Path

from empathic.evaluation import evaluate_cs, evaluate_cs_items
from empathic.evaluation.readers import read_cs
from empathic.types import Analysis, CustomerSignals, EmotionScore, Evidence, Exchange, Finding, Span

# reply -> findings as (strategy, evidence ids); every reply below but the last uses no strategy in gold
CLAIMS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "Please DM us your order number.": [("normalizing", ("head:strategy",))],
    "This happens to everyone, we'll sort it.": [("normalizing", ("head:strategy", "normalizing.commonality.5"))],
    "That sounds stressful, we're on it.": [("reflecting_emotion", ("reflecting.attribution.4",))],
    "Thanks, we have passed this on.": [],
    "Being stuck without a phone is awful.": [("reflecting_emotion", ("head:strategy",))],
}


def _analysis(customer: str, reply: str | None) -> Analysis:
    text = reply or ""
    findings = [
        Finding(strategy, Span.of(text, 0, len(text)), 0.9, "rules",
                tuple(Evidence("head" if i.startswith("head:") else "rule", i, 0.9) for i in ids))
        for strategy, ids in CLAIMS[text]
    ]
    return Analysis(Exchange(customer, reply), findings=findings,
                    customer=CustomerSignals(emotions=[EmotionScore("frustration", 0.7)]))


def _write(tmp_path: Path) -> Path:
    rows = []
    for i, reply in enumerate(CLAIMS):
        gold = ["reflecting_emotion"] if reply.startswith("Being stuck") else []
        rows.append({
            "id": f"t{i}", "customer": "My phone broke and nobody answers.", "reply": reply,
            "customer_emotions": ["frustration"], "self_critical": False, "strategies": gold, "pitfalls": [],
            "spans": {}, "uncertain": ["normalizing"] if reply.startswith("This happens") else [],
        })
    path = tmp_path / "real.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_false_alarms_are_counted_per_100_quiet_replies_per_strategy_and_per_source(tmp_path: Path) -> None:
    result = evaluate_cs(_write(tmp_path), analyzer=_analysis)
    fa = result.to_dict()["false_alarms"]
    # 4 replies use no strategy; 3 of them claim one (2 normalizing, 1 reflecting)
    assert (fa["quiet_replies"], fa["false_alarms"], fa["replies_with_any"]) == (4, 3, 3)
    assert fa["per_100"] == 75.0
    assert fa["by_strategy"]["normalizing"] == {"count": 2, "per_100": 50.0}
    assert fa["by_strategy"]["reflecting_emotion"] == {"count": 1, "per_100": 25.0}
    assert fa["by_id"]["head:strategy"] == {"count": 2, "per_100": 50.0, "alone": 1}
    assert fa["by_id"]["normalizing.commonality.5"] == {"count": 1, "per_100": 25.0, "alone": 0}
    assert fa["by_id"]["reflecting.attribution.4"]["alone"] == 1
    md = result.to_markdown()
    assert "False alarms per 100 replies that use no strategy (4 such replies)" in md
    assert "| `head:strategy` | 2 | 50.00 | 1 |" in md
    # the true reflection is no false alarm, and it is scored as a hit
    assert result.section("strategies").rows[1].tp == 1


def test_labels_the_passes_split_on_are_reported_left_out(tmp_path: Path) -> None:
    result = evaluate_cs(_write(tmp_path), analyzer=_analysis)
    left_out = result.to_dict()["uncertain_left_out"]
    assert left_out["exchanges_with_split_labels"] == 1
    # "This happens to everyone" is no false alarm once its split label is left out
    assert (left_out["false_alarms"]["false_alarms"], left_out["false_alarms"]["quiet_replies"]) == (2, 4)
    assert "split labels left out" in result.to_markdown()


def test_any_subset_of_records_can_be_scored_for_cross_validation(tmp_path: Path) -> None:
    items = list(read_cs(_write(tmp_path)))
    held_out = [it for k, it in enumerate(items) if k % 2 == 1]
    result = evaluate_cs_items(held_out, source="fold 2 of 2", analyzer=_analysis)
    assert result.records == 2 and result.source == "fold 2 of 2"
    assert result.to_dict()["false_alarms"]["quiet_replies"] == 2
