"""A team's reviews as training data for the strategy head and the local emotion layer (``train --corrections``).

Reviewers confirm or reject the findings of stored analyses and add the strategy spans the tool missed
(:mod:`empathic.calibration.reviews`). Each reviewed turn becomes labelled reply sentences, read as the
shipped training data reads twcs replies (:func:`empathic.models.training.read_twcs_rows`: a sentence carries
a strategy when a span the reviewer says shows it overlaps the sentence), with each reviewer's verdicts read
label by label as the calibrate report reads them (:mod:`empathic.calibration.judge`):

- a confirmed finding makes the sentences it covers positives for its strategy, a rejected one negatives,
  an added missed span positives, a corrected finding positives for the strategy it was corrected to;
- a strategy the reviewer settled (yes, or no: every claim of it rejected, or not claimed and a ``turn``
  confirm says the rest is right) labels every sentence: positive under its confirmed or added spans,
  negative elsewhere; a strategy nobody settled leaves the turn's sentences out (the tool's own claim, or
  its silence, is not a label);
- several reviewers vote, and a tie leaves the sentence out.

The customer's emotions are read the same way, turn by turn (:func:`emotion_turns`): per emotion label the
reviewers' yes (confirmed, added) or no (rejected, or not read and settled by a ``turn`` confirm), voted
across reviewers, become the training decisions of the local emotion layer
(:mod:`empathic.models.emotion_local`), read against the customer side as the pipeline reads it now
(:func:`customer_readings`: the components before the layer, with the heads in use).

A fifth of the reviewed conversations is held back, chosen by a hash of the conversation id (the same
conversations whatever the seed, so a later retrain never trains on what an earlier report was measured on):
``train --corrections`` reports the head in use before and the refitted head after on them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from empathic.models.training import CORRECTIONS_REGISTER, Log, StrategyRow
from empathic.types import EMOTIONS, STRATEGIES

#: One conversation in this many is held back from training for the before/after report.
HOLD_OUT_EVERY = 5


def held_back(conversation_id: str) -> bool:
    """True for the conversations held back from training (a fifth, by a hash of the id)."""
    h = int(hashlib.sha256(conversation_id.encode("utf-8")).hexdigest()[:8], 16)
    return h % HOLD_OUT_EVERY == 0


@dataclass(slots=True)
class CorrectedTurn:
    """One reviewed agent turn: its texts, its labelled sentences and its gold strategies."""

    conversation_id: str
    turn_index: int
    customer: str
    reply: str
    #: (start, end, strategies) of every sentence whose labels the reviews settle, in reply order
    sentences: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    #: per strategy: True (reviewers say the reply uses it), False (they say it does not), None (unknown)
    gold: dict[str, bool | None] = field(default_factory=dict)
    reviews: int = 0

    @property
    def key(self) -> str:
        """``<conversation>#<turn>``: the reply the sentences belong to."""
        return f"{self.conversation_id}#{self.turn_index}"


def corrected_turn(analysis: dict[str, Any], reviews: Sequence[Any]) -> CorrectedTurn | None:
    """The strategy labels the ``reviews`` of one stored ``analysis`` settle, sentence by sentence; None if none.

    Each reviewer's reviews are read as the calibrate report reads them
    (:func:`empathic.calibration.judge.judge_turn`): per strategy yes, no or unknown, with the spans of the
    yes. A yes makes the sentences under its spans positives and the others negatives for that strategy (a
    yes without any span leaves the sentences unknown), a no makes every sentence a negative, an unknown
    leaves them unknown. Reviewers vote per sentence and strategy; a tie is unknown, and a sentence with any
    strategy unknown is left out.
    """
    from empathic.segment import sentences

    exchange = analysis.get("exchange") or {}
    reply = str(exchange.get("reply") or "")
    if not reviews or not reply.strip():
        return None
    sents = sentences(reply)
    votes: dict[tuple[int, str], int] = {}
    unknown: set[tuple[int, str]] = set()
    reply_votes: dict[str, int] = {s: 0 for s in STRATEGIES}
    deciders = 0
    for decided in _judgements(analysis, reviews):
        labels = decided.decided.get("strategies")
        if labels is None:
            continue  # this reviewer answered nothing about strategies here
        deciders += 1
        for st in STRATEGIES:
            if st not in labels:
                unknown.update((i, st) for i in range(len(sents)))
                continue
            reply_votes[st] += 1 if labels[st] else -1
            spans = decided.gold_spans.get(st, []) if labels[st] else []
            if labels[st] and not spans:
                unknown.update((i, st) for i in range(len(sents)))
                continue
            for i, sent in enumerate(sents):
                inside = any(a < sent.end and sent.start < b for a, b in spans)
                votes[(i, st)] = votes.get((i, st), 0) + (1 if inside else -1)
    if not deciders:
        return None
    first = reviews[0]
    turn = CorrectedTurn(str(first.conversation_id), int(first.turn_index), str(exchange.get("customer") or ""),
                         reply, reviews=len(reviews))
    for i, sent in enumerate(sents):
        labels: list[str] = []
        settled = True
        for st in STRATEGIES:
            v = votes.get((i, st), 0)
            if v > 0:
                labels.append(st)
            elif v == 0:
                # unknown for every reviewer who spoke, or a tie between them: no label either way
                settled = False
        if settled:
            turn.sentences.append((sent.start, sent.end, tuple(labels)))
    for st in STRATEGIES:
        v = reply_votes[st]
        turn.gold[st] = True if v > 0 else False if v < 0 else None
    return turn


