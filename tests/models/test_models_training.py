"""Training is reproducible (same data and seed: byte-identical weights) and applies the review pass."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from empathic.errors import DatasetError
from empathic.models.linear import LinearHead
from empathic.models.training import read_reviews, read_strategy_rows, train


def _train(data: Path, ge: Path, out: Path, seed: int) -> list[bytes]:
    report = train(data_dir=data, goemotions=ge, out_dir=out, seed=seed)
    assert [p.name for p in report.files] == ["strategy_head.npz", "emotion_head.npz"]
    return [p.read_bytes() for p in report.files]


def test_same_data_and_seed_give_identical_bytes(tiny_data: tuple[Path, Path], tmp_path: Path) -> None:
    data, ge = tiny_data
    first = _train(data, ge, tmp_path / "a", seed=3)
    second = _train(data, ge, tmp_path / "b", seed=3)
    assert first == second


def test_trained_heads_load_with_the_right_shapes(tiny_data: tuple[Path, Path], tmp_path: Path) -> None:
    data, ge = tiny_data
    train(data_dir=data, goemotions=ge, out_dir=tmp_path, seed=0)
    strategy = LinearHead.load(tmp_path / "strategy_head.npz")
    assert strategy.labels == ["relating_experience", "reflecting_emotion", "normalizing"]
    assert strategy.w_emb.shape[1] == 3 and strategy.w_terms.shape == (strategy.n_terms, 3)
    assert [b.analyzer for b in strategy.blocks] == ["word", "char"]
    assert np.all((strategy.thresholds > 0) & (strategy.thresholds < 1))
    emotion = LinearHead.load(tmp_path / "emotion_head.npz")
    assert emotion.labels == ["anger", "gratitude", "neutral"]


def test_review_verdicts_replace_labels(tiny_data: tuple[Path, Path]) -> None:
    data, _ = tiny_data
    rows, stats = read_strategy_rows(data)
    assert stats == {"rows": 30, "reviewed": 2, "changed": 1}
    row = next(r for r in rows if r.id == "t-030")
    assert row.labels == ("reflecting_emotion", "normalizing")


def test_missing_reviews_file_is_no_review(tmp_path: Path) -> None:
    assert read_reviews(tmp_path / "reviews.jsonl") == {}


def test_missing_training_data_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="strategy-sentences"):
        read_strategy_rows(tmp_path)


def test_saved_head_round_trips(tiny_data: tuple[Path, Path], tmp_path: Path) -> None:
    data, _ = tiny_data
    train(data_dir=data, goemotions=None, out_dir=tmp_path, seed=1)
    head = LinearHead.load(tmp_path / "strategy_head.npz")
    head.save(tmp_path / "again.npz")
    assert (tmp_path / "again.npz").read_bytes() == (tmp_path / "strategy_head.npz").read_bytes()


def test_damaged_weights_are_a_resource_error(tmp_path: Path) -> None:
    from empathic.errors import ResourceError

    (tmp_path / "bad.npz").write_bytes(b"\x00\x01")
    with pytest.raises(ResourceError):
        LinearHead.load(tmp_path / "bad.npz")


def test_support_switch_leaves_out_only_the_support_and_peer_files(tiny_data: tuple[Path, Path]) -> None:
    data, _ = tiny_data
    row = {"id": "sp-0001", "industry": "grief", "register": "support", "customer": "my dad died last month",
           "text": "Losing your dad so recently must be heartbreaking.", "labels": ["reflecting_emotion"],
           "weak": False, "negative_type": None, "typo": False}
    (data / "strategy-sentences-support.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    peer = {**row, "id": "pr-a-0001", "register": "peer", "text": "i lost my dad in march too, it still hurts"}
    (data / "strategy-sentences-peer.jsonl").write_text(json.dumps(peer) + "\n", encoding="utf-8")
    with_support, _ = read_strategy_rows(data)
    without, stats = read_strategy_rows(data, support=False)
    assert len(with_support) == 32 and len(without) == 30 and stats["rows"] == 30
    assert {"support", "peer"} <= {r.register for r in with_support}
    assert all(r.register not in ("support", "peer") for r in without)


@pytest.mark.parametrize(("part", "registers", "at_least"),
                         [("support", {"support"}, 600), ("peer", {"peer", "chat", "email"}, 1500)])
def test_shipped_register_sentences_follow_the_record_format(part: str, registers: set[str], at_least: int) -> None:
    path = Path(__file__).resolve().parents[2] / "training" / "data" / f"strategy-sentences-{part}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= at_least
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["register"] in registers and r["industry"]
        assert set(r["labels"]) <= {"relating_experience", "reflecting_emotion", "normalizing"}
        # A negative carries its type; a positive never does.
        assert (r["negative_type"] is None) == bool(r["labels"])


def test_training_needs_no_coach(tiny_data: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The heads are fitted from data and the listen layer alone: no pipeline is built, even to tune on dev."""
    import empathic.pipeline as pipeline

    def no_coach(*args: object, **kwargs: object) -> None:
        raise AssertionError("training built a Coach")

    monkeypatch.setattr(pipeline, "Coach", no_coach)
    monkeypatch.setattr(pipeline, "default_coach", no_coach)
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in [
        {"id": "d1", "customer": "I was charged twice and I'm furious!",
         "reply": "It's so frustrating to be charged twice.", "strategies": ["reflecting_emotion"]},
        {"id": "d2", "customer": "I feel so stupid, I deleted my files.",
         "reply": "Lots of people do that, it's an easy slip.", "strategies": ["normalizing"]},
        {"id": "d3", "customer": "Where is my parcel?", "reply": "It arrives tomorrow.", "strategies": []},
    ]) + "\n", encoding="utf-8")
    data, ge = tiny_data
    report = train(data_dir=data, goemotions=ge, out_dir=tmp_path / "out", seed=0, dev=dev)
    assert [p.name for p in report.files] == ["strategy_head.npz", "emotion_head.npz"]
    assert set(report.metrics["strategies"]["reflecting_emotion"]) >= {"dev_f1", "threshold"}


