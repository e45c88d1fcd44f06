"""Build the coaching panel's rating sheet: 120 customer messages, every suggestion empathic offers for each, and
the rewrite of the reply that was actually sent.

Messages: real customer tweets from twcs dev (Apache-2.0; the copy in tests/golden/data) with a negative feeling in
their labels, spread over the brands, and messages the project wrote (cs-dev, spread over its 12 industries), 120 in
all. Never the held-out parts. The selection is fixed by a seed, so the sheet is reproducible for a given code version.

Rounds 1-3 rated the same 120 messages (60 + 60). From round 4 on, a round never reuses a message an earlier round
rated: the changes between rounds are made after reading a round's problem categories, and only unseen messages
show whether they generalise. cs-dev has 100 messages, so a fresh round takes what cs-dev has left (up to 60,
spread over the industries) and fills the rest with unseen tweets.

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


#: Rounds that rated the first, shared selection; every later round takes unseen messages.
SHARED_ROUNDS = ("round1", "round2", "round3")
#: Messages per round, and the most of them taken from the project's cs-dev.
PANEL_SIZE = 120
MAX_WRITTEN = 60


def rated_before(round_name: str) -> set[str]:
    """Source ids of every message a round rated before ``round_name`` (rounds are numbered folders)."""
    number = _round_number(round_name)
    seen: set[str] = set()
    for folder in HERE.glob("round*"):
        path = folder / "messages.jsonl"
        if folder.name != round_name and _round_number(folder.name) < number and path.exists():
            seen |= {m["source_id"] for m in _jsonl(path)}
    return seen


def _round_number(name: str) -> int:
    digits = "".join(ch for ch in name if ch.isdigit())
    return int(digits) if digits else 0


def candidate_pools(round_name: str) -> tuple[list[dict], list[dict]]:
    """The tweets (with a negative feeling in their labels) and written messages a round may still take."""
    seen = set() if round_name in SHARED_ROUNDS else rated_before(round_name)
    tw = [r for r in _jsonl(GOLDEN / "twcs-dev.jsonl")
          if NEGATIVE & set(r["customer_emotions"]) and r["id"] not in seen]
    cs = [r for r in _jsonl(GOLDEN / "cs-dev.jsonl") if r["id"] not in seen]
    return tw, cs


def select_messages(round_name: str = "round1") -> list[dict]:
    """The panel's 120 messages (fewer once the unseen dev messages run out), each with its source and the reply
    that was sent (the rewrite's draft)."""
    shared = round_name in SHARED_ROUNDS
    rng = random.Random(SEED if shared else f"{SEED}-{round_name}")
    tw, cs = candidate_pools(round_name)
    n_written = min(MAX_WRITTEN, len(cs))
    picked = [("twcs-dev", r) for r in _spread(tw, "domain", PANEL_SIZE - n_written, rng)]
    picked += [("cs-dev", r) for r in _spread(cs, "domain", n_written, rng)]
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
    messages = select_messages(args[0])
    if len(messages) < PANEL_SIZE:
        # Rounds never reuse a rated message, so the dev pool runs dry: say so rather than rate a short round unawares
        print(f"only {len(messages)} unseen dev messages are left (a round wants {PANEL_SIZE}); "
              "a later round needs new messages")
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