def _judgements(analysis: dict[str, Any], reviews: Sequence[Any]) -> list[Any]:
    """Each reviewer's reading of the turn (:func:`empathic.calibration.judge.judge_turn`), by reviewer name."""
    from empathic.calibration.judge import judge_turn

    by_reviewer: dict[str, list[Any]] = {}
    for r in reviews:
        by_reviewer.setdefault(r.reviewer, []).append(r)
    return [judge_turn(analysis, by_reviewer[name]) for name in sorted(by_reviewer)]


@dataclass(slots=True)
class EmotionTurn:
    """One reviewed customer turn: its message and the emotion labels the reviewers settled (label -> yes/no)."""

    conversation_id: str
    turn_index: int
    customer: str
    gold: dict[str, bool] = field(default_factory=dict)


def emotion_turn(analysis: dict[str, Any], reviews: Sequence[Any]) -> EmotionTurn | None:
    """The emotion labels the ``reviews`` of one stored ``analysis`` settle; None if none.

    Each reviewer is read as the calibrate report reads them (``judge_turn``'s ``emotions`` part); reviewers
    vote per label and a tie leaves the label unknown (out of training and of every figure).
    """
    customer = str((analysis.get("exchange") or {}).get("customer") or "")
    if not reviews or not customer.strip():
        return None
    votes: dict[str, int] = {}
    for decided in _judgements(analysis, reviews):
        for label, yes in (decided.decided.get("emotions") or {}).items():
            votes[label] = votes.get(label, 0) + (1 if yes else -1)
    gold = {label: v > 0 for label, v in sorted(votes.items()) if v}
    if not gold:
        return None
    first = reviews[0]
    return EmotionTurn(str(first.conversation_id), int(first.turn_index), customer, gold)


def emotion_turns(pairs: Iterable[tuple[dict[str, Any], Sequence[Any]]]) -> list[EmotionTurn]:
    """Every reviewed turn that settles some emotion label, ordered by (conversation, turn)."""
    out = [t for analysis, reviews in pairs if (t := emotion_turn(analysis, reviews)) is not None]
    out.sort(key=lambda t: (t.conversation_id, t.turn_index))
    return out


def customer_readings(texts: Sequence[str], *, with_layer: bool) -> list[Any]:
    """The customer side of each message as the default pipeline reads it with the heads in use.

    The components of :data:`~empathic.pipeline.DEFAULT_PIPELINE` before the local emotion layer
    (``with_layer=False``: what the layer reads, so it trains on the reading it will correct), or through
    it (what the pipeline reports). Returns the Analyses.
    """
    from empathic.pipeline import DEFAULT_PIPELINE, Coach

    end = DEFAULT_PIPELINE.index("listen.emotion_local") + (1 if with_layer else 0)
    coach = Coach(DEFAULT_PIPELINE[:end])
    return [coach.analyze(t) for t in texts]


def emotion_rows(turns: Sequence[EmotionTurn]) -> dict[str, list[Any]]:
    """The local emotion layer's training decisions, per label (grouped by conversation)."""
    from empathic.models.emotion_local import rows_for

    out: dict[str, list[Any]] = {}
    for t, a in zip(turns, customer_readings([t.customer for t in turns], with_layer=False), strict=True):
        for label, row in rows_for(t.customer, a.customer, t.gold, f"corr:{t.conversation_id}").items():
            out.setdefault(label, []).append(row)
    return out


