"""Write ``training/data/strategy-sentences-procedural.jsonl`` from ``training/procedural-handwritten.txt``.

The procedural register: brand replies on social media, almost all of them procedure (links, @handles, DM
routing, causes, denials, status notices, stock apologies), hand-written by the project so that the strategy head
learns to stay quiet on real customer care (real replies use a strategy about twice in a hundred). A block
``#> <industry> | <customer message>`` gives the customer message the sentences under it answer; each sentence line
is ``<code>|<sentence>``: R / E / N (relating, reflecting, normalizing, combinable) or ``-<negative type>``.

Before writing, every sentence is checked against the twcs dev replies (when ``../shared/data/twcs/dev.jsonl``
exists): a sentence that occurs verbatim in a twcs reply stops the build, since the file must be the project's own
words. Run from the repository root:

    .venv/bin/python training/write_procedural.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "procedural-handwritten.txt"
OUT = HERE / "data" / "strategy-sentences-procedural.jsonl"
TWCS = HERE.parent.parent / "shared" / "data" / "twcs" / "dev.jsonl"
LABELS = {"R": "relating_experience", "E": "reflecting_emotion", "N": "normalizing"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def rows() -> list[dict[str, object]]:
    """The labelled sentences of :data:`SOURCE`, in file order."""
    out: list[dict[str, object]] = []
    industry, customer = "", ""
    for n, line in enumerate(SOURCE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("# "):
            continue
        if line.startswith("#> "):
            industry, customer = (part.strip() for part in line[3:].split("|", 1))
            continue
        code, sep, text = line.partition("|")
        if not sep or not text.strip() or not customer:
            raise SystemExit(f"{SOURCE}:{n}: expected '<code>|<sentence>' under a '#> industry | message' line")
        neg = code[1:] if code.startswith("-") else None
        labels = [] if neg else [LABELS[c] for c in code]
        out.append({"id": f"pc-{len(out) + 1:04d}", "industry": industry, "register": "social",
                    "customer": customer, "text": text.strip(), "labels": labels, "weak": False,
                    "negative_type": neg, "typo": False})
    return out


def copied(sentences: list[str]) -> list[str]:
    """The sentences that occur verbatim (case and spacing aside) in a twcs dev reply."""
    if not TWCS.is_file():
        return []
    replies = [_norm(json.loads(line)["reply"]) for line in TWCS.open(encoding="utf-8") if line.strip()]
    return [s for s in sentences if len(s.split()) >= 4 and any(_norm(s) in r for r in replies)]


def main() -> None:
    """Check the sentences are the project's own words, then write them as JSON lines."""
    data = rows()
    bad = copied([str(r["text"]) for r in data])
    if bad:
        raise SystemExit("found verbatim in twcs dev: " + " | ".join(bad))
    with OUT.open("w", encoding="utf-8") as fh:
        for r in data:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(data)} rows to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
