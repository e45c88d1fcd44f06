"""The calibrate report: how far the tool and its reviewers agree, on the team's own stored turns.

Every figure rests on *decisions*: one reviewer's yes/no on one label of one turn, as
:mod:`empathic.calibration.judge` reads them (a tool item nobody answered is left out). For each
strategy, pitfall, emotion and self-criticism the report gives the tool's precision and recall
against the reviewers (:class:`~empathic.evaluation.metrics.LabelScore`) and Cohen's kappa
(:func:`~empathic.evaluation.metrics.cohen_kappa`), each with a bootstrap 95% confidence interval
(turns resampled with replacement, seeded, so the same store gives the same interval) and the
number of decisions it rests on. Then: reviewer against reviewer on labels two reviewers decided,
token-level span overlap of the strategies (as in ``empathic eval``'s span table), the trend per
ISO week, the confusions with example turn ids, and the rules and heads whose items reviewers
reject most, with the rejected examples (ids only: the report never holds message text).
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from typing import Any

import numpy as np

from empathic.calibration.judge import NONE, PART_LABELS, TurnJudgement, judge_turn
from empathic.calibration.reviews import analysis_version, reviewed_turns
from empathic.evaluation.metrics import LabelScore, add_token_overlap, cohen_kappa, tokens_covered, word_tokens
from empathic.store.results import ResultStore

#: Bootstrap resamples and the default seed.
BOOTSTRAP = 1000
SEED = 0
#: Examples kept per confusion and per rejected rule.
EXAMPLES = 5
#: Reports :func:`cached_calibrate` keeps (one per store, ``since``, resamples and seed).
CACHED_REPORTS = 8


@dataclass(frozen=True, slots=True)
class Estimate:
    """A figure and its bootstrap 95% interval (None where the figure is undefined)."""

    value: float | None
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict[str, float | None]:
        """``{"value", "low", "high"}`` rounded to 4 places."""
        return {k: None if v is None else round(v, 4) for k, v in
                (("value", self.value), ("low", self.low), ("high", self.high))}


@dataclass(frozen=True, slots=True)
class Counts:
    """A 2x2 table of decisions: the reviewer (first rater) against the tool or a second reviewer."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def n(self) -> int:
        """How many decisions."""
        return self.tp + self.fp + self.fn + self.tn

    def score(self) -> LabelScore:
        """Precision and recall of the second rater against the first."""
        return LabelScore("", self.tp, self.fp, self.fn)

    def kappa(self) -> float | None:
        """Cohen's kappa of the table."""
        return cohen_kappa(self.tp, self.fp, self.fn, self.tn)

    def agreement(self) -> float | None:
        """Share of decisions where the raters agree."""
        return (self.tp + self.tn) / self.n if self.n else None

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)

    def to_dict(self) -> dict[str, int]:
        """The four cells."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}


def _cell(gold: bool, predicted: bool) -> Counts:
    return Counts(int(gold and predicted), int(predicted and not gold), int(gold and not predicted),
                  int(not gold and not predicted))


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """The tool against the reviewers on one label."""

    part: str
    label: str
    counts: Counts
    turns: int
    precision: Estimate
    recall: Estimate
    kappa: Estimate

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"part": self.part, "label": self.label, "decisions": self.counts.n, "turns": self.turns,
                **self.counts.to_dict(), "precision": self.precision.to_dict(), "recall": self.recall.to_dict(),
                "kappa": self.kappa.to_dict()}


@dataclass(frozen=True, slots=True)
class RaterAgreement:
    """Reviewer against reviewer on the labels two of them decided (one part, or one label)."""

    part: str
    label: str
    counts: Counts

    def to_dict(self) -> dict[str, Any]:
        """JSON form: pairs of decisions, observed agreement, kappa."""
        agreement, kappa = self.counts.agreement(), self.counts.kappa()
        return {"part": self.part, "label": self.label, "pairs": self.counts.n,
                "agreement": None if agreement is None else round(agreement, 4),
                "kappa": None if kappa is None else round(kappa, 4)}


@dataclass(frozen=True, slots=True)
class WeekTrend:
    """The tool against the reviewers in one ISO week (pooled over a part's labels)."""

    week: str
    part: str
    counts: Counts

    def to_dict(self) -> dict[str, Any]:
        """JSON form; precision (recall) is null in a week where the tool (the reviewers) said yes to nothing,
        as in the per-label rows, rather than 0."""
        s = self.counts.score()
        kappa = self.counts.kappa()
        return {"week": self.week, "part": self.part, "decisions": self.counts.n,
                "precision": round(s.tp / s.predicted, 4) if s.predicted else None,
                "recall": round(s.tp / s.support, 4) if s.support else None,
                "kappa": None if kappa is None else round(kappa, 4)}


@dataclass(slots=True)
class Confusion:
    """What the tool said against what a reviewer said instead, how often, and where (turn ids)."""

    part: str
    tool: str
    reviewer: str
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"part": self.part, "tool": self.tool, "reviewer": self.reviewer, "count": self.count,
                "examples": self.examples}


