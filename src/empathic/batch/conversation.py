"""Scoring one whole conversation: every agent turn against the customer turns before it.

Besides the per-turn analyses this computes what only the whole conversation shows:

- **opportunities** and **coverage**: agent turns whose customer needed empathy, and the share
  of those that got it (``needed_and_given / needed``);
- **pitfall** and **strategy** counts;
- the **tension trajectory**: the customer's negativity in each message, and for each agent turn
  the negativity just before it and in the customer's next message. Summed separately for
  empathic turns, turns that reflected emotion and turns that missed a needed opportunity, so the
  store can answer "does reflecting emotion defuse tension in this data?".

A customer message's *negativity* is the analyzer's emotional intensity when it found a negative
emotion (anger, frustration, anxiety...), else 0: a number in [0, 1].
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from empathic.pipeline import Coach
from empathic.types import PITFALL_KINDS, STRATEGIES, Analysis, Conversation, Exchange, Turn


def negativity(analysis: Analysis) -> float:
    """How negative the customer's message of ``analysis`` is, in [0, 1]."""
    signals = analysis.customer
    if not signals.negative:
        return 0.0
    return round(min(1.0, max(0.0, signals.intensity)), 4)


def _merged_turns(turns: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Consecutive messages of one speaker joined into one turn, keeping the index of the first.

    Chat agents often answer in two or three quick messages; together they are the reply.
    """
    out: list[tuple[int, dict[str, Any]]] = []
    for i, t in enumerate(turns):
        if out and out[-1][1]["role"] == t["role"]:
            prev = out[-1][1]
            out[-1] = (out[-1][0], {**prev, "text": prev["text"] + "\n" + t["text"], "ts": prev["ts"] or t["ts"]})
        else:
            out.append((i, t))
    return out


def _fill_times(turns: list[dict[str, Any]], default_ts: str) -> list[str]:
    """A time for every turn: its own, else the last earlier one, else the first later one, else the file's."""
    times: list[str | None] = [t.get("ts") for t in turns]
    last: str | None = None
    for i, ts in enumerate(times):
        if ts is None:
            times[i] = last
        else:
            last = ts
    nxt: str | None = None
    for i in range(len(times) - 1, -1, -1):
        if turns[i].get("ts") is not None:
            nxt = turns[i]["ts"]
        if times[i] is None:
            times[i] = nxt
    return [t or default_ts for t in times]


def _closing_customer_text(turns: list[dict[str, Any]]) -> str:
    """The customer's messages after the last agent turn (they close the trajectory), joined."""
    tail: list[str] = []
    for t in reversed(turns):
        if t["role"] != "customer":
            break
        tail.insert(0, t["text"])
    return "\n".join(tail)


def tension_trajectory(
    analyses: list[tuple[int, Analysis]], closing: float | None
) -> tuple[list[float], list[dict[str, Any]], dict[str, list[float]]]:
    """The customer's negativity around each agent turn of one conversation.

    ``analyses`` are ``(turn_index, analysis)`` per agent turn in order; ``closing`` is the
    negativity of the customer's messages after the last agent turn (None when there are none).
    Returns the negativity before each agent turn, the trajectory (one entry per agent turn:
    ``before``, ``after`` (the next customer message, None at the end), strategies and
    opportunity class), and per kind of turn ("empathic", "reflecting", "missing") the number of
    turns with an ``after`` and the sums of their befores and afters.
    """
    befores = [negativity(a) for _, a in analyses]
    afters: list[float | None] = [*befores[1:], closing] if analyses else []
    trajectory: list[dict[str, Any]] = []
    sums: dict[str, list[float]] = {"empathic": [0, 0.0, 0.0], "reflecting": [0, 0.0, 0.0], "missing": [0, 0.0, 0.0]}
    for (index, a), before, after in zip(analyses, befores, afters, strict=True):
        trajectory.append({"turn_index": index, "before": before, "after": after, "strategies": a.strategies,
                           "class": a.opportunity_class})
        if after is None:
            continue
        kinds = []
        if a.strategies:
            kinds.append("empathic")
        if "reflecting_emotion" in a.strategies:
            kinds.append("reflecting")
        if a.opportunity_class == "needed_but_missing":
            kinds.append("missing")
        for kind in kinds:
            sums[kind][0] += 1
            sums[kind][1] += before
            sums[kind][2] += after
    return befores, trajectory, sums


def analyse_conversation(record: dict[str, Any], coach: Coach) -> dict[str, Any]:
    """Score one conversation record (see :mod:`empathic.batch.records`) into a scored record.

    Raises the analyzer's InputError (e.g. a message over the length limit) for the caller to report.
    """
    cid = record["id"]
    merged = _merged_turns(record["turns"])
    times = _fill_times([t for _, t in merged], record.get("default_ts") or "1970-01-01T00:00:00Z")
    conv = Conversation(
        id=cid,
        turns=tuple(Turn(role=t["role"], text=t["text"], id=f"{cid}:{i}", author=t.get("author"))
                    for i, t in merged),
        agent_id=record.get("agent_id"),
    )
    position = {f"{cid}:{i}": k for k, (i, _) in enumerate(merged)}
    analyses: list[tuple[int, Analysis, str]] = []
    for ex in conv.exchanges():
        assert ex.id is not None
        k = position[ex.id]
        analysis = coach.run(Exchange(customer=ex.customer, reply=ex.reply, context=ex.context, id=ex.id))
        analyses.append((merged[k][0], analysis, times[k]))

    tail = _closing_customer_text([t for _, t in merged])
    closing = negativity(coach.analyze(tail)) if tail and analyses else None
    befores, trajectory, sums = tension_trajectory([(i, a) for i, a, _ in analyses], closing)
    strategies: Counter[str] = Counter()
    pitfalls: Counter[str] = Counter()
    for _, a, _ in analyses:
        strategies.update(a.strategies)
        pitfalls.update(p.kind for p in a.pitfalls)

    needed = sum(a.opportunity_class != "not_needed" for _, a, _ in analyses)
    given = sum(a.opportunity_class == "needed_and_given" for _, a, _ in analyses)
    customer_levels = [*befores, *([closing] if closing is not None else [])]
    metrics: dict[str, Any] = {
        "agent_id": record.get("agent_id"),
        "source": record.get("source"),
        "started_at": record.get("started_at") or (times[0] if times else None),
        "turns": len(record["turns"]),
        "exchanges": len(analyses),
        "opportunities": needed,
        "given": given,
        "coverage": round(given / needed, 6) if needed else None,
        "mean_score": round(sum(a.score for _, a, _ in analyses) / len(analyses), 6) if analyses else None,
        "pitfall_count": sum(pitfalls.values()),
        "pitfalls_json": json.dumps({k: pitfalls[k] for k in PITFALL_KINDS if pitfalls[k]}),
        "strategies_json": json.dumps({s: strategies[s] for s in STRATEGIES if strategies[s]}),
        "tension_json": json.dumps(trajectory),
        "tension_start": customer_levels[0] if customer_levels else None,
        "tension_end": customer_levels[-1] if customer_levels else None,
        "content_hash": record["hash"],
        "input_file": record.get("origin", {}).get("file"),
        "input_line": record.get("origin", {}).get("line"),
    }
    for kind, (pairs, before_sum, after_sum) in sums.items():
        metrics[f"{kind}_pairs"] = pairs
        metrics[f"{kind}_before"] = round(before_sum, 6)
        metrics[f"{kind}_after"] = round(after_sum, 6)
    return {
        "id": cid,
        "hash": record["hash"],
        "origin": record.get("origin"),
        "conversation": {
            "id": cid,
            "agent_id": record.get("agent_id"),
            "source": record.get("source") or "batch",
            "started_at": metrics["started_at"],
            "meta": record.get("meta") or {},
        },
        "turns": [{"turn_index": index, "ts": ts, "analysis": a.to_dict()} for index, a, ts in analyses],
        "metrics": metrics,
    }
