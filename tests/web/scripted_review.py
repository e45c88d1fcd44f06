"""A scripted QA reviewer for twcs conversations scored into a store: verdicts from the dev labels.

Used to give the Calibration page realistic reviews (its README screenshot). For every stored agent turn
that the labelled twcs dev set holds (matched by conversation id and reply text), reviewer ``alex``
confirms the findings, pitfalls and feelings the labels agree with, rejects the others (a strategy the
labels put elsewhere is corrected instead), adds the strategy spans, pitfalls and feelings the tool missed,
and answers self-criticism. The reviews are spread over ``weeks`` weeks, as a team would review.

Every ``double``-th reviewed turn is reviewed again by ``sam``, who stands for the other blind labelling
pass: where the two passes split (the record's ``uncertain`` labels, see the data's PROVENANCE.md) alex
takes the label as present and sam as absent. That is the only place they differ, so reviewer-against-
reviewer agreement on this data is what the two passes' agreement was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from empathic.calibration.reviews import Review, add_review
from empathic.store import ResultStore
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES

#: First day of the scripted review weeks (a Monday).
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def gold_by_reply(dev: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The labelled dev records keyed by (conversation id, reply text)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for line in dev.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        conversation = record["id"].rsplit("-", 1)[0]
        out[(conversation, record["reply"].strip())] = record
    return out


def _verdicts(analysis: dict[str, Any], gold: dict[str, Any], *, present: bool) -> Iterator[dict[str, Any]]:
    """What a reviewer holding these labels says about one analysis; ``present``: uncertain labels count."""
    uncertain = set(gold.get("uncertain") or [])

    def has(label: str, labels: list[str]) -> bool:
        return label in labels or (present and label in uncertain)

    strategies = [s for s in STRATEGIES if has(s, gold["strategies"])]
    reply = analysis["exchange"].get("reply") or ""
    found = set()
    for f in analysis["findings"]:
        span = (f["start"], f["end"])
        if f["strategy"] in strategies:
            found.add(f["strategy"])
            yield {"item": "finding", "label": f["strategy"], "span": span, "verdict": "confirm"}
        elif len(set(strategies) - {x["strategy"] for x in analysis["findings"]}) == 1:
            right = next(iter(set(strategies) - {x["strategy"] for x in analysis["findings"]}))
            found.add(right)
            yield {"item": "finding", "label": right, "span": span, "verdict": "correct"}
        else:
            yield {"item": "finding", "label": f["strategy"], "span": span, "verdict": "reject"}
    for strategy in strategies:
        if strategy in found:
            continue
        for words in (gold.get("spans") or {}).get(strategy, []):
            at = reply.find(words)
            if at >= 0:
                yield {"item": "missed_span", "label": strategy, "span": (at, at + len(words)), "verdict": "add"}
    pitfalls = list(gold["pitfalls"]) + ([p for p in uncertain if p in _PITFALLS] if present else [])
    seen = set()
    for p in analysis["pitfalls"]:
        span = (p["start"], p["end"]) if p.get("start") is not None else None
        seen.add(p["kind"])
        yield {"item": "pitfall", "label": p["kind"], "span": span,
               "verdict": "confirm" if p["kind"] in pitfalls else "reject"}
    for kind in pitfalls:
        if kind not in seen:
            yield {"item": "pitfall", "label": kind, "span": None, "verdict": "add"}
    feelings = list(gold["customer_emotions"]) + ([e for e in uncertain if e in _EMOTIONS] if present else [])
    read = [e["label"] for e in analysis["customer"]["emotions"] if e["label"] != "neutral"]
    for label in read:
        yield {"item": "emotion", "label": label, "span": None, "verdict": "confirm" if label in feelings else "reject"}
    for label in feelings:
        if label not in read and label != "neutral":
            yield {"item": "emotion", "label": label, "span": None, "verdict": "add"}
    self_critical = bool(gold.get("self_critical"))
    if analysis["customer"].get("self_critical"):
        yield {"item": "self_criticism", "label": None, "span": None,
               "verdict": "confirm" if self_critical else "reject"}
    elif self_critical:
        yield {"item": "self_criticism", "label": None, "span": None, "verdict": "add"}


_PITFALLS = set(PITFALL_KINDS)
_EMOTIONS = set(EMOTIONS) - {"neutral"}


def review_store(store: ResultStore, dev: Path, *, weeks: int = 4, double: int = 4) -> dict[str, int]:
    """Review every stored turn the dev labels hold; returns how many turns and reviews each reviewer wrote."""
    gold = gold_by_reply(dev)
    turns = [(r.conversation_id, r.turn_index, r.analysis) for r in store.iter_turns()]
    turns = [(c, i, a) for c, i, a in turns if (c, (a["exchange"].get("reply") or "").strip()) in gold]
    counts = {"turns": 0, "alex": 0, "sam": 0}
    for k, (conversation, index, analysis) in enumerate(turns):
        record = gold[(conversation, analysis["exchange"]["reply"].strip())]
        when = START + timedelta(days=7 * (k * weeks // max(1, len(turns))), minutes=k)
        counts["turns"] += 1
        reviewers = [("alex", True)] + ([("sam", False)] if k % double == 0 else [])
        for name, present in reviewers:
            # "turn" confirm: what the reviewer did not mark is right (the parts they checked are complete)
            for v in [*_verdicts(analysis, record, present=present),
                      {"item": "turn", "label": None, "span": None, "verdict": "confirm"}]:
                add_review(store, Review(reviewer=name, created_at=when, conversation_id=conversation,
                                         turn_index=index, **v))
                counts[name] += 1
    return counts