@dataclass(slots=True)
class RuleRecord:
    """How reviewers answered the items one rule or head supported."""

    evidence_id: str
    confirmed: int = 0
    rejected: int = 0
    examples: list[dict[str, str]] = field(default_factory=list)

    @property
    def reject_rate(self) -> float:
        """Rejected share of the answered items."""
        total = self.confirmed + self.rejected
        return self.rejected / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON form; examples as ``{"turn", "reviewer", "label"}``."""
        return {"evidence_id": self.evidence_id, "rejected": self.rejected, "confirmed": self.confirmed,
                "reject_rate": round(self.reject_rate, 4), "rejected_examples": self.examples}


@dataclass(slots=True)
class CalibrationReport:
    """Everything ``empathic calibrate`` shows (see the module docstring)."""

    reviews: int
    reviewers: list[str]
    turns: int
    judgements: int
    stale: int
    since: str | None
    bootstrap: int
    seed: int
    labels: list[LabelAgreement]
    raters: list[RaterAgreement]
    spans: list[tuple[str, LabelScore, int]]
    trend: list[WeekTrend]
    confusions: list[Confusion]
    rules: list[RuleRecord]

    def label(self, part: str, label: str) -> LabelAgreement | None:
        """The row of one label (None when no decision rests on it)."""
        return next((row for row in self.labels if (row.part, row.label) == (part, label)), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``empathic calibrate --json``, ``GET /v1/calibration``)."""
        return {
            "reviews": self.reviews,
            "reviewers": self.reviewers,
            "turns": self.turns,
            "judgements": self.judgements,
            "stale_judgements": self.stale,
            "since": self.since,
            "bootstrap": {"resamples": self.bootstrap, "seed": self.seed, "unit": "turn", "interval": 0.95},
            "labels": [row.to_dict() for row in self.labels],
            "reviewer_agreement": [row.to_dict() for row in self.raters],
            "spans": [{"strategy": s, "decisions": n, **score.to_dict()} for s, score, n in self.spans],
            "trend": [row.to_dict() for row in self.trend],
            "confusions": [row.to_dict() for row in self.confusions],
            "rejected_rules": [row.to_dict() for row in self.rules],
        }

    def headline(self) -> str:
        """One sentence: how many reviews, turns and reviewers the report rests on, and how intervals are made."""
        return (f"{self.reviews:,} reviews of {self.turns:,} turns by {len(self.reviewers)} reviewer(s) "
                f"({self.judgements:,} reviewer-turns"
                + (f", {self.stale:,} made on an older analysis of their turn" if self.stale else "")
                + (f"; reviews since {self.since}" if self.since else "")
                + f"). Intervals: bootstrap 95% over turns, {self.bootstrap:,} resamples, seed {self.seed}.")

    def tables(self) -> list[tuple[str, list[str], list[list[str]]]]:
        """The report as ``(title, columns, rows)`` tables of text, for Markdown and the terminal alike."""
        tool = [[r.part, r.label, f"{r.counts.n:,}", _est(r.precision), _est(r.recall), _est(r.kappa)]
                for r in self.labels]
        raters = []
        for r in self.raters:
            d = r.to_dict()
            raters.append([r.part, r.label, f"{d['pairs']:,}", _num(d["agreement"]), _num(d["kappa"])])
        spans = [[s, f"{n:,}", _num(sc.precision), _num(sc.recall), _num(sc.f1)] for s, sc, n in self.spans]
        trend = []
        for t in self.trend:
            d = t.to_dict()
            trend.append([t.week, t.part, f"{d['decisions']:,}", _num(d["precision"]), _num(d["recall"]),
                          _num(d["kappa"])])
        confusions = [[c.part, c.tool, c.reviewer, f"{c.count:,}", ", ".join(c.examples)] for c in self.confusions]
        rules = [[f"`{r.evidence_id}`", f"{r.rejected:,}", f"{r.confirmed:,}", f"{r.reject_rate:.2f}",
                  ", ".join(f"{e['turn']} ({e['label']})" for e in r.examples)] for r in self.rules]
        return [
            ("The tool against the reviewers", ["part", "label", "decisions", "precision", "recall", "kappa"], tool),
            ("Reviewer against reviewer (labels two reviewers decided)",
             ["part", "label", "pairs", "agreement", "kappa"], raters),
            ("Strategy spans (word tokens)", ["strategy", "decisions", "precision", "recall", "F1"], spans),
            ("Trend per ISO week", ["week", "part", "decisions", "precision", "recall", "kappa"], trend),
            ("Confusions (turn ids)", ["part", "tool said", "reviewer said", "count", "examples"], confusions),
            ("Rules reviewers reject often", ["evidence id", "rejected", "confirmed", "reject rate",
                                              "rejected examples"], rules),
        ]

    def to_markdown(self) -> str:
        """Markdown: the headline, then every table (an empty one says so)."""
        lines = [f"# Calibration: the tool against {len(self.reviewers)} reviewer(s)", "", self.headline()]
        for title, columns, rows in self.tables():
            lines += ["", f"## {title}", ""]
            if not rows:
                lines.append("Nothing to show yet.")
                continue
            lines.append("| " + " | ".join(columns) + " |")
            lines.append("|" + "|".join("---" if i < 2 else "---:" for i in range(len(columns))) + "|")
            lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _est(e: Estimate) -> str:
    if e.value is None:
        return "–"
    if e.low is None or e.high is None:
        return f"{e.value:.3f}"
    return f"{e.value:.3f} [{e.low:.2f}, {e.high:.2f}]"


