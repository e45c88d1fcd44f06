"""Regression floors for the rule detectors (no learned heads) on the shared dev sets.

cs-dev is the project's own labelled set: floors sit a little below what the rules reach
(reply-level F1 1.00 and span token F1 1.00 per strategy when measured), so a change that loses
real ground fails. ESConv dev is a different domain with one label per turn; its floors only
guard against a collapse of generality. The counting is ``empathic eval``'s own
(:mod:`empathic.evaluation`); for the full tables of the rules alone run
``empathic eval cs ../shared/data/cs/cs-dev.jsonl`` with the pipeline below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from empathic.evaluation.cs import evaluate_cs
from empathic.evaluation.esconv import evaluate_esconv
from empathic.evaluation.result import EvalResult
from empathic.pipeline import Coach
from empathic.types import STRATEGIES

#: The default pipeline without the learned heads: what the rules alone find.
RULES_PIPELINE = (
    "segment",
    "listen.emotions",
    "listen.causes",
    "listen.self_criticism",
    "detect.relating_experience",
    "detect.reflecting_emotion",
    "detect.normalizing",
    "detect.resolve",
)
CS_F1_FLOOR = 0.92
CS_TOKEN_F1_FLOOR = 0.90
ESCONV_F1_FLOOR = {"relating_experience": 0.40, "reflecting_emotion": 0.20, "normalizing": 0.12}


def _f1(result: EvalResult, section: str, label: str) -> float:
    row = next(r for r in result.section(section).rows if r.label == label)
    return row.f1 or 0.0


@pytest.fixture(scope="module")
def cs_result(shared_data: Path) -> EvalResult:
    return evaluate_cs(shared_data / "cs" / "cs-dev.jsonl", analyzer=Coach(RULES_PIPELINE))


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_cs_dev_reply_level_f1(cs_result: EvalResult, strategy: str) -> None:
    f1 = _f1(cs_result, "strategies", strategy)
    assert f1 >= CS_F1_FLOOR, f"{strategy}: F1 {f1:.3f}"


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_cs_dev_span_token_f1(cs_result: EvalResult, strategy: str) -> None:
    f1 = _f1(cs_result, "spans", strategy)
    assert f1 >= CS_TOKEN_F1_FLOOR, f"{strategy}: token F1 {f1:.3f}"


@pytest.mark.slow
def test_esconv_dev_generalizes(shared_data: Path) -> None:
    result = evaluate_esconv(shared_data / "esconv" / "dev.jsonl", analyzer=Coach(RULES_PIPELINE))
    for strategy, floor in ESCONV_F1_FLOOR.items():
        f1 = _f1(result, "strategies", strategy)
        assert f1 >= floor, f"{strategy}: {f1:.3f}"
