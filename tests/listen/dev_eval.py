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
from pathlib import Path

from empathic.evaluation.metrics import LabelScore, macro_average
from empathic.listen.emotions import read_emotions
from empathic.listen.self_criticism import find_self_criticism
from empathic.types import EMOTIONS

DEFAULT_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "cs" / "cs-dev.jsonl"
#: Customer messages written for the listen rules (not taken from cs-dev), labelled by LABELS.md's customer side.
FRESH_DATA = Path(__file__).resolve().parent / "data" / "customer_messages.jsonl"


def load_rows(path: Path = DEFAULT_DATA) -> list[dict]:
    """The rows of a cs-format JSONL file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(rows: list[dict]) -> tuple[dict[str, LabelScore], LabelScore]:
    """Per-emotion counts for customer_emotions, and counts for self_critical (``empathic eval``'s counters)."""
    per = {label: LabelScore(label) for label in EMOTIONS}
    sc = LabelScore("self_critical")
    for row in rows:
        gold = set(row["customer_emotions"])
        pred = {e.label for e in read_emotions(row["customer"]).emotions}
        for label in EMOTIONS:
            per[label].add(label in gold, label in pred)
        sc.add(bool(row["self_critical"]), bool(find_self_criticism(row["customer"])))
    return per, sc


def macro_f1(per: dict[str, LabelScore]) -> float:
    """Mean F1 over the labels that occur in the gold data or the predictions."""
    return macro_average(per.values()).f1 or 0.0


def main(argv: list[str]) -> int:
    """Print the per-emotion table, macro-F1 and self-critical F1."""
    rows = load_rows(Path(argv[0]) if argv else DEFAULT_DATA)
    per, sc = evaluate(rows)
    print(f"{'label':15} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for label, p in per.items():
        if p.measurable:
            print(f"{label:15} {p.precision or 0:6.3f} {p.recall or 0:6.3f} {p.f1 or 0:6.3f} {p.support:8d}")
    print(f"macro-F1 (labels present): {macro_f1(per):.3f}")
    print(f"self_critical P {sc.precision or 0:.3f} R {sc.recall or 0:.3f} F1 {sc.f1 or 0:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