def _interval(samples: Sequence[float | None]) -> tuple[float | None, float | None]:
    values = np.array([v for v in samples if v is not None], dtype=float)
    if values.size == 0:
        return None, None
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def judgements(store: ResultStore, *, since: datetime | str | None = None) -> tuple[list[TurnJudgement], int, int]:
    """Every reviewer's reading of every reviewed turn, the number of reviews, and how many are stale.

    A judgement is stale when its reviews were made on another analysis version than the one stored now.
    """
    out: list[TurnJudgement] = []
    reviews = stale = 0
    for analysis, turn_reviews in reviewed_turns(store, since=since):
        reviews += len(turn_reviews)
        current = analysis_version(analysis)
        by_reviewer: dict[str, list[Any]] = defaultdict(list)
        for review in turn_reviews:
            by_reviewer[review.reviewer].append(review)
        for name in sorted(by_reviewer):
            judgement = judge_turn(analysis, by_reviewer[name])
            stale += current not in judgement.versions
            out.append(judgement)
    return out, reviews, stale


def store_version(store: ResultStore) -> tuple[Any, ...]:
    """What the report depends on, read cheaply: the reviews and the stored turns (counts, ids, latest times).

    Adding, changing or deleting a review changes the count, the ids or the latest review time; scoring a turn
    again changes the turns' latest time.
    """
    r = store.db.query("SELECT COUNT(*) AS n, MAX(id) AS top, SUM(id) AS total, MAX(created_at) AS latest "
                       "FROM reviews")[0]
    t = store.db.query("SELECT COUNT(*) AS n, MAX(created_at) AS latest FROM turn_analyses")[0]
    return (int(r["n"] or 0), r["top"], r["total"], r["latest"], int(t["n"] or 0), t["latest"])


