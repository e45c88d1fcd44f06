"""What some tests need from outside the repository, and how to tell whether this machine has it.

Each need is a pytest marker (registered in pyproject.toml). tests/conftest.py gates every test carrying
one: on a developer machine without the need the test is skipped with the reason below; under ``CI=true``
it fails instead, because CI installs everything (``.ci/run``) and a silent skip there would hide a
broken set-up. Tests using the fixtures in ``FIXTURES`` get the marker without writing it.
"""

from __future__ import annotations

import glob
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The read-only evaluation data sets, expected beside the repository (../shared/data).
SHARED_DATA = (ROOT / ".." / "shared" / "data").resolve()
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def in_ci() -> bool:
    """True when ``CI`` is set to anything but an explicit no (CI services set ``CI=true``)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _has_postgres() -> bool:
    found = pg_bin()
    return found is not None and (found / "pg_ctl").exists()


def pg_bin() -> Path | None:
    """The folder holding PostgreSQL's ``initdb`` and ``pg_ctl`` ($PG_BIN, Debian's newest, or $PATH)."""
    env = os.environ.get("PG_BIN")
    if env:
        return Path(env)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


@dataclass(frozen=True)
class Need:
    """One thing from outside the repository that the tests marked ``marker`` need."""

    marker: str
    reason: str  # what is missing, said once for all the tests that need it
    fix: str  # how to get it
    available: Callable[[], bool]

    def message(self) -> str:
        """The skip (or, under CI, failure) reason."""
        return f"{self.reason}; {self.fix}"


NEEDS = {
    need.marker: need
    for need in (
        Need("shared_data", f"the shared evaluation data is not at {SHARED_DATA}",
             "clone the repository beside the shared folder (../shared/data)", SHARED_DATA.is_dir),
        Need("browser", "Chromium and chromedriver are not installed",
             "as root: apt-get install chromium chromium-driver",
             lambda: CHROMIUM.exists() and CHROMEDRIVER.exists()),
        Need("postgres", "PostgreSQL is not installed",
             "as root: apt-get install postgresql",
             _has_postgres),
    )
}

#: Fixtures whose users need something: any test depending on one (directly or not) gets the marker.
FIXTURES = {"shared_data": "shared_data", "browser": "browser", "pg_cluster": "postgres"}
