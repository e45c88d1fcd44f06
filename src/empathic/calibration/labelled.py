"""Reviews in and out of the ``cs`` JSONL format (the format of the project's labelled dev files).

Export: one ``cs`` record per reviewer and reviewed turn, whose labels are the reviewer's corrected
labels (see :mod:`empathic.calibration.judge`). Besides the cs fields it carries ``conversation_id``,
``turn_index`` and ``reviewer``; ``reviewed`` lists the parts of the turn the reviewer answered, and
``uncertain`` the tool's labels the reviewer left unanswered (kept as the tool said them), so
``empathic eval cs`` scores only what a person decided when it leaves the uncertain labels out.

Import: each ``cs`` record (labels from a spreadsheet, another tool, or an export) becomes one
reviewer's complete review of a stored turn: every finding, pitfall and emotion the tool reported is
confirmed or rejected, what the record has and the tool missed is added, and a ``turn`` confirm says the
rest was checked. A record finds its turn by ``conversation_id`` + ``turn_index`` when it has them,
else by its ``id``: ``CONVERSATION:TURN`` (the ids batch scoring gives exchanges), a stored conversation
id, or a conversation id with an exchange number (``CONVERSATION-2``); the reply text decides between a
conversation's turns and must match the stored one. Each record is imported on its own: a bad record is
reported with its line and the rest go on; importing the same file again replaces that reviewer's
reviews of those turns, so nothing is counted twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from empathic.calibration.judge import judge_turn, tool_instances
from empathic.calibration.reviews import (
    PART_LABELS,
    PARTS,
    SELF_CRITICAL,
    Review,
    replace_turn_reviews,
    reviewed_turns,
)
from empathic.errors import EmpathicError, RecordError
from empathic.evaluation.metrics import locate
from empathic.evaluation.readers import CsItem, cs_item
from empathic.store.results import ResultStore, TurnRecord
from empathic.textio import iter_jsonl, open_input
from empathic.types import EMOTIONS, PITFALL_KINDS

_NUMBERED = re.compile(r"(.+)([:#-])(\d+)")


# ----- export -------------------------------------------------------------------------------------


def export_records(
    store: ResultStore, *, reviewer: str | None = None, since: str | None = None
) -> Iterator[dict[str, Any]]:
    """The reviewed turns as ``cs`` records (one per reviewer and turn), in turn order."""
    for analysis, reviews in reviewed_turns(store, reviewer=reviewer, since=since):
        by_reviewer: dict[str, list[Review]] = {}
        for review in reviews:
            by_reviewer.setdefault(review.reviewer, []).append(review)
        for name in sorted(by_reviewer):
            yield _record(analysis, by_reviewer[name])


def _record(analysis: dict[str, Any], reviews: list[Review]) -> dict[str, Any]:
    judgement = judge_turn(analysis, reviews)
    exchange = analysis.get("exchange") or {}
    reply = str(exchange.get("reply") or "")
    labels: dict[str, list[str]] = {}
    uncertain: list[str] = []
    for part, names in PART_LABELS.items():
        decided = judgement.decided.get(part)
        chosen = []
        for label in names:
            if decided is not None and label in decided:
                if decided[label]:
                    chosen.append(label)
            elif label in judgement.tool[part]:
                chosen.append(label)  # left as the tool said it, and flagged
                uncertain.append(label)
        labels[part] = chosen
    spans: dict[str, list[str]] = {}
    for strategy in labels["strategies"]:
        source = judgement.gold_spans.get(strategy) if strategy in judgement.decided.get("strategies", {}) \
            else judgement.tool_spans.get(strategy) or [
                (f["start"], f["end"]) for f in analysis.get("findings") or []
                if f.get("strategy") == strategy and isinstance(f.get("start"), int)]
        texts = [reply[s:e] for s, e in source or [] if reply[s:e].strip()]
        if texts:
            spans[strategy] = list(dict.fromkeys(texts))
    comments = [r.comment for r in reviews if r.item == "comment" and r.comment]
    record: dict[str, Any] = {
        "id": judgement.ref,
        "conversation_id": judgement.conversation_id,
        "turn_index": judgement.turn_index,
        "reviewer": judgement.reviewer,
        "customer": str(exchange.get("customer") or ""),
        "reply": reply,
        "customer_emotions": labels["emotions"],
        "self_critical": SELF_CRITICAL in labels["self_criticism"],
        "strategies": labels["strategies"],
        "pitfalls": labels["pitfalls"],
        "spans": spans,
        "uncertain": [u for u in uncertain if u != SELF_CRITICAL],
        "reviewed": [p for p in PART_LABELS if p in judgement.decided],
        "analysis_version": sorted(judgement.versions)[-1],
    }
    if comments:
        record["comment"] = " / ".join(comments)
    return record


def export_cs(store: ResultStore, out: IO[str], *, reviewer: str | None = None, since: str | None = None) -> int:
    """Write the reviewed turns to ``out`` as ``cs`` JSONL; returns how many records."""
    n = 0
    for record in export_records(store, reviewer=reviewer, since=since):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


# ----- import -------------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportReport:
    """What an import did: records read, turns reviewed, reviews written, and each bad record's error."""

    records: int = 0
    turns: int = 0
    reviews: int = 0
    errors: list[RecordError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON form; errors as ``{"line", "message"}`` (messages name ids and fields, never message text)."""
        return {"records": self.records, "turns": self.turns, "reviews": self.reviews,
                "errors": [{"line": e.line, "message": e.reason} for e in self.errors]}


def import_cs(store: ResultStore, stream: IO[bytes], *, reviewer: str, source: str = "input") -> ImportReport:
    """Import the ``cs`` records of a JSONL byte stream as ``reviewer``'s reviews (see the module docstring)."""
    report = ImportReport()
    for rec in iter_jsonl(stream, source=source):
        report.records += 1
        try:
            if rec.error is not None:
                raise rec.error
            assert rec.data is not None
            written = import_record(store, rec.data, reviewer=reviewer, line=rec.line, source=source)
        except RecordError as exc:
            report.errors.append(exc)
            continue
        except EmpathicError as exc:
            if exc.exit_code == 4:  # the machine (disk full, store damaged): no later record would fare better
                raise
            report.errors.append(RecordError(str(exc), line=rec.line, source=source))
            continue
        report.turns += 1
        report.reviews += written
    return report


def import_file(store: ResultStore, path: str | Path, *, reviewer: str) -> ImportReport:
    """:func:`import_cs` on a file (UTF-8, or UTF-16/32 with a byte-order mark); InputError if it cannot be read."""
    with open_input(path) as stream:
        return import_cs(store, stream, reviewer=reviewer, source=str(path))


def import_record(store: ResultStore, data: dict[str, Any], *, reviewer: str, line: int = 1,
                  source: str = "input") -> int:
    """Import one ``cs`` record as ``reviewer``'s reviews of its stored turn; returns how many reviews."""
    item = cs_item(data, line, source)
    turn = find_turn(store, data, item, line=line, source=source)
    reviews = reviews_from_labels(turn, item, reviewer=reviewer, line=line, source=source,
                                  comment=data.get("comment") if isinstance(data.get("comment"), str) else None)
    return len(replace_turn_reviews(store, reviewer, turn.conversation_id, turn.turn_index, reviews))


def _norm(text: str) -> str:
    return " ".join(text.split())


def find_turn(store: ResultStore, data: dict[str, Any], item: CsItem, *, line: int = 1,
              source: str = "input") -> TurnRecord:
    """The stored turn a ``cs`` record labels (see the module docstring); RecordError when none or unclear."""
    cid, index = data.get("conversation_id"), data.get("turn_index")
    if isinstance(cid, str) and isinstance(index, int) and not isinstance(index, bool):
        found = store.turn(cid, index)
        if found is None:
            raise RecordError(f"no stored turn {index} of conversation {cid!r}", line=line, source=source)
        _same_reply(found, item, line, source)
        return found
    candidates: list[tuple[str, int | None, str]] = [(item.id, None, "")]
    numbered = _NUMBERED.fullmatch(item.id)
    if numbered:
        candidates.append((numbered.group(1), int(numbered.group(3)), numbered.group(2)))
    stored = store.turns_of([c for c, _, _ in candidates])
    reply = _norm(item.reply)
    for conversation, number, sep in candidates:
        turns = sorted((t for (c, _), t in stored.items() if c == conversation), key=lambda t: t.turn_index)
        if not turns:
            continue
        same = [t for t in turns if _norm(str((t.analysis.get("exchange") or {}).get("reply") or "")) == reply]
        picked: TurnRecord | None = None
        if number is not None:
            if sep == "-":  # an exchange number: the n-th analysed turn
                picked = turns[number] if number < len(turns) else None
            else:
                picked = next((t for t in turns if t.turn_index == number), None)
        if picked is not None and picked in same:
            return picked
        if len(same) == 1:
            return same[0]
        if len(same) > 1:
            raise RecordError(f"conversation {conversation!r} has {len(same)} turns with this reply; give "
                              "conversation_id and turn_index", line=line, source=source)
        raise RecordError(f"the reply differs from every stored turn of conversation {conversation!r}; the "
                          "record labels another text (score the same export first)", line=line, source=source)
    raise RecordError(f"no stored turn matches id {item.id!r}; give conversation_id and turn_index, or an id "
                      "CONVERSATION:TURN", line=line, source=source)


def _same_reply(turn: TurnRecord, item: CsItem, line: int, source: str) -> None:
    stored = _norm(str((turn.analysis.get("exchange") or {}).get("reply") or ""))
    if item.reply.strip() and stored != _norm(item.reply):
        raise RecordError(f"the reply differs from the stored turn {turn.turn_index} of conversation "
                          f"{turn.conversation_id!r}; the record labels another text", line=line, source=source)


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def reviews_from_labels(turn: TurnRecord, item: CsItem, *, reviewer: str, line: int = 1, source: str = "input",
                        comment: str | None = None) -> list[Review]:
    """The reviews that say ``item``'s labels about a stored turn (confirm, reject, add; and the turn confirm)."""
    analysis = turn.analysis
    reply = str((analysis.get("exchange") or {}).get("reply") or "")
    base = {"reviewer": reviewer, "conversation_id": turn.conversation_id, "turn_index": turn.turn_index}
    instances = tool_instances(analysis)
    skip = item.uncertain
    out: list[Review] = []
    gold: dict[str, list[tuple[int, int]]] = {}
    for strategy, texts in item.spans.items():
        taken: list[tuple[int, int]] = []
        for text in texts:
            where = locate(reply, text, taken)
            if where is None:
                raise RecordError(f"spans.{strategy}: a span is not in the stored reply of {turn.conversation_id} "
                                  f"turn {turn.turn_index}", line=line, source=source)
            taken.append(where)
        gold[strategy] = taken
    confirmed: dict[str, list[tuple[int, int]]] = {}
    for inst in instances["strategies"]:
        if inst.span is None or inst.label in skip:
            continue
        right = inst.label in item.strategies and (
            not gold.get(inst.label) or any(_overlaps(inst.span, g) for g in gold[inst.label]))
        if right:
            confirmed.setdefault(inst.label, []).append(inst.span)
        out.append(Review(**base, item="finding", label=inst.label, span=inst.span,
                          verdict="confirm" if right else "reject"))
    for strategy in sorted(item.strategies - skip):
        spans = gold.get(strategy, [])
        for span in spans:
            if not any(_overlaps(span, c) for c in confirmed.get(strategy, [])):
                out.append(Review(**base, item="missed_span", label=strategy, span=span, verdict="add"))
        if not spans and strategy not in {i.label for i in instances["strategies"]}:
            out.append(Review(**base, item="missed_span", label=strategy, verdict="add"))
    for inst in instances["pitfalls"]:
        if inst.label not in skip:
            out.append(Review(**base, item="pitfall", label=inst.label, span=inst.span,
                              verdict="confirm" if inst.label in item.pitfalls else "reject"))
    tool_kinds = {i.label for i in instances["pitfalls"]}
    out += [Review(**base, item="pitfall", label=k, verdict="add")
            for k in PITFALL_KINDS if k in item.pitfalls - tool_kinds - skip]
    for inst in instances["emotions"]:
        if inst.label not in skip:
            out.append(Review(**base, item="emotion", label=inst.label,
                              verdict="confirm" if inst.label in item.emotions else "reject"))
    tool_emotions = {i.label for i in instances["emotions"]}
    out += [Review(**base, item="emotion", label=e, verdict="add")
            for e in EMOTIONS if e in item.emotions - tool_emotions - skip]
    if SELF_CRITICAL not in skip:
        tool_sc = bool(instances["self_criticism"])
        if tool_sc or item.self_critical:
            verdict = ("confirm" if item.self_critical else "reject") if tool_sc else "add"
            out.append(Review(**base, item="self_criticism", label=SELF_CRITICAL, verdict=verdict))
    # The record says everything about the turn, agreements included: confirm the whole turn, or, when the
    # labelling passes split on some labels, each part without such a label and each other label by name.
    certain = [part for part, labels in PART_LABELS.items() if not set(labels) & skip]
    if len(certain) == len(PARTS):
        out.append(Review(**base, item="turn", verdict="confirm"))
    else:
        out += [Review(**base, item="turn", label=part, verdict="confirm") for part in certain]
        out += [Review(**base, item="turn", label=label, verdict="confirm")
                for part, labels in PART_LABELS.items() if part not in certain for label in labels
                if label not in skip]
    if comment and comment.strip():
        out.append(Review(**base, item="comment", verdict="add", comment=comment))
    return out
