"""The results store: one interface over SQLite (default) and PostgreSQL for every surface.

The web dashboard, the API and batch scoring all read and write the same three tables (see
:mod:`empathic.store.schema`). Writes are idempotent: a conversation is keyed by its id, and
storing it again replaces its turns and metrics in one transaction, so a killed batch job can be
rerun and ends with exactly the rows of an uninterrupted run. Timestamps are UTC ISO 8601
strings ending in ``Z``, so text order is time order in both databases.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from empathic.errors import ConfigError, EnvironmentFailure, InputError, TimestampError
from empathic.store.backends import Backend, connect
from empathic.store.schema import METRIC_COLUMNS, SCHEMA_VERSION, ddl
from empathic.store.stories import StoryTable
from empathic.store.url import parse_store_url
from empathic.types import PITFALL_KINDS, STRATEGIES, Analysis

Period = Literal["day", "week", "month"]
_NEEDED = ("needed_and_given", "needed_but_missing")


def utc_iso(value: datetime | None = None) -> str:
    """``value`` (default: now) as a UTC ISO 8601 string ending in ``Z``; naive times are taken as UTC.

    TimestampError (an InputError, so a ValueError) when the time has no UTC equivalent in years
    1-9999, like ``0001-01-01T00:00:00+14:00`` or ``9999-12-31T23:59:59-14:00``.
    """
    value = value or datetime.now(UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        # isoformat, not strftime("%Y"): glibc writes year 1 as "1", which neither sorts nor parses back.
        return value.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    except OverflowError:
        raise TimestampError(f"time {value.isoformat()} is out of range: in UTC it falls outside years 1-9999") \
            from None


def parse_ts(value: str) -> datetime:
    """Parse an ISO 8601 timestamp (``Z`` allowed); ValueError on garbage."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """One stored turn analysis."""

    conversation_id: str
    turn_index: int
    agent_id: str | None
    ts: str
    score: int
    opportunity_class: str
    strategies: list[str]
    pitfalls: list[str]
    analysis: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON form used by GET /v1/results."""
        return {
            "conversation_id": self.conversation_id,
            "turn_index": self.turn_index,
            "agent_id": self.agent_id,
            "ts": self.ts,
            "score": self.score,
            "opportunity_class": self.opportunity_class,
            "strategies": self.strategies,
            "pitfalls": self.pitfalls,
            "analysis": self.analysis,
        }


@dataclass(frozen=True, slots=True)
class AgentSummary:
    """Aggregates of one agent's stored turns."""

    agent_id: str | None
    turns: int
    conversations: int
    mean_score: float
    strategy_rates: dict[str, float]
    pitfall_rates: dict[str, float]
    opportunities: int
    opportunities_met: int

    @property
    def coverage(self) -> float | None:
        """Share of turns that needed empathy and got it (None when none needed it)."""
        return self.opportunities_met / self.opportunities if self.opportunities else None


@dataclass(frozen=True, slots=True)
class PeriodSummary:
    """Aggregates of one agent (or everyone, ``agent_id`` None) over one period."""

    period: str
    agent_id: str | None
    turns: int
    mean_score: float
    opportunities: int
    opportunities_met: int

    @property
    def coverage(self) -> float | None:
        """Needed and given / needed (None when no turn needed empathy)."""
        return self.opportunities_met / self.opportunities if self.opportunities else None


