"""Measure the listen components on labelled customer messages.

Run directly for a table: ``python tests/listen/dev_eval.py [path/to/file.jsonl]`` (default: the shared
cs-dev set; ``tests/listen/data/customer_messages.jsonl`` is the listen helpers' own fresh set, written
to check that the rules generalize beyond cs-dev). Any JSONL file with ``customer``,
``customer_emotions`` and ``self_critical`` works. The pytest modules ``test_listen_dev_accuracy.py``
and ``test_listen_fresh_accuracy.py`` use :func:`evaluate` to hold accuracy floors.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from empathic.listen.emotions import read_emotions
from empathic.listen.self_criticism import find_self_criticism
from empathic.types import EMOTIONS

DEFAULT_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "cs" / "cs-dev.jsonl"
#: Customer messages written for the listen rules (not taken from cs-dev), labelled by LABELS.md's customer side.
FRESH_DATA = Path(__file__).resolve().parent / "data" / "customer_messages.jsonl"


@dataclass
class PRF:
    """Counts and scores for one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_rows(path: Path = DEFAULT_DATA) -> list[dict]:
    """The rows of a cs-format JSONL file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(rows: list[dict]) -> tuple[dict[str, PRF], PRF]:
    """Per-emotion counts for customer_emotions, and counts for self_critical."""
    per = {label: PRF() for label in EMOTIONS}
    sc = PRF()
    for row in rows:
        gold = set(row["customer_emotions"])
        pred = {e.label for e in read_emotions(row["customer"]).emotions}
        for label in EMOTIONS:
            if label in pred and label in gold:
                per[label].tp += 1
            elif label in pred:
                per[label].fp += 1
            elif label in gold:
                per[label].fn += 1
        predicted_sc = bool(find_self_criticism(row["customer"]))
        if predicted_sc and row["self_critical"]:
            sc.tp += 1
        elif predicted_sc:
            sc.fp += 1
        elif row["self_critical"]:
            sc.fn += 1
    return per, sc


def macro_f1(per: dict[str, PRF]) -> float:
    """Mean F1 over the labels that occur in the gold data or the predictions."""
    used = [p for p in per.values() if p.tp + p.fn + p.fp > 0]
    return sum(p.f1 for p in used) / len(used) if used else 0.0


def main(argv: list[str]) -> int:
    """Print the per-emotion table, macro-F1 and self-critical F1."""
    rows = load_rows(Path(argv[0]) if argv else DEFAULT_DATA)
    per, sc = evaluate(rows)
    print(f"{'label':15} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for label, p in per.items():
        print(f"{label:15} {p.precision:6.3f} {p.recall:6.3f} {p.f1:6.3f} {p.tp + p.fn:8d}")
    print(f"macro-F1 (labels present): {macro_f1(per):.3f}")
    print(f"self_critical P {sc.precision:.3f} R {sc.recall:.3f} F1 {sc.f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
