"""Score the coaching panel: shares of send / edit / reject per rater and for the panel, agreement between the two
blind raters (exact agreement and Cohen's kappa), and the problem tags. Writes RESULTS.md into the round's folder.

    python panel/score_panel.py round1

The panel verdict of an item is the adjudicated one (adjudicated.jsonl) where the raters split, else the one they
agree on.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERDICTS = ("send", "edit", "reject")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()] if path.exists() else []


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two raters' labels over the same items."""
    n = len(a)
    if not n:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def shares(verdicts: list[str]) -> dict[str, float]:
    """Share of each verdict."""
    n = len(verdicts) or 1
    return {v: sum(x == v for x in verdicts) / n for v in VERDICTS}


def main(argv: list[str] | None = None) -> int:
    """Read a round's sheet and ratings, print and write its RESULTS.md."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python panel/score_panel.py ROUND_FOLDER (e.g. round1)")
    folder = HERE / args[0]
    sheet = {r["item"]: r for r in _jsonl(folder / "sheet.jsonl")}
    raters = sorted(p.name[len("ratings-"):-len(".jsonl")] for p in folder.glob("ratings-*.jsonl"))
    if len(raters) != 2:
        raise SystemExit(f"{folder}: expected two ratings-*.jsonl files, found {raters}")
    a = {r["item"]: r for r in _jsonl(folder / f"ratings-{raters[0]}.jsonl")}
    b = {r["item"]: r for r in _jsonl(folder / f"ratings-{raters[1]}.jsonl")}
    adj = {r["item"]: r for r in _jsonl(folder / "adjudicated.jsonl")}
    missing = [i for i in sheet if i not in a or i not in b]
    if missing:
        raise SystemExit(f"{len(missing)} sheet items lack a rating from both raters (first: {missing[0]})")
    lines = [f"# Coaching panel results: {args[0]}", "", f"{len(sheet)} items rated blind by two raters "
             f"({raters[0]} and {raters[1]}; RATER.md); "
             f"{len({r['message'] for r in sheet.values()})} of the panel's customer messages got a suggestion or a "
             "rewrite to rate (messages.jsonl).", ""]
    lines += [f"| items | n | rater {raters[0]} send / edit / reject | rater {raters[1]} send / edit / reject "
              "| panel send / edit / reject "
              "| exact agreement | Cohen's kappa |", "|---|---:|---|---|---|---:|---:|"]
    tags: dict[str, Counter[str]] = {}
    for kind in ("suggestion", "rewrite"):
        items = [i for i, r in sheet.items() if r["kind"] == kind]
        va = [a[i]["verdict"] for i in items]
        vb = [b[i]["verdict"] for i in items]
        panel = [va[n] if va[n] == vb[n] else adj.get(i, {}).get("verdict", max(va[n], vb[n], key=VERDICTS.index))
                 for n, i in enumerate(items)]
        fmt = lambda v: " / ".join(f"{100 * s:.0f}%" for s in shares(v).values())  # noqa: E731
        agree = sum(x == y for x, y in zip(va, vb, strict=True)) / (len(items) or 1)
        lines.append(f"| {kind}s | {len(items)} | {fmt(va)} | {fmt(vb)} | {fmt(panel)} | {100 * agree:.0f}% | "
                     f"{cohen_kappa(va, vb):.2f} |")
        tags[kind] = Counter(t for i in items for r in (a[i], b[i]) for t in r.get("tags", []))
    lines += ["", "Where the raters split and no adjudication is recorded, the panel takes the stricter verdict.", ""]
    for kind, counter in tags.items():
        lines.append(f"**Tags on {kind}s** (both raters, a row can carry several): "
                     + (", ".join(f"{t} {n}" for t, n in counter.most_common()) or "none"))
        lines.append("")
    text = "\n".join(lines)
    (folder / "RESULTS.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
