"""The strategy patterns: loaded from ``resources/patterns/strategies*.{toml,tsv}`` and compiled once.

Patterns are data, not code, so they can be read, reviewed and extended without touching the
detectors. ``strategies.toml`` holds regular expressions grouped by cue, each group with a
confidence; ``{SLOT}`` placeholders are expanded from the rule pack's ``rules/en/slots.toml``.
``strategies_chat.tsv`` maps chat spellings and common typos onto standard words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from empathic.errors import ResourceError
from empathic.resources import resource_lines, resource_text

_MACRO = re.compile(r"\{([A-Z_]+)\}")


@dataclass(frozen=True, slots=True)
class CueGroup:
    """A named list of compiled patterns that all mean the same thing, with the confidence they carry.

    ``section`` is the table the group sits in (``reflecting`` for ``[reflecting.attribution]``);
    the n-th pattern's evidence id is ``<section>.<name>.<n>`` (1-based, :meth:`rule_id`).
    """

    name: str
    confidence: float
    patterns: tuple[re.Pattern[str], ...]
    section: str = ""
    # per pattern, literals one of which every match contains (None: no such literal), so a pattern
    # whose literals are all absent is skipped without running the regex
    needs: tuple[tuple[str, ...] | None, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if len(self.needs) != len(self.patterns):
            object.__setattr__(self, "needs", tuple(_needs(p) for p in self.patterns))

    def rule_id(self, index: int) -> str:
        """The evidence id of pattern ``index`` (0-based) of this group: ``<section>.<name>.<index + 1>``."""
        return f"{self.section}.{self.name}.{index + 1}"

    def match_id(self, m: re.Match[str]) -> str:
        """The evidence id of the pattern that produced match ``m`` (from :meth:`search`)."""
        for i, pattern in enumerate(self.patterns):
            if pattern is m.re:
                return self.rule_id(i)
        raise ValueError(f"match is not from cue group {self.section}.{self.name}")

    def search(self, text: str) -> re.Match[str] | None:
        """The first match of any pattern of the group in ``text`` (leftmost pattern order), or None."""
        for pattern, needed in zip(self.patterns, self.needs, strict=True):
            if needed is not None:
                # a plain loop: measurably cheaper than any() over a generator on this hot path
                for literal in needed:
                    if literal in text:
                        break
                else:
                    continue
            m = pattern.search(text)
            if m:
                return m
        return None


def _needs(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Exact literals one of which every match of ``pattern`` contains; None when unknown or case-insensitive."""
    if pattern.flags & re.IGNORECASE:
        return None
    from empathic.listen.lexicon import required_literals

    return required_literals(pattern.pattern, ignore_case=False)


def _expand(pattern: str, macros: dict[str, str], where: str) -> str:
    """Replace ``{NAME}`` by its macro (macros may use earlier macros), failing loudly on unknown names."""
    for _ in range(5):
        if not _MACRO.search(pattern):
            return pattern

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in macros:
                raise ResourceError(f"strategies.toml: unknown slot {{{name}}} in {where}")
            return macros[name]

        pattern = _MACRO.sub(sub, pattern)
    raise ResourceError(f"strategies.toml: macros nest too deeply in {where}")


def _compile(pattern: str, macros: dict[str, str], where: str) -> re.Pattern[str]:
    text = _expand(pattern, macros, where)
    try:
        return re.compile(text)
    except re.error as exc:
        raise ResourceError(f"strategies.toml: bad pattern in {where}: {exc}: {pattern!r}") from exc


@lru_cache(maxsize=1)
def raw_config() -> dict[str, Any]:
    """The parsed ``strategies.toml`` (cached)."""
    try:
        return tomllib.loads(resource_text("patterns", "strategies.toml"))
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"packaged resource patterns/strategies.toml is not valid TOML: {exc}") from exc


def macros() -> dict[str, str]:
    """The slots of the rule pack (``rules/en/slots.toml``), fully expanded: defined once for both formats."""
    from empathic.rules import load_rule_pack

    return dict(load_rule_pack("en").slots)


@cache
def groups(section: str) -> dict[str, CueGroup]:
    """The cue groups of ``[section.*]`` in ``strategies.toml``, compiled, by name."""
    table = raw_config().get(section)
    if not isinstance(table, dict):
        raise ResourceError(f"strategies.toml has no [{section}] section")
    out: dict[str, CueGroup] = {}
    for name, spec in table.items():
        if not isinstance(spec, dict) or "patterns" not in spec:
            continue
        where = f"[{section}.{name}]"
        out[name] = CueGroup(
            name=name,
            confidence=float(spec.get("confidence", 0.0)),
            patterns=tuple(_compile(p, macros(), where) for p in spec["patterns"]),
            section=section,
        )
    return out


def group(section: str, name: str) -> CueGroup:
    """One cue group; ResourceError naming it when the data file lacks it."""
    found = groups(section).get(name)
    if found is None:
        raise ResourceError(f"strategies.toml has no [{section}.{name}] cue group")
    return found


def setting(section: str, key: str) -> Any:
    """A plain setting (number, list of words) from ``[section]``."""
    table = raw_config().get(section, {})
    if key not in table:
        raise ResourceError(f"strategies.toml has no {key!r} in [{section}]")
    return table[key]


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
