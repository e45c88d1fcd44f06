"""Evaluation on ESConv (Liu et al., ACL 2021): strategy detection on emotional-support replies.

ESConv labels each supporter reply with one of eight support strategies; three of them
correspond to empathic's strategies (``shared/data/README.md``) and every other label is
a negative for all three. Scored one-vs-rest per strategy. ESConv is evaluation-only data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from empathic.evaluation.metrics import MultiLabelCounter
from empathic.evaluation.readers import EsconvItem, read_esconv
from empathic.evaluation.result import Breakdown, EvalResult, Section
from empathic.evaluation.runner import Analyzer, Loop, ProgressFn, Skip, analyze_fn
from empathic.types import STRATEGIES

#: ESConv strategy label -> empathic strategy (from the data README); other labels map to none.
ESCONV_TO_STRATEGY: dict[str, str] = {
    "Reflection of feelings": "reflecting_emotion",
    "Self-disclosure": "relating_experience",
    "Affirmation and Reassurance": "normalizing",
}


def evaluate_esconv(
    path: str | Path,
    *,
    analyzer: Analyzer | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Score strategy detection of ``analyzer`` against an ESConv JSONL file."""
    analyze = analyze_fn(analyzer)
    counter = MultiLabelCounter(STRATEGIES)
    # How often each strategy fires on each ESConv label: where the false positives come from.
    fired: dict[str, Counter[str]] = {}
    seen: Counter[str] = Counter()
    loop = Loop(progress=progress)

    def step(item: EsconvItem) -> None:
        if not item.customer.strip():
            raise Skip("no seeker turn in the context")
        a = analyze(item.customer, item.reply)
        gold = ESCONV_TO_STRATEGY.get(item.strategy)
        counter.add([gold] if gold else [], a.strategies)
        seen[item.strategy] += 1
        fired.setdefault(item.strategy, Counter()).update(a.strategies)

    loop.run(read_esconv(path), step, limit=limit)
    spread = Breakdown(
        "fired",
        "Share of replies where each strategy was found, by ESConv label",
        ["ESConv label", "replies", *STRATEGIES],
        [
            [label, f"{n:,}", *(f"{fired[label][s] / n:.0%}" for s in STRATEGIES)]
            for label, n in sorted(seen.items(), key=lambda kv: -kv[1])
        ],
    )
    return EvalResult(
        dataset="esconv",
        source=str(path),
        records=loop.records,
        seconds=loop.seconds,
        limit=limit,
        skipped=loop.skipped,
        notes=[
            "Mapping: Reflection of feelings -> reflecting_emotion, Self-disclosure -> relating_experience, "
            "Affirmation and Reassurance -> normalizing; every other ESConv label is a negative for all three.",
            "The customer message is the seeker's last run of turns in the context.",
        ],
        sections=[Section("strategies", "Strategies (one-vs-rest)", counter.rows(), unit="replies")],
        breakdowns=[spread],
    )