_cache: OrderedDict[tuple[Any, ...], CalibrationReport] = OrderedDict()
_cache_lock = threading.Lock()


def cached_calibrate(
    store: ResultStore,
    *,
    since: datetime | str | None = None,
    bootstrap: int = BOOTSTRAP,
    seed: int = SEED,
) -> CalibrationReport:
    """:func:`calibrate`, kept while the store's reviews and turns stay as they were (:func:`store_version`).

    The bootstrap makes a report cost seconds on a large store; the Calibration page and ``GET /v1/calibration``
    ask for the same one on every load. A new, changed or deleted review makes the next call compute it again.
    """
    since_key = since.isoformat() if isinstance(since, datetime) else since
    key = (id(store), store.url, since_key, bootstrap, seed, store_version(store))
    with _cache_lock:
        report = _cache.get(key)
        if report is not None:
            _cache.move_to_end(key)
            return report
    report = calibrate(store, since=since, bootstrap=bootstrap, seed=seed)
    with _cache_lock:
        _cache[key] = report
        while len(_cache) > CACHED_REPORTS:
            _cache.popitem(last=False)
    return report


def calibrate(
    store: ResultStore,
    *,
    since: datetime | str | None = None,
    bootstrap: int = BOOTSTRAP,
    seed: int = SEED,
) -> CalibrationReport:
    """The calibrate report over the reviews in ``store`` (made on or after ``since`` when given)."""
    found, n_reviews, stale = judgements(store, since=since)
    turn_ids = sorted({(j.conversation_id, j.turn_index) for j in found})
    position = {t: i for i, t in enumerate(turn_ids)}
    rng = np.random.default_rng(seed)
    # One draw of turns for every label, so the intervals of different labels come from the same resamples.
    draws = rng.integers(0, len(turn_ids), size=(bootstrap, len(turn_ids))) if turn_ids and bootstrap else None
    weights = np.zeros((bootstrap, len(turn_ids))) if draws is not None else None
    if draws is not None and weights is not None:
        np.add.at(weights, (np.repeat(np.arange(bootstrap), len(turn_ids)), draws.ravel()), 1)

    labels: list[LabelAgreement] = []
    for part, names in PART_LABELS.items():
        for label in names:
            per_turn = np.zeros((len(turn_ids), 4), dtype=float)
            total = Counts()
            turns: set[int] = set()
            for j in found:
                decided = j.decided.get(part)
                if decided is None or label not in decided:
                    continue
                cell = _cell(decided[label], label in j.tool[part])
                total = total + cell
                row = position[(j.conversation_id, j.turn_index)]
                turns.add(row)
                per_turn[row] += (cell.tp, cell.fp, cell.fn, cell.tn)
            if total.n == 0:
                continue
            labels.append(_agreement(part, label, total, len(turns), per_turn, weights))

    return CalibrationReport(
        reviews=n_reviews,
        reviewers=sorted({j.reviewer for j in found}),
        turns=len(turn_ids),
        judgements=len(found),
        stale=stale,
        since=str(since) if since is not None else None,
        bootstrap=bootstrap,
        seed=seed,
        labels=labels,
        raters=_raters(found),
        spans=_spans(found),
        trend=_trend(found),
        confusions=_confusions(found),
        rules=_rules(found),
    )


def _agreement(part: str, label: str, total: Counts, turns: int, per_turn: np.ndarray,
               weights: np.ndarray | None) -> LabelAgreement:
    score = total.score()
    p_samples: list[float | None] = []
    r_samples: list[float | None] = []
    k_samples: list[float | None] = []
    if weights is not None:
        for tp, fp, fn, tn in np.rint(weights @ per_turn).astype(int).tolist():
            sample = Counts(tp, fp, fn, tn)
            s = sample.score()
            p_samples.append(s.tp / s.predicted if s.predicted else None)
            r_samples.append(s.tp / s.support if s.support else None)
            k_samples.append(sample.kappa())
    return LabelAgreement(
        part=part, label=label, counts=total, turns=turns,
        precision=Estimate(score.tp / score.predicted if score.predicted else None, *_interval(p_samples)),
        recall=Estimate(score.tp / score.support if score.support else None, *_interval(r_samples)),
        kappa=Estimate(total.kappa(), *_interval(k_samples)),
    )


