"""The learned emotion reader: GoEmotions labels into fine_emotions, the join with the lexicon, a floor."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from empathic.models.emotions import default_model, join, taxonomy_map
from empathic.types import EMOTIONS, EmotionScore


def test_the_head_has_the_28_goemotions_labels() -> None:
    head = default_model().head
    assert len(head.labels) == 28
    assert set(head.labels) == set(taxonomy_map())
    assert np.all((head.thresholds > 0) & (head.thresholds < 1))


def test_read_returns_known_labels_strongest_first() -> None:
    found = default_model().read("Thank you so much, you saved my whole week!")
    assert found
    assert all(e.label in taxonomy_map() for e in found)
    assert [e.score for e in found] == sorted((e.score for e in found), reverse=True)
    assert "gratitude" in {e.label for e in found}


def test_join_adds_model_feelings_the_lexicon_missed() -> None:
    lexicon = [EmotionScore("frustration", 0.6)]
    fine = [EmotionScore("nervousness", 0.7), EmotionScore("curiosity", 0.9)]
    joined = join(lexicon, fine)
    assert [e.label for e in joined] == ["anxiety", "frustration"]  # curiosity has no counterpart


def test_join_replaces_a_lone_neutral() -> None:
    joined = join([EmotionScore("neutral", 0.9)], [EmotionScore("disappointment", 0.6)])
    assert [e.label for e in joined] == ["disappointment"]


def test_join_keeps_neutral_when_the_model_finds_nothing_mapped() -> None:
    assert [e.label for e in join([EmotionScore("neutral", 0.9)], [EmotionScore("curiosity", 0.8)])] == ["neutral"]


def test_join_caps_at_three_and_uses_the_taxonomy() -> None:
    fine = [EmotionScore(x, 0.5) for x in ("anger", "fear", "sadness", "confusion", "nervousness")]
    joined = join([], fine)
    assert len(joined) == 3
    assert all(e.label in EMOTIONS for e in joined)


def test_pipeline_component_fills_fine_emotions() -> None:
    from empathic.pipeline import Coach

    coach = Coach(["segment", "listen.emotions", "listen.emotion_model"])
    a = coach.analyze("Honestly this is terrifying, I am so scared.")
    assert "fear" in {e.label for e in a.customer.fine_emotions}
    assert "fear" in a.customer.labels


def test_floor_on_goemotions_dev_sample(shared_data: Path) -> None:
    """Micro-F1 over the first 400 GoEmotions dev comments (never trained or tuned on)."""
    names = (shared_data / "goemotions" / "labels.txt").read_text(encoding="utf-8").split()
    model = default_model()
    tp = fp = fn = 0
    with (shared_data / "goemotions" / "dev.tsv").open(encoding="utf-8") as fh:
        for _, line in zip(range(400), fh, strict=False):
            text, labels, _ = line.rstrip("\n").split("\t")
            gold = {names[int(i)] for i in labels.split(",")}
            pred = set(model.predict(text))
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
    micro = 2 * tp / (2 * tp + fp + fn)
    assert micro >= 0.45, f"micro-F1 {micro:.3f}"


@pytest.mark.parametrize("text", ["", "   "])
def test_blank_text_reads_without_error(text: str) -> None:
    assert isinstance(default_model().read(text), list)
