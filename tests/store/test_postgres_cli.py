"""``empathic score`` and ``empathic report`` against a real PostgreSQL server, through the same interface."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from empathic.store import open_store

runner = CliRunner()
VOLATILE = ("created_at", "scored_at")


@pytest.fixture(scope="module")
def cli():  # type: ignore[no-untyped-def]
    from empathic.cli.main import _register_commands, app

    _register_commands()
    return app


def dump(url: str) -> dict:
    with open_store(url) as store:
        return {t: store.table_rows(t, exclude=VOLATILE)
                for t in ("conversations", "turn_analyses", "conversation_metrics")}


def test_score_into_postgresql_equals_sqlite_and_resumes(pg_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    samples = Path(str(resources.files("empathic.resources").joinpath("samples", "batch")))
    files = [str(samples / "conversations.jsonl"), str(samples / "zendesk_tickets.json")]
    sqlite_url = f"sqlite:///{tmp_path / 'qa.sqlite'}"
    for url in (pg_url, sqlite_url):
        result = runner.invoke(cli, ["score", *files, "--store", url, "--no-progress", "--json"])
        assert result.exit_code == 2, result.stderr  # two malformed sample records
        assert json.loads(result.stdout)["scored"] == 12
    result = runner.invoke(cli, ["score", *files, "--store", pg_url, "--no-progress", "--json"])
    assert json.loads(result.stdout)["skipped"] == 12
    assert dump(pg_url) == dump(sqlite_url)
    out = tmp_path / "pg-report.html"
    result = runner.invoke(cli, ["report", "--store", pg_url, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "<h2>Tension trajectory</h2>" in out.read_text()


def test_unreachable_postgresql_is_a_clear_error(cli) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["report", "--store", "postgresql://nobody:pw@127.0.0.1:1/none", "-o", "x.html"])
    assert result.exit_code == 3
    assert "cannot connect to store postgresql://nobody:***@127.0.0.1:1/none" in result.stderr
