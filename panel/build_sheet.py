"""Build the coaching panel's rating sheet: 120 customer messages, every suggestion empathic offers for each, and
the rewrite of the reply that was actually sent.

Messages: 60 real customer tweets from twcs dev (Apache-2.0; the copy in tests/golden/data) with a negative feeling in
their labels, spread over the brands, and 60 messages the project wrote (cs-dev, 5 from each of its 12 industries).
Never the held-out parts. The selection is fixed by a seed, so the sheet is reproducible for a given code version.

    python panel/build_sheet.py round2     # writes panel/round2/messages.jsonl and panel/round2/sheet.jsonl

Raters see only the sheet (see RATER.md): no analyzer score, no other rater's verdicts.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "tests" / "golden" / "data"
SEED = 20261206
NEGATIVE = {"anger", "frustration", "anxiety", "sadness", "disappointment", "confusion", "embarrassment",
            "impatience", "fear"}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _spread(rows: list[dict], key: str, n: int, rng: random.Random) -> list[dict]:
    """``n`` rows taken round-robin over the values of ``key`` (each group shuffled), so no group dominates."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r[key]].append(r)
    for g in groups.values():
        rng.shuffle(g)
    order = sorted(groups)
    out: list[dict] = []
    while len(out) < n and any(groups.values()):
        for k in order:
            if groups[k] and len(out) < n:
                out.append(groups[k].pop())
    return out


def select_messages() -> list[dict]:
    """The panel's 120 messages, each with its source and the reply that was sent (the rewrite's draft)."""
    rng = random.Random(SEED)
    tw = [r for r in _jsonl(GOLDEN / "twcs-dev.jsonl") if NEGATIVE & set(r["customer_emotions"])]
    cs = _jsonl(GOLDEN / "cs-dev.jsonl")
    picked = [("twcs-dev", r) for r in _spread(tw, "domain", 60, rng)]
    picked += [("cs-dev", r) for r in _spread(cs, "domain", 60, rng)]
    return [{"id": f"p{i:03d}", "source": src, "source_id": r["id"], "domain": r["domain"],
             "customer": r["customer"], "draft": r["reply"]} for i, (src, r) in enumerate(picked, 1)]


def build_sheet(messages: list[dict]) -> list[dict]:
    """One row per thing to rate: every suggestion, and the rewrite when it changed the draft."""
    from empathic.suggest import rewrite, suggest

    rows: list[dict] = []
    for m in messages:
        result = suggest(m["customer"], id=m["id"])
        for n, s in enumerate(result.suggestions, 1):
            rows.append({"item": f"{m['id']}-s{n}", "kind": "suggestion", "message": m["id"],
                         "customer": m["customer"], "strategy": s.strategy, "text": s.text, "note": s.note})
        r = rewrite(m["customer"], m["draft"], id=m["id"])
        if r.rewritten != r.original:
            rows.append({"item": f"{m['id']}-r", "kind": "rewrite", "message": m["id"], "customer": m["customer"],
                         "draft": r.original, "text": r.rewritten, "changes": r.changes})
    return rows


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Write messages.jsonl and sheet.jsonl into the round folder named on the command line."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python panel/build_sheet.py ROUND_FOLDER (e.g. round2)")
    out = HERE / args[0]
    out.mkdir(parents=True, exist_ok=True)
    messages = select_messages()
    _write(out / "messages.jsonl", messages)
    sheet = build_sheet(messages)
    _write(out / "sheet.jsonl", sheet)
    kinds = defaultdict(int)
    for row in sheet:
        kinds[row["kind"]] += 1
    print(f"{len(messages)} messages, {dict(kinds)} items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
