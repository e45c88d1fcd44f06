"""Counting metrics against values worked out by hand."""

from __future__ import annotations

import pytest

from empathic.evaluation.metrics import (
    LabelScore,
    MultiLabelCounter,
    add_token_overlap,
    locate,
    macro_average,
    micro_average,
    tokens_covered,
    word_tokens,
)


def test_label_score_from_counts() -> None:
    s = LabelScore("x", tp=2, fp=1, fn=3)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 5)
    # harmonic mean of 2/3 and 2/5 = 2*(4/15)/(16/15) = 0.5
    assert s.f1 == pytest.approx(0.5)
    assert s.support == 5
    assert s.predicted == 3


def test_add_counts_binary_decisions() -> None:
    s = LabelScore("x")
    for gold, pred in [(True, True), (True, False), (False, True), (False, False), (True, True)]:
        s.add(gold, pred)
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)


def test_label_never_seen_is_unmeasurable() -> None:
    s = LabelScore("impatience")
    assert not s.measurable
    assert s.precision is None and s.recall is None and s.f1 is None
    assert s.to_dict()["f1"] is None


def test_zero_division_conventions() -> None:
    missed = LabelScore("a", fn=4)  # present, never predicted
    assert (missed.precision, missed.recall, missed.f1) == (0.0, 0.0, 0.0)
    invented = LabelScore("b", fp=2)  # predicted, never present
    assert (invented.precision, invented.recall, invented.f1) == (0.0, 0.0, 0.0)


def test_macro_and_micro_averages() -> None:
    rows = [LabelScore("a", tp=2, fp=1, fn=3), LabelScore("b", tp=1), LabelScore("c")]
    macro = macro_average(rows)
    assert macro.labels == 2  # "c" is unmeasurable and left out
    assert macro.precision == pytest.approx((2 / 3 + 1) / 2)
    assert macro.recall == pytest.approx((0.4 + 1) / 2)
    assert macro.f1 == pytest.approx(0.75)
    micro = micro_average(rows)  # pooled tp=3 fp=1 fn=3
    assert micro.precision == pytest.approx(0.75)
    assert micro.recall == pytest.approx(0.5)
    assert micro.f1 == pytest.approx(0.6)


def test_macro_of_nothing_is_empty() -> None:
    assert macro_average([LabelScore("a")]).f1 is None


def test_multilabel_counter_counts_each_label_and_sets_aside_unknown_ones() -> None:
    c = MultiLabelCounter(["anger", "anxiety"])
    c.add({"anger"}, ["anger", "anxiety"])
    c.add({"anxiety"}, [])
    c.add(set(), ["joy", "anger"])
    anger, anxiety = c.rows()
    assert (anger.tp, anger.fp, anger.fn) == (1, 1, 0)
    assert (anxiety.tp, anxiety.fp, anxiety.fn) == (0, 1, 1)
    assert c.unscored == {"joy": 1}
    assert c.items == 3


def test_word_tokens_are_word_runs_with_offsets() -> None:
    text = "I'm so sorry, really."
    assert word_tokens(text) == [(0, 1), (2, 3), (4, 6), (7, 12), (14, 20)]


def test_tokens_covered_by_overlap() -> None:
    tokens = word_tokens("one two three four")  # (0,3) (4,7) (8,13) (14,18)
    assert tokens_covered(tokens, [(5, 10)]) == {1, 2}  # cuts into "two" and "three"
    assert tokens_covered(tokens, [(3, 4)]) == set()  # only the space
    assert tokens_covered(tokens, [(0, 3), (14, 18)]) == {0, 3}


def test_token_overlap_scores() -> None:
    s = LabelScore("span")
    add_token_overlap(s, gold={0, 1, 2, 3}, predicted={2, 3, 4})
    add_token_overlap(s, gold=set(), predicted={7})
    assert (s.tp, s.fp, s.fn) == (2, 2, 2)
    assert s.f1 == pytest.approx(0.5)


def test_locate_skips_taken_occurrences_and_tolerates_spacing() -> None:
    text = "Sorry.  So sorry.  Sorry."
    assert locate(text, "Sorry.") == (0, 6)
    assert locate(text, "Sorry.", [(0, 6)]) == (19, 25)
    assert locate("Same!  I know.", "Same! I know.") == (0, 14)
    assert locate("abc", "xyz") is None
    assert locate("abc", "   ") is None
