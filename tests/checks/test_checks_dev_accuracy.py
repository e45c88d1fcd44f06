"""Pitfall accuracy of the full default pipeline on the labelled dev set, so regressions fail.

Reply-level precision/recall/F1 per pitfall kind and their macro average. The floors sit a
little below what the default Coach reaches; print the table with
``python tests/checks/test_checks_dev_accuracy.py``. Nothing here is skipped: when a
component of the default pipeline is missing, building the Coach fails and so does the test.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from empathic.pipeline import Coach
from empathic.types import PITFALL_KINDS

CS_DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "cs" / "cs-dev.jsonl"

#: Floors per pitfall kind (F1) and for the macro average.
KIND_FLOOR = 0.85
MACRO_FLOOR = 0.93


@dataclass(slots=True)
class Score:
    """Reply-level counts for one pitfall kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of flagged replies that carry the pitfall."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of replies with the pitfall that were flagged."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(path: Path) -> dict[str, Score]:
    """Run the default Coach over the cs rows in ``path`` and count hits per pitfall kind."""
    coach = Coach()
    scores = {kind: Score() for kind in PITFALL_KINDS}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            got = set(coach.analyze(row["customer"], row["reply"], id=row["id"]).pitfall_kinds)
            gold = set(row["pitfalls"])
            for kind, score in scores.items():
                if kind in got and kind in gold:
                    score.tp += 1
                elif kind in got:
                    score.fp += 1
                elif kind in gold:
                    score.fn += 1
    return scores


def macro_f1(scores: dict[str, Score]) -> float:
    """Unweighted mean F1 over the pitfall kinds."""
    return sum(s.f1 for s in scores.values()) / len(scores)


def test_pitfall_accuracy_floors_on_dev() -> None:
    assert CS_DEV.is_file(), f"expected the labelled dev set at {CS_DEV}"
    scores = evaluate(CS_DEV)
    assert sum(s.tp + s.fn for s in scores.values()) >= 50, "the dev set should hold pitfalls to check"
    low = {k: round(s.f1, 3) for k, s in scores.items() if s.f1 < KIND_FLOOR}
    assert not low, f"pitfall F1 below {KIND_FLOOR}: {low}"
    assert macro_f1(scores) >= MACRO_FLOOR, f"macro-F1 {macro_f1(scores):.3f}"


if __name__ == "__main__":
    table = evaluate(Path(sys.argv[1]) if len(sys.argv) > 1 else CS_DEV)
    for kind, s in table.items():
        print(f"{kind:28s} P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f}  (tp={s.tp} fp={s.fp} fn={s.fn})")
    print(f"{'macro-F1':28s} {macro_f1(table):.3f}")
