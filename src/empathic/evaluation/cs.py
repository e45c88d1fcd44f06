"""Evaluation on labelled customer-service exchanges (``cs`` format): the project's own and real ones.

Every judgement empathic makes is scored here: strategies per exchange, the words that
carry them (token-level span F1), pitfalls, the customer's emotions and self-criticism.
On real replies strategies are rare (7 of 583 twcs dev replies use one), so precision alone
hides how often the analyzer claims empathy where there is none: every run also counts the
*false alarms per 100 replies that use no strategy* (gold strategies empty, any predicted
strategy is one), per strategy and in total, and breaks them down by the rule or head whose
evidence supported each one. Files whose labels came from two labelling passes (twcs) list
the labels the passes split on in ``uncertain``; the scores are also given without those.

:func:`evaluate_cs_items` scores any list of items, so a caller that trains on part of a
file (k-fold cross-validation) can evaluate on the held-out part alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from empathic.evaluation.metrics import (
    Average,
    LabelScore,
    MultiLabelCounter,
    add_token_overlap,
    locate,
    macro_average,
    tokens_covered,
    word_tokens,
)
from empathic.evaluation.readers import CsItem, read_cs
from empathic.evaluation.result import Breakdown, EvalResult, Section
from empathic.evaluation.runner import Analyzer, Loop, ProgressFn, analyze_fn
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES, Analysis

#: Rows of the false-alarm source table shown in Markdown and the terminal (JSON has them all).
TOP_SOURCES = 15


@dataclass(slots=True)
class FalseAlarms:
    """Strategies claimed in replies whose gold labels use none, counted per strategy and per evidence id.

    ``quiet`` counts the replies that use no strategy; ``by_strategy`` the ones among them where
    each strategy was claimed; ``by_id`` how many false alarms each rule or head supported, and
    ``alone`` how many of those it raised with no other rule or head agreeing.
    """

    quiet: int = 0
    replies: int = 0
    by_strategy: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STRATEGIES, 0))
    by_id: dict[str, int] = field(default_factory=dict)
    alone: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """False alarms: (reply, strategy) pairs claimed in replies that use no strategy."""
        return sum(self.by_strategy.values())

    def per100(self, n: int) -> float | None:
        """``n`` per 100 replies that use no strategy (None when there are none)."""
        return 100.0 * n / self.quiet if self.quiet else None

    def add(self, gold: Iterable[str], analysis: Analysis, *, ignore: frozenset[str] = frozenset()) -> None:
        """Count one reply; ``ignore`` holds strategies that are not scored for it (labels the passes split on)."""
        if set(gold) - ignore:
            return
        self.quiet += 1
        claimed = [s for s in analysis.strategies if s not in ignore]
        if claimed:
            self.replies += 1
        for strategy in claimed:
            self.by_strategy[strategy] += 1
            ids = list(
                dict.fromkeys(
                    e.id
                    for f in analysis.findings
                    if f.strategy == strategy
                    for e in f.evidence
                    if e.effect == "support" and e.kind in ("rule", "head")
                )
            )
            for rid in ids or ["(no evidence)"]:
                self.by_id[rid] = self.by_id.get(rid, 0) + 1
            if len(ids) == 1:
                self.alone[ids[0]] = self.alone.get(ids[0], 0) + 1

    def breakdowns(self) -> list[Breakdown]:
        """The per-strategy table and the by-source table (top :data:`TOP_SOURCES` rows)."""
        rows = [[s, f"{n:,}", _per(self.per100(n))] for s, n in self.by_strategy.items()]
        rows.append(["**total**", f"{self.total:,}", _per(self.per100(self.total))])
        rows.append(["replies with any", f"{self.replies:,}", _per(self.per100(self.replies))])
        ranked = sorted(self.by_id.items(), key=lambda kv: (-kv[1], kv[0]))
        sources = [[f"`{rid}`", f"{n:,}", _per(self.per100(n)), f"{self.alone.get(rid, 0):,}"] for rid, n in ranked]
        if not sources:
            sources = [["(no false alarm)", "0", _per(self.per100(0)), "0"]]
        more = len(sources) - TOP_SOURCES
        if more > 0:
            rest = sum(n for _, n in ranked[TOP_SOURCES:])
            sources = [*sources[:TOP_SOURCES], [f"{more} more ids", f"{rest:,}", "", ""]]
        return [
            Breakdown(
                "false_alarms",
                f"False alarms per 100 replies that use no strategy ({self.quiet:,} such replies)",
                ["strategy claimed", "false alarms", "per 100"],
                rows,
            ),
            Breakdown(
                "false_alarms_sources",
                "False alarms by the rule or head that raised them",
                ["evidence id", "false alarms it supported", "per 100", "raised alone"],
                sources,
            ),
        ]

    def to_dict(self) -> dict[str, object]:
        """Every count, the rates per 100 and the full by-id table (JSON)."""
        return {
            "quiet_replies": self.quiet,
            "false_alarms": self.total,
            "per_100": _round(self.per100(self.total)),
            "replies_with_any": self.replies,
            "by_strategy": {s: {"count": n, "per_100": _round(self.per100(n))} for s, n in self.by_strategy.items()},
            "by_id": {
                rid: {"count": n, "per_100": _round(self.per100(n)), "alone": self.alone.get(rid, 0)}
                for rid, n in sorted(self.by_id.items(), key=lambda kv: (-kv[1], kv[0]))
            },
        }


def _per(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _prf(avg: Average) -> str:
    return " / ".join("–" if v is None else f"{v:.3f}" for v in (avg.precision, avg.recall, avg.f1))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def evaluate_cs(
    path: str | Path,
    *,
    analyzer: Analyzer | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Score ``analyzer`` (default: the default pipeline) against a ``cs`` JSONL file."""
    return evaluate_cs_items(read_cs(path), source=str(path), analyzer=analyzer, limit=limit, progress=progress)


