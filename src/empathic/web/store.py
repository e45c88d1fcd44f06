"""The web app's results store: the shared store of :mod:`empathic.store`.

The dashboard, the API and batch scoring read and write the same tables (``conversations``
and ``turn_analyses``, keyed by conversation id + turn index; batch adds
``conversation_metrics``), in SQLite by default or PostgreSQL by URL. This module is the web
layer's import point for it, so the web code names one ``Store`` whatever backs it.
"""

from __future__ import annotations

from pathlib import Path

from empathic.store import AgentSummary, ResultStore, TurnRecord, parse_store_url, parse_ts, utc_iso

Store = ResultStore

__all__ = ["AgentSummary", "Store", "TurnRecord", "parse_store_url", "parse_ts", "sqlite_folder", "utc_iso"]


def sqlite_folder(url: str) -> Path | None:
    """The folder of a SQLite store file (None for PostgreSQL or an in-memory database)."""
    parsed = parse_store_url(url)
    if parsed.kind != "sqlite" or parsed.target == ":memory:":
        return None
    return Path(parsed.target).parent
