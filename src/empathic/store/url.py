"""Store URLs: ``sqlite:///PATH`` (the default, a file under EMPATHIC_HOME) or ``postgresql://...``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from empathic.errors import ConfigError

#: The file name of the default SQLite store inside the data folder.
DEFAULT_STORE_FILE = "empathic.sqlite"


@dataclass(frozen=True, slots=True)
class StoreURL:
    """A parsed store URL: ``kind`` says which backend, ``target`` is a file path or a libpq URL."""

    kind: Literal["sqlite", "postgresql"]
    target: str

    def redacted(self) -> str:
        """The URL with any password hidden, safe to print or log."""
        if self.kind == "sqlite":
            return f"sqlite:///{self.target}"
        scheme, rest = self.target.split("://", 1)
        if "@" in rest:
            creds, host = rest.rsplit("@", 1)
            user = creds.split(":", 1)[0]
            return f"{scheme}://{user}:***@{host}" if ":" in creds else f"{scheme}://{user}@{host}"
        return self.target


def data_home(env: Mapping[str, str] | None = None) -> Path:
    """The user data folder: ``$EMPATHIC_HOME``, else ``~/.local/share/empathic``."""
    env = os.environ if env is None else env
    home = env.get("EMPATHIC_HOME")
    if home:
        return Path(home).expanduser()
    return Path.home() / ".local" / "share" / "empathic"


def default_store_url(env: Mapping[str, str] | None = None) -> str:
    """The SQLite store used when no ``--store`` is given: ``empathic.sqlite`` in the data folder."""
    return f"sqlite:///{data_home(env) / DEFAULT_STORE_FILE}"


def parse_store_url(url: str) -> StoreURL:
    """Parse a store URL; a bare path means a SQLite file. ConfigError on an unknown scheme."""
    url = url.strip()
    if not url:
        raise ConfigError("the store URL is empty; use sqlite:///PATH or postgresql://USER@HOST/DB")
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not path:
            raise ConfigError(f"store URL {url!r} names no file; use sqlite:///PATH")
        # sqlite:////abs/path and sqlite:///rel/path both appear in the wild; keep what was meant.
        return StoreURL("sqlite", path if path == ":memory:" else str(Path(path).expanduser()))
    if url.startswith("sqlite://"):
        raise ConfigError(f"store URL {url!r}: use sqlite:///PATH (three slashes) for a file")
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return StoreURL("postgresql", "postgresql://" + url.split("://", 1)[1])
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise ConfigError(f"store URL scheme {scheme!r} is not supported; use sqlite:///PATH or postgresql://...")
    return StoreURL("sqlite", str(Path(url).expanduser()))
