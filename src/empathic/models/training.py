"""Fitting the shipped heads: ``empathic train`` calls :func:`train` (build time only; CI never trains).

Reproducible by construction: every split is drawn from ``numpy.random.default_rng(seed)``,
the solver (scikit-learn's lbfgs logistic regression) has no randomness of its own, inputs are
read in file order, and heads are written with fixed zip timestamps, so the same data and seed
give byte-identical weight files. scikit-learn is needed here only, never at run time.

Data (see ``training/DATASHEET.md``):
- strategies: the project's own labelled agent sentences (``training/data/strategy-sentences-*.jsonl``),
  with the second-pass verdicts of ``training/data/reviews.jsonl`` applied where the reviewer disagreed;
- emotions: GoEmotions train (Apache-2.0); each label's threshold comes from 4-fold out-of-fold
  predictions over it (folds drawn with the seed), the weights from a final fit on all of it
  (GoEmotions dev stays untouched for reporting);
- real brand replies: twcs dev (Apache-2.0), each reply cut into sentences labelled by the gold spans they
  overlap (:func:`read_twcs_rows`); every twcs number is reported by k-fold cross-validation
  (:func:`cross_validate`, ``empathic train --cv K``), folds grouped by conversation;
- cs-dev (the project's dev set) only to choose the strategy thresholds, never to fit weights.
ESConv and EPITOME are never read here.

The strategy head reads each sentence with its context (:data:`empathic.models.features.CONTEXT_FEATURES`).
Its operating point is chosen for the real base rate (about 2 strategies in 100 brand replies): each
strategy's threshold maximises the out-of-fold F1 on the project's sentences plus cs-dev F1, and its abstain
margin is the smallest one at which the head alone raises at most :data:`FALSE_ALARM_BUDGET` false alarms per
100 twcs replies in the out-of-fold predictions (below threshold + margin the head abstains unless a rule agrees).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from empathic.errors import DatasetError
from empathic.models.encoder import Encoder, get_encoder
from empathic.models.features import CONTEXT_FEATURES, context_matrix
from empathic.models.linear import LinearHead, LinearHeadClassifier
from empathic.types import STRATEGIES

#: Encoder the shipped heads are trained on (see MODEL_CARD.md for why this one).
ENCODER = "static-minilm-l6"
#: Regularisation of the strategy and emotion heads (chosen on held-out project data / a train split).
STRATEGY_C = 4.0
EMOTION_C = 1.0
#: tf-idf feature blocks of each head. Character n-grams lift GoEmotions dev macro-F1 from 0.460 to 0.481
#: (measured with thresholds tuned on a split of train).
EMOTION_FEATURES: tuple[str, ...] = ("word", "char")
STRATEGY_FEATURES: tuple[str, ...] = ("word", "char")
#: Folds of the GoEmotions cross-validation that sets the emotion thresholds.
EMOTION_FOLDS = 4
#: Folds for the out-of-fold scores that Platt scaling is fitted on (grouped by customer message).
CALIBRATION_FOLDS = 5
#: Threshold grid searched for every label; finer at the low end, where rare GoEmotions labels
#: (grief, relief, pride, nervousness: under 200 training examples each) have their best thresholds.
THRESHOLDS = (0.01, 0.02, 0.03, 0.04, *(round(float(x), 3) for x in np.arange(0.05, 0.951, 0.025)))
#: Abstain margins searched for each strategy (the head alone needs threshold + margin).
MARGINS = tuple(round(float(x), 3) for x in np.arange(0.0, 0.501, 0.025))
#: Head-alone false alarms per 100 twcs replies without the strategy that the margin allows (out-of-fold).
FALSE_ALARM_BUDGET = 0.2
#: Folds of ``empathic train --cv`` (twcs conversations held out in turn).
CV_FOLDS = 5
#: The register of the twcs rows (real brand replies).
TWCS_REGISTER = "twcs"
#: Registers of real replies: the abstain margin is chosen on them, the thresholds on the rest. ``corrections``
#: holds a team's reviewed replies (``empathic train --corrections``, :mod:`empathic.models.corrections`).
CORRECTIONS_REGISTER = "corrections"
REAL_REGISTERS: tuple[str, ...] = (TWCS_REGISTER, CORRECTIONS_REGISTER)

Log = Callable[[str], None]


@dataclass(slots=True)
class StrategyRow:
    """One labelled agent sentence."""

    id: str
    text: str
    customer: str
    labels: tuple[str, ...]
    industry: str = ""
    register: str = ""
    #: Rows with the same group never fall on both sides of a fold (default: the customer message).
    group: str = ""
    #: Rows of one reply share this key and are read as neighbours, in order (default: the row alone).
    reply: str = ""

    @property
    def fold_key(self) -> str:
        """What a fold split keeps together: the group, else the customer message, else the row."""
        return self.group or self.customer or self.id


@dataclass(slots=True)
class TrainReport:
    """What :func:`train` fitted and measured, for the model card."""

    files: list[Path] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


SUPPORT_FILE = "strategy-sentences-support.jsonl"
#: The peer-support register file; left out with the support file by ``support=False``.
PEER_FILE = "strategy-sentences-peer.jsonl"


def read_strategy_rows(data_dir: Path, *, support: bool = True) -> tuple[list[StrategyRow], dict[str, int]]:
    """The labelled sentences of ``data_dir`` with reviewed labels applied; also counts of review outcomes.

    ``support=False`` leaves out the emotional-support and peer-support register files
    (:data:`SUPPORT_FILE`, :data:`PEER_FILE`), which reproduces the customer-service-only head.
    """
    registers = (SUPPORT_FILE, PEER_FILE)
    files = sorted(f for f in data_dir.glob("strategy-sentences-*.jsonl") if support or f.name not in registers)
    if not files:
        raise DatasetError(f"{data_dir}: no strategy-sentences-*.jsonl files; pass --data")
    rows: list[StrategyRow] = []
    for file in files:
        with file.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                    labels = tuple(s for s in STRATEGIES if s in r["labels"])
                    rows.append(
                        StrategyRow(r["id"], r["text"], r.get("customer", ""), labels,
                                    r.get("industry", ""), r.get("register", ""))
                    )
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise DatasetError(f"{file}:{n}: not a strategy-sentence record ({exc})") from exc
    reviews = read_reviews(data_dir / "reviews.jsonl")
    stats = {"rows": len(rows), "reviewed": 0, "changed": 0}
    for row in rows:
        verdict = reviews.get(row.id)
        if verdict is None:
            continue
        stats["reviewed"] += 1
        if set(verdict) != set(row.labels):
            stats["changed"] += 1
            row.labels = tuple(s for s in STRATEGIES if s in verdict)
    return rows, stats


def conversation_of(record_id: str) -> str:
    """The conversation of a twcs record id (``twdev-<conversation>-<turn>``)."""
    parts = record_id.split("-")
    return "-".join(parts[:-1]) if len(parts) > 2 else record_id


def read_twcs_rows(path: Path) -> list[StrategyRow]:
    """The sentences of each brand reply of a twcs cs-format file, labelled by the gold spans they overlap.

    A sentence carries a strategy when one of the reply's labelled spans for it overlaps the sentence;
    a reply labelled with a strategy but without a locatable span gives that label to no sentence.
    """
    from empathic.evaluation.metrics import locate
    from empathic.segment import sentences

    rows: list[StrategyRow] = []
    for rec in read_cs_dev(path):
        reply, rid = str(rec.get("reply", "")), str(rec["id"])
        spans: list[tuple[str, int, int]] = []
        for strategy, texts in (rec.get("spans") or {}).items():
            for text in texts:
                where = locate(reply, text)
                if where is not None:
                    spans.append((strategy, *where))
        for i, sent in enumerate(sentences(reply)):
            labels = tuple(st for st in STRATEGIES if any(
                name == st and a < sent.end and sent.start < b for name, a, b in spans))
            rows.append(StrategyRow(f"{rid}-s{i}", sent.text, str(rec["customer"]), labels, str(rec.get("domain", "")),
                                    TWCS_REGISTER, group=conversation_of(rid), reply=rid))
    return rows


def read_reviews(path: Path) -> dict[str, list[str]]:
    """id -> the second reviewer's labels, from ``reviews.jsonl`` (empty when the file does not exist).

    A review row names the sentence ``id`` and the outcome under ``resolved_labels`` (the
    adjudicated labels where the reviewer disagreed), else ``reviewer_labels`` (or ``labels``).
    """
    if not path.is_file():
        return {}
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{path}:{n}: not JSON ({exc})") from exc
            labels = next((r[k] for k in ("resolved_labels", "reviewer_labels", "labels") if k in r), None)
            if "id" in r and isinstance(labels, list):
                out[str(r["id"])] = [str(x) for x in labels]
    return out


def read_goemotions(path: Path) -> tuple[list[str], np.ndarray, list[str]]:
    """Texts, a 0/1 label matrix and the label names of a GoEmotions TSV (``labels.txt`` beside it)."""
    names_file = path.parent / "labels.txt"
    if not path.is_file() or not names_file.is_file():
        raise DatasetError(f"{path}: GoEmotions TSV (with labels.txt beside it) not found; pass --goemotions")
    names = [x.strip() for x in names_file.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts: list[str] = []
    rows: list[list[int]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                raise DatasetError(f"{path}:{n}: expected text<TAB>labels")
            texts.append(parts[0])
            rows.append([int(x) for x in parts[1].split(",") if x])
    y = np.zeros((len(texts), len(names)), dtype=np.int8)
    for i, labels in enumerate(rows):
        y[i, labels] = 1
    return texts, y, names


def _f1(y: np.ndarray, p: np.ndarray) -> float:
    tp = int((y & p).sum())
    fp = int(((1 - y) & p).sum())
    fn = int((y & (1 - p)).sum())
    return 2 * tp / max(2 * tp + fp + fn, 1)


def best_threshold(y: np.ndarray, prob: np.ndarray) -> tuple[float, float]:
    """The grid threshold with the best F1 (ties: the middle of the best run, which is steadier) and that F1."""
    scores = [_f1(y, (prob >= t).astype(np.int8)) for t in THRESHOLDS]
    top = max(scores)
    best = [i for i, s in enumerate(scores) if s >= top - 1e-9]
    return float(THRESHOLDS[best[len(best) // 2]]), top


def row_context(rows: Sequence[StrategyRow], emb: np.ndarray, encoder: Encoder) -> np.ndarray:
    """The context features of every row (rows of one reply are read together, as neighbours, in order)."""
    from empathic.listen import read_customer

    readings: dict[str, tuple[float, float, bool]] = {}
    customers = sorted({r.customer for r in rows})
    cvecs = dict(zip(customers, encoder.encode(customers), strict=True)) if customers else {}
    for text in customers:
        c = read_customer(text) if text.strip() else None
        readings[text] = (c.intensity, c.valence, c.self_critical) if c is not None else (0.0, 0.0, False)
    out = np.zeros((len(rows), len(CONTEXT_FEATURES)), dtype=np.float32)
    replies: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        replies.setdefault(r.reply or r.id, []).append(i)
    for idx in replies.values():
        customer = rows[idx[0]].customer
        intensity, valence, self_critical = readings[customer]
        out[idx] = context_matrix([rows[i].text for i in idx], customer, intensity=intensity, valence=valence,
                                  self_critical=self_critical, sentence_vectors=emb[idx],
                                  customer_vector=cvecs[customer])
    return out


def _platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling ``sigmoid(a * s + b)`` fitted on held-out scores (1-D logistic regression)."""
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():
        return 1.0, 0.0
    clf = LogisticRegression(C=1e4, max_iter=1000).fit(scores.reshape(-1, 1), y)
    return float(clf.coef_[0, 0]), float(clf.intercept_[0])


