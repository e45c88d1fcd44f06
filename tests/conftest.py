"""Shared fixtures: where the shared data lives, an isolated user folder, a default coach."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = (ROOT / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data from the repository root (CI has the same copy)."""
    assert SHARED_DATA.is_dir(), f"expected the shared data at {SHARED_DATA}"
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