def evaluate_cs_items(
    items: Iterable[CsItem],
    *,
    source: str = "records",
    analyzer: Analyzer | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Score ``analyzer`` against any ``cs`` items (a whole file, or the held-out fold of a cross-validation)."""
    analyze = analyze_fn(analyzer)
    strategies = MultiLabelCounter(STRATEGIES)
    spans = {s: LabelScore(s) for s in STRATEGIES}
    pitfalls = MultiLabelCounter(PITFALL_KINDS)
    emotions = MultiLabelCounter(EMOTIONS)
    self_critical = LabelScore("self_critical")
    alarms = FalseAlarms()
    # the same scores with the labels the two labelling passes split on left out, item by item
    certain = {
        "strategies": MultiLabelCounter(STRATEGIES),
        "pitfalls": MultiLabelCounter(PITFALL_KINDS),
        "emotions": MultiLabelCounter(EMOTIONS),
    }
    certain_alarms = FalseAlarms()
    uncertain_items = 0

    def step(item: CsItem) -> None:
        nonlocal uncertain_items
        a = analyze(item.customer, item.reply)
        strategies.add(item.strategies, a.strategies)
        tokens = word_tokens(item.reply)
        for s in STRATEGIES:
            gold: list[tuple[int, int]] = []
            for text in item.spans.get(s, ()):
                where = locate(item.reply, text, gold)
                if where is not None:
                    gold.append(where)
            predicted = [(f.span.start, f.span.end) for f in a.findings if f.strategy == s]
            add_token_overlap(spans[s], tokens_covered(tokens, gold), tokens_covered(tokens, predicted))
        pitfalls.add(item.pitfalls, a.pitfall_kinds)
        emotions.add(item.emotions, a.customer.labels)
        self_critical.add(item.self_critical, a.customer.self_critical)
        alarms.add(item.strategies, a)
        skip = item.uncertain
        uncertain_items += bool(skip)
        certain["strategies"].add(item.strategies - skip, set(a.strategies) - skip)
        certain["pitfalls"].add(item.pitfalls - skip, set(a.pitfall_kinds) - skip)
        certain["emotions"].add(item.emotions - skip, set(a.customer.labels) - skip)
        certain_alarms.add(item.strategies, a, ignore=skip & set(STRATEGIES))

    loop = Loop(progress=progress)
    loop.run(items, step, limit=limit)
    unscored = emotions.unscored | pitfalls.unscored | strategies.unscored
    notes = [
        "Macro averages are over the labels that occur in the gold data or were predicted.",
        f"False alarms: {alarms.total:,} strategies claimed in {alarms.replies:,} of the {alarms.quiet:,} replies that "
        f"use none ({_per(alarms.per100(alarms.total))} per 100). A false alarm counts once for every rule or head "
        "whose evidence supported it; 'raised alone' counts those no other rule or head agreed with.",
    ]
    if unscored:
        notes.append(
            "Predicted labels outside the taxonomy (not scored): "
            + ", ".join(f"{k} ×{v}" for k, v in sorted(unscored.items()))
        )
    sections = [
        Section("strategies", "Strategies", strategies.rows(), unit="exchanges"),
        Section(
            "spans",
            "Strategy spans",
            list(spans.values()),
            unit="word tokens of the replies",
            note="A token counts as predicted when a finding's span overlaps it, as gold when a labelled "
            "span does.",
        ),
        Section("pitfalls", "Pitfalls", pitfalls.rows(), unit="exchanges"),
        Section("emotions", "Customer emotions", emotions.rows(), unit="exchanges"),
        Section("self_critical", "Customer self-criticism", [self_critical], unit="exchanges"),
    ]
    breakdowns = alarms.breakdowns()
    extra: dict[str, object] = {"false_alarms": alarms.to_dict()}
    if uncertain_items:
        # One compact comparison rather than every table twice: the headline numbers with and without.
        rows: list[list[str]] = []
        left_out: dict[str, object] = {"exchanges_with_split_labels": uncertain_items}
        for key, title, counter in (
            ("strategies", "strategies", strategies),
            ("pitfalls", "pitfalls", pitfalls),
            ("emotions", "customer emotions", emotions),
        ):
            everything, without = macro_average(counter.rows()), macro_average(certain[key].rows())
            rows.append([f"{title}: macro P / R / F1", _prf(everything), _prf(without)])
            left_out[key] = without.to_dict()
        rows.append([
            "false alarms per 100 replies that use no strategy",
            f"{_per(alarms.per100(alarms.total))} ({alarms.total} in {alarms.quiet})",
            f"{_per(certain_alarms.per100(certain_alarms.total))} ({certain_alarms.total} in {certain_alarms.quiet})",
        ])
        left_out["false_alarms"] = certain_alarms.to_dict()
        breakdowns.append(
            Breakdown(
                "uncertain",
                f"Labels the two labelling passes split on ({uncertain_items:,} exchanges have some): all labels, "
                "and with those left out (scored neither as gold nor as predicted for that exchange)",
                ["measure", "all labels", "split labels left out"],
                rows,
            )
        )
        extra["uncertain_left_out"] = left_out
    return EvalResult(
        dataset="cs",
        source=source,
        records=loop.records,
        seconds=loop.seconds,
        limit=limit,
        skipped=loop.skipped,
        notes=notes,
        sections=sections,
        breakdowns=breakdowns,
        extra=extra,
    )
