"""Pitfall accuracy of the full default pipeline on the labelled dev set, so regressions fail.

Reply-level precision/recall/F1 per pitfall kind and their macro average. The floors sit a
little below what the default Coach reaches; print the table with
``python tests/checks/test_checks_dev_accuracy.py``. Skipped only without ../shared/data (never under
CI=true); when a component of the default pipeline is missing, building the Coach fails and so does the test.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from empathic.evaluation.metrics import LabelScore, macro_average
from empathic.pipeline import Coach
from empathic.types import PITFALL_KINDS

CS_DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "cs" / "cs-dev.jsonl"

#: Floors per pitfall kind (F1) and for the macro average.
KIND_FLOOR = 0.85
MACRO_FLOOR = 0.93


def evaluate(path: Path) -> dict[str, LabelScore]:
    """Run the default Coach over the cs rows in ``path`` and count hits per pitfall kind."""
    coach = Coach()
    scores = {kind: LabelScore(kind) for kind in PITFALL_KINDS}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            got = set(coach.analyze(row["customer"], row["reply"], id=row["id"]).pitfall_kinds)
            gold = set(row["pitfalls"])
            for kind, score in scores.items():
                score.add(kind in gold, kind in got)
    return scores


def macro_f1(scores: dict[str, LabelScore]) -> float:
    """Unweighted mean F1 over the pitfall kinds that occur or were flagged."""
    return macro_average(scores.values()).f1 or 0.0


def test_pitfall_accuracy_floors_on_dev(shared_data: Path) -> None:
    scores = evaluate(shared_data / "cs" / "cs-dev.jsonl")
    assert sum(s.tp + s.fn for s in scores.values()) >= 50, "the dev set should hold pitfalls to check"
    low = {k: round(s.f1 or 0.0, 3) for k, s in scores.items() if (s.f1 or 0.0) < KIND_FLOOR}
    assert not low, f"pitfall F1 below {KIND_FLOOR}: {low}"
    assert macro_f1(scores) >= MACRO_FLOOR, f"macro-F1 {macro_f1(scores):.3f}"


if __name__ == "__main__":
    table = evaluate(Path(sys.argv[1]) if len(sys.argv) > 1 else CS_DEV)
    for kind, s in table.items():
        row = s.to_dict()
        print(f"{kind:28s} P={row['precision']} R={row['recall']} F1={row['f1']}  (tp={s.tp} fp={s.fp} fn={s.fn})")
    print(f"{'macro-F1':28s} {macro_f1(table):.3f}")
