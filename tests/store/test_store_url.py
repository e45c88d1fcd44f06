"""Store URLs: SQLite paths, PostgreSQL URLs, and clear errors for anything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from empathic.errors import ConfigError
from empathic.store import default_store_url, parse_store_url


def test_sqlite_urls_and_bare_paths() -> None:
    assert parse_store_url("sqlite:////tmp/x/results.db").target == "/tmp/x/results.db"
    assert parse_store_url("sqlite:///rel/results.db").target == "rel/results.db"
    assert parse_store_url("sqlite:///:memory:").target == ":memory:"
    bare = parse_store_url("/data/qa.sqlite")
    assert (bare.kind, bare.target) == ("sqlite", "/data/qa.sqlite")


def test_postgresql_urls_are_normalised_and_redacted() -> None:
    url = parse_store_url("postgres://qa:s3cret@db.internal:5432/empathic")
    assert url.kind == "postgresql"
    assert url.target == "postgresql://qa:s3cret@db.internal:5432/empathic"
    assert "s3cret" not in url.redacted()
    assert url.redacted() == "postgresql://qa:***@db.internal:5432/empathic"


@pytest.mark.parametrize("bad", ["", "sqlite://x.db", "mysql://u@h/db", "sqlite:///"])
def test_bad_urls_say_what_to_write(bad: str) -> None:
    with pytest.raises(ConfigError, match="sqlite:///"):
        parse_store_url(bad)


def test_default_store_lives_in_empathic_home(tmp_path: Path) -> None:
    assert default_store_url({"EMPATHIC_HOME": str(tmp_path)}) == f"sqlite:///{tmp_path / 'empathic.sqlite'}"