def _groups(keys: Sequence[str], folds: int, seed: int) -> np.ndarray:
    """A fold number per row; rows with the same key (customer message) share a fold."""
    uniq = sorted(set(keys))
    order = np.random.default_rng(seed).permutation(len(uniq))
    fold_of = {uniq[j]: i % folds for i, j in enumerate(order)}
    return np.array([fold_of[k] for k in keys])


def train_strategy_head(
    rows: list[StrategyRow], encoder: Encoder, *, seed: int, c: float = STRATEGY_C, log: Log | None = None
) -> tuple[LinearHead, dict[str, Any]]:
    """Fit the sentence-level strategy head (with context features), with Platt scaling on out-of-fold scores."""
    texts = [r.text for r in rows]
    y = np.array([[s in r.labels for s in STRATEGIES] for r in rows], dtype=np.int8)

    def make() -> LinearHeadClassifier:
        return LinearHeadClassifier(STRATEGIES, analyzers=STRATEGY_FEATURES, C=c, class_weight="balanced",
                                    encoder=getattr(encoder, "name", ENCODER), context=CONTEXT_FEATURES)

    emb = encoder.encode(texts)
    ctx = row_context(rows, emb, encoder)
    folds = _groups([r.fold_key for r in rows], CALIBRATION_FOLDS, seed)
    oof = np.zeros(y.shape, dtype=np.float64)
    for f in range(CALIBRATION_FOLDS):
        tr, te = folds != f, folds == f
        if not te.any() or not tr.any():
            continue
        fold = make().fit([texts[i] for i in np.flatnonzero(tr)], y[tr], emb=emb[tr], ctx=ctx[tr])
        oof[te] = fold.decision_function([texts[i] for i in np.flatnonzero(te)], emb=emb[te], ctx=ctx[te])
        if log:
            log(f"strategies: calibration fold {f + 1}/{CALIBRATION_FOLDS}")
    head = make().fit(texts, y, emb=emb, ctx=ctx).head_
    head.meta = {"C": c, "rows": len(rows), "seed": seed}
    from empathic.facts.text import is_question

    # questions are vetoed at run time (strategy.py), so they raise no false alarm here either
    asks = np.array([is_question(t) for t in texts])
    real = np.array([r.register in REAL_REGISTERS for r in rows])
    metrics: dict[str, Any] = {}
    oof_probs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    metrics["_oof"] = oof_probs
    metrics["_inputs"] = (emb, ctx)
    metrics["_real"] = (rows, real, asks)
    for k, s in enumerate(STRATEGIES):
        a, b = _platt(oof[:, k], y[:, k])
        head.platt_a[k], head.platt_b[k] = a, b
        prob = 1.0 / (1.0 + np.exp(-(a * oof[:, k] + b)))
        prob[asks] = 0.0
        # the threshold is chosen on the project's sentences; twcs sets the abstain margin
        thr, f1 = best_threshold(y[~real, k], prob[~real])
        head.thresholds[k] = thr
        metrics[s] = {"oof_f1": round(f1, 4), "oof_threshold": thr, "positives": int(y[:, k].sum())}
        oof_probs[s] = (y[~real, k].copy(), prob[~real])
        metrics["_prob_" + s] = prob
    return head, metrics


