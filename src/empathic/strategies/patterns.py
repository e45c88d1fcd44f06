"""Chat spellings and typos mapped onto standard words (``resources/patterns/strategies_chat.tsv``).

The strategy rules themselves live in the rule pack (``resources/rules/<lang>/``, :mod:`empathic.rules`);
this table is what the normalized text form applies before any rule reads it.
"""

from __future__ import annotations

from functools import lru_cache

from empathic.errors import ResourceError
from empathic.resources import resource_lines


@lru_cache(maxsize=1)
def chat_map() -> dict[str, str]:
    """Chat spellings and typos (``u``, ``thta``) mapped to the words the patterns expect."""
    out: dict[str, str] = {}
    for line in resource_lines("patterns", "strategies_chat.tsv"):
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise ResourceError(f"patterns/strategies_chat.tsv: expected 'spelling<TAB>standard', got {line!r}")
        out[parts[0].strip().lower()] = parts[1].strip().lower()
    return out
