"""Agents' own stories in the results store, on both backends; the schema upgrade that adds their table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from empathic.errors import ConfigError, InputError, NotFoundError
from empathic.store import open_store
from empathic.store.schema import SCHEMA_VERSION
from empathic.store.stories import MAX_STORIES_PER_AGENT
from empathic.suggest.stories import Story

BROADBAND = Story("When my broadband kept dropping during a work call, I was just as fed up.", ("internet",))
PARCEL = Story("A parcel of mine once went missing the week of my mum's birthday; I know how that stings.")


def test_an_agent_keeps_edits_and_deletes_their_own_stories(store_url: str) -> None:
    with open_store(store_url) as store:
        first = store.add_story("ana", BROADBAND)
        second = store.add_story("ana", PARCEL)
        assert first.id and second.id and first.id != second.id
        assert [s.text for s in store.stories("ana")] == [BROADBAND.text, PARCEL.text]
        assert store.stories("ana")[0].topics == ("internet",)
        edited = store.update_story("ana", first.id, Story("When my wifi died mid-call I was livid too.", ("wifi",)))
        assert edited.id == first.id
        assert [s.text for s in store.stories("ana")] == ["When my wifi died mid-call I was livid too.", PARCEL.text]
        store.delete_story("ana", second.id)
        assert [s.id for s in store.stories("ana")] == [first.id]


def test_another_agents_story_is_not_found(store_url: str) -> None:
    with open_store(store_url) as store:
        mine = store.add_story("ana", BROADBAND)
        assert store.stories("bob") == []
        with pytest.raises(NotFoundError):
            store.delete_story("bob", mine.id)
        with pytest.raises(NotFoundError):
            store.update_story("bob", mine.id, PARCEL)
        # Nothing of ana's changed.
        assert store.stories("ana") == [mine]


def test_an_agent_keeps_a_bounded_number_of_stories(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as store:
        for n in range(MAX_STORIES_PER_AGENT):
            store.add_story("ana", Story(f"Story number {n} of mine about a late parcel."))
        with pytest.raises(InputError, match="at most"):
            store.add_story("ana", PARCEL)
        assert store.add_story("bob", PARCEL).id  # the bound is per agent


_VERSION_2 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE conversations (id TEXT PRIMARY KEY, agent_id TEXT, source TEXT NOT NULL DEFAULT 'api', started_at TEXT,
    meta_json TEXT NOT NULL DEFAULT '{}');
CREATE TABLE agents (id TEXT PRIMARY KEY, name TEXT NOT NULL);
"""


def _version_2_store(path: Path) -> None:
    """A store as empathic wrote it before stories (and reviews) existed: version 2, no stories table."""
    db = sqlite3.connect(path)
    db.executescript(_VERSION_2)
    db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '2')")
    db.execute("INSERT INTO agents (id, name) VALUES ('a1', 'Ana')")
    db.commit()
    db.close()


def test_a_version_2_store_is_upgraded_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _version_2_store(path)
    with open_store(f"sqlite:///{path}", create=False) as store:
        assert store.table_rows("meta") == [{"key": "schema_version", "value": str(SCHEMA_VERSION)}]
        assert store.agent_names() == {"a1": "Ana"}
        assert store.add_story("a1", PARCEL).id
        assert store.ping()


def test_a_store_from_a_newer_empathic_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    _version_2_store(path)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    with pytest.raises(ConfigError, match="newer empathic"):
        open_store(f"sqlite:///{path}")


@pytest.mark.postgres
def test_a_version_2_postgres_store_is_upgraded(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        for statement in _VERSION_2.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '2')")
    with open_store(pg_url, create=False) as store:
        assert store.table_rows("meta") == [{"key": "schema_version", "value": str(SCHEMA_VERSION)}]
        assert store.add_story("a1", BROADBAND).id