def choose_margins(head: LinearHead, metrics: dict[str, Any]) -> dict[str, Any]:
    """Set each strategy's abstain margin from the out-of-fold twcs predictions (see the module docstring).

    A reply raises a head-alone false alarm for strategy k when one of its sentences reaches threshold +
    margin while the reply has no gold k; the margin is the smallest on the grid keeping those at or below
    :data:`FALSE_ALARM_BUDGET` per 100 replies. Without twcs rows the margin is 0.
    """
    rows, real, _ = metrics.pop("_real")
    out: dict[str, Any] = {}
    margins = []
    replies: dict[str, list[int]] = {}
    for i in np.flatnonzero(real):
        replies.setdefault(rows[i].reply, []).append(i)
    for k, s in enumerate(head.labels):
        prob = metrics.pop("_prob_" + s)
        if not replies:
            margins.append(0.0)
            continue
        gold = {rid: any(s in rows[i].labels for i in idx) for rid, idx in replies.items()}
        best = {rid: float(prob[idx].max()) for rid, idx in replies.items()}
        negatives = [rid for rid in replies if not gold[rid]]
        allowed = FALSE_ALARM_BUDGET * len(negatives) / 100
        thr = float(head.thresholds[k])
        chosen = MARGINS[-1]
        for m in MARGINS:
            if sum(best[rid] >= thr + m for rid in negatives) <= allowed:
                chosen = m
                break
        margins.append(chosen)
        found = sum(best[rid] >= thr + chosen for rid in replies if gold[rid])
        alarms = int(sum(best[r] >= thr + chosen for r in negatives))
        out[s] = {"abstain_margin": chosen, "twcs_oof_false_alarms": alarms,
                  "twcs_oof_found": f"{found}/{sum(gold.values())}"}
    head.meta["abstain_margin"] = margins
    return out