def evaluate_emotions(turns: Sequence[EmotionTurn]) -> dict[str, Any]:
    """How the pipeline's emotion reading (with the heads and layer now configured) agrees with the reviewers.

    Per emotion label precision, recall and F1 over the turns where the reviews settle it; macro-F1 over
    the labels; false alarms (a label the tool reads that the reviewers say is not there) per 100 customer
    turns, in all and per label.
    """
    from empathic.evaluation.metrics import LabelScore, macro_average

    scores = {e: LabelScore(e) for e in EMOTIONS}
    alarms = {e: 0 for e in EMOTIONS}
    for t, a in zip(turns, customer_readings([t.customer for t in turns], with_layer=True), strict=True):
        read = set(a.customer.labels)
        for label, yes in t.gold.items():
            scores[label].add(yes, label in read)
            alarms[label] += label in read and not yes
    macro = macro_average(scores.values())
    n = len(turns)
    return {
        "customer_turns": n,
        "per_label": {e: scores[e].to_dict() for e in EMOTIONS if scores[e].measurable},
        "macro_f1": None if macro.f1 is None else round(macro.f1, 4),
        "false_alarms": sum(alarms.values()),
        "false_alarms_per_100": round(100 * sum(alarms.values()) / n, 2) if n else None,
        "false_alarms_per_100_by_label": {e: round(100 * v / n, 2) for e, v in alarms.items() if v} if n else {},
    }


def corrected_turns(pairs: Iterable[tuple[dict[str, Any], Sequence[Any]]]) -> list[CorrectedTurn]:
    """Every reviewed turn that settles some strategy labels, ordered by (conversation, turn) for reproducibility."""
    out = [t for analysis, reviews in pairs if (t := corrected_turn(analysis, reviews)) is not None]
    out.sort(key=lambda t: (t.conversation_id, t.turn_index))
    return out


def training_rows(turns: Iterable[CorrectedTurn]) -> list[StrategyRow]:
    """The labelled sentences of ``turns`` as strategy-head training rows (grouped by conversation)."""
    rows: list[StrategyRow] = []
    for t in turns:
        for i, (a, b, labels) in enumerate(t.sentences):
            rows.append(StrategyRow(f"corr-{t.key}-s{i}", t.reply[a:b], t.customer, labels, "", CORRECTIONS_REGISTER,
                                    group=f"corr:{t.conversation_id}", reply=t.key))
    return rows


def split(turns: Sequence[CorrectedTurn]) -> tuple[list[CorrectedTurn], list[CorrectedTurn]]:
    """(turns to train on, held-back turns) by :func:`held_back` of their conversation."""
    train = [t for t in turns if not held_back(t.conversation_id)]
    held = [t for t in turns if held_back(t.conversation_id)]
    return train, held


def evaluate(turns: Sequence[CorrectedTurn]) -> dict[str, Any]:
    """How the default pipeline (with the heads now configured) does on ``turns`` against the reviewers.

    Per strategy precision, recall and F1 over the turns where the reviews settle that strategy, and false
    alarms per 100 replies the reviewers say use no strategy (replies where the pipeline claims any). Each
    turn is analysed again from its stored texts (its customer message and reply; earlier turns do not
    change which strategies a reply shows).
    """
    from empathic.evaluation.metrics import LabelScore, macro_average, micro_average
    from empathic.pipeline import default_coach

    coach = default_coach()
    scores = {s: LabelScore(s) for s in STRATEGIES}
    without = alarms = 0
    for t in turns:
        claimed = set(coach.analyze(t.customer, t.reply).strategies)
        for s in STRATEGIES:
            if t.gold.get(s) is not None:
                scores[s].add(bool(t.gold[s]), s in claimed)
        if all(t.gold.get(s) is False for s in STRATEGIES):
            without += 1
            alarms += bool(claimed)
    macro = macro_average(scores.values())
    micro = micro_average(scores.values())
    return {
        "turns": len(turns),
        "per_strategy": {s: scores[s].to_dict() for s in STRATEGIES},
        "macro_f1": None if macro.f1 is None else round(macro.f1, 4),
        "micro": micro.to_dict(),
        "replies_without_strategy": without,
        "false_alarm_replies": alarms,
        "false_alarms_per_100": round(100 * alarms / without, 2) if without else None,
    }


