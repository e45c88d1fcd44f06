"""The calibrate report: kappa, precision and recall agree with scikit-learn on the same stored reviews."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from sklearn.metrics import cohen_kappa_score, precision_score, recall_score

from empathic.calibration import Review, add_reviews
from empathic.calibration.calibrate import Counts, WeekTrend, calibrate
from empathic.calibration.labelled import import_file
from empathic.cli.main import main
from empathic.evaluation.metrics import cohen_kappa
from empathic.store import ResultStore, open_store
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES


def test_kappa_matches_sklearn() -> None:
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(2, 60)
        a = [rng.random() < rng.random() for _ in range(n)]
        b = [x if rng.random() < 0.6 else rng.random() < 0.5 for x in a]
        tp = sum(x and y for x, y in zip(a, b, strict=True))
        fp = sum(y and not x for x, y in zip(a, b, strict=True))
        fn = sum(x and not y for x, y in zip(a, b, strict=True))
        tn = n - tp - fp - fn
        ours = cohen_kappa(tp, fp, fn, tn)
        if len(set(a)) == 1 and len(set(b)) == 1 and a[0] == b[0]:
            assert ours is None  # both raters said the same thing every time: undefined
            continue
        assert ours == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
    assert cohen_kappa(0, 0, 0, 0) is None


def test_counts_by_hand_intervals_and_reviewer_agreement(store: ResultStore) -> None:
    # c0: the tool found reflecting (0-39) and normalizing (40-79); ana keeps reflecting and rejects normalizing,
    # ben keeps both. c2: the tool found relating (0-61); both confirm. Each confirms the rest of the turn.
    def review(who: str, cid: str, **kw: Any) -> Review:
        return Review(reviewer=who, conversation_id=cid, turn_index=1, **kw)

    for who in ("ana", "ben"):
        add_reviews(store, [
            review(who, "c0", item="finding", label="reflecting_emotion", span=(0, 39), verdict="confirm"),
            review(who, "c0", item="finding", label="normalizing", span=(40, 79),
                   verdict="reject" if who == "ana" else "confirm"),
            review(who, "c0", item="turn", label="strategies", verdict="confirm"),
            review(who, "c2", item="turn", verdict="confirm"),
        ])
    report = calibrate(store, bootstrap=200, seed=3)
    normalizing = report.label("strategies", "normalizing")
    assert normalizing is not None
    # decisions: (c0, ana) tool yes / no, (c0, ben) yes / yes, (c2, ana) and (c2, ben) tool no / no
    assert (normalizing.counts.tp, normalizing.counts.fp, normalizing.counts.fn, normalizing.counts.tn) == (1, 1, 0, 2)
    assert normalizing.precision.value == 0.5 and normalizing.recall.value == 1.0
    assert normalizing.kappa.value == pytest.approx(cohen_kappa_score([1, 0, 0, 0], [1, 1, 0, 0]))
    assert normalizing.turns == 2
    low, high = normalizing.precision.low, normalizing.precision.high
    assert low is not None and high is not None and low <= 0.5 <= high
    # the same seed gives the same intervals; a report is reproducible
    assert calibrate(store, bootstrap=200, seed=3).to_dict() == report.to_dict()
    # c2's emotions were confirmed by a whole-turn review; c0's emotions were not reviewed at all
    assert report.label("emotions", "frustration") is not None
    assert report.label("emotions", "frustration").counts.n == 2  # type: ignore[union-attr]
    raters = {(r.part, r.label): r for r in report.raters}
    assert raters[("strategies", "normalizing")].counts.n == 2
    assert raters[("strategies", "normalizing")].counts.agreement() == 0.5
    confusion = next(c for c in report.confusions if c.part == "strategies")
    assert (confusion.tool, confusion.reviewer, confusion.count, confusion.examples) == (
        "normalizing", "(none)", 1, ["c0:1"])
    rejected = {r.evidence_id: r for r in report.rules}
    assert "head:strategy" in rejected and rejected["head:strategy"].rejected == 1
    assert rejected["head:strategy"].examples[0] == {"turn": "c0:1", "reviewer": "ana", "label": "normalizing"}
    assert [t.week for t in report.trend] == [report.trend[0].week] * len(report.trend)
    spans = {s: (score, n) for s, score, n in report.spans}
    assert spans["normalizing"][0].fp > 0 and spans["reflecting_emotion"][0].precision == 1.0
    text = report.to_markdown()
    assert "| strategies | normalizing | 4 | 0.500" in text
    assert "charged twice" not in text and "charged twice" not in json.dumps(report.to_dict())  # ids, never text


def test_since_leaves_older_reviews_out(store: ResultStore) -> None:
    from datetime import UTC, datetime

    add_reviews(store, [Review(reviewer="ana", conversation_id="c2", turn_index=1, item="turn", verdict="confirm",
                               created_at=datetime(2026, 1, 5, tzinfo=UTC))])
    assert calibrate(store, bootstrap=0).turns == 1
    assert calibrate(store, since="2026-02-01", bootstrap=0).turns == 0


def _sklearn_figures(store: ResultStore, labels_file: Path) -> dict[tuple[str, str], tuple[float, float, float]]:
    """Precision, recall and kappa per label computed straight from the labels file and the stored analyses."""
    stored = {t.analysis["exchange"]["reply"].strip(): t.analysis for t in store.iter_turns()}
    gold: dict[tuple[str, str], list[bool]] = {}
    tool: dict[tuple[str, str], list[bool]] = {}
    for line in labels_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        analysis = stored.get(record["reply"].strip())
        if analysis is None:
            continue
        said = {
            "strategies": set(analysis["strategies"]),
            "pitfalls": {p["kind"] for p in analysis["pitfalls"]},
            "emotions": {e["label"] for e in analysis["customer"]["emotions"]},
        }
        truth = {"strategies": set(record["strategies"]), "pitfalls": set(record["pitfalls"]),
                 "emotions": set(record["customer_emotions"])}
        for part, names in (("strategies", STRATEGIES), ("pitfalls", PITFALL_KINDS), ("emotions", EMOTIONS)):
            for label in names:
                if label in record.get("uncertain", []):
                    continue
                gold.setdefault((part, label), []).append(label in truth[part])
                tool.setdefault((part, label), []).append(label in said[part])
    out = {}
    for key, y_true in gold.items():
        y_pred = tool[key]
        if not any(y_true) and not any(y_pred):
            continue
        kappa = cohen_kappa_score(y_true, y_pred) if len(set(y_true) | set(y_pred)) > 1 else float("nan")
        out[key] = (precision_score(y_true, y_pred, zero_division=0), recall_score(y_true, y_pred, zero_division=0),
                    kappa)
    return out


@pytest.mark.shared_data
def test_calibrate_agrees_with_an_independent_computation(shared_data: Path, tmp_path: Path) -> None:
    """twcs dev labels imported as reviews of 150 scored dev conversations; sklearn from the file itself."""
    conversations = tmp_path / "conversations.jsonl"
    lines = (shared_data / "twcs" / "conversations-dev.jsonl").read_text(encoding="utf-8").splitlines()[:150]
    conversations.write_text("\n".join(lines) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with pytest.raises(SystemExit) as done:
        main(["score", str(conversations), "--store", url])
    assert done.value.code == 0
    ids = {json.loads(line)["id"] for line in lines}
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(line for line in (shared_data / "twcs" / "dev.jsonl").read_text(
        encoding="utf-8").splitlines() if json.loads(line)["id"].rsplit("-", 1)[0] in ids) + "\n", encoding="utf-8")
    with open_store(url) as store:
        report = import_file(store, labels, reviewer="dev-labels")
        assert report.turns >= 140, report.to_dict()
        ours = calibrate(store, bootstrap=0)
        theirs = _sklearn_figures(store, labels)
    assert ours.turns == report.turns
    compared = 0
    for (part, label), (precision, recall, kappa) in theirs.items():
        row = ours.label(part, label)
        assert row is not None, (part, label)
        if row.counts.tp + row.counts.fp:
            assert row.precision.value == pytest.approx(precision, abs=1e-12), (part, label)
        assert row.recall.value == pytest.approx(recall, abs=1e-12) if row.counts.tp + row.counts.fn else True
        if row.kappa.value is None:
            assert kappa != kappa  # nan: undefined on both sides
        else:
            assert row.kappa.value == pytest.approx(kappa, abs=1e-12), (part, label)
        compared += 1
    assert compared >= 12  # the emotions alone give most of them



def test_a_week_where_the_tool_said_yes_to_nothing_has_no_precision() -> None:
    week = WeekTrend("2026-W45", "strategies", Counts(tp=0, fp=0, fn=2, tn=5)).to_dict()
    assert week["precision"] is None and week["recall"] == 0.0
    week = WeekTrend("2026-W46", "strategies", Counts(tp=0, fp=1, fn=0, tn=5)).to_dict()
    assert week["precision"] == 0.0 and week["recall"] is None
