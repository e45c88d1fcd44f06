"""A team's local emotion layer (component ``listen.emotion_local``): the customer's emotions recalibrated on reviews.

``empathic train --corrections STORE`` fits it from the reviewers' emotion verdicts
(:mod:`empathic.models.corrections`) and writes :data:`FILE` beside the local strategy head; it is applied
only when local heads are configured (``EMPATHIC_HEADS`` / ``--heads``, :mod:`empathic.models.heads`) and the
folder holds it. Without it the component changes nothing.

Per customer-service emotion label, one small logistic model over what the Analysis already holds after the
emotion reading (never the reader's internals, so it keeps working when the lexicon or the emotion head
changes): the reading's score of every label and how many it read, whether this label was read (first or
not, on how much evidence, with the emotion head agreeing) and the evidence ids behind it (one-hot over ids
seen in training), the fine GoEmotions probabilities (``customer.fine_emotions``), the customer's intensity
and valence, and the register (share of capitals, a question, an exclamation). Its score starts from the
shipped reading (an offset of +/-:data:`OFFSET` for read / not read) and its weights are pulled toward zero
(an L2 penalty), so with few reviews it repeats the shipped reading. Each label's penalty and threshold are
chosen by cross-validation on the training reviews, never reading the label falsely more often than the
shipped reading did (:func:`fit_label`); a label with fewer than :data:`MIN_DECISIONS` reviewed decisions
(or :data:`MIN_EACH` yes or no), or whose cross-validated figures do not beat the shipped reading's, keeps
the shipped reading.

The layer keeps, adds or drops emotions, each with evidence ``head:emotion-local`` (its probability; effect
``support`` for a kept or added emotion, ``veto`` for a dropped one, listed in ``customer.dropped_emotions``),
and records itself in ``Analysis.heads``.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from empathic.components import component
from empathic.errors import ResourceError
from empathic.types import EMOTIONS, NEGATIVE_EMOTIONS, Analysis, CustomerSignals, EmotionScore, Evidence

#: Evidence id (and ``Analysis.heads`` key) of the local emotion layer.
HEAD_ID = "head:emotion-local"
#: File of the layer in a local heads folder.
FILE = "emotion_local.json"
#: Version of the file format.
FORMAT = 1
#: Logit the shipped reading starts each label from: +OFFSET when it read the label, -OFFSET when not.
OFFSET = 2.0
#: A label needs this many reviewed decisions (turns where reviewers said yes or no) to be recalibrated,
#: and at least MIN_EACH of each answer: what a layer learns from five confirmed readings is noise (measured on
#: twcs: gratitude recalibrated on 5 yes moved its held-back F1 from 0.45 to 0.25).
MIN_DECISIONS = 20
MIN_EACH = 10
#: An evidence id becomes a feature when it fired on the label in at least this many training rows.
MIN_ID_ROWS = 2
#: L2 penalties tried by cross-validation, strongest (closest to the shipped reading) first: a tie keeps it.
PENALTIES: tuple[float, ...] = (30.0, 10.0, 3.0)
#: Cross-validated F1 gain a label needs to be recalibrated when it reads falsely as often as the shipped reading.
MIN_GAIN = 0.02
#: Cross-validation folds (grouped by conversation) for the penalty and the threshold.
FOLDS = 5
#: Threshold grid.
THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(1, 20))
#: At most this many emotions are reported (as the shipped reading does).
MAX_EMOTIONS = 3


def common_features(customer_text: str, customer: CustomerSignals) -> dict[str, float]:
    """The features every label's model reads: the reading's scores, fine emotions, intensity, valence, register."""
    out: dict[str, float] = {f"score:{e.label}": float(e.score) for e in customer.emotions}
    out.update({f"fine:{e.label}": float(e.score) for e in customer.fine_emotions})
    out["read_count"] = float(len(customer.emotions))
    out["intensity"] = float(customer.intensity)
    out["valence"] = float(customer.valence)
    letters = [c for c in customer_text if c.isalpha()]
    out["caps"] = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    out["question"] = float("?" in customer_text)
    out["exclamation"] = float("!" in customer_text)
    return {k: v for k, v in out.items() if v}


def label_features(customer: CustomerSignals, label: str) -> dict[str, float]:
    """The features of one label: whether the reading has it, and the evidence ids behind it."""
    for rank, e in enumerate(customer.emotions):
        if e.label == label:
            ids = [ev.id for ev in e.evidence if ev.id != HEAD_ID]
            # how the label was read, in terms that hold across cue rows: rank, how much evidence, whether
            # the emotion head agreed with the lexicon
            return {"read": 1.0, "first": float(rank == 0), "evidence": float(len(ids)),
                    "head": float(any(i.startswith("head:") for i in ids)), **{f"id:{i}": 1.0 for i in ids}}
    return {}


@dataclass(slots=True)
class LabelModel:
    """One label's recalibration: ``p = sigmoid(+/-OFFSET + bias + sum(weights[f] * x[f]))``, read at ``threshold``."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, read: bool, x: dict[str, float]) -> float:
        """The probability that the customer shows the label, given the shipped reading and the features."""
        z = (OFFSET if read else -OFFSET) + self.bias + sum(w * x.get(f, 0.0) for f, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(slots=True)
class EmotionLayer:
    """The local emotion layer: a model per recalibrated label (other labels keep the shipped reading)."""

    models: dict[str, LabelModel]
    meta: dict[str, Any] = field(default_factory=dict)

    def apply(self, customer_text: str, customer: CustomerSignals) -> tuple[list[EmotionScore], list[EmotionScore]]:
        """(emotions to report, emotions dropped), with the layer's evidence on each it decided."""
        common = common_features(customer_text, customer)
        shipped = {e.label: e for e in customer.emotions}
        kept: list[tuple[float, EmotionScore]] = []
        dropped: list[EmotionScore] = []
        for label in EMOTIONS:
            model = self.models.get(label)
            had = shipped.get(label)
            if model is None:
                if had is not None:
                    kept.append((had.score, had))
                continue
            p = model.probability(had is not None, {**common, **label_features(customer, label)})
            if p >= model.threshold:
                why = Evidence("head", HEAD_ID, round(p, 4))
                kept.append((p, EmotionScore(label, had.score, (*had.evidence, why)) if had is not None
                             else EmotionScore(label, round(p, 4), (why,))))
            elif had is not None:
                dropped.append(EmotionScore(label, had.score,
                                            (*had.evidence, Evidence("head", HEAD_ID, round(p, 4), effect="veto"))))
        # feelings that call for empathy first, as the shipped reading orders them; the surplus is dropped
        kept.sort(key=lambda se: (se[1].label not in NEGATIVE_EMOTIONS, -se[0], EMOTIONS.index(se[1].label)))
        for _, e in kept[MAX_EMOTIONS:]:
            p = next((ev.score for ev in e.evidence if ev.id == HEAD_ID), None)
            dropped.append(EmotionScore(e.label, e.score, (*[ev for ev in e.evidence if ev.id != HEAD_ID],
                                                           Evidence("head", HEAD_ID, p, effect="veto"))))
        return [e for _, e in kept[:MAX_EMOTIONS]], dropped

    def to_json(self) -> str:
        """The file's text: sorted keys, so the same layer gives the same bytes."""
        data = {
            "format": FORMAT,
            "offset": OFFSET,
            "labels": {label: {"bias": m.bias, "threshold": m.threshold, "weights": m.weights}
                       for label, m in self.models.items()},
            "meta": self.meta,
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"

    def save(self, path: Path) -> None:
        """Write the layer to ``path``."""
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load_text(cls, text: str) -> EmotionLayer:
        """Parse a layer's file text (:meth:`to_json`); ValueError (or KeyError, TypeError) when it is damaged."""
        data = json.loads(text)
        if data.get("format") != FORMAT or float(data.get("offset")) != OFFSET:
            raise ValueError(f"format {data.get('format')!r}, this version reads format {FORMAT}")
        models = {}
        for label, m in data["labels"].items():
            if label not in EMOTIONS:
                raise ValueError(f"unknown emotion {label!r}")
            models[label] = LabelModel({str(k): float(v) for k, v in m["weights"].items()}, float(m["bias"]),
                                       float(m["threshold"]))
        return cls(models, dict(data.get("meta") or {}))

    @classmethod
    def load(cls, path: Path) -> EmotionLayer:
        """Read a layer written by :meth:`save`; ResourceError when it is damaged or of another format."""
        try:
            return cls.load_text(path.read_text(encoding="utf-8"))
        except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResourceError(f"cannot read the local emotion layer {path}: {exc}; rerun "
                                "`empathic train --corrections STORE`") from exc


# ----- fitting ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelRow:
    """One reviewed decision about one label: the features the layer reads and the reviewers' answer."""

    group: str
    read: bool
    x: dict[str, float]
    y: bool


def rows_for(customer_text: str, customer: CustomerSignals, gold: dict[str, bool], group: str) -> dict[str, LabelRow]:
    """The training row of each label the reviewers decided on one customer turn (``gold``: label -> yes/no)."""
    common = common_features(customer_text, customer)
    read = set(customer.labels)
    return {label: LabelRow(group, label in read, {**common, **label_features(customer, label)}, y)
            for label, y in gold.items() if label in EMOTIONS}


def _vocabulary(rows: Sequence[LabelRow]) -> list[str]:
    counts: dict[str, int] = {}
    for r in rows:
        for f in r.x:
            counts[f] = counts.get(f, 0) + 1
    return sorted(f for f, n in counts.items() if n >= (MIN_ID_ROWS if f.startswith("id:") else 1))


def _fit(rows: Sequence[LabelRow], penalty: float) -> LabelModel:
    """Penalised logistic regression with the shipped reading as offset (L-BFGS from zero: deterministic)."""
    from scipy.optimize import minimize

    vocab = _vocabulary(rows)
    x = np.array([[r.x.get(f, 0.0) for f in vocab] for r in rows], dtype=np.float64).reshape(len(rows), len(vocab))
    x = np.hstack([x, np.ones((len(rows), 1))])
    offset = np.array([OFFSET if r.read else -OFFSET for r in rows])
    y = np.array([1.0 if r.y else 0.0 for r in rows])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = offset + x @ w
        # log(1 + e^z) - y z, written to stay finite
        value = float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * penalty * w @ w)
        p = 0.5 * (1.0 + np.tanh(0.5 * z))
        return value, x.T @ (p - y) + penalty * w

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    weights = {f: round(float(v), 6) for f, v in zip(vocab, w[:-1], strict=True) if round(float(v), 6) != 0.0}
    return LabelModel(weights, round(float(w[-1]), 6), 0.5)


def _quality(y: np.ndarray, pred: np.ndarray) -> tuple[float, int]:
    """(F1, false readings) of ``pred`` against the reviewers' ``y`` (F1 0 when there is nothing to find)."""
    tp = int(np.sum(y & pred))
    fp = int(np.sum(~y & pred))
    fn = int(np.sum(y & ~pred))
    return (2 * tp / (2 * tp + fp + fn) if tp else 0.0), fp


def _best_threshold(y: np.ndarray, prob: np.ndarray, most_fp: int) -> tuple[float, float, int]:
    """The grid threshold with the best F1 (then the fewest false readings; ties: the middle of the best run)
    among those reading no more falsely than ``most_fp``, with its F1 and false readings."""
    scores = {t: _quality(y, prob >= t) for t in THRESHOLDS}
    allowed = [t for t in THRESHOLDS if scores[t][1] <= most_fp] or [THRESHOLDS[-1]]
    top = max((scores[t][0], -scores[t][1]) for t in allowed)
    best = [t for t in allowed if (scores[t][0], -scores[t][1]) >= (top[0] - 1e-9, top[1])]
    t = best[len(best) // 2]
    return t, scores[t][0], scores[t][1]


def _folds(groups: Sequence[str], seed: int) -> np.ndarray:
    uniq = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(uniq))
    fold_of = {uniq[j]: i % FOLDS for i, j in enumerate(order)}
    return np.array([fold_of[g] for g in groups])


def fit_label(rows: Sequence[LabelRow], seed: int) -> tuple[LabelModel | None, dict[str, Any]]:
    """One label's model (None: keep the shipped reading) and how it was chosen.

    Cross-validation (folds by conversation) chooses the penalty and the threshold: the best F1 among the
    thresholds that read the label falsely no more often than the shipped reading did on the same decisions
    (the reviews are there to correct false readings, so the layer never adds to them), then the fewest false
    readings. The label is recalibrated only when that beats the shipped reading: F1 higher by
    :data:`MIN_GAIN`, or no lower with fewer false readings.
    """
    y = np.array([r.y for r in rows], dtype=bool)
    read = np.array([r.read for r in rows], dtype=bool)
    shipped_f1, shipped_fp = _quality(y, read)
    info: dict[str, Any] = {"decisions": len(rows), "yes": int(y.sum()), "shipped_f1": round(shipped_f1, 4),
                            "shipped_false": shipped_fp}
    if len(rows) < MIN_DECISIONS or min(int(y.sum()), int((~y).sum())) < MIN_EACH:
        info["kept"] = f"shipped: fewer than {MIN_DECISIONS} reviewed decisions or {MIN_EACH} of yes or no"
        return None, info
    folds = _folds([r.group for r in rows], seed)
    best: tuple[float, int, float, float] | None = None  # (cv F1, cv false readings, penalty, threshold)
    for penalty in PENALTIES:
        oof = np.zeros(len(rows))
        for f in range(FOLDS):
            tr, te = np.flatnonzero(folds != f), np.flatnonzero(folds == f)
            if not len(tr) or not len(te):
                continue
            model = _fit([rows[i] for i in tr], penalty)
            oof[te] = [model.probability(rows[i].read, rows[i].x) for i in te]
        threshold, f1, fp = _best_threshold(y, oof, shipped_fp)
        if best is None or (f1, -fp) > (best[0] + 1e-9, -best[1]):
            best = (f1, fp, penalty, threshold)
    assert best is not None
    f1, fp, penalty, threshold = best
    info.update({"cv_f1": round(f1, 4), "cv_false": fp, "penalty": penalty, "threshold": threshold})
    if not (f1 >= shipped_f1 + MIN_GAIN or (f1 >= shipped_f1 - 1e-9 and fp < shipped_fp)):
        info["kept"] = "shipped: cross-validated, no better than the shipped reading"
        return None, info
    model = _fit(rows, penalty)
    model.threshold = threshold
    return model, info


def fit_layer(rows: dict[str, list[LabelRow]], *, seed: int = 0) -> tuple[EmotionLayer, dict[str, Any]]:
    """The layer fitted on every label's reviewed decisions (see :func:`fit_label`), and a report per label."""
    models: dict[str, LabelModel] = {}
    report: dict[str, Any] = {}
    for label in EMOTIONS:
        model, info = fit_label(rows.get(label, []), seed)
        report[label] = info
        if model is not None:
            models[label] = model
    layer = EmotionLayer(models, {"seed": seed, "labels": report})
    return layer, report


# ----- at analysis time ---------------------------------------------------------------------------------


class _Loaded:
    """The layer of the configured local heads folder, loaded on first use (None: no layer)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        #: (the heads spec it was loaded for, the layer and its record): one attribute, replaced whole
        self._state: tuple[str, tuple[EmotionLayer, str] | None] | None = None

    def get(self) -> tuple[EmotionLayer, str] | None:
        from empathic.models import heads

        spec = heads.current_spec()
        state = self._state
        if state is not None and state[0] == spec:
            return state[1]
        with self._lock:
            state = self._state
            if state is None or state[0] != spec:
                folder = heads.local_dir(spec)
                path = folder / FILE if folder is not None else None
                value = None
                if path is not None and path.is_file():
                    value = (EmotionLayer.load(path), f"local:{heads.digest(path)}")
                state = (spec, value)
                self._state = state
        return state[1]

    def reset(self) -> None:
        with self._lock:
            self._state = None


_layer = _Loaded()


def current_layer() -> tuple[EmotionLayer, str] | None:
    """(the configured local emotion layer, its record ``local:<hash>``), or None when none is configured."""
    return _layer.get()


def reset() -> None:
    """Load the layer again on next use (after :func:`empathic.models.heads.configure`)."""
    _layer.reset()


@component(
    "listen.emotion_local",
    # customer.fine_emotions is read too, but not required: a pipeline without the emotion model leaves it empty
    requires=("customer.emotions", "customer.intensity", "customer.valence"),
    assigns=("customer.emotions", "customer.dropped_emotions"),
)
def listen_emotion_local(analysis: Analysis) -> Analysis:
    """Recalibrate the customer's emotions with the team's local emotion layer, when one is configured."""
    got = current_layer()
    if got is None:
        return analysis
    layer, record = got
    analysis.heads[HEAD_ID] = record
    if not layer.models:  # every label keeps the shipped reading
        return analysis
    c = analysis.customer
    c.emotions, c.dropped_emotions = layer.apply(analysis.exchange.customer, c)
    return analysis
