"""The registry: the strategies and pitfalls as data, one file each under ``resources/registry/<lang>/``.

Each strategy file (``strategies/<name>.toml``) gives its name, display name, where it is listed
(``order``), which of two tied overlapping candidates wins (``priority``), its colours, when the
customer's message calls for it (``[called_for]``), how much credit it keeps off target (``[credit]``)
and its coaching tips (``[tips]``, entries of ``coaching/tips.toml``). Each pitfall file
(``pitfalls/<kind>.toml``) gives its name, display name, order, score penalty, whether it voids the
credit of a strategy it sits on, and its tip. :data:`empathic.types.STRATEGIES` and
:data:`~empathic.types.PITFALL_KINDS`, the palette, the legends of the web app, report and terminal,
and the score's constants per strategy and pitfall all derive from these files.

The names are the schema's labels, the same in every language; a second language's folder gives its
own display names and tips, and must name the same strategies and pitfalls (:func:`check_same_names`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from empathic.errors import ResourceError
from empathic.languages import DEFAULT_LANGUAGE, Language, get_language, per_language

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_NAME = re.compile(r"[a-z][a-z_]*")


@dataclass(frozen=True, slots=True)
class CalledFor:
    """When the customer's message calls for a strategy (any one condition is enough)."""

    #: Any bad feeling still open.
    negative_feeling: bool
    #: The customer blames themselves.
    self_critical: bool
    #: One of these bad feelings is open.
    feelings: frozenset[str]


@dataclass(frozen=True, slots=True)
class StrategyInfo:
    """One strategy of the registry (see the module docstring)."""

    name: str
    display: str
    order: int
    priority: int
    colour: str
    background: str
    ink: str
    called_for: CalledFor
    off_target_credit: float
    tips: dict[str, str]


@dataclass(frozen=True, slots=True)
class PitfallInfo:
    """One pitfall of the registry (see the module docstring)."""

    name: str
    display: str
    order: int
    penalty: float
    voids_credit: bool
    tips: dict[str, str]


