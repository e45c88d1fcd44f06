"""Measure the strategy detectors on cs-dev and ESConv dev (used by the regression test; runnable).

Run from the repository root:
``.venv/bin/python tests/strategies/strategies_measure.py [--errors] [--esconv [--esconv-errors]]``.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from empathic import Coach, Exchange
from empathic.pipeline import registry
from empathic.types import STRATEGIES

SHARED_DATA = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data").resolve()

FULL_PIPELINE = (
    "segment",
    "listen.emotions",
    "listen.causes",
    "listen.self_criticism",
    "detect.relating_experience",
    "detect.reflecting_emotion",
    "detect.normalizing",
    "detect.resolve",
)
ESCONV_MAP = {
    "Reflection of feelings": "reflecting_emotion",
    "Self-disclosure": "relating_experience",
    "Affirmation and Reassurance": "normalizing",
}
_TOKEN = re.compile(r"\w+")


def pipeline() -> tuple[str, ...]:
    """The measuring pipeline: the full one, or segment + detectors when listen is not registered."""
    known = registry()
    if all(name in known for name in FULL_PIPELINE):
        return FULL_PIPELINE
    return tuple(n for n in FULL_PIPELINE if not n.startswith("listen."))


@dataclass
class Counts:
    """True/false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Reply-level and token-level counts per strategy, plus the errors seen."""

    reply: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in STRATEGIES})
    tokens: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in STRATEGIES})
    errors: list[str] = field(default_factory=list)

    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.reply.values()) / len(self.reply)

    def table(self) -> str:
        lines = [f"{'strategy':22} {'P':>6} {'R':>6} {'F1':>6}   {'tokP':>6} {'tokR':>6} {'tokF1':>6}"]
        for s in STRATEGIES:
            r, t = self.reply[s], self.tokens[s]
            lines.append(
                f"{s:22} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f}   "
                f"{t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}"
            )
        lines.append(f"macro F1 {self.macro_f1():.3f}")
        return "\n".join(lines)


def _token_positions(text: str, spans: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for i, m in enumerate(_TOKEN.finditer(text)):
        if any(s <= m.start() and m.end() <= e for s, e in spans):
            out.add(i)
    return out


def _gold_offsets(reply: str, texts: list[str]) -> list[tuple[int, int]]:
    out = []
    for t in texts:
        i = reply.find(t)
        if i >= 0:
            out.append((i, i + len(t)))
    return out


def measure_cs(path: Path | None = None, coach: Coach | None = None) -> Report:
    """Reply-level P/R/F1 and token-level span P/R/F1 on cs-dev."""
    path = path or SHARED_DATA / "cs" / "cs-dev.jsonl"
    coach = coach or Coach(pipeline())
    report = Report()
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        a = coach.run(Exchange(customer=row["customer"], reply=row["reply"], id=row["id"]))
        predicted = set(a.strategies)
        gold = set(row["strategies"])
        for s in STRATEGIES:
            c = report.reply[s]
            if s in predicted and s in gold:
                c.tp += 1
            elif s in predicted:
                c.fp += 1
                report.errors.append(f"FP {s} {row['id']}: {[f.span.text for f in a.findings if f.strategy == s]}")
            elif s in gold:
                c.fn += 1
                report.errors.append(f"FN {s} {row['id']}: {row['spans'].get(s)}")
            pred_tok = _token_positions(
                row["reply"], [(f.span.start, f.span.end) for f in a.findings if f.strategy == s]
            )
            gold_tok = _token_positions(row["reply"], _gold_offsets(row["reply"], row["spans"].get(s, [])))
            t = report.tokens[s]
            t.tp += len(pred_tok & gold_tok)
            t.fp += len(pred_tok - gold_tok)
            t.fn += len(gold_tok - pred_tok)
            if s in predicted and s in gold and pred_tok != gold_tok:
                report.errors.append(
                    f"SPAN {s} {row['id']}: pred={[f.span.text for f in a.findings if f.strategy == s]} "
                    f"gold={row['spans'].get(s)}"
                )
    return report


def esconv_customer(context: list[dict[str, str]]) -> str:
    """The seeker turns at the end of an ESConv context (the "customer" message)."""
    turns: list[str] = []
    for turn in reversed(context):
        if turn["role"] != "seeker":
            if turns:
                break
            continue
        turns.append(turn["text"])
    return "\n".join(reversed(turns)) or "(no message)"


def measure_esconv(path: Path | None = None, coach: Coach | None = None) -> Report:
    """One-vs-rest reply-level P/R/F1 per strategy on ESConv dev."""
    path = path or SHARED_DATA / "esconv" / "dev.jsonl"
    coach = coach or Coach(pipeline())
    report = Report()
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not row["response"].strip():
            continue
        a = coach.run(Exchange(customer=esconv_customer(row["context"]), reply=row["response"]))
        predicted = set(a.strategies)
        gold = ESCONV_MAP.get(row["strategy"])
        for s in STRATEGIES:
            c = report.reply[s]
            if s in predicted and s == gold:
                c.tp += 1
            elif s in predicted:
                c.fp += 1
                report.errors.append(f"FP {s} [{row['strategy']}]: {row['response']}")
            elif s == gold:
                c.fn += 1
                report.errors.append(f"FN {s}: {row['response']}")
    return report


def main(argv: list[str]) -> int:
    """Print both tables (and the errors with --errors)."""
    print("pipeline:", ", ".join(pipeline()))
    cs = measure_cs()
    print("cs-dev\n" + cs.table())
    if "--errors" in argv:
        print("\n".join(cs.errors))
    if "--esconv" in argv:
        es = measure_esconv()
        # ESConv has no spans: only the reply-level columns mean anything there.
        print("esconv dev (reply level; token columns do not apply)\n" + es.table())
        if "--esconv-errors" in argv:
            print("\n".join(es.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
