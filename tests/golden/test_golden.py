"""The golden exchanges: the analyzer's output on them must equal the committed snapshots.

When a change alters judgement on purpose, regenerate (see README.md here) in a commit of its own that lists what
changed and why; otherwise a difference here is a regression.
"""

from __future__ import annotations

import json

import pytest
from golden_snapshots import SNAPSHOTS, compute, describe_changes, golden_sets, load


@pytest.mark.parametrize("name", list(golden_sets()))
def test_golden_snapshots_unchanged(coach, name: str) -> None:
    path = SNAPSHOTS / f"{name}.jsonl"
    assert path.exists(), f"no snapshots for {name}: run tests/golden/golden_snapshots.py --write"
    old, new = load(name), compute(coach, name)
    if old == new:
        return
    first = next((o, n) for o, n in zip(old, new, strict=False) if o != n) if len(old) == len(new) else (None, None)
    detail = ""
    if first[0] is not None:
        o, n = first
        keys = [k for k in sorted(set(o) | set(n)) if o.get(k) != n.get(k)]
        detail = f"\nfirst differing record {n.get('id')!r}, fields {keys}:\n" + "\n".join(
            f"  {k}: {json.dumps(o.get(k))[:300]}\n   -> {json.dumps(n.get(k))[:300]}" for k in keys
        )
    pytest.fail(
        f"golden set {name!r} changed:\n" + "\n".join(describe_changes(old, new)) + detail
        + "\nIf this change is deliberate, regenerate: python tests/golden/golden_snapshots.py --write "
        "and commit the snapshots on their own, saying what changed and why."
    )


def test_golden_sets_are_large_and_distinct() -> None:
    sets = golden_sets()
    assert sum(len(rows) for rows in sets.values()) >= 900
    for name, rows in sets.items():
        ids = [r[0] for r in rows]
        assert len(ids) == len(set(ids)), f"duplicate ids in golden set {name}"


def test_describe_changes_names_moved_labels() -> None:
    old = [{"id": "a", "strategies": ["normalizing"], "pitfalls": [], "score": 80}]
    new = [{"id": "a", "strategies": [], "pitfalls": [{"kind": "dismissive"}], "score": 40}]
    lines = describe_changes(old, new)
    assert lines[0] == "1 of 1 records changed"
    assert "  -strategy normalizing: 1" in lines
    assert "  +pitfall dismissive: 1" in lines
    assert describe_changes(old, old)[0] == "0 of 1 records changed"
