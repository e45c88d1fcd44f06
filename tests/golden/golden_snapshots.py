"""Golden exchanges: what the analyzer says today about a fixed set of exchanges, kept as snapshots.

A change to the judgement layer either keeps every snapshot identical (a refactor, a speed-up) or changes them on
purpose, in a commit of its own that regenerates them and says what changed and why. The sets are the project's own
written exchanges (cs-dev, cs-fresh, the bundled samples, the course's model answers) and real customer care
(twcs dev, Apache-2.0, its licence beside the copy). ESConv and EPITOME text never goes here: their licences do not
allow a copy.

Regenerate with ``python tests/golden/golden_snapshots.py --write`` (or ``make golden``); without ``--write`` it
prints what would change.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SNAPSHOTS = HERE / "snapshots"

#: Fields of ``Analysis.to_dict()`` left out of a snapshot: the input (it is in the data file) and the list of
#: component names (a pipeline detail, not a judgement).
_DROPPED = ("exchange",)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _cs(path: Path) -> list[tuple[str, str, str]]:
    return [(r["id"], r["customer"], r["reply"]) for r in _jsonl(path)]


def _conversations(path: Path) -> list[tuple[str, str, str]]:
    """Each agent turn of each conversation with the customer turns since the previous agent turn."""
    out = []
    for conv in _jsonl(path):
        pending: list[str] = []
        for i, (role, text) in enumerate(conv["turns"]):
            if role == "customer":
                pending.append(text)
            elif pending:
                out.append((f"{conv['id']}:{i}", "\n".join(pending), text))
                pending = []
    return out


def _course() -> list[tuple[str, str, str]]:
    from empathic.course.content import load_course

    out = []
    for sc in load_course().scenarios:
        for i, reply in enumerate(sc.model_answers):
            out.append((f"{sc.id}#{i}", sc.customer, reply))
    return out


def golden_sets() -> dict[str, list[tuple[str, str, str]]]:
    """Every golden set by name: ``(id, customer, reply)`` triples, in a fixed order."""
    resources = ROOT / "src" / "empathic" / "resources"
    return {
        "cs-dev": _cs(HERE / "data" / "cs-dev.jsonl"),
        "cs-fresh": _cs(ROOT / "training" / "heldout" / "cs-fresh.jsonl"),
        "samples": _cs(resources / "samples" / "exchanges.jsonl"),
        "web-samples": _conversations(resources.parent / "web" / "data" / "sample_conversations.jsonl"),
        "course": _course(),
        "twcs-dev": _cs(HERE / "data" / "twcs-dev.jsonl"),
    }


def snapshot(coach: Any, id: str, customer: str, reply: str) -> dict[str, Any]:
    """The snapshot of one exchange: its analysis as JSON, less the fields in ``_DROPPED``."""
    data = coach.analyze(customer, reply, id=id).to_dict()
    for key in _DROPPED:
        data.pop(key, None)
    return data


def compute(coach: Any, name: str) -> list[dict[str, Any]]:
    """Snapshots of every exchange of set ``name``."""
    return [snapshot(coach, *row) for row in golden_sets()[name]]


def load(name: str) -> list[dict[str, Any]]:
    """The committed snapshots of set ``name``."""
    return list(_jsonl(SNAPSHOTS / f"{name}.jsonl"))


def _write(name: str, rows: list[dict[str, Any]]) -> None:
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    with (SNAPSHOTS / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def _labels(row: dict[str, Any]) -> tuple[set[str], set[str], set[str]]:
    return (
        set(row.get("strategies", [])),
        {p["kind"] for p in row.get("pitfalls", [])},
        {e["label"] for e in row.get("customer", {}).get("emotions", [])},
    )


def describe_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """Plain-words summary of how ``new`` differs from ``old``: counts of strategies, pitfalls and emotions that
    appeared or disappeared, and how many records changed in any field."""
    before = {r.get("id"): r for r in old}
    changed = 0
    moves: Counter[str] = Counter()
    for row in new:
        prev = before.get(row.get("id"))
        if prev == row:
            continue
        changed += 1
        if prev is None:
            moves["new record"] += 1
            continue
        for what, a, b in zip(("strategy", "pitfall", "emotion"), _labels(prev), _labels(row), strict=True):
            for label in b - a:
                moves[f"+{what} {label}"] += 1
            for label in a - b:
                moves[f"-{what} {label}"] += 1
        if prev.get("score") != row.get("score"):
            moves["score changed"] += 1
        for key in sorted(set(prev) | set(row)):
            if prev.get(key) != row.get(key):
                moves[f"field {key} changed"] += 1
    gone = len(set(before) - {r.get("id") for r in new})
    lines = [f"{changed} of {len(new)} records changed" + (f", {gone} removed" if gone else "")]
    lines += [f"  {k}: {v}" for k, v in sorted(moves.items())]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Compare (or with --write, regenerate) every golden set and print what changed."""
    from empathic import Coach

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the new snapshots")
    parser.add_argument("sets", nargs="*", help="only these sets (default: all)")
    args = parser.parse_args(argv)
    coach = Coach()
    for name in args.sets or list(golden_sets()):
        new = compute(coach, name)
        old = load(name) if (SNAPSHOTS / f"{name}.jsonl").exists() else []
        print(f"{name}: " + "\n".join(describe_changes(old, new)))
        if args.write:
            _write(name, new)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
