"""Print the counts tables of training/DATASHEET.md from the data files (run after the data changes).

    .venv/bin/python training/datasheet_counts.py > /tmp/counts.md
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
STRATEGIES = ("relating_experience", "reflecting_emotion", "normalizing")


def _table(title: str, counter: Counter[str], total: int) -> str:
    lines = [f"**{title}**", "", "| value | rows | share |", "|---|---:|---:|"]
    for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {key} | {n:,} | {n / total:.1%} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Read every strategy-sentences file (and reviews.jsonl) and print Markdown tables."""
    rows = []
    for file in sorted(DATA.glob("strategy-sentences-*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                r["_part"] = file.stem.rsplit("-", 1)[-1]
                rows.append(r)
    total = len(rows)
    print(f"Rows: {total:,}; customer messages: {len({r['customer'] for r in rows}):,}; "
          f"industries: {len({r['industry'] for r in rows})}\n")
    print(_table("By part", Counter(r["_part"] for r in rows), total))
    print(_table("By industry", Counter(r["industry"] for r in rows), total))
    print(_table("By register", Counter(r["register"] for r in rows), total))
    combos = Counter(" + ".join(r["labels"]) if r["labels"] else "(none: negative)" for r in rows)
    print(_table("Label combinations (as written)", combos, total))
    per = Counter(s for r in rows for s in r["labels"])
    print(_table("Rows carrying each strategy (as written)", per, total))
    print(_table("Negative types", Counter(r["negative_type"] or "-" for r in rows), total))
    print(_table("Weak reflections (feeling without its reason)", Counter(str(r["weak"]) for r in rows), total))
    print(_table("Typo noise pass applied", Counter(str(r["typo"]) for r in rows), total))
    reviews_file = DATA / "reviews.jsonl"
    if reviews_file.is_file():
        reviews = {}
        for line in reviews_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                reviews[r["id"]] = r
        by_id = {r["id"]: r for r in rows}
        covered = [i for i in by_id if i in reviews]
        agree = sum(1 for i in covered if reviews[i].get("agree"))
        changed = [i for i in covered if set(reviews[i].get("resolved_labels", by_id[i]["labels"]))
                   != set(by_id[i]["labels"])]
        print(f"**Second review pass**: {len(covered):,} of {total:,} rows reviewed; reviewer agreed on "
              f"{agree:,} ({agree / max(len(covered), 1):.1%}); {len(covered) - agree} disagreements, "
              f"{len(changed)} rows relabelled after resolution.\n")
        moves = Counter(f"{' + '.join(by_id[i]['labels']) or '(none)'} -> "
                        f"{' + '.join(reviews[i]['resolved_labels']) or '(none)'}" for i in changed)
        print(_table("Relabelled rows (written -> resolved)", moves, max(len(changed), 1)))
        final = Counter(s for i, r in by_id.items()
                        for s in (reviews[i]["resolved_labels"] if i in reviews else r["labels"]))
        print(_table("Rows carrying each strategy (after review: what training uses)", final, total))


if __name__ == "__main__":
    main()
