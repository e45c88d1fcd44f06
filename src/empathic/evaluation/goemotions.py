"""Evaluation of the customer-side emotion reading on GoEmotions (Demszky et al. 2020).

GoEmotions' 28 labels are mapped onto the customer-service taxonomy with the packaged,
documented table ``resources/evaluation/goemotions_map.json``, and the reading is scored
per mapped label. The reading comes from the analyzer's ``customer.labels`` unless a
``predict`` function is given; a ``predict_fine`` function that names GoEmotions labels
(a future fine-grained model) adds a table over the 28 original labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from empathic.errors import ResourceError
from empathic.evaluation.metrics import MultiLabelCounter
from empathic.evaluation.readers import GoEmotionsItem, goemotions_labels, read_goemotions, resolve_file
from empathic.evaluation.result import EvalResult, Section
from empathic.evaluation.runner import Analyzer, Loop, ProgressFn, analyze_fn
from empathic.resources import resource_json
from empathic.types import EMOTIONS

#: ``predict(text) -> labels``: an emotion reader judged by this evaluation.
LabelPredictor = Callable[[str], Iterable[str]]


@lru_cache(maxsize=1)
def goemotions_map() -> dict[str, str | None]:
    """GoEmotions label -> customer-service emotion (None: no counterpart), from the packaged table."""
    table = resource_json("evaluation", "goemotions_map.json").get("map")
    if not isinstance(table, dict):
        raise ResourceError("packaged resource evaluation/goemotions_map.json has no 'map' object")
    bad = [v for v in table.values() if v is not None and v not in EMOTIONS]
    if bad:
        raise ResourceError(f"evaluation/goemotions_map.json maps onto unknown emotions: {', '.join(bad)}")
    return dict(table)


def map_labels(labels: Iterable[str]) -> set[str]:
    """The customer-service emotions that GoEmotions ``labels`` stand for (unmapped ones dropped)."""
    table = goemotions_map()
    return {m for label in labels if (m := table.get(label)) is not None}


def evaluate_goemotions(
    path: str | Path,
    *,
    analyzer: Analyzer | None = None,
    predict: LabelPredictor | None = None,
    predict_fine: LabelPredictor | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Score the customer emotion reading against a GoEmotions TSV file (``labels.txt`` beside it).

    ``predict`` replaces the analyzer's reading (it must return customer-service emotions);
    ``predict_fine``, when given, is scored on GoEmotions' own labels in a second table.
    """
    explicit_fine = predict_fine is not None
    # With the analyzer's own reading, its fine-grained labels (customer.fine_emotions, filled when a
    # learned emotion model is in the pipeline) are scored too, from the same analysis.
    fine_ran: list[bool] = []
    if predict is None:
        analyze = analyze_fn(analyzer)
        last: dict[str, list[str]] = {}

        def predict(text: str) -> list[str]:
            a = analyze(text, None)
            last["fine"] = [e.label for e in a.customer.fine_emotions]
            if "listen.emotion_model" in a.components and not fine_ran:
                fine_ran.append(True)
            return a.customer.labels

        if predict_fine is None:

            def predict_fine(text: str) -> list[str]:
                return last.pop("fine", [])

    table = goemotions_map()
    file = resolve_file(path, "goemotions")
    names = goemotions_labels(file)
    unknown = [n for n in names if n not in table]
    if unknown:
        raise ResourceError(
            f"GoEmotions labels {', '.join(unknown)} of {file.parent / 'labels.txt'} are missing from "
            "evaluation/goemotions_map.json"
        )
    scored = [e for e in EMOTIONS if e in set(table.values())]
    mapped = MultiLabelCounter(scored)
    fine = MultiLabelCounter(names) if predict_fine is not None else None

    def step(item: GoEmotionsItem) -> None:
        mapped.add(map_labels(item.labels), predict(item.text))
        if fine is not None and predict_fine is not None:
            fine.add(item.labels, predict_fine(item.text))

    loop = Loop(progress=progress)
    loop.run(read_goemotions(file), step, limit=limit)
    notes = [
        "GoEmotions labels are mapped onto the customer-service taxonomy by "
        "resources/evaluation/goemotions_map.json (anger, disgust -> anger; annoyance -> frustration; "
        "nervousness -> anxiety; grief, remorse -> sadness; positive and cognitive labels -> none).",
        "Macro averages are over the labels that occur in the gold data or were predicted.",
    ]
    if mapped.unscored:
        notes.append(
            "Readings GoEmotions cannot score (no source label): "
            + ", ".join(f"{k} ×{v}" for k, v in sorted(mapped.unscored.items()))
        )
    sections = [Section("emotions", "Customer emotions (mapped GoEmotions labels)", mapped.rows(), unit="comments")]
    if fine is not None and (explicit_fine or fine_ran):
        sections.append(Section("goemotions", "GoEmotions labels (fine-grained)", fine.rows(), unit="comments"))
    return EvalResult(
        dataset="goemotions",
        source=str(path),
        records=loop.records,
        seconds=loop.seconds,
        limit=limit,
        skipped=loop.skipped,
        notes=notes,
        sections=sections,
    )
