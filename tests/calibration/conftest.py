"""Stores holding real analyses to review, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from empathic.store import ResultStore, open_store
from reviewing import EXCHANGES, save


@pytest.fixture()
def store(store_url: str, coach: Any) -> Iterator[ResultStore]:
    """A store (SQLite, then PostgreSQL) with the three EXCHANGES as conversations c0, c1, c2 (turn 1 each)."""
    s = open_store(store_url)
    for i, (customer, reply) in enumerate(EXCHANGES):
        save(s, coach, customer, reply, f"c{i}")
    yield s
    s.close()
