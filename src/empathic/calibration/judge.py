"""One reviewer's reading of one stored turn, label by label: what the tool said and what the reviewer says.

:func:`judge_turn` turns a stored analysis and one reviewer's reviews of it into yes/no/unknown per
label of each part of the turn (strategies, pitfalls, emotions, self-criticism):

* **yes** when the reviewer confirmed a tool item with that label, added one, or corrected an item to it
  (or confirmed the label, its part or the whole turn with a ``turn`` review while the tool reported it);
* **no** when the reviewer rejected (or corrected away) every tool item with that label, or when the
  tool did not report it, the reviewer did not add it, and a ``turn`` review confirmed the label, its
  part or the whole turn;
* **unknown** (left out of every figure) otherwise: what nobody answered says nothing.

The same reading feeds the calibrate report (:mod:`empathic.calibration.calibrate`) and the cs export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from empathic.calibration.reviews import (
    PART_LABELS,
    PART_OF_LABEL,
    PARTS,
    SELF_CRITICAL,
    Review,
    evidence_ids_of,
    span_of,
)
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES

_PART_OF = {item: part for part, items in PARTS.items() for item in items}
NONE = "(none)"


@dataclass(slots=True)
class _Instance:
    """One item the tool reported: its label, span and evidence, and the reviewer's answer to it."""

    label: str
    span: tuple[int, int] | None
    evidence: tuple[str, ...]
    status: str | None = None  # confirm | reject | correct
    corrected_to: str | None = None


@dataclass(frozen=True, slots=True)
class RuleVerdict:
    """A reviewer's verdict on a tool item, credited to one evidence id it carried."""

    evidence_id: str
    part: str
    label: str
    rejected: bool


@dataclass(slots=True)
class TurnJudgement:
    """One reviewer's reading of one turn (see the module docstring)."""

    conversation_id: str
    turn_index: int
    reviewer: str
    #: ISO week (``2026-W09``) of the reviewer's latest review of the turn
    week: str
    tool: dict[str, frozenset[str]]
    #: per reviewed part: label -> the reviewer's yes/no (unknown labels are absent)
    decided: dict[str, dict[str, bool]] = field(default_factory=dict)
    reply: str = ""
    tool_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    gold_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: (part, tool label or "(none)", reviewer label or "(none)") for each disagreement
    confusions: list[tuple[str, str, str]] = field(default_factory=list)
    rules: list[RuleVerdict] = field(default_factory=list)
    #: the analysis versions the reviews were made on
    versions: frozenset[str] = frozenset()

    @property
    def ref(self) -> str:
        """``conversation:turn`` (ids only: never message text)."""
        return f"{self.conversation_id}:{self.turn_index}"


def tool_instances(analysis: dict[str, Any]) -> dict[str, list[_Instance]]:
    """What the tool reported in each part of a stored analysis."""
    customer = analysis.get("customer") or {}
    out: dict[str, list[_Instance]] = {
        "strategies": [_Instance(f["strategy"], span_of(f), evidence_ids_of(f)) for f in analysis.get("findings") or []
                       if f.get("strategy") in STRATEGIES],
        "pitfalls": [_Instance(p["kind"], span_of(p), evidence_ids_of(p)) for p in analysis.get("pitfalls") or []
                     if p.get("kind") in PITFALL_KINDS],
        "emotions": [_Instance(e["label"], None, evidence_ids_of(e)) for e in customer.get("emotions") or []
                     if e.get("label") in EMOTIONS],
        "self_criticism": [],
    }
    if customer.get("self_critical"):
        spans = customer.get("self_criticism") or [{}]
        out["self_criticism"] = [_Instance(SELF_CRITICAL, span_of(spans[0]), ())]
    # a strategy named in "strategies" without a finding (older analyses) still counts as reported
    named = {i.label for i in out["strategies"]}
    out["strategies"] += [_Instance(s, None, ()) for s in analysis.get("strategies") or []
                          if s in STRATEGIES and s not in named]
    return out


