"""The two database backends behind one tiny interface: SQLite (WAL) and PostgreSQL (psycopg).

SQL is written once with ``?`` placeholders and portable syntax (``ON CONFLICT ... DO UPDATE``,
``CASE WHEN``, ``||``); the PostgreSQL backend rewrites the placeholders to ``%s``. Rows come back
as plain dicts either way.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from empathic.errors import ConfigError, InputError, environment_failure
from empathic.extras import require_extra
from empathic.store.url import StoreURL


class Backend(Protocol):
    """What the results store needs from a database connection."""

    kind: str

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a SELECT and return every row as a dict."""
        ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement outside an explicit transaction (autocommit)."""
        ...

    def script(self, sql: str) -> None:
        """Run several ``;``-separated DDL statements."""
        ...

    @contextmanager
    def tx(self) -> Iterator[Transaction]:
        """A write transaction: committed on success, rolled back on any exception."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...


class Transaction(Protocol):
    """Statements run inside one transaction."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""
        ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for every row."""
        ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a SELECT inside the transaction."""
        ...


class _SqliteTx:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._db.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self._db.execute(sql, params)]


class SqliteBackend:
    """One SQLite file in WAL mode, shared by threads behind a lock."""

    kind = "sqlite"

    def __init__(self, url: StoreURL, *, create: bool = True) -> None:
        path = url.target
        if not create and path != ":memory:" and not Path(path).is_file():
            raise InputError(f"no store at {path}: check the path, or score exports into it first "
                             f"(empathic score FILES --store sqlite:///{path})")
        if path != ":memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"cannot create the folder of store {path}: {exc.strerror}") from exc
        self.path = path
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            if path != ":memory:":
                # WAL lets the dashboard read while a batch job writes, and survives a killed writer.
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=30000")
        except sqlite3.Error as exc:
            raise environment_failure(exc, where=path) or ConfigError(f"cannot open store {path}: {exc}") from exc

    @contextmanager
    def _machine(self) -> Iterator[None]:
        """SQLite's "disk is full" and "malformed" as typed errors naming this file (exit 4, with what to do)."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            failure = environment_failure(exc, where=self.path)
            if failure is None:
                raise
            raise failure from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock, self._machine():
            return [dict(r) for r in self._db.execute(sql, params)]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._lock, self._machine():
            self._db.execute(sql, params)

    def script(self, sql: str) -> None:
        with self._lock, self._machine():
            self._db.executescript(sql)

    @contextmanager
    def tx(self) -> Iterator[_SqliteTx]:
        with self._lock, self._machine():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteTx(self._db)
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _pg(sql: str) -> str:
    # Our SQL never contains a literal '?' or '%': patterns always travel as parameters.
    return sql.replace("?", "%s")


class _PgTx:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(_pg(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(_pg(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return list(self._conn.execute(_pg(sql), params).fetchall())


class PostgresBackend:
    """A PostgreSQL database reached with psycopg 3, one connection behind a lock."""

    kind = "postgresql"

    def __init__(self, url: StoreURL, *, create: bool = True) -> None:
        # A PostgreSQL database is never created by connecting; ``create`` only matters to SQLite.
        require_extra("postgres", "a postgresql:// store")
        import psycopg
        from psycopg.rows import dict_row

        self._psycopg = psycopg
        self._lock = threading.RLock()
        try:
            self._conn = psycopg.connect(url.target, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as exc:
            raise ConfigError(f"cannot connect to store {url.redacted()}: {str(exc).strip()}") from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._conn.execute(_pg(sql), params).fetchall())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._lock:
            self._conn.execute(_pg(sql), params)

    def script(self, sql: str) -> None:
        with self._lock, self._conn.transaction():
            for statement in sql.split(";"):
                if statement.strip():
                    self._conn.execute(statement)

    @contextmanager
    def tx(self) -> Iterator[_PgTx]:
        with self._lock, self._conn.transaction():
            yield _PgTx(self._conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def connect(url: StoreURL, *, create: bool = True) -> SqliteBackend | PostgresBackend:
    """Open the backend ``url`` names; ``create=False``: a SQLite file that does not exist is an InputError."""
    return SqliteBackend(url, create=create) if url.kind == "sqlite" else PostgresBackend(url, create=create)