def train_emotion_head(
    texts: list[str], y: np.ndarray, names: list[str], encoder: Encoder, *, seed: int, c: float = EMOTION_C,
    folds: int = EMOTION_FOLDS, log: Log | None = None,
) -> tuple[LinearHead, dict[str, Any]]:
    """Fit the 28-label GoEmotions head on all of train; each label's threshold from out-of-fold predictions.

    Thresholds come from ``folds``-fold cross-validation over the whole training file (folds drawn
    with the seed), so even a rare label (grief: 77 comments) has every one of its examples behind
    its threshold; then the weights are refitted on everything.
    """
    def make() -> LinearHeadClassifier:
        return LinearHeadClassifier(names, analyzers=EMOTION_FEATURES, C=c, encoder=ENCODER)

    emb = encoder.encode(texts)
    fold_of = np.random.default_rng(seed).permutation(len(texts)) % folds
    oof = np.zeros(y.shape, dtype=np.float64)
    for f in range(folds):
        tr, te = np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)
        if not len(tr) or not len(te):
            continue
        fold = make().fit([texts[i] for i in tr], y[tr], emb=emb[tr])
        oof[te] = fold.decision_function([texts[i] for i in te], emb=emb[te])
        if log:
            log(f"emotions: threshold fold {f + 1}/{folds}")
    head = make().fit(texts, y, emb=emb).head_
    head.meta = {"C": c, "rows": len(texts), "threshold_folds": folds, "seed": seed}
    if log:
        log(f"emotions: {len(names)} labels fitted")
    metrics: dict[str, Any] = {}
    f1s = []
    for k, name in enumerate(names):
        prob = 1.0 / (1.0 + np.exp(-oof[:, k]))
        thr, f1 = best_threshold(y[:, k].astype(np.int8), prob)
        head.thresholds[k] = thr
        f1s.append(f1)
        metrics[name] = {"oof_f1": round(f1, 4), "threshold": thr}
    metrics["macro_oof_f1"] = round(float(np.mean(f1s)), 4)
    return head, metrics


