"""Versioned data files (lexicons, patterns, schema, weights, course text), read with importlib.resources.

Each file's provenance (origin, licence, how it was built) is recorded in PROVENANCE.md beside it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from empathic.errors import ResourceError


def resource_text(*parts: str) -> str:
    """The text of packaged resource ``resources/<parts...>``; ResourceError when it is missing."""
    node = resources.files("empathic.resources")
    for p in parts:
        node = node.joinpath(p)
    try:
        return node.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise ResourceError(f"packaged resource {'/'.join(parts)} is missing; reinstall empathic") from exc


@lru_cache(maxsize=64)
def resource_json(*parts: str) -> Any:
    """Parsed JSON of a packaged resource (cached: resources are read-only)."""
    try:
        return json.loads(resource_text(*parts))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"packaged resource {'/'.join(parts)} is not valid JSON: {exc}") from exc


def resource_lines(*parts: str) -> list[str]:
    """Non-blank lines of a packaged text resource, with ``#`` comment lines dropped."""
    return [
        line.rstrip("\n")
        for line in resource_text(*parts).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
