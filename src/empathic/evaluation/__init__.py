"""Measured judgement quality: ``evaluate(dataset, path)`` scores empathic against labelled data.

>>> from empathic.evaluation import evaluate
>>> result = evaluate("cs", "../shared/data/cs/cs-dev.jsonl", limit=10)  # doctest: +SKIP
>>> print(result.to_markdown())  # doctest: +SKIP

Each data set has its own module (``cs``, ``esconv``, ``epitome``, ``goemotions``); they
share the readers, the metrics and the :class:`EvalResult` type. The library never
prints: pass ``progress=callback(done, total)`` to follow a run.
"""

from __future__ import annotations

from pathlib import Path

from empathic.errors import DatasetError
from empathic.evaluation.coaching import evaluate_coaching
from empathic.evaluation.cs import evaluate_cs, evaluate_cs_items
from empathic.evaluation.epitome import evaluate_epitome
from empathic.evaluation.esconv import evaluate_esconv
from empathic.evaluation.goemotions import evaluate_goemotions
from empathic.evaluation.metrics import LabelScore, macro_average, micro_average
from empathic.evaluation.result import EvalResult, Section
from empathic.evaluation.runner import AnalyzeFn, Analyzer, ProgressFn

#: The data sets ``evaluate`` knows, with what each one measures.
DATASETS: dict[str, str] = {
    "cs": "the project's customer-service exchanges: strategies, spans, pitfalls, customer emotions",
    "esconv": "ESConv emotional-support replies: strategy detection, one-vs-rest",
    "epitome": "EPITOME Reddit replies: interpretations and emotional reactions vs strategies found",
    "goemotions": "GoEmotions comments: the customer emotion reading, mapped labels",
    "coaching": "suggestions and rewrites over the messages of a cs or esconv file, re-analysed",
}

_RUNNERS = {
    "cs": evaluate_cs,
    "esconv": evaluate_esconv,
    "epitome": evaluate_epitome,
    "goemotions": evaluate_goemotions,
    "coaching": evaluate_coaching,
}


def evaluate(
    dataset: str,
    path: str | Path,
    *,
    analyzer: Analyzer | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Evaluate ``analyzer`` (default: the default pipeline) on ``dataset`` read from ``path``.

    ``limit`` evaluates only the first N records; ``progress(done, total)`` is called as
    records are scored. DatasetError for an unknown data set or a missing path.
    """
    runner = _RUNNERS.get(dataset)
    if runner is None:
        raise DatasetError(f"unknown data set {dataset!r}; choose one of {', '.join(DATASETS)}")
    return runner(path, analyzer=analyzer, limit=limit, progress=progress)


__all__ = [
    "DATASETS",
    "AnalyzeFn",
    "Analyzer",
    "EvalResult",
    "LabelScore",
    "ProgressFn",
    "Section",
    "evaluate",
    "evaluate_coaching",
    "evaluate_cs",
    "evaluate_cs_items",
    "evaluate_epitome",
    "evaluate_esconv",
    "evaluate_goemotions",
    "macro_average",
    "micro_average",
]