@dataclass(frozen=True, slots=True)
class TensionSummary:
    """Customer negativity before and after agent turns of one kind, averaged over turn pairs."""

    kind: str
    pairs: int
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """``after - before``: negative means the customer calmed down."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def _names(text: str) -> list[str]:
    return [t for t in (text or "").split(",") if t]


def _row_to_record(row: dict[str, Any]) -> TurnRecord:
    return TurnRecord(
        conversation_id=row["conversation_id"],
        turn_index=int(row["turn_index"]),
        agent_id=row["agent_id"],
        ts=row["ts"],
        score=int(row["score"]),
        opportunity_class=row["opportunity_class"],
        strategies=_names(row["strategies"]),
        pitfalls=_names(row["pitfalls"]),
        analysis=json.loads(row["analysis_json"]),
    )


def _has(column: str) -> str:
    # Portable "this comma list holds that name": the pattern travels as a parameter.
    return f"(CASE WHEN (',' || {column} || ',') LIKE ? THEN 1 ELSE 0 END)"


def _turn_row(
    conversation_id: str, index: int, agent_id: str | None, ts: str, data: dict[str, Any], now: str
) -> tuple[Any, ...]:
    kinds = {p["kind"] for p in data.get("pitfalls", [])}
    return (
        conversation_id,
        int(index),
        agent_id,
        ts,
        int(data["score"]),
        str(data["opportunity_class"]),
        ",".join(s for s in STRATEGIES if s in data.get("strategies", [])),
        ",".join(k for k in PITFALL_KINDS if k in kinds),
        json.dumps(data, ensure_ascii=False, sort_keys=True),
        now,
    )


_INSERT_TURN = """INSERT INTO turn_analyses (conversation_id, turn_index, agent_id, ts, score,
    opportunity_class, strategies, pitfalls, analysis_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_UPSERT_TURN = _INSERT_TURN + """ ON CONFLICT (conversation_id, turn_index) DO UPDATE SET
    agent_id=excluded.agent_id, ts=excluded.ts, score=excluded.score,
    opportunity_class=excluded.opportunity_class, strategies=excluded.strategies, pitfalls=excluded.pitfalls,
    analysis_json=excluded.analysis_json, created_at=excluded.created_at"""
_UPSERT_AGENT = "INSERT INTO agents (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name=excluded.name"
_UPSERT_CONVERSATION = """INSERT INTO conversations (id, agent_id, source, started_at, meta_json)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET agent_id=excluded.agent_id, source=excluded.source,
      started_at=COALESCE(excluded.started_at, conversations.started_at), meta_json=excluded.meta_json"""
_UPSERT_METRICS = (
    f"INSERT INTO conversation_metrics ({', '.join(METRIC_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in METRIC_COLUMNS)}) ON CONFLICT (conversation_id) DO UPDATE SET "
    + ", ".join(f"{c}=excluded.{c}" for c in METRIC_COLUMNS[1:])
)


class ResultStore(StoryTable):
    """Conversations, turn analyses, conversation metrics and agents' stories in SQLite or PostgreSQL. Thread-safe."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        """Open the store at ``url``; with ``create=False`` (reading) it must exist and be an empathic store.

        Reading never creates: a mistyped path is an InputError naming it, not a new empty database.
        """
        self.url = parse_store_url(url)
        self.kind = self.url.kind
        self._db = connect(self.url, create=create)
        if not create:
            self._check_is_store()
        self._db.script(ddl(self.kind))
        self._migrate()

    def _migrate(self) -> None:
        """Record this layout's version; an older store has just been given the tables it lacked (by the DDL).

        A store written by a newer empathic is refused rather than half-understood.
        """
        rows = self._db.query("SELECT value FROM meta WHERE key = 'schema_version'")
        found = int(rows[0]["value"]) if rows and str(rows[0]["value"]).isdigit() else None
        if found is not None and found > SCHEMA_VERSION:
            self._db.close()
            raise ConfigError(f"{self.url.redacted()} was written by a newer empathic (store layout {found}, this "
                              f"one reads up to {SCHEMA_VERSION}); upgrade empathic to use it")
        if found != SCHEMA_VERSION:
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def _check_is_store(self) -> None:
        try:
            rows = self._db.query("SELECT value FROM meta WHERE key = 'schema_version'")
        except EnvironmentFailure:
            raise
        except Exception:  # no meta table: some other database
            rows = []
        if not rows:
            self._db.close()
            raise InputError(f"{self.url.redacted()} is not an empathic results store (no schema version in it); "
                             "check the --store path")

    @property
    def db(self) -> Backend:
        """The database connection, for modules that own a table of the store (calibration reviews)."""
        return self._db

    @property
    def schema_version(self) -> int:
        """The layout version recorded in the store (:data:`empathic.store.schema.SCHEMA_VERSION` once opened)."""
        return int(self._db.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"])

    @property
    def path(self) -> str:
        """The SQLite file path, or the redacted PostgreSQL URL."""
        return self.url.target if self.kind == "sqlite" else self.url.redacted()

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ping(self) -> bool:
        """True when the database answers a query on each table of the store (one row each, so it stays cheap).

        ``SELECT 1`` alone succeeds on a damaged SQLite file or a database whose tables were dropped.
        """
        try:
            for table in ("meta", "conversations", "turn_analyses", "conversation_metrics", "reviews", "stories"):
                self._db.query(f"SELECT * FROM {table} LIMIT 1")  # *: the table itself, not a covering index
        except Exception:  # any driver error means "not reachable"; the caller reports it
            return False
        return True

    # ----- writing: single analyses (web/API) --------------------------------------------------

    def save_conversation(
        self,
        conversation_id: str,
        *,
        agent_id: str | None = None,
        source: str = "api",
        started_at: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        """Insert or update one conversation row."""
        with self._db.tx() as tx:
            tx.execute(_UPSERT_CONVERSATION, (conversation_id, agent_id, source, started_at, json.dumps(meta or {})))

    def save_turns(
        self,
        conversation_id: str,
        turns: Sequence[tuple[int, Analysis | dict[str, Any], str | None]],
        *,
        agent_id: str | None = None,
    ) -> None:
        """Insert or replace turn analyses ``(turn_index, analysis, ts)`` of one conversation at once."""
        now = utc_iso()
        rows = [
            _turn_row(conversation_id, index, agent_id, ts or now,
                      analysis.to_dict() if isinstance(analysis, Analysis) else analysis, now)
            for index, analysis, ts in turns
        ]
        with self._db.tx() as tx:
            tx.executemany(_UPSERT_TURN, rows)

    def save_analysis(
        self,
        analysis: Analysis | dict[str, Any],
        *,
        conversation_id: str | None = None,
        agent_id: str | None = None,
        ts: str | None = None,
        source: str = "api",
    ) -> tuple[str, int]:
        """Store one analysis as the next turn of ``conversation_id`` (a new conversation when None)."""
        conversation_id = conversation_id or f"{source}-{uuid.uuid4().hex[:12]}"
        now = utc_iso()
        ts = ts or now
        data = analysis.to_dict() if isinstance(analysis, Analysis) else analysis
        with self._db.tx() as tx:
            tx.execute(
                "INSERT INTO conversations (id, agent_id, source, started_at, meta_json) VALUES (?, ?, ?, ?, '{}') "
                "ON CONFLICT (id) DO NOTHING",
                (conversation_id, agent_id, source, ts),
            )
            rows = tx.query(
                "SELECT COALESCE(MAX(turn_index) + 1, 0) AS n FROM turn_analyses WHERE conversation_id = ?",
                (conversation_id,),
            )
            index = int(rows[0]["n"])
            tx.execute(_UPSERT_TURN, _turn_row(conversation_id, index, agent_id, ts, data, now))
        return conversation_id, index

    # ----- writing: whole scored conversations (batch) -----------------------------------------

    def write_scored(self, results: Iterable[dict[str, Any]]) -> int:
        """Store scored conversations (``score_batch`` output) in ONE transaction; returns how many.

        Each conversation replaces whatever was stored under its id (its turns are deleted and
        written again), so writing the same result twice leaves the same rows.
        """
        now = utc_iso()
        conv_rows, turn_rows, metric_rows, ids = [], [], [], []
        results_list = list(results)
        for res in results_list:
            conv = res["conversation"]
            cid = conv["id"]
            ids.append((cid,))
            conv_rows.append((cid, conv.get("agent_id"), conv.get("source") or "batch", conv.get("started_at"),
                              json.dumps(conv.get("meta") or {}, ensure_ascii=False, sort_keys=True)))
            for t in res["turns"]:
                turn_rows.append(_turn_row(cid, t["turn_index"], conv.get("agent_id"), t["ts"], t["analysis"], now))
            metrics = {**res["metrics"], "conversation_id": cid, "scored_at": now}
            metric_rows.append(tuple(metrics.get(c) for c in METRIC_COLUMNS))
        if not ids:
            return 0
        names = {
            str(conv["agent_id"]): name
            for conv in (res["conversation"] for res in results_list)
            if conv.get("agent_id") is not None
            and isinstance(name := (conv.get("meta") or {}).get("agent_name"), str) and name.strip()
        }
        with self._db.tx() as tx:
            tx.executemany(_UPSERT_CONVERSATION, conv_rows)
            if names:
                tx.executemany(_UPSERT_AGENT, sorted(names.items()))
            tx.executemany("DELETE FROM turn_analyses WHERE conversation_id = ?", ids)
            tx.executemany(_INSERT_TURN, turn_rows)
            tx.executemany(_UPSERT_METRICS, metric_rows)
        return len(ids)

    def completed(self, ids: Sequence[str]) -> dict[str, str]:
        """``{conversation id: content hash}`` for those of ``ids`` already fully scored.

        Asked batch by batch (never "all ids"), so resuming a run of millions stays in bounded memory.
        """
        out: dict[str, str] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            rows = self._db.query(
                "SELECT conversation_id, content_hash FROM conversation_metrics WHERE conversation_id IN "
                f"({', '.join('?' for _ in chunk)})",
                chunk,
            )
            out.update({r["conversation_id"]: r["content_hash"] for r in rows})
        return out

    def completed_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` whose conversation is fully scored in the store."""
        return set(self.completed(ids))

    # ----- reading: turns -----------------------------------------------------------------------

    @staticmethod
    def _where(
        agent_id: str | None, conversation_id: str | None, since: str | None, until: str | None
    ) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if agent_id is not None:
            clauses.append("agent_id = ?")
            params.append(agent_id)
        if conversation_id is not None:
            clauses.append("conversation_id = ?")
            params.append(conversation_id)
        if since is not None:
            clauses.append("ts >= ?")
            params.append(since)
        if until is not None:
            clauses.append("ts < ?")
            params.append(until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count_turns(self, *, agent_id: str | None = None) -> int:
        """How many turn analyses are stored (for one agent when given)."""
        where, params = self._where(agent_id, None, None, None)
        return int(self._db.query(f"SELECT COUNT(*) AS n FROM turn_analyses{where}", params)[0]["n"])

    def count_conversations(self) -> int:
        """How many conversations have batch metrics stored."""
        return int(self._db.query("SELECT COUNT(*) AS n FROM conversation_metrics")[0]["n"])

    def results(
        self,
        *,
        agent_id: str | None = None,
        conversation_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[TurnRecord]]:
        """Stored turns, newest first, with the total that matched the filters."""
        where, params = self._where(agent_id, conversation_id, since, until)
        total = int(self._db.query(f"SELECT COUNT(*) AS n FROM turn_analyses{where}", params)[0]["n"])
        rows = self._db.query(
            f"SELECT * FROM turn_analyses{where} ORDER BY ts DESC, conversation_id, turn_index LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return total, [_row_to_record(r) for r in rows]

    def turn(self, conversation_id: str, turn_index: int) -> TurnRecord | None:
        """One stored turn analysis, or None when that turn is not stored."""
        rows = self._db.query("SELECT * FROM turn_analyses WHERE conversation_id = ? AND turn_index = ?",
                              (conversation_id, int(turn_index)))
        return _row_to_record(rows[0]) if rows else None

    def turns_of(self, conversation_ids: Sequence[str]) -> dict[tuple[str, int], TurnRecord]:
        """Every stored turn of the given conversations, by ``(conversation id, turn index)``; asked in chunks."""
        out: dict[tuple[str, int], TurnRecord] = {}
        unique = list(dict.fromkeys(conversation_ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            rows = self._db.query(
                f"SELECT * FROM turn_analyses WHERE conversation_id IN ({', '.join('?' for _ in chunk)})", chunk
            )
            for r in rows:
                rec = _row_to_record(r)
                out[(rec.conversation_id, rec.turn_index)] = rec
        return out

    def iter_turns(self, *, batch_size: int = 1000) -> Iterator[TurnRecord]:
        """Every stored turn in (conversation id, turn index) order, read page by page (bounded memory)."""
        last: tuple[str, int] | None = None
        while True:
            if last is None:
                rows = self._db.query(
                    "SELECT * FROM turn_analyses ORDER BY conversation_id, turn_index LIMIT ?", (batch_size,)
                )
            else:
                rows = self._db.query(
                    "SELECT * FROM turn_analyses WHERE conversation_id > ? OR (conversation_id = ? AND turn_index > ?)"
                    " ORDER BY conversation_id, turn_index LIMIT ?",
                    (last[0], last[0], last[1], batch_size),
                )
            if not rows:
                return
            for r in rows:
                yield _row_to_record(r)
            last = (rows[-1]["conversation_id"], int(rows[-1]["turn_index"]))

    def iter_metrics(self, *, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every conversation_metrics row in id order, page by page."""
        last: str | None = None
        while True:
            if last is None:
                rows = self._db.query("SELECT * FROM conversation_metrics ORDER BY conversation_id LIMIT ?",
                                      (batch_size,))
            else:
                rows = self._db.query(
                    "SELECT * FROM conversation_metrics WHERE conversation_id > ? ORDER BY conversation_id LIMIT ?",
                    (last, batch_size),
                )
            if not rows:
                return
            yield from rows
            last = rows[-1]["conversation_id"]

    def table_rows(self, table: str, *, exclude: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Every row of ``table`` in key order, without the ``exclude`` columns (for audits and comparisons).

        Loads the whole table: meant for checks on small stores, not for exports (see :meth:`iter_turns`).
        """
        keys = {"conversations": "id", "turn_analyses": "conversation_id, turn_index",
                "conversation_metrics": "conversation_id", "meta": "key", "reviews": "id",
                "stories": "agent_id, position"}
        if table not in keys:
            raise ConfigError(f"unknown table {table!r}; tables: {', '.join(keys)}")
        rows = self._db.query(f"SELECT * FROM {table} ORDER BY {keys[table]}")
        return [{k: v for k, v in r.items() if k not in exclude} for r in rows]

    def extremes(self, *, best: bool, limit: int = 5, needed_only: bool = True) -> list[TurnRecord]:
        """The highest (``best``) or lowest scored turns, one per conversation; by default only turns that needed
        empathy.

        Each conversation shows its best (or worst) turn only, so a list of five is five conversations.
        """
        where = " WHERE opportunity_class IN (?, ?)" if needed_only else ""
        params: list[Any] = list(_NEEDED) if needed_only else []
        order = "DESC" if best else "ASC"
        rows = self._db.query(
            f"""SELECT * FROM (
                    SELECT *, ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY score {order}, turn_index)
                        AS conversation_rank
                    FROM turn_analyses{where}) ranked
                WHERE conversation_rank = 1
                ORDER BY score {order}, conversation_id, turn_index LIMIT ?""",
            [*params, limit],
        )
        return [_row_to_record(r) for r in rows]

    def conversation(self, conversation_id: str) -> tuple[dict[str, Any], list[TurnRecord]] | None:
        """A conversation's row and its turn analyses in order, or None when it is not stored."""
        rows = self._db.query("SELECT * FROM conversations WHERE id = ?", (conversation_id,))
        if not rows:
            return None
        conv = dict(rows[0])
        conv["meta"] = json.loads(conv.pop("meta_json") or "{}")
        turns = self._db.query(
            "SELECT * FROM turn_analyses WHERE conversation_id = ? ORDER BY turn_index", (conversation_id,)
        )
        return conv, [_row_to_record(r) for r in turns]

    def conversation_metrics(self, conversation_id: str) -> dict[str, Any] | None:
        """The batch metrics of one conversation (JSON columns decoded), or None."""
        rows = self._db.query("SELECT * FROM conversation_metrics WHERE conversation_id = ?", (conversation_id,))
        if not rows:
            return None
        row = dict(rows[0])
        for key in ("pitfalls_json", "strategies_json", "tension_json"):
            row[key.removesuffix("_json")] = json.loads(row.pop(key) or "null")
        return row

    def conversations(
        self, *, agent_id: str | None = None, limit: int = 20, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Conversations with their turn count, mean score and last time, latest first."""
        where, params = self._where(agent_id, None, None, None)
        rows = self._db.query(
            f"""SELECT conversation_id AS id, MAX(agent_id) AS agent_id, COUNT(*) AS turns,
                       AVG(score) AS mean_score, MIN(ts) AS first_ts, MAX(ts) AS last_ts,
                       SUM(CASE WHEN pitfalls <> '' THEN 1 ELSE 0 END) AS turns_with_pitfalls
                FROM turn_analyses{where} GROUP BY conversation_id
                ORDER BY last_ts DESC, conversation_id LIMIT ? OFFSET ?""",
            [*params, limit, offset],
        )
        out = []
        for r in rows:
            r = dict(r)
            r["turns"] = int(r["turns"])
            r["mean_score"] = float(r["mean_score"]) if r["mean_score"] is not None else None
            r["turns_with_pitfalls"] = int(r["turns_with_pitfalls"] or 0)
            out.append(r)
        return out

    # ----- reading: aggregates -----------------------------------------------------------------

    def agent_names(self) -> dict[str, str]:
        """``{agent id: display name}`` for the agents whose export named them (the others show as their ids)."""
        return {r["id"]: r["name"] for r in self._db.query("SELECT id, name FROM agents")}

    def agents(self) -> list[str | None]:
        """Every agent id that has stored turns (None for turns without one), sorted."""
        rows = self._db.query("SELECT DISTINCT agent_id FROM turn_analyses")
        return sorted((r["agent_id"] for r in rows), key=lambda a: (a is None, a or ""))

    def agent_summaries(self, *, agent_id: str | None = None) -> list[AgentSummary]:
        """Per-agent aggregates: mean score, share of turns using each strategy and with each pitfall."""
        strat = ", ".join(f"SUM({_has('strategies')}) AS s_{i}" for i, _ in enumerate(STRATEGIES))
        pit = ", ".join(f"SUM({_has('pitfalls')}) AS p_{i}" for i, _ in enumerate(PITFALL_KINDS))
        patterns = [f"%,{s},%" for s in STRATEGIES] + [f"%,{k},%" for k in PITFALL_KINDS]
        where, params = self._where(agent_id, None, None, None)
        rows = self._db.query(
            f"""SELECT agent_id, COUNT(*) AS n, COUNT(DISTINCT conversation_id) AS convs, AVG(score) AS mean,
                       SUM(CASE WHEN opportunity_class IN (?, ?) THEN 1 ELSE 0 END) AS opp,
                       SUM(CASE WHEN opportunity_class = ? THEN 1 ELSE 0 END) AS met, {strat}, {pit}
                FROM turn_analyses{where} GROUP BY agent_id
                ORDER BY CASE WHEN agent_id IS NULL THEN 1 ELSE 0 END, agent_id""",
            [*_NEEDED, "needed_and_given", *patterns, *params],
        )
        out = []
        for r in rows:
            n = int(r["n"])
            out.append(
                AgentSummary(
                    agent_id=r["agent_id"],
                    turns=n,
                    conversations=int(r["convs"]),
                    mean_score=float(r["mean"] or 0.0),
                    strategy_rates={s: int(r[f"s_{i}"] or 0) / n for i, s in enumerate(STRATEGIES)},
                    pitfall_rates={k: int(r[f"p_{i}"] or 0) / n for i, k in enumerate(PITFALL_KINDS)},
                    opportunities=int(r["opp"] or 0),
                    opportunities_met=int(r["met"] or 0),
                )
            )
        return out

    def totals(self) -> dict[str, Any]:
        """Whole-store counts: turns using each strategy, with each pitfall, and the opportunity classes."""
        strat = ", ".join(f"SUM({_has('strategies')}) AS s_{i}" for i, _ in enumerate(STRATEGIES))
        pit = ", ".join(f"SUM({_has('pitfalls')}) AS p_{i}" for i, _ in enumerate(PITFALL_KINDS))
        patterns = [f"%,{s},%" for s in STRATEGIES] + [f"%,{k},%" for k in PITFALL_KINDS]
        r = self._db.query(
            f"""SELECT COUNT(*) AS n, COUNT(DISTINCT conversation_id) AS convs, AVG(score) AS mean,
                       SUM(CASE WHEN opportunity_class IN (?, ?) THEN 1 ELSE 0 END) AS opp,
                       SUM(CASE WHEN opportunity_class = ? THEN 1 ELSE 0 END) AS met, {strat}, {pit}
                FROM turn_analyses""",
            [*_NEEDED, "needed_and_given", *patterns],
        )[0]
        return {
            "turns": int(r["n"]),
            "conversations": int(r["convs"]),
            "mean_score": float(r["mean"]) if r["mean"] is not None else None,
            "opportunities": int(r["opp"] or 0),
            "opportunities_met": int(r["met"] or 0),
            "strategies": {s: int(r[f"s_{i}"] or 0) for i, s in enumerate(STRATEGIES)},
            "pitfalls": {k: int(r[f"p_{i}"] or 0) for i, k in enumerate(PITFALL_KINDS)},
        }

    def score_histogram(self, *, bin_width: int = 10) -> list[tuple[int, int]]:
        """``(bin start, turns)`` for scores in bins of ``bin_width`` (0-100), empty bins included."""
        if not 1 <= bin_width <= 100:
            raise ConfigError(f"bin width must be 1..100, got {bin_width}")
        rows = self._db.query(
            "SELECT (CASE WHEN score >= 100 THEN 100 - ? ELSE score - (score % ?) END) AS b, COUNT(*) AS n "
            "FROM turn_analyses GROUP BY b",
            (bin_width, bin_width),
        ) if self.kind == "sqlite" else self._db.query(
            "SELECT (CASE WHEN score >= 100 THEN 100 - ? ELSE score - MOD(score, ?) END) AS b, COUNT(*) AS n "
            "FROM turn_analyses GROUP BY b",
            (bin_width, bin_width),
        )
        counts = {int(r["b"]): int(r["n"]) for r in rows}
        return [(b, counts.get(b, 0)) for b in range(0, 100, bin_width)]

    def sources(self) -> dict[str, int]:
        """Stored turns by where their conversation came from (``sample``, ``api``, ``batch``...)."""
        rows = self._db.query(
            """SELECT COALESCE(c.source, 'unknown') AS source, COUNT(*) AS n FROM turn_analyses t
               LEFT JOIN conversations c ON c.id = t.conversation_id GROUP BY c.source ORDER BY n DESC"""
        )
        return {r["source"]: int(r["n"]) for r in rows}

    def daily_scores(self, *, agent_id: str | None = None) -> list[tuple[str, float, int]]:
        """``(day, mean score, turns)`` per UTC day with stored turns, oldest first."""
        return [(p.period, p.mean_score, p.turns) for p in self.period_summaries("day", agent_id=agent_id)]

    def period_summaries(
        self, period: Period = "day", *, agent_id: str | None = None, by_agent: bool = False
    ) -> list[PeriodSummary]:
        """Mean score and coverage per period (UTC day, ISO week or month), oldest first.

        ``by_agent`` gives one row per (period, agent); otherwise one per period (for ``agent_id``
        alone when given).
        """
        if period == "day":
            key = "substr(ts, 1, 10)"
        elif period == "month":
            key = "substr(ts, 1, 7)"
        elif period == "week":
            # Weeks are computed in Python from daily rows: the two databases spell ISO weeks differently.
            key = "substr(ts, 1, 10)"
        else:
            raise ConfigError(f"period must be day, week or month, got {period!r}")
        where, params = self._where(agent_id, None, None, None)
        group = f"{key}, agent_id" if by_agent else key
        agent_col = "agent_id" if by_agent else "NULL"
        rows = self._db.query(
            f"""SELECT {key} AS p, {agent_col} AS agent_id, COUNT(*) AS n, SUM(score) AS total,
                       SUM(CASE WHEN opportunity_class IN (?, ?) THEN 1 ELSE 0 END) AS opp,
                       SUM(CASE WHEN opportunity_class = ? THEN 1 ELSE 0 END) AS met
                FROM turn_analyses{where} GROUP BY {group} ORDER BY p""",
            [*_NEEDED, "needed_and_given", *params],
        )
        acc: dict[tuple[str, str | None], list[int]] = {}
        for r in rows:
            p = r["p"]
            if period == "week":
                iso = datetime.strptime(p, "%Y-%m-%d").isocalendar()
                p = f"{iso.year}-W{iso.week:02d}"
            slot = acc.setdefault((p, r["agent_id"]), [0, 0, 0, 0])
            slot[0] += int(r["n"])
            slot[1] += int(r["total"] or 0)
            slot[2] += int(r["opp"] or 0)
            slot[3] += int(r["met"] or 0)
        return [
            PeriodSummary(period=p, agent_id=a, turns=v[0], mean_score=v[1] / v[0] if v[0] else 0.0,
                          opportunities=v[2], opportunities_met=v[3])
            for (p, a), v in sorted(acc.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        ]

    def tension_summary(self, *, agent_id: str | None = None) -> list[TensionSummary]:
        """Customer negativity before vs after agent turns, summed over every stored conversation.

        Three kinds of agent turn: ``empathic`` (any strategy), ``reflecting_emotion``, and
        ``missing`` (the customer needed empathy and got none), so a reader can compare whether
        empathy defuses tension in this data.
        """
        where = " WHERE agent_id = ?" if agent_id is not None else ""
        params = [agent_id] if agent_id is not None else []
        r = self._db.query(
            f"""SELECT SUM(empathic_pairs) AS ep, SUM(empathic_before) AS eb, SUM(empathic_after) AS ea,
                       SUM(reflecting_pairs) AS rp, SUM(reflecting_before) AS rb, SUM(reflecting_after) AS ra,
                       SUM(missing_pairs) AS mp, SUM(missing_before) AS mb, SUM(missing_after) AS ma
                FROM conversation_metrics{where}""",
            params,
        )[0]
        out = []
        for kind, p in (("empathic", "e"), ("reflecting_emotion", "r"), ("missing", "m")):
            pairs = int(r[f"{p}p"] or 0)
            before = float(r[f"{p}b"]) / pairs if pairs else None
            after = float(r[f"{p}a"]) / pairs if pairs else None
            out.append(TensionSummary(kind=kind, pairs=pairs, before=before, after=after))
        return out

    def conversation_totals(self) -> dict[str, Any]:
        """Conversation-level totals: opportunities, given, coverage of the mean conversation, pitfalls."""
        r = self._db.query(
            """SELECT COUNT(*) AS n, SUM(exchanges) AS ex, SUM(opportunities) AS opp, SUM(given) AS given,
                      AVG(coverage) AS cov, SUM(pitfall_count) AS pits,
                      AVG(tension_start) AS ts0, AVG(tension_end) AS ts1
               FROM conversation_metrics"""
        )[0]
        return {
            "conversations": int(r["n"]),
            "exchanges": int(r["ex"] or 0),
            "opportunities": int(r["opp"] or 0),
            "given": int(r["given"] or 0),
            "mean_coverage": float(r["cov"]) if r["cov"] is not None else None,
            "pitfalls": int(r["pits"] or 0),
            "tension_start": float(r["ts0"]) if r["ts0"] is not None else None,
            "tension_end": float(r["ts1"]) if r["ts1"] is not None else None,
        }


def open_store(url: str | None = None, *, create: bool = True) -> ResultStore:
    """Open the store at ``url`` (the default SQLite file when None), creating it when needed.

    ``create=False`` is for readers (report, exports): a store that does not exist is an InputError
    naming its path, and nothing is created.
    """
    from empathic.store.url import default_store_url

    return ResultStore(url or default_store_url(), create=create)
