"""Shared fixtures (the shared data, an isolated user folder, a default coach) and the gate for tests that
need something from outside the repository (tests/needs.py): skipped with the reason on a developer
machine, failed under ``CI=true``, and summed up in one line per reason at the end of the run."""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from needs import FIXTURES, NEEDS, SHARED_DATA, in_ci, pg_bin
from pgcluster import PgCluster


@cache
def _available(marker: str) -> bool:
    return NEEDS[marker].available()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a fixture with a need, so ``-m 'not shared_data'`` selects as expected."""
    for item in items:
        for name in set(getattr(item, "fixturenames", ())) & FIXTURES.keys():
            item.add_marker(FIXTURES[name])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip (or under CI fail) a test whose need is missing, before any of its fixtures runs."""
    for marker in sorted({m.name for m in item.iter_markers()} & NEEDS.keys()):
        if not _available(marker):
            if in_ci():
                pytest.fail(f"{NEEDS[marker].message()} (CI=true: tests are never skipped for this)", pytrace=False)
            pytest.skip(NEEDS[marker].message())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say what was skipped and why: one line per reason, with the number of tests."""
    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    if not reasons:
        return
    terminalreporter.section("skipped", sep="-")
    for reason, count in reasons.most_common():
        terminalreporter.write_line(f"{count:4d} skipped: {reason}")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data from the repository root (tests using it are gated on the ``shared_data`` need)."""
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's user data (progress, stores) out of the real home folder."""
    monkeypatch.setenv("EMPATHIC_HOME", str(tmp_path_factory.mktemp("empathic-home")))


@pytest.fixture(scope="session")
def coach():
    """The default pipeline, built once."""
    from empathic import Coach

    return Coach()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A PostgreSQL cluster for the whole session, stopped and deleted afterwards (tests/pgcluster.py)."""
    bin_dir = pg_bin()
    assert bin_dir is not None, "the postgres need is checked before the fixture runs"
    cluster = PgCluster(bin_dir)
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        log = (cluster.root / "log").read_text() if (cluster.root / "log").exists() else ""
        cluster.stop()
        pytest.fail(f"cannot start PostgreSQL: {exc.stderr.decode(errors='replace')}\n{log}")
    yield cluster
    cluster.stop()


@pytest.fixture()
def pg_url(pg_cluster: PgCluster) -> str:
    """A fresh, empty PostgreSQL database."""
    return pg_cluster.new_database()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("pg_url")
