"""Loading the checks' phrase lists and patterns from packaged data files.

The checks keep no phrases in code: each reads ``resources/patterns/checks_<name>.toml``
(regular expressions are TOML literal strings, so no double escaping) and, for names,
``resources/names/given_names.txt``. Provenance is in the PROVENANCE.md beside each file.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from typing import Any

from empathic.errors import ResourceError
from empathic.resources import resource_lines, resource_text


@lru_cache(maxsize=32)
def table(name: str) -> dict[str, Any]:
    """The parsed ``patterns/checks_<name>.toml`` (cached: resources are read-only)."""
    path = f"checks_{name}.toml"
    try:
        return tomllib.loads(resource_text("patterns", path))
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"packaged resource patterns/{path} is not valid TOML: {exc}") from exc


def _compile(source: str, where: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    try:
        return re.compile(source, re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        raise ResourceError(f"pattern {source!r} in {where} is not a valid regular expression: {exc}") from exc


@lru_cache(maxsize=128)
def regex(name: str, key: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    """One regex, ``key`` of ``checks_<name>.toml`` (a string, or a list of alternatives joined with |)."""
    value = table(name).get(key)
    where = f"checks_{name}.toml:{key}"
    if isinstance(value, str):
        return _compile(value, where, ignore_case=ignore_case)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return _compile("|".join(f"(?:{v})" for v in value), where, ignore_case=ignore_case)
    raise ResourceError(f"checks_{name}.toml has no pattern (string or list of strings) under {key!r}")


@lru_cache(maxsize=128)
def words(name: str, key: str) -> frozenset[str]:
    """A set of lower-case words or phrases, ``key`` of ``checks_<name>.toml``."""
    value = table(name).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ResourceError(f"checks_{name}.toml has no list of words under {key!r}")
    return frozenset(v.lower() for v in value)


@lru_cache(maxsize=32)
def rules(name: str, key: str = "rule") -> tuple[tuple[str, re.Pattern[str], dict[str, Any]], ...]:
    """The ``[[rule]]`` tables of ``checks_<name>.toml`` as ``(id, compiled pattern, table)``."""
    out = []
    for i, entry in enumerate(table(name).get(key, [])):
        if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str):
            raise ResourceError(f"checks_{name}.toml: {key} #{i + 1} needs a 'pattern' string")
        rid = str(entry.get("id", f"{key}{i + 1}"))
        out.append((rid, _compile(entry["pattern"], f"checks_{name}.toml:{rid}"), entry))
    if not out:
        raise ResourceError(f"checks_{name}.toml has no [[{key}]] entries")
    return tuple(out)


# Characters whose case-insensitive matches are exactly their lower-case forms: ASCII, plus typographic
# marks that have no case. Other letters can fold across scripts (the long s matches "s", the Kelvin
# sign "k"), where a lower-cased substring test would not be exact.
_NOT_SIMPLE_CASE = re.compile(r"[^\x00-\x7f‘’“”–—…£€]")


def simple_lower(text: str) -> str | None:
    """``text`` lower-cased when substring tests on it are exact for case-insensitive literals, else None."""
    return None if _NOT_SIMPLE_CASE.search(text) else text.lower()


@lru_cache(maxsize=32)
def rule_triggers(name: str, key: str = "rule") -> tuple[tuple[str, ...] | None, ...]:
    """Per rule of :func:`rules`, literals one of which any match contains (lower case), or None.

    A sentence whose :func:`simple_lower` form contains none of a rule's literals cannot match it, so
    the rule's regex need not run. None when the pattern has no required literal (or an unusual one).
    """
    from empathic.listen.lexicon import required_literals

    out: list[tuple[str, ...] | None] = []
    for _, pattern, _ in rules(name, key):
        found = required_literals(pattern.pattern)
        if found is not None and any(_NOT_SIMPLE_CASE.search(t) for t in found):
            found = None
        out.append(found)
    return tuple(out)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (title case) from ``names/given_names.txt``."""
    return frozenset(line.strip() for line in resource_lines("names", "given_names.txt"))


def possible_rules(name: str, sentence: str) -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    """The rules of :func:`rules` that may match ``sentence``: those with a required literal in it, or none.

    A rule none of whose required words occur cannot match, so its (costly) regex need not run.
    """
    low = simple_lower(sentence)
    if low is None:
        return list(rules(name))
    return [
        rule
        for rule, needed in zip(rules(name), rule_triggers(name), strict=True)
        if needed is None or any(literal in low for literal in needed)
    ]