@dataclass(frozen=True, slots=True)
class Registry:
    """A language's strategies and pitfalls, each tuple in listing order."""

    language: str
    strategies: tuple[StrategyInfo, ...]
    pitfalls: tuple[PitfallInfo, ...]

    @property
    def strategy_names(self) -> tuple[str, ...]:
        """The strategy names in listing order."""
        return tuple(s.name for s in self.strategies)

    @property
    def pitfall_names(self) -> tuple[str, ...]:
        """The pitfall kinds in listing order."""
        return tuple(p.name for p in self.pitfalls)

    def strategy(self, name: str) -> StrategyInfo:
        """The strategy called ``name``; ResourceError when the registry has none."""
        for s in self.strategies:
            if s.name == name:
                return s
        raise ResourceError(f"the {self.language} registry has no strategy {name!r}")

    def pitfall(self, name: str) -> PitfallInfo:
        """The pitfall called ``name``; ResourceError when the registry has none."""
        for p in self.pitfalls:
            if p.name == name:
                return p
        raise ResourceError(f"the {self.language} registry has no pitfall {name!r}")

    def display(self, name: str) -> str:
        """The display name of a strategy or pitfall ("Reflecting emotion"); other names made readable."""
        for item in (*self.strategies, *self.pitfalls):
            if item.name == name:
                return item.display
        return name.replace("_", " ").capitalize()


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise ResourceError(f"{where}: missing '{key}'")
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # a TOML true is a bool, and a bool is an int in Python: only a bool field takes one
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise ResourceError(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
    return value


def _unknown(data: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        raise ResourceError(f"{where}: unknown key(s) {', '.join(extra)} (known: {', '.join(sorted(allowed))})")


def _tips(data: dict[str, Any], keys: tuple[str, ...], where: str) -> dict[str, str]:
    tips = _field(data, "tips", dict, where)
    _unknown(tips, set(keys), f"{where} [tips]")
    return {k: str(_field(tips, k, str, f"{where} [tips]")) for k in keys}


def _colour(data: dict[str, Any], key: str, where: str) -> str:
    value = _field(data, key, str, where)
    if not _COLOUR.fullmatch(value):
        raise ResourceError(f"{where}: '{key}' must be a #rrggbb colour, got {value!r}")
    return value


def _strategy(data: dict[str, Any], where: str) -> StrategyInfo:
    _unknown(data, {"name", "display", "order", "priority", "colour", "background", "ink", "called_for", "credit",
                    "tips"}, where)
    cf = _field(data, "called_for", dict, where)
    _unknown(cf, {"negative_feeling", "self_critical", "feelings"}, f"{where} [called_for]")
    credit = _field(data, "credit", dict, where)
    _unknown(credit, {"off_target"}, f"{where} [credit]")
    off = float(_field(credit, "off_target", (int, float), f"{where} [credit]"))
    if not 0.0 <= off <= 1.0:
        raise ResourceError(f"{where} [credit]: off_target must be in [0, 1], got {off}")
    return StrategyInfo(
        name=_field(data, "name", str, where),
        display=_field(data, "display", str, where),
        order=_field(data, "order", int, where),
        priority=_field(data, "priority", int, where),
        colour=_colour(data, "colour", where),
        background=_colour(data, "background", where),
        ink=_colour(data, "ink", where),
        called_for=CalledFor(
            negative_feeling=_field(cf, "negative_feeling", bool, f"{where} [called_for]"),
            self_critical=_field(cf, "self_critical", bool, f"{where} [called_for]"),
            feelings=frozenset(str(f) for f in _field(cf, "feelings", list, f"{where} [called_for]")),
        ),
        off_target_credit=off,
        tips=_tips(data, ("praise", "gap"), where),
    )


def _pitfall(data: dict[str, Any], where: str) -> PitfallInfo:
    _unknown(data, {"name", "display", "order", "penalty", "voids_credit", "tips"}, where)
    penalty = float(_field(data, "penalty", (int, float), where))
    if penalty < 0:
        raise ResourceError(f"{where}: penalty must not be negative, got {penalty}")
    return PitfallInfo(
        name=_field(data, "name", str, where),
        display=_field(data, "display", str, where),
        order=_field(data, "order", int, where),
        penalty=penalty,
        voids_credit=_field(data, "voids_credit", bool, where),
        tips=_tips(data, ("fix",), where),
    )


def _read_folder(lang: Language, folder: str) -> list[tuple[dict[str, Any], str]]:
    node = lang.path("registry", folder)
    if not node.is_dir():
        raise ResourceError(f"language {lang.code!r} has no registry/{lang.code}/{folder}/ folder (under {lang.root})")
    out = []
    for f in sorted((n for n in node.iterdir() if n.name.endswith(".toml")), key=lambda n: n.name):
        where = f"registry/{lang.code}/{folder}/{f.name}"
        try:
            data = tomllib.loads(f.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ResourceError(f"{where}: not valid TOML: {exc}") from exc
        name = data.get("name")
        if name != f.name[: -len(".toml")] or not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ResourceError(f"{where}: 'name' must be the file's name ({f.name[:-5]!r}), got {name!r}")
        out.append((data, where))
    if not out:
        raise ResourceError(f"registry/{lang.code}/{folder}/ has no .toml files (under {lang.root})")
    return out


def _ordered(items: list[Any], what: str, lang: Language) -> tuple[Any, ...]:
    orders = [i.order for i in items]
    if len(set(orders)) != len(orders):
        raise ResourceError(f"registry/{lang.code}/{what}: two files share an 'order'")
    return tuple(sorted(items, key=lambda i: i.order))


def load_registry(lang: Language) -> Registry:
    """Read and check the registry folder of ``lang`` (ResourceError naming the file and key when wrong)."""
    strategies = _ordered([_strategy(d, w) for d, w in _read_folder(lang, "strategies")], "strategies", lang)
    pitfalls = _ordered([_pitfall(d, w) for d, w in _read_folder(lang, "pitfalls")], "pitfalls", lang)
    prios = [s.priority for s in strategies]
    if len(set(prios)) != len(prios):
        raise ResourceError(f"registry/{lang.code}/strategies: two strategies share a 'priority'")
    return Registry(lang.code, strategies, pitfalls)


#: The registry of the current language (one parsed copy per language).
registry = per_language(load_registry)


@cache
def default_registry() -> Registry:
    """The packaged English registry: the names every language shares (the schema's labels)."""
    return load_registry(get_language(DEFAULT_LANGUAGE))


def check_same_names(reg: Registry, reference: Registry) -> None:
    """ResourceError unless ``reg`` names the same strategies and pitfalls as ``reference`` (the labels)."""
    for what, mine, theirs in (("strategies", reg.strategy_names, reference.strategy_names),
                               ("pitfalls", reg.pitfall_names, reference.pitfall_names)):
        if set(mine) != set(theirs):
            missing = sorted(set(theirs) - set(mine))
            extra = sorted(set(mine) - set(theirs))
            raise ResourceError(
                f"registry/{reg.language}/{what} must name the same {what} as {reference.language} "
                f"(missing: {', '.join(missing) or 'none'}; unknown: {', '.join(extra) or 'none'})"
            )


__all__ = ["CalledFor", "PitfallInfo", "Registry", "StrategyInfo", "check_same_names",
           "default_registry", "load_registry", "registry"]