def _match(instances: list[_Instance], review: Review) -> _Instance | None:
    for inst in instances:
        same_label = review.verdict == "correct" or inst.label == (review.label or SELF_CRITICAL)
        if review.item == "finding":
            if inst.span == review.span and same_label:
                return inst
        elif review.item == "pitfall":
            if same_label and (review.span is None or inst.span == review.span):
                return inst
        elif same_label:  # emotions by label; self-criticism is one reading per turn
            return inst
    return None


def judge_turn(analysis: dict[str, Any], reviews: Sequence[Review]) -> TurnJudgement:
    """Read one reviewer's ``reviews`` of one turn against its stored ``analysis`` (see the module docstring)."""
    if not reviews:
        raise ValueError("judge_turn needs at least one review")
    first = reviews[0]
    latest = max(r.created_at for r in reviews).isocalendar()
    instances = tool_instances(analysis)
    judgement = TurnJudgement(
        conversation_id=first.conversation_id,
        turn_index=first.turn_index,
        reviewer=first.reviewer,
        week=f"{latest.year}-W{latest.week:02d}",
        tool={part: frozenset(i.label for i in insts) for part, insts in instances.items()},
        reply=str((analysis.get("exchange") or {}).get("reply") or ""),
        versions=frozenset(r.analysis_version for r in reviews),
    )
    confirmed: set[str] = set()  # parts and single labels a turn review confirmed
    answered: set[str] = set()
    added: dict[str, list[tuple[str, tuple[int, int] | None]]] = {part: [] for part in PART_LABELS}
    for review in reviews:
        if review.item == "turn":
            confirmed.update([review.label] if review.label else PARTS)
            continue
        part = _PART_OF.get(review.item)
        if part is None:  # a comment
            continue
        answered.add(part)
        if review.verdict == "add":
            added[part].append((review.label or SELF_CRITICAL, review.span))
            continue
        inst = _match(instances[part], review)
        if inst is None:  # the stored turn was scored again and no longer has the item
            continue
        inst.status = review.verdict
        if review.verdict == "correct":
            inst.corrected_to = review.label
    for part, labels in PART_LABELS.items():
        if part not in answered and part not in confirmed and not any(PART_OF_LABEL[c] == part for c in
                                                                       confirmed if c in PART_OF_LABEL):
            continue
        insts = instances[part]
        for inst in insts:
            if inst.status is None and (part in confirmed or inst.label in confirmed):
                inst.status = "confirm"
        yes: dict[str, list[tuple[int, int] | None]] = {}
        for inst in insts:
            if inst.status == "confirm":
                yes.setdefault(inst.label, []).append(inst.span)
            elif inst.status == "correct" and inst.corrected_to:
                yes.setdefault(inst.corrected_to, []).append(inst.span)
                judgement.confusions.append((part, inst.label, inst.corrected_to))
        for label, span in added[part]:
            yes.setdefault(label, []).append(span)
        decided: dict[str, bool] = {}
        for label in labels:
            mine = [i for i in insts if i.label == label]
            rejected = bool(mine) and all(i.status in ("reject", "correct") for i in mine)
            absent = not mine and (part in confirmed or label in confirmed)
            if label in yes or rejected or absent:
                decided[label] = label in yes
        if not decided:
            continue
        judgement.decided[part] = decided
        # disagreements not already explained by a correction
        explained_fp = {c[1] for c in judgement.confusions if c[0] == part}
        explained_fn = {c[2] for c in judgement.confusions if c[0] == part}
        fps = [lb for lb, v in decided.items() if not v and lb in judgement.tool[part] and lb not in explained_fp]
        fns = [lb for lb, v in decided.items() if v and lb not in judgement.tool[part] and lb not in explained_fn]
        for fp in fps:
            for fn in fns or [NONE]:
                judgement.confusions.append((part, fp, fn))
        if not fps:
            judgement.confusions.extend((part, NONE, fn) for fn in fns)
        for inst in insts:
            if inst.status in ("confirm", "reject", "correct"):
                judgement.rules.extend(RuleVerdict(eid, part, inst.label, inst.status != "confirm")
                                       for eid in inst.evidence)
        if part == "strategies":
            for label in labels:
                if label in decided:
                    judgement.tool_spans[label] = [i.span for i in insts if i.label == label and i.span]
                    judgement.gold_spans[label] = [s for s in yes.get(label, []) if s]
    return judgement
