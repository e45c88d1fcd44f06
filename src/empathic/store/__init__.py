"""The shared results store: SQLite (WAL) by default, PostgreSQL by URL, one interface.

>>> from empathic.store import open_store
>>> store = open_store("sqlite:///:memory:")
>>> store.count_turns()
0
"""

from empathic.store.results import (
    AgentSummary,
    PeriodSummary,
    ResultStore,
    TensionSummary,
    TurnRecord,
    open_store,
    parse_ts,
    utc_iso,
)
from empathic.store.url import StoreURL, data_home, default_store_url, parse_store_url

#: The web layer's name for the store class.
Store = ResultStore

__all__ = [
    "AgentSummary",
    "PeriodSummary",
    "ResultStore",
    "Store",
    "StoreURL",
    "TensionSummary",
    "TurnRecord",
    "data_home",
    "default_store_url",
    "open_store",
    "parse_store_url",
    "parse_ts",
    "utc_iso",
]
