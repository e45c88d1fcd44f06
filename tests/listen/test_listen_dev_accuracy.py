"""Accuracy floors on the labelled customer-service dev set, so regressions fail.

The floors sit a little below what the rules reach (run ``python tests/listen/dev_eval.py``
for the full per-label table).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("listen_dev_eval", Path(__file__).with_name("dev_eval.py"))
assert _spec is not None and _spec.loader is not None
dev_eval = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = dev_eval  # dataclasses look their module up here
_spec.loader.exec_module(dev_eval)


def test_dev_accuracy_floors(cs_dev_path: Path) -> None:
    rows = dev_eval.load_rows(cs_dev_path)
    assert len(rows) >= 50
    per, sc = dev_eval.evaluate(rows)
    assert sc.f1 >= 0.90, f"self_critical F1 {sc.f1:.3f}"
    assert dev_eval.macro_f1(per) >= 0.75, f"emotion macro-F1 {dev_eval.macro_f1(per):.3f}"
    # the labels the dev set has enough of must each stay useful
    for label in ("anger", "frustration", "anxiety", "embarrassment", "sadness", "confusion"):
        assert per[label].f1 >= 0.60, f"{label} F1 {per[label].f1:.3f}"
