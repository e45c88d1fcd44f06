"""The tables of the results store, for SQLite and PostgreSQL.

``conversations`` and ``turn_analyses`` are exactly the tables the web dashboard reads
(see ``empathic.web.store``): one row per conversation, one row per analysed agent turn, with
``strategies``/``pitfalls`` as comma-separated names in canonical order and ``analysis_json`` the
``Analysis.to_dict()`` contract. ``conversation_metrics`` adds what batch scoring knows about a
whole conversation: opportunities, coverage, pitfall counts and the tension trajectory. Tension
sums (not means) are stored so that any grouping can average them exactly with SUM/SUM.
``agents`` holds each agent's display name where an export carries one (Zendesk's users,
Intercom's author names): ids stay the key everywhere, names are what people read.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

#: Columns of conversation_metrics, in table order (the batch writer fills them by name).
METRIC_COLUMNS: tuple[str, ...] = (
    "conversation_id",
    "agent_id",
    "source",
    "started_at",
    "turns",
    "exchanges",
    "opportunities",
    "given",
    "coverage",
    "mean_score",
    "pitfall_count",
    "pitfalls_json",
    "strategies_json",
    "tension_json",
    "tension_start",
    "tension_end",
    "empathic_pairs",
    "empathic_before",
    "empathic_after",
    "reflecting_pairs",
    "reflecting_before",
    "reflecting_after",
    "missing_pairs",
    "missing_before",
    "missing_after",
    "content_hash",
    "input_file",
    "input_line",
    "scored_at",
)

_TYPES = {
    "conversation_id": "TEXT PRIMARY KEY",
    "turns": "INTEGER NOT NULL",
    "exchanges": "INTEGER NOT NULL",
    "opportunities": "INTEGER NOT NULL",
    "given": "INTEGER NOT NULL",
    "pitfall_count": "INTEGER NOT NULL",
    "empathic_pairs": "INTEGER NOT NULL",
    "reflecting_pairs": "INTEGER NOT NULL",
    "missing_pairs": "INTEGER NOT NULL",
    "input_line": "INTEGER",
    "content_hash": "TEXT NOT NULL",
    "scored_at": "TEXT NOT NULL",
}
_REAL = {
    "coverage",
    "mean_score",
    "tension_start",
    "tension_end",
    "empathic_before",
    "empathic_after",
    "reflecting_before",
    "reflecting_after",
    "missing_before",
    "missing_after",
}


def ddl(kind: str) -> str:
    """The CREATE statements for backend ``kind`` (``sqlite`` or ``postgresql``)."""
    real = "DOUBLE PRECISION" if kind == "postgresql" else "REAL"
    metric_cols = ",\n    ".join(
        f"{c} {_TYPES.get(c) or (real if c in _REAL else 'TEXT')}" for c in METRIC_COLUMNS
    )
    return f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    agent_id TEXT,
    source TEXT NOT NULL DEFAULT 'api',
    started_at TEXT,
    meta_json TEXT NOT NULL DEFAULT '{{}}'
);
CREATE TABLE IF NOT EXISTS turn_analyses (
    conversation_id TEXT NOT NULL,
    turn_index INTEGER NOT NULL,
    agent_id TEXT,
    ts TEXT NOT NULL,
    score INTEGER NOT NULL,
    opportunity_class TEXT NOT NULL,
    strategies TEXT NOT NULL DEFAULT '',
    pitfalls TEXT NOT NULL DEFAULT '',
    analysis_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, turn_index)
);
CREATE INDEX IF NOT EXISTS turn_analyses_agent_ts ON turn_analyses (agent_id, ts);
CREATE INDEX IF NOT EXISTS turn_analyses_ts ON turn_analyses (ts);
CREATE INDEX IF NOT EXISTS turn_analyses_score ON turn_analyses (score);
CREATE TABLE IF NOT EXISTS conversation_metrics (
    {metric_cols}
);
CREATE INDEX IF NOT EXISTS conversation_metrics_agent ON conversation_metrics (agent_id, started_at);
CREATE TABLE IF NOT EXISTS agents (id TEXT PRIMARY KEY, name TEXT NOT NULL);
"""
