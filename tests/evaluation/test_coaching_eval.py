"""The coaching evaluation re-analyses suggestions and rewrites over a small cs file."""

from __future__ import annotations

import json
from pathlib import Path

from empathic.evaluation import evaluate


def test_coaching_eval_counts_suggestions_and_rewrites(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "domain": "retail", "customer": "My parcel is two weeks late and I'm furious about it.",
         "reply": "Calm down, parcels are late all the time.", "customer_emotions": ["anger"],
         "self_critical": False, "strategies": [], "pitfalls": ["dismissive"], "spans": {}},
        {"id": "b", "domain": "retail", "customer": "What time do you open on Sunday?",
         "reply": "We open at 10am on Sundays.", "customer_emotions": ["neutral"], "self_critical": False,
         "strategies": [], "pitfalls": [], "spans": {}},
    ]
    f = tmp_path / "cs.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = evaluate("coaching", f)
    tables = {b.key: dict(b.rows) for b in result.breakdowns}
    assert tables["suggestions"]["customer messages"] == "2"
    assert tables["suggestions"]["messages calling for empathy"] == "1"
    assert tables["suggestions"]["suggestions scoring >= 80 with no pitfall"].endswith("(100.0%)")
    assert tables["rewrites"]["replies with gold pitfalls"] == "1"
    assert tables["rewrites"]["rewrites with no pitfall left"] == "1 (100.0%)"
