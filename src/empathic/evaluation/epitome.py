"""Evaluation on EPITOME (Sharma et al., EMNLP 2020): empathy levels of Reddit mental-health replies.

EPITOME rates each response 0-2 on three dimensions. The data README maps them onto
empathic: ``interpretations`` > 0 means the reply reflects the seeker's feelings or relates
an experience; ``emotional-reactions`` > 0 means it expresses warmth or concern. empathic
has no separate warmth detector, so that dimension is scored twice, once against
reflecting_emotion alone and once against any strategy found, and both rows are reported.
``explorations`` (asking about the seeker's situation) is not an empathic strategy; a
question-mark baseline is reported for reference only. EPITOME is evaluation-only data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from empathic.evaluation.metrics import LabelScore, add_token_overlap, locate, tokens_covered, word_tokens
from empathic.evaluation.readers import EpitomeItem, epitome_files, read_epitome
from empathic.evaluation.result import EvalResult, Section
from empathic.evaluation.runner import Analyzer, Loop, ProgressFn, analyze_fn
from empathic.types import STRATEGIES, Analysis


@dataclass(frozen=True, slots=True)
class Probe:
    """One EPITOME dimension scored against one reading of empathic's analysis."""

    dimension: str
    label: str
    predict: Callable[[Analysis], bool]
    #: Strategies whose finding spans are compared with the rationales (empty: no span comparison).
    span_strategies: tuple[str, ...] = ()
    #: Row label of that span comparison.
    span_label: str = ""


def _found(*strategies: str) -> Callable[[Analysis], bool]:
    wanted = set(strategies)
    return lambda a: bool(wanted.intersection(a.strategies))


PROBES: tuple[Probe, ...] = (
    Probe(
        "interpretations",
        "interpretations ← reflecting_emotion or relating_experience",
        _found("reflecting_emotion", "relating_experience"),
        ("reflecting_emotion", "relating_experience"),
        "interpretations rationales ← reflecting_emotion or relating_experience spans",
    ),
    Probe(
        "emotional-reactions",
        "emotional reactions ← reflecting_emotion",
        _found("reflecting_emotion"),
        ("reflecting_emotion",),
        "emotional reactions rationales ← reflecting_emotion spans",
    ),
    Probe(
        "emotional-reactions",
        "emotional reactions ← any strategy (warmth)",
        _found(*STRATEGIES),
        STRATEGIES,
        "emotional reactions rationales ← spans of any strategy",
    ),
    Probe(
        "explorations",
        "explorations ← reply asks a question (baseline, not an empathic output)",
        lambda a: "?" in a.reply,
    ),
)


def evaluate_epitome(
    path: str | Path,
    *,
    analyzer: Analyzer | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Score ``analyzer`` against an EPITOME folder (all three files) or one dimension's CSV file."""
    analyze = analyze_fn(analyzer)
    dims = set(epitome_files(path))
    probes = [p for p in PROBES if p.dimension in dims]
    levels = [LabelScore(p.label) for p in probes]
    overlap = [LabelScore(p.span_label or p.label) for p in probes]
    unlocated = 0

    def step(item: EpitomeItem) -> None:
        nonlocal unlocated
        a = analyze(item.seeker, item.response)
        tokens = word_tokens(item.response)
        for probe, level_score, span_score in zip(probes, levels, overlap, strict=True):
            positive = item.levels[probe.dimension] > 0
            level_score.add(positive, probe.predict(a))
            if not (positive and probe.span_strategies and item.rationales[probe.dimension]):
                continue
            gold: list[tuple[int, int]] = []
            for text in item.rationales[probe.dimension]:
                where = locate(item.response, text, gold)
                if where is None:
                    unlocated += 1
                else:
                    gold.append(where)
            predicted = [(f.span.start, f.span.end) for f in a.findings if f.strategy in probe.span_strategies]
            add_token_overlap(span_score, tokens_covered(tokens, gold), tokens_covered(tokens, predicted))

    loop = Loop(progress=progress)
    loop.run(read_epitome(path), step, limit=limit)
    span_rows = [s for s, p in zip(overlap, probes, strict=True) if p.span_strategies]
    notes = ["Rows are different tasks, so no average is taken across them."]
    if unlocated:
        notes.append(f"{unlocated:,} rationale fragments were not found in their response and were left out.")
    return EvalResult(
        dataset="epitome",
        source=str(path),
        records=loop.records,
        seconds=loop.seconds,
        limit=limit,
        skipped=loop.skipped,
        notes=notes,
        sections=[
            Section("levels", "EPITOME level > 0", levels, unit="responses", averaged=False),
            Section(
                "rationales",
                "Finding spans vs EPITOME rationales",
                span_rows,
                unit="word tokens of responses with level > 0",
                averaged=False,
                note="Rationales mark the evidence for the whole dimension, wider than one strategy's words; "
                "expect low recall.",
            ),
        ],
    )
