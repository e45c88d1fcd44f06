"""Evaluation on the project's own labelled customer-service exchanges (``cs`` format).

Every judgement empathic makes is scored here: strategies per exchange, the words that
carry them (token-level span F1), pitfalls, the customer's emotions and self-criticism.
"""

from __future__ import annotations

from pathlib import Path

from empathic.evaluation.metrics import (
    LabelScore,
    MultiLabelCounter,
    add_token_overlap,
    locate,
    tokens_covered,
    word_tokens,
)
from empathic.evaluation.readers import CsItem, read_cs
from empathic.evaluation.result import EvalResult, Section
from empathic.evaluation.runner import Analyzer, Loop, ProgressFn, analyze_fn
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES


def evaluate_cs(
    path: str | Path,
    *,
    analyzer: Analyzer | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Score ``analyzer`` (default: the default pipeline) against a ``cs`` JSONL file."""
    analyze = analyze_fn(analyzer)
    strategies = MultiLabelCounter(STRATEGIES)
    spans = {s: LabelScore(s) for s in STRATEGIES}
    pitfalls = MultiLabelCounter(PITFALL_KINDS)
    emotions = MultiLabelCounter(EMOTIONS)
    self_critical = LabelScore("self_critical")

    def step(item: CsItem) -> None:
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

    loop = Loop(progress=progress)
    loop.run(read_cs(path), step, limit=limit)
    unscored = emotions.unscored | pitfalls.unscored | strategies.unscored
    notes = [
        "Macro averages are over the labels that occur in the gold data or were predicted.",
    ]
    if unscored:
        notes.append(
            "Predicted labels outside the taxonomy (not scored): "
            + ", ".join(f"{k} ×{v}" for k, v in sorted(unscored.items()))
        )
    return EvalResult(
        dataset="cs",
        source=str(path),
        records=loop.records,
        seconds=loop.seconds,
        limit=limit,
        skipped=loop.skipped,
        notes=notes,
        sections=[
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
        ],
    )
