"""Counting metrics: per-label precision/recall/F1 with support, macro and micro averages, token span F1.

The conventions follow scikit-learn's ``zero_division=0``: a label with gold items but no
predictions has precision 0, a label predicted but absent from the gold data has recall 0.
A label that is neither predicted nor present cannot be measured: its scores are ``None``
and it is left out of the averages (a data set without any ``impatience`` says nothing
about how well ``impatience`` is read).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: A word token: the ``\\w+`` runs of a text, the unit of span overlap.
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class LabelScore:
    """True/false positive and false negative counts of one label, and the scores they give."""

    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """Gold positives: how many items (or tokens) carry this label in the data."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """How many items (or tokens) the system labelled with this label."""
        return self.tp + self.fp

    @property
    def measurable(self) -> bool:
        """False when the label is neither in the gold data nor predicted: no score means anything."""
        return self.tp + self.fp + self.fn > 0

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); 0 when nothing was predicted but the label occurs; None when unmeasurable."""
        if not self.measurable:
            return None
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); 0 when the label was predicted but never occurs; None when unmeasurable."""
        if not self.measurable:
            return None
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn), the harmonic mean of precision and recall; None when unmeasurable."""
        if not self.measurable:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def add(self, gold: bool, predicted: bool) -> None:
        """Count one binary decision."""
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1

    def to_dict(self) -> dict[str, Any]:
        """``{"label", "precision", "recall", "f1", "support", "tp", "fp", "fn"}`` (scores rounded)."""
        return {
            "label": self.label,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "support": self.support,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True, slots=True)
class Average:
    """An average of precision, recall and F1 over the measurable labels of a table."""

    precision: float | None
    recall: float | None
    f1: float | None
    labels: int

    def to_dict(self) -> dict[str, Any]:
        """``{"precision", "recall", "f1", "labels"}`` (scores rounded)."""
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "labels": self.labels,
        }


def macro_average(scores: Iterable[LabelScore]) -> Average:
    """Unweighted mean of each measurable label's precision, recall and F1."""
    rows = [s for s in scores if s.measurable]
    if not rows:
        return Average(None, None, None, 0)
    n = len(rows)
    return Average(
        precision=sum(s.precision or 0.0 for s in rows) / n,
        recall=sum(s.recall or 0.0 for s in rows) / n,
        f1=sum(s.f1 or 0.0 for s in rows) / n,
        labels=n,
    )


def micro_average(scores: Iterable[LabelScore]) -> Average:
    """Precision, recall and F1 of the pooled counts of every label."""
    pooled = LabelScore("micro")
    n = 0
    for s in scores:
        pooled.tp += s.tp
        pooled.fp += s.fp
        pooled.fn += s.fn
        n += 1 if s.measurable else 0
    return Average(pooled.precision, pooled.recall, pooled.f1, n)


@dataclass(slots=True)
class MultiLabelCounter:
    """Accumulates per-label counts over items that each carry a set of gold and predicted labels.

    Predicted labels outside ``labels`` are counted in ``unscored`` instead of the table, so
    a reader that emits a label the data set cannot judge is visible but not scored.
    """

    labels: Sequence[str]
    scores: dict[str, LabelScore] = field(init=False)
    unscored: dict[str, int] = field(default_factory=dict)
    items: int = 0

    def __post_init__(self) -> None:
        self.scores = {label: LabelScore(label) for label in self.labels}

    def add(self, gold: Iterable[str], predicted: Iterable[str]) -> None:
        """Count one item's gold and predicted label sets."""
        gold_set, pred_set = set(gold), set(predicted)
        for label, score in self.scores.items():
            score.add(label in gold_set, label in pred_set)
        for label in pred_set - set(self.scores):
            self.unscored[label] = self.unscored.get(label, 0) + 1
        self.items += 1

    def rows(self) -> list[LabelScore]:
        """One LabelScore per label, in the order the labels were given."""
        return [self.scores[label] for label in self.labels]


def cohen_kappa(tp: int, fp: int, fn: int, tn: int) -> float | None:
    """Cohen's kappa of two raters' yes/no decisions from their 2x2 table (``tp``: both yes, ``tn``: both no,
    ``fp``: only the second said yes, ``fn``: only the first did).

    ``(p_o - p_e) / (1 - p_e)``: observed agreement corrected for the agreement the raters' own yes rates give
    by chance (what ``sklearn.metrics.cohen_kappa_score`` computes). None when there is no decision, or when
    chance agreement is 1 (both raters said the same thing every time), where kappa is undefined.
    """
    n = tp + fp + fn + tn
    if n == 0:
        return None
    observed = (tp + tn) / n
    chance = ((tp + fn) * (tp + fp) + (fp + tn) * (fn + tn)) / (n * n)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def word_tokens(text: str) -> list[tuple[int, int]]:
    """Character ``(start, end)`` of every ``\\w+`` token of ``text``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def tokens_covered(tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> set[int]:
    """Indices of the tokens that share at least one character with any of ``spans``.

    Overlap rather than containment, so a span that cuts a word in half still claims it.
    """
    covered: set[int] = set()
    for start, end in spans:
        if end <= start:
            continue
        for i, (t_start, t_end) in enumerate(tokens):
            if t_start < end and start < t_end:
                covered.add(i)
    return covered


def add_token_overlap(score: LabelScore, gold: set[int], predicted: set[int]) -> None:
    """Add one text's token sets to a token-level score (each token is one decision)."""
    score.tp += len(gold & predicted)
    score.fp += len(predicted - gold)
    score.fn += len(gold - predicted)


def locate(text: str, fragment: str, taken: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where ``fragment`` occurs in ``text``, skipping occurrences that overlap ``taken``.

    An exact match is tried first; failing that, runs of whitespace may differ (annotators'
    copies of Reddit text often collapse double spaces). None when it does not occur.
    """
    fragment = fragment.strip()
    if not fragment:
        return None
    start = text.find(fragment)
    while start >= 0:
        end = start + len(fragment)
        if not any(start < t_end and t_start < end for t_start, t_end in taken):
            return start, end
        start = text.find(fragment, start + 1)
    pattern = re.compile(r"\s+".join(re.escape(part) for part in fragment.split()))
    for m in pattern.finditer(text):
        if not any(m.start() < t_end and t_start < m.end() for t_start, t_end in taken):
            return m.start(), m.end()
    return None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
