"""Shared helpers for the listen tests: run the customer-side components without the rest of the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from empathic import segment
from empathic.listen import causes, emotions, self_criticism
from empathic.types import Analysis, Exchange


def listen(text: str) -> Analysis:
    """Segment ``text`` and run listen.emotions, listen.causes and listen.self_criticism on it."""
    analysis = Analysis(exchange=Exchange(customer=text))
    for step in (segment.segment, emotions.emotions, causes.causes, self_criticism.self_criticism):
        analysis = step(analysis)
    return analysis


@pytest.fixture
def run_listen():
    """The :func:`listen` helper as a fixture."""
    return listen


@pytest.fixture(scope="session")
def cs_dev_path(shared_data: Path) -> Path:
    """The labelled customer-service dev set in ../shared/data."""
    return shared_data / "cs" / "cs-dev.jsonl"
