"""The hand-written generalization sets: well-formed, and the rules hold their ground on them.

``data/cs_generalization.jsonl`` (152 exchanges) was written for this package to cover what the
first rules missed on independently written data: reflections naming the wrong feeling, upbeat
replies to unhappy customers, blame and lectures beyond the stock phrases, shrugging
commonality, own-experience stories without a "me too" cue, idiomatic reflections, reassurance
without "common"/"not alone", personal asides without "lol", staff names versus other customers,
and hard negatives for each. ``data/cs_generalization_check.jsonl`` (40) was written after the
rules were tuned on the first set and measured once before being used for anything else.
Both follow LABELS.md. The floors sit a little below what the rule pipeline (no learned model)
reaches, so a change that loses real ground fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from empathic.pipeline import DEFAULT_PIPELINE, Coach
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES, Analysis

DATA = Path(__file__).resolve().parent / "data"
SETS = ("cs_generalization.jsonl", "cs_generalization_check.jsonl")

#: Reply-level macro F1 floors of the rule pipeline (measured: 0.99 / 0.98 and 0.99 / 0.98).
STRATEGY_MACRO_FLOOR = 0.93
PITFALL_MACRO_FLOOR = 0.93


def rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def rule_coach() -> Coach:
    """The default pipeline without the learned detector: what the rules alone decide."""
    return Coach(pipeline=tuple(p for p in DEFAULT_PIPELINE if p != "detect.model"))


def analyses(coach: Coach, name: str) -> Iterator[tuple[dict, Analysis]]:
    for row in rows(name):
        yield row, coach.analyze(row["customer"], row["reply"], id=row["id"])


def macro_f1(pairs: list[tuple[set[str], set[str]]], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(1 for gold, got in pairs if label in gold and label in got)
        fp = sum(1 for gold, got in pairs if label not in gold and label in got)
        fn = sum(1 for gold, got in pairs if label in gold and label not in got)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


@pytest.mark.parametrize("name", SETS)
def test_sets_follow_the_cs_format_and_labels(name: str) -> None:
    data = rows(name)
    assert len(data) >= (150 if name == SETS[0] else 40)
    assert len({r["id"] for r in data}) == len(data)
    for r in data:
        assert set(r["strategies"]) <= set(STRATEGIES), r["id"]
        assert set(r["pitfalls"]) <= set(PITFALL_KINDS), r["id"]
        assert set(r["customer_emotions"]) <= set(EMOTIONS), r["id"]
        assert set(r["spans"]) == set(r["strategies"]), r["id"]
        for spans in r["spans"].values():
            assert all(s in r["reply"] for s in spans), r["id"]
        # LABELS: these pitfalls always come with their strategy.
        if "story_too_long" in r["pitfalls"]:
            assert "relating_experience" in r["strategies"], r["id"]
        if "overgeneralizing" in r["pitfalls"]:
            assert "normalizing" in r["strategies"], r["id"]
        if "missing_reason" in r["pitfalls"]:
            assert "reflecting_emotion" in r["strategies"], r["id"]
        if "self_criticism_unaddressed" in r["pitfalls"]:
            assert r["self_critical"], r["id"]


@pytest.mark.parametrize("name", SETS)
def test_rules_generalize_on_the_hand_written_sets(rule_coach: Coach, name: str) -> None:
    strategies: list[tuple[set[str], set[str]]] = []
    pitfalls: list[tuple[set[str], set[str]]] = []
    for row, a in analyses(rule_coach, name):
        strategies.append((set(row["strategies"]), set(a.strategies)))
        pitfalls.append((set(row["pitfalls"]), set(a.pitfall_kinds)))
    assert macro_f1(strategies, STRATEGIES) >= STRATEGY_MACRO_FLOOR
    assert macro_f1(pitfalls, PITFALL_KINDS) >= PITFALL_MACRO_FLOOR


@pytest.mark.parametrize("name", SETS)
def test_detectors_and_checks_agree(rule_coach: Coach, name: str) -> None:
    for row, a in analyses(rule_coach, name):
        kinds = set(a.pitfall_kinds)
        # story_too_long always comes with relating_experience (LABELS).
        if "story_too_long" in kinds:
            assert "relating_experience" in a.strategies, row["id"]
        # A sentence flagged for naming the wrong feeling is not counted as reflecting it.
        wrong = [p.span for p in a.pitfalls if p.kind == "emotion_mismatch" and p.span is not None]
        reflecting = [f.span for f in a.findings if f.strategy == "reflecting_emotion"]
        assert not any(w.overlaps(r) for w in wrong for r in reflecting), row["id"]
