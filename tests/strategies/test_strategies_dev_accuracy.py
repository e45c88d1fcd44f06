"""Regression floors for the strategy detectors on the shared dev sets.

cs-dev is the project's own labelled set: floors sit a little below what the rules reach
(reply-level F1 1.00 and span token F1 1.00 per strategy when measured), so a change that loses
real ground fails. ESConv dev is a different domain with one label per turn; its floors only
guard against a collapse of generality. Run ``python tests/strategies/strategies_measure.py`` for
the full tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from strategies_measure import measure_cs, measure_esconv

from empathic.types import STRATEGIES

CS_F1_FLOOR = 0.92
CS_TOKEN_F1_FLOOR = 0.90
ESCONV_F1_FLOOR = {"relating_experience": 0.40, "reflecting_emotion": 0.20, "normalizing": 0.12}


@pytest.fixture(scope="module")
def cs_report(shared_data: Path):
    return measure_cs(shared_data / "cs" / "cs-dev.jsonl")


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_cs_dev_reply_level_f1(cs_report, strategy: str) -> None:
    counts = cs_report.reply[strategy]
    assert counts.f1 >= CS_F1_FLOOR, f"{strategy}: F1 {counts.f1:.3f}\n" + "\n".join(cs_report.errors)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_cs_dev_span_token_f1(cs_report, strategy: str) -> None:
    counts = cs_report.tokens[strategy]
    assert counts.f1 >= CS_TOKEN_F1_FLOOR, f"{strategy}: token F1 {counts.f1:.3f}\n" + "\n".join(cs_report.errors)


@pytest.mark.slow
def test_esconv_dev_generalizes(shared_data: Path) -> None:
    report = measure_esconv(shared_data / "esconv" / "dev.jsonl")
    for strategy, floor in ESCONV_F1_FLOOR.items():
        assert report.reply[strategy].f1 >= floor, f"{strategy}: {report.reply[strategy].f1:.3f}"