def _raters(found: list[TurnJudgement]) -> list[RaterAgreement]:
    by_turn: dict[tuple[str, int], list[TurnJudgement]] = defaultdict(list)
    for j in found:
        by_turn[(j.conversation_id, j.turn_index)].append(j)
    per_label: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for group in by_turn.values():
        for a, b in combinations(sorted(group, key=lambda j: j.reviewer), 2):
            for part in PART_LABELS:
                da, db = a.decided.get(part), b.decided.get(part)
                if da is None or db is None:
                    continue
                for label in set(da) & set(db):
                    per_label[(part, label)] = per_label[(part, label)] + _cell(da[label], db[label])
    out: list[RaterAgreement] = []
    for part, names in PART_LABELS.items():
        rows = [(label, per_label[(part, label)]) for label in names if (part, label) in per_label]
        if not rows:
            continue
        pooled = Counts()
        for _, counts in rows:
            pooled = pooled + counts
        out.append(RaterAgreement(part, "(all)", pooled))
        out += [RaterAgreement(part, label, counts) for label, counts in rows]
    return out


def _spans(found: list[TurnJudgement]) -> list[tuple[str, LabelScore, int]]:
    scores = {s: LabelScore(s) for s in PART_LABELS["strategies"]}
    used: Counter[str] = Counter()
    for j in found:
        if not j.gold_spans and not j.tool_spans:
            continue
        tokens = word_tokens(j.reply)
        for strategy in scores:
            if strategy not in j.tool_spans and strategy not in j.gold_spans:
                continue
            gold, predicted = j.gold_spans.get(strategy, []), j.tool_spans.get(strategy, [])
            if not gold and not predicted:
                continue
            add_token_overlap(scores[strategy], tokens_covered(tokens, gold), tokens_covered(tokens, predicted))
            used[strategy] += 1
    return [(s, score, used[s]) for s, score in scores.items() if used[s]]


def _trend(found: list[TurnJudgement]) -> list[WeekTrend]:
    pooled: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for j in found:
        for part, decided in j.decided.items():
            for label, gold in decided.items():
                pooled[(j.week, part)] = pooled[(j.week, part)] + _cell(gold, label in j.tool[part])
    order = list(PART_LABELS)
    return [WeekTrend(week, part, counts)
            for (week, part), counts in sorted(pooled.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1])))]


def _confusions(found: list[TurnJudgement]) -> list[Confusion]:
    table: dict[tuple[str, str, str], Confusion] = {}
    for j in found:
        for part, tool, reviewer in j.confusions:
            row = table.setdefault((part, tool, reviewer), Confusion(part, tool, reviewer))
            row.count += 1
            if len(row.examples) < EXAMPLES and j.ref not in row.examples:
                row.examples.append(j.ref)
    order = list(PART_LABELS)
    return sorted(table.values(), key=lambda c: (order.index(c.part), -c.count, c.tool == NONE, c.tool, c.reviewer))


def _rules(found: list[TurnJudgement]) -> list[RuleRecord]:
    table: dict[str, RuleRecord] = {}
    for j in found:
        for verdict in j.rules:
            row = table.setdefault(verdict.evidence_id, RuleRecord(verdict.evidence_id))
            if verdict.rejected:
                row.rejected += 1
                if len(row.examples) < EXAMPLES:
                    row.examples.append({"turn": j.ref, "reviewer": j.reviewer, "label": verdict.label})
            else:
                row.confirmed += 1
    rejected = [r for r in table.values() if r.rejected]
    return sorted(rejected, key=lambda r: (-r.rejected, -r.reject_rate, r.evidence_id))