def test_heads_follow_scikit_learn_conventions(tiny_data: tuple[Path, Path], tmp_path: Path) -> None:
    """fit(X, y) returns the estimator; predict_proba(X) gives probabilities; predict(X) applies the
    thresholds the head file stores."""
    from empathic.models.linear import LinearHeadClassifier

    data, _ = tiny_data
    rows, _ = read_strategy_rows(data)
    texts = [r.text for r in rows]
    labels = ["relating_experience", "reflecting_emotion", "normalizing"]
    y = np.array([[s in r.labels for s in labels] for r in rows], dtype=np.int8)
    est = LinearHeadClassifier(labels, analyzers=("word",), C=1.0, class_weight="balanced")
    assert est.fit(texts, y) is est
    proba = est.predict_proba(texts)
    assert proba.shape == (len(texts), 3) and np.all((proba > 0) & (proba < 1))
    assert est.decision_function(texts).shape == (len(texts), 3)
    # fitted on these rows, the head ranks each label's positives above its negatives on average
    for k in range(3):
        assert proba[y[:, k] == 1, k].mean() > proba[y[:, k] == 0, k].mean()
    est.head_.thresholds[:] = [0.3, 0.5, 0.7]
    assert np.array_equal(est.predict(texts), proba >= np.array([0.3, 0.5, 0.7], dtype=np.float32))
    est.head_.save(tmp_path / "head.npz")
    loaded = LinearHead.load(tmp_path / "head.npz")
    assert loaded.thresholds.tolist() == pytest.approx([0.3, 0.5, 0.7])
    assert np.array_equal(loaded.predict(texts), loaded.predict_proba(texts) >= loaded.thresholds)
    assert loaded.predict_proba(texts) == pytest.approx(proba, abs=1e-3)