def refit(
    store_url: str,
    *,
    out_dir: Path,
    data_dir: Path,
    seed: int = 0,
    dev: Path | None = None,
    twcs: Path | None = None,
    support: bool = True,
    log: Log | None = None,
) -> dict[str, Any]:
    """Refit the strategy head and fit the local emotion layer with the reviews in ``store_url``; the report.

    The strategy head: the shipped training data (``data_dir``, ``twcs``, ``dev`` as
    :func:`empathic.models.training.train` reads them) plus the corrections of the conversations not held
    back. The emotion layer (:mod:`empathic.models.emotion_local`): the emotion verdicts of those
    conversations. The held-back fifth measures the heads in use now ("before": shipped unless
    ``EMPATHIC_HEADS`` says otherwise) and the refitted ones ("after"), strategies and emotions. ``out_dir``
    gets ``strategy_head.npz``, ``emotion_local.json`` and ``heads.json`` (this report); the shipped weights
    are never written (ConfigError when ``out_dir`` is the package's models folder).
    """
    from empathic.calibration.reviews import reviewed_turns
    from empathic.errors import ConfigError, DatasetError
    from empathic.models import emotion_local, heads
    from empathic.models.linear import weights_path
    from empathic.models.training import train
    from empathic.store import open_store
    from empathic.store.url import parse_store_url

    shipped = weights_path("strategy_head.npz").parent.resolve()
    if out_dir.expanduser().resolve() == shipped:
        raise ConfigError(f"{out_dir} holds the shipped weights, which --corrections never overwrites; "
                          "leave --out out (the data folder's heads/) or name another folder")
    store = open_store(store_url, create=False)
    try:
        pairs = list(reviewed_turns(store))
    finally:
        store.close()
    turns = corrected_turns(pairs)
    feelings = emotion_turns(pairs)
    if not turns and not feelings:
        raise DatasetError(f"{parse_store_url(store_url).redacted()}: no reviewed findings, emotions or added "
                           "strategy spans yet; review findings in the dashboard or import reviews "
                           "(`empathic reviews import`) first")
    train_turns, held = split(turns)
    train_feelings = [t for t in feelings if not held_back(t.conversation_id)]
    held_feelings = [t for t in feelings if held_back(t.conversation_id)]
    if log:
        log(f"corrections: {len(train_turns)} reviewed turns to train on, {len(held)} held back; emotions: "
            f"{len(train_feelings)} reviewed customer turns to train on, {len(held_feelings)} held back")
    before = {**evaluate(held), "heads": heads.in_use()} if held else None
    before_emotions = evaluate_emotions(held_feelings) if held_feelings else None
    rows = training_rows(train_turns)
    labelled = emotion_rows(train_feelings)
    report = train(data_dir=data_dir, goemotions=None, out_dir=out_dir, seed=seed, dev=dev, log=log,
                   support=support, twcs=twcs, corrections=rows)
    layer, layer_report = emotion_local.fit_layer(labelled, seed=seed)
    layer_path = out_dir / emotion_local.FILE
    layer.save(layer_path)
    if log:
        log(f"emotions: local layer recalibrates {', '.join(layer.models) or 'no label'} "
            f"({sum(map(len, labelled.values()))} reviewed decisions)")
    after = after_emotions = None
    if held or held_feelings:
        with heads.using(str(out_dir)):
            if held:
                after = {**evaluate(held), "heads": heads.in_use()}
            if held_feelings:
                after_emotions = evaluate_emotions(held_feelings)
    if before is not None and after is not None:
        before["emotions"], after["emotions"] = before_emotions, after_emotions
    elif before_emotions is not None:
        before, after = {"emotions": before_emotions}, {"emotions": after_emotions}
    out = {
        "store": parse_store_url(store_url).redacted(),
        "seed": seed,
        "twcs": twcs is not None,
        "corrections": {
            "reviewed_turns": len(turns),
            "train_turns": len(train_turns),
            "train_conversations": len({t.conversation_id for t in train_turns}),
            "train_sentences": len(rows),
            "positive_sentences": sum(bool(r.labels) for r in rows),
            "held_back_turns": len(held),
            "held_back_conversations": len({t.conversation_id for t in held}),
            "emotion_train_turns": len(train_feelings),
            "emotion_train_decisions": {e: len(v) for e, v in sorted(labelled.items())},
            "emotion_held_back_turns": len(held_feelings),
        },
        "emotion_layer": {"recalibrated": sorted(layer.models), "labels": layer_report},
        "data": report.data,
        "thresholds": {s: m.get("threshold", m.get("oof_threshold"))
                       for s, m in report.metrics.get("strategies", {}).items()},
        "abstain_margins": {s: m.get("abstain_margin") for s, m in report.metrics.get("strategies", {}).items()},
        "files": {p.name: heads.digest(p) for p in (*report.files, layer_path)},
        "before": before,
        "after": after,
    }
    (out_dir / heads.MANIFEST).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out