def read_cs_dev(path: Path) -> list[dict[str, Any]]:
    """The exchanges of a cs-format JSONL file (customer, reply, strategies)."""
    if not path.is_file():
        raise DatasetError(f"{path}: cs dev file not found; pass --dev or --no-dev")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise DatasetError(f"{path}:{n}: not JSON ({exc})") from exc
    return out


def tune_strategy_thresholds(
    head: LinearHead, dev: list[dict[str, Any]], oof: dict[str, tuple[np.ndarray, np.ndarray]] | None = None
) -> dict[str, Any]:
    """Set each strategy's threshold by the reply-level F1 of the model alone on ``dev``.

    The model alone, not joined with the rules: the rules were written against the same dev set,
    so a threshold chosen for the union would mostly learn how well the rules fit dev. With
    ``oof`` (strategy -> gold and calibrated out-of-fold probabilities of the training sentences)
    the threshold maximises the sum of both F1s: 100 dev replies alone make a noisy choice.
    """
    from empathic.facts.sentences import read_facts
    from empathic.listen import read_customer
    from empathic.models.strategy import StrategyModel
    from empathic.segment import sentences
    from empathic.types import Analysis, Exchange

    model = StrategyModel()
    model._head = head
    probs: list[np.ndarray] = []
    golds: list[set[str]] = []
    for rec in dev:
        # the customer read by the listen layer itself, as the pipeline's listen components do (no Coach)
        analysis = Analysis(exchange=Exchange(customer=rec["customer"], reply=rec["reply"]),
                            customer=read_customer(rec["customer"]))
        analysis.reply_sentences = sentences(analysis.reply)
        read_facts(analysis)  # the head's vetoes read the sentences' facts, as in the pipeline
        scores = model.sentence_scores(analysis)
        probs.append(scores.max(axis=0) if len(scores) else np.zeros(len(head.labels)))
        golds.append(set(rec.get("strategies", [])))
    p = np.array(probs)
    out: dict[str, Any] = {}
    for k, s in enumerate(head.labels):
        y = np.array([s in g for g in golds], dtype=np.int8)
        dev_f1 = np.array([_f1(y, (p[:, k] >= t).astype(np.int8)) for t in THRESHOLDS])
        total = dev_f1.copy()
        if oof is not None and s in oof:
            y_oof, p_oof = oof[s]
            total += np.array([_f1(y_oof, (p_oof >= t).astype(np.int8)) for t in THRESHOLDS])
        top = total.max()
        best = [i for i, v in enumerate(total) if v >= top - 1e-9]
        i = best[len(best) // 2]
        head.thresholds[k] = THRESHOLDS[i]
        out[s] = {"dev_f1": round(float(dev_f1[i]), 4), "threshold": float(THRESHOLDS[i])}
    return out


def head_weights(head: LinearHead) -> np.ndarray:
    """The stacked ``[w_emb; w_terms]`` matrix (design-matrix column order)."""
    return np.vstack([head.w_emb, head.w_terms]).astype(np.float64)


def strategy_rows(
    data_dir: Path,
    *,
    support: bool = True,
    limit: int | None = None,
    twcs: Path | None = None,
    twcs_exclude: frozenset[str] = frozenset(),
    data: dict[str, Any] | None = None,
) -> list[StrategyRow]:
    """The strategy head's training rows, in training order: the project's sentences, then twcs dev's.

    ``data`` (a report's ``data`` dict) receives the counts. See :func:`train` for the arguments.
    """
    rows, review_stats = read_strategy_rows(data_dir, support=support)
    if limit is not None:
        rows = rows[:limit]
    counts: dict[str, Any] = {}
    if twcs is not None:
        real = [r for r in read_twcs_rows(twcs) if r.group not in twcs_exclude]
        counts["twcs"] = {"sentences": len(real), "replies": len({r.reply for r in real}),
                          "positive_sentences": sum(bool(r.labels) for r in real)}
        rows = rows + (real[:limit] if limit is not None else real)
    counts["strategies"] = {**review_stats, "used": len(rows)}
    if data is not None:
        data.update(counts)
    return rows


#: Decimals the digest keeps of every number it hashes: the same inputs computed on another CPU (other SIMD
#: summation order) must give the same digest, while any real change of a feature moves far more than this.
DIGEST_DECIMALS = 4


def _hash_array(h: Any, a: np.ndarray) -> None:
    r = np.round(np.asarray(a, dtype=np.float64), DIGEST_DECIMALS) + 0.0  # + 0.0 makes -0.0 hash as 0.0
    h.update(repr(r.shape).encode())
    h.update(r.tobytes())


def inputs_digest(
    rows: Sequence[StrategyRow],
    emb: np.ndarray,
    ctx: np.ndarray,
    dev: Sequence[dict[str, Any]] | None,
    encoder: Encoder,
    *,
    seed: int,
) -> str:
    """SHA-256 of everything the strategy head is fitted and tuned on, stored in the head file (``inputs_sha256``).

    Covers the training rows (text, customer, labels, grouping), their sentence vectors and context features
    (so the customer-side reading and the segmenter are in it), the fitting settings and seed, and, per cs-dev
    exchange, what the threshold choice reads: the reply's sentences as the pipeline cuts them, their context
    features and which of them the head's context checks veto (questions, the dismissive rules, happy
    reflections). ``tests/models/test_shipped_head_reproducible.py`` recomputes it from the current code and data
    and fails when it no longer matches the shipped head: the head's inputs changed and it must be retrained.
    """
    h = hashlib.sha256()
    settings = {"seed": seed, "C": STRATEGY_C, "features": STRATEGY_FEATURES, "folds": CALIBRATION_FOLDS,
                "thresholds": THRESHOLDS, "margins": MARGINS, "budget": FALSE_ALARM_BUDGET,
                "context": CONTEXT_FEATURES, "encoder": getattr(encoder, "name", ENCODER)}
    h.update(json.dumps(settings, sort_keys=True).encode())
    for r in rows:
        h.update(json.dumps([r.id, r.text, r.customer, r.labels, r.register, r.group, r.reply]).encode())
    _hash_array(h, emb)
    _hash_array(h, ctx)
    if dev is not None:
        from empathic.facts.matches import dismissive_rules
        from empathic.facts.sentiment import cheerful_to_unhappy
        from empathic.facts.text import is_question
        from empathic.listen import read_customer
        from empathic.segment import sentences
        from empathic.types import Analysis, Exchange

        for rec in dev:
            # the customer read by the listen layer itself, as in tune_strategy_thresholds (no Coach)
            a = Analysis(exchange=Exchange(customer=rec["customer"], reply=rec["reply"]),
                         customer=read_customer(rec["customer"]))
            texts = [s.text for s in sentences(a.reply)]
            c = a.customer
            # the rule names without their file's "dismissive:" (as they were hashed for the shipped head's digest)
            vetoes = [
                [is_question(t), [rid.partition(":")[2] for rid, _ in dismissive_rules(t)], cheerful_to_unhappy(t, c)]
                for t in texts
            ]
            h.update(json.dumps([texts, sorted(rec.get("strategies", [])), vetoes]).encode())
            if texts:
                vecs = encoder.encode([*texts, a.exchange.customer])
                _hash_array(h, context_matrix(texts, a.exchange.customer, intensity=c.intensity, valence=c.valence,
                                              self_critical=c.self_critical, sentence_vectors=vecs[:-1],
                                              customer_vector=vecs[-1]))
    return h.hexdigest()


def strategy_inputs_digest(
    *,
    data_dir: Path,
    twcs: Path | None,
    dev: Path | None,
    seed: int = 0,
    support: bool = True,
    encoder_name: str = ENCODER,
) -> str:
    """:func:`inputs_digest` of what :func:`train` with these arguments would fit on, without fitting anything."""
    encoder = get_encoder(encoder_name)
    rows = strategy_rows(data_dir, support=support, twcs=twcs)
    emb = encoder.encode([r.text for r in rows])
    ctx = row_context(rows, emb, encoder)
    return inputs_digest(rows, emb, ctx, read_cs_dev(dev) if dev is not None else None, encoder, seed=seed)


def train(
    *,
    data_dir: Path,
    goemotions: Path | None,
    out_dir: Path,
    seed: int = 0,
    limit: int | None = None,
    dev: Path | None = None,
    log: Log | None = None,
    support: bool = True,
    twcs: Path | None = None,
    twcs_exclude: frozenset[str] = frozenset(),
    encoder_name: str = ENCODER,
    corrections: Sequence[StrategyRow] = (),
) -> TrainReport:
    """Fit both heads and write ``strategy_head.npz`` and ``emotion_head.npz`` into ``out_dir``.

    ``limit`` keeps only the first N rows of each data set (for tests); ``goemotions=None``
    skips the emotion head; ``dev`` (cs format) chooses the strategy thresholds, else the
    out-of-fold ones are kept; ``support=False`` trains without the emotional-support sentences;
    ``twcs`` (cs format) adds real brand replies, except the conversations in ``twcs_exclude`` (held-out folds);
    ``encoder_name`` picks the strategy head's encoder (the emotion head always uses :data:`ENCODER`);
    ``corrections`` are a team's reviewed reply sentences (:func:`empathic.models.corrections.training_rows`),
    added after the shipped data and read as real replies.
    """
    encoder = get_encoder(ENCODER)
    strategy_encoder = get_encoder(encoder_name)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = TrainReport()
    rows = strategy_rows(data_dir, support=support, limit=limit, twcs=twcs, twcs_exclude=twcs_exclude,
                         data=report.data)
    if corrections:
        report.data["corrections"] = {"sentences": len(corrections), "replies": len({r.reply for r in corrections}),
                                      "positive_sentences": sum(bool(r.labels) for r in corrections)}
        rows = rows + list(corrections)
        report.data["strategies"]["used"] = len(rows)
    head, metrics = train_strategy_head(rows, strategy_encoder, seed=seed, log=log)
    oof = metrics.pop("_oof")
    emb, ctx = metrics.pop("_inputs")
    dev_records = read_cs_dev(dev) if dev is not None else None
    if dev_records is not None:
        for name, m in tune_strategy_thresholds(head, dev_records, oof).items():
            metrics[name].update(m)
    for name, m in choose_margins(head, metrics).items():
        metrics[name].update(m)
    head.meta["inputs_sha256"] = inputs_digest(rows, emb, ctx, dev_records, strategy_encoder, seed=seed)
    path = out_dir / "strategy_head.npz"
    head.save(path)
    report.files.append(path)
    report.metrics["strategies"] = metrics
    if goemotions is not None:
        texts, y, names = read_goemotions(goemotions)
        if limit is not None:
            texts, y = texts[:limit], y[:limit]
        report.data["goemotions"] = {"rows": len(texts)}
        ehead, emetrics = train_emotion_head(texts, y, names, encoder, seed=seed, log=log)
        path = out_dir / "emotion_head.npz"
        ehead.save(path)
        report.files.append(path)
        report.metrics["emotions"] = emetrics
    return report


def cross_validate(
    *,
    data_dir: Path,
    twcs: Path,
    dev: Path | None,
    folds: int = CV_FOLDS,
    seed: int = 0,
    support: bool = True,
    log: Log | None = None,
    encoder_name: str = ENCODER,
) -> dict[str, Any]:
    """K-fold cross-validation of the shipped pipeline on twcs (``empathic train --cv K``).

    The twcs conversations are split into ``folds`` groups (drawn with the seed; a conversation's replies stay
    together); for each, a strategy head is trained on the project's data plus the other groups exactly as
    :func:`train` does (thresholds and margins included), and the default pipeline (rules + that head) analyses
    the held group. Returns false alarms per 100 replies without a strategy (by the source that raised them),
    precision where the analyzer claims a strategy, and recall.
    """
    import tempfile

    from empathic.models.strategy import default_model
    from empathic.pipeline import default_coach

    records = read_cs_dev(twcs)
    convs = sorted({conversation_of(str(r["id"])) for r in records})
    order = np.random.default_rng(seed).permutation(len(convs))
    fold_of = {convs[j]: i % folds for i, j in enumerate(order)}
    model = default_model()
    saved = model._head
    totals = {"replies": 0, "replies_without": 0, "false_alarm_replies": 0, "claims": 0, "correct": 0, "gold": 0,
              "found": 0}
    by_source: dict[str, int] = {}
    per_strategy = {s: {"claims": 0, "correct": 0, "gold": 0} for s in STRATEGIES}
    alarms: list[dict[str, Any]] = []
    try:
        for f in range(folds):
            held = frozenset(c for c, k in fold_of.items() if k == f)
            with tempfile.TemporaryDirectory() as tmp:
                train(data_dir=data_dir, goemotions=None, out_dir=Path(tmp), seed=seed, dev=dev, support=support,
                      twcs=twcs, twcs_exclude=held, encoder_name=encoder_name)
                model._head = LinearHead.load(Path(tmp) / "strategy_head.npz")
            coach = default_coach()
            for rec in records:
                if conversation_of(str(rec["id"])) not in held:
                    continue
                a = coach.analyze(str(rec["customer"]), str(rec["reply"]))
                gold = set(rec.get("strategies", []))
                claimed: dict[str, str] = {}
                for finding in a.findings:
                    claimed.setdefault(finding.strategy, finding.source)
                totals["replies"] += 1
                totals["gold"] += len(gold)
                totals["claims"] += len(claimed)
                totals["correct"] += len(gold & set(claimed))
                totals["found"] += len(gold & set(claimed))
                for s in STRATEGIES:
                    per_strategy[s]["gold"] += s in gold
                    per_strategy[s]["claims"] += s in claimed
                    per_strategy[s]["correct"] += s in gold and s in claimed
                for s, source in claimed.items():
                    if s not in gold:
                        by_source[source] = by_source.get(source, 0) + 1
                        alarms.append({"id": rec["id"], "strategy": s, "source": source})
                if not gold:
                    totals["replies_without"] += 1
                    totals["false_alarm_replies"] += bool(claimed)
            if log:
                log(f"cross-validation: fold {f + 1}/{folds}")
    finally:
        model._head = saved
    n = max(totals["replies_without"], 1)
    return {
        "folds": folds,
        "seed": seed,
        **totals,
        "false_alarms_per_100": round(100 * totals["false_alarm_replies"] / n, 2),
        "precision": round(totals["correct"] / totals["claims"], 3) if totals["claims"] else None,
        "recall": round(totals["found"] / totals["gold"], 3) if totals["gold"] else None,
        "false_alarms_by_source": by_source,
        "per_strategy": per_strategy,
        "false_alarms": alarms,
    }
