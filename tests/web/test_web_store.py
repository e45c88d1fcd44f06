"""The store as the web app uses it: the shared conversations / turn_analyses schema and its queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from empathic.errors import ConfigError
from empathic.web.settings import Settings, default_store_url
from empathic.web.store import Store, sqlite_folder, utc_iso


def analysis(score: int, strategies: list[str], pitfalls: list[str], opportunity_class: str) -> dict:
    """A hand-built ``Analysis.to_dict()`` with just the fields the store reads."""
    return {
        "id": None,
        "schema_version": "1.0",
        "score": score,
        "opportunity_class": opportunity_class,
        "strategies": strategies,
        "pitfalls": [{"kind": k, "start": None, "end": None, "text": None, "message": k, "severity": "warning"}
                     for k in pitfalls],
        "exchange": {"customer": "c", "reply": "r"},
    }


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'deep' / 'folder' / 'r.sqlite'}")
    yield s
    s.close()


def test_schema_is_the_shared_one(store: Store) -> None:
    db = sqlite3.connect(store.path)
    cols = {r[1] for r in db.execute("PRAGMA table_info(turn_analyses)")}
    assert {"conversation_id", "turn_index", "agent_id", "ts", "score", "strategies", "pitfalls",
            "analysis_json"} <= cols
    pk = [r[1] for r in sorted(db.execute("PRAGMA table_info(turn_analyses)"), key=lambda r: r[5]) if r[5]]
    assert pk == ["conversation_id", "turn_index"]
    assert {r[1] for r in db.execute("PRAGMA table_info(conversations)")} >= {"id", "agent_id", "source"}


def test_saving_the_same_turn_twice_replaces_it(store: Store) -> None:
    store.save_turns("c1", [(0, analysis(10, [], [], "needed_but_missing"), "2026-01-01T00:00:00Z")], agent_id="a")
    store.save_turns("c1", [(0, analysis(90, ["normalizing"], [], "needed_and_given"), "2026-01-01T00:00:00Z")],
                     agent_id="a")
    total, rows = store.results()
    assert total == 1 and rows[0].score == 90 and rows[0].strategies == ["normalizing"]


def test_save_analysis_appends_turns(store: Store) -> None:
    a = analysis(50, ["reflecting_emotion"], ["missing_reason"], "needed_and_given")
    conv, first = store.save_analysis(a, agent_id="a")
    same, second = store.save_analysis(a, conversation_id=conv, agent_id="a")
    assert (same, first, second) == (conv, 0, 1)
    found = store.conversation(conv)
    assert found is not None
    row, turns = found
    assert row["agent_id"] == "a" and [t.turn_index for t in turns] == [0, 1]
    assert turns[0].pitfalls == ["missing_reason"]
    assert store.conversation("nope") is None


def test_agent_summaries(store: Store) -> None:
    store.save_turns("c1", [
        (1, analysis(80, ["reflecting_emotion"], [], "needed_and_given"), "2026-01-01T10:00:00Z"),
        (3, analysis(20, [], ["dismissive"], "needed_but_missing"), "2026-01-02T10:00:00Z"),
    ], agent_id="ana")
    store.save_turns("c2", [(1, analysis(60, ["normalizing", "reflecting_emotion"], [], "not_needed"),
                             "2026-01-02T11:00:00Z")], agent_id="bo")
    by_agent = {s.agent_id: s for s in store.agent_summaries()}
    ana = by_agent["ana"]
    assert (ana.turns, ana.conversations, ana.mean_score) == (2, 1, 50.0)
    assert ana.strategy_rates["reflecting_emotion"] == 0.5 and ana.strategy_rates["normalizing"] == 0.0
    assert ana.pitfall_rates["dismissive"] == 0.5
    assert (ana.opportunities, ana.opportunities_met, ana.coverage) == (2, 1, 0.5)
    assert by_agent["bo"].coverage is None
    assert store.daily_scores() == [("2026-01-01", 80.0, 1), ("2026-01-02", 40.0, 2)]
    assert store.daily_scores(agent_id="bo") == [("2026-01-02", 60.0, 1)]
    assert store.agents() == ["ana", "bo"]
    convs = store.conversations()
    assert [c["id"] for c in convs] == ["c2", "c1"]


def test_sqlite_folder() -> None:
    assert sqlite_folder("sqlite:////abs/x.sqlite") == Path("/abs")
    assert sqlite_folder("plain/path.db") == Path("plain")
    assert sqlite_folder("sqlite:///:memory:") is None
    assert sqlite_folder("postgresql://user@127.0.0.1/db") is None
    with pytest.raises(ConfigError, match="not supported"):
        sqlite_folder("mysql://localhost/db")


def test_default_store_follows_empathic_home(tmp_path: Path) -> None:
    assert default_store_url({"EMPATHIC_HOME": str(tmp_path)}) == f"sqlite:///{tmp_path / 'empathic.sqlite'}"
    assert Settings.from_env({"EMPATHIC_HOME": str(tmp_path)}).store_url.endswith("empathic.sqlite")


@pytest.mark.parametrize(
    ("env", "message"),
    [({"EMPATHIC_RATE_LIMIT": "lots"}, "whole number"), ({"EMPATHIC_RATE_LIMIT": "-1"}, "negative"),
     ({"EMPATHIC_MAX_BODY_BYTES": "10"}, "at least 1024")],
)
def test_bad_settings_are_config_errors(env: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_unwritable_store_folder_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError):
        Store(f"sqlite:///{blocker / 'sub' / 'x.sqlite'}")


def test_utc_iso_normalises_time_zones() -> None:
    from datetime import datetime, timedelta, timezone

    t = datetime(2026, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    assert utc_iso(t) == "2026-05-01T10:00:00Z"
    assert utc_iso(datetime(2026, 5, 1, 12, 0)) == "2026-05-01T12:00:00Z"
