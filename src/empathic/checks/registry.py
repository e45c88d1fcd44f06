"""The registry of pitfall checks and the runner that applies them to an Analysis.

A check is a plain function ``(analysis) -> list[Pitfall]`` registered with
``@check("kind")``; the built-in checks register through the same decorator that a
plug-in uses (a plug-in package lists its module under the entry-point group
``empathic.checks`` and it is imported the first time checks run). Several checks may
report the same kind; each check may report only the kind it registered for, so a
report always says which check to blame.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib import metadata

from empathic.errors import ConfigError
from empathic.types import PITFALL_KINDS, Analysis, Evidence, Pitfall, merge_evidence

CheckFn = Callable[[Analysis], list[Pitfall]]

#: Entry-point group through which plug-in packages add checks.
ENTRY_POINT_GROUP = "empathic.checks"


@dataclass(frozen=True, slots=True)
class CheckInfo:
    """A registered check: its unique name, the pitfall kind it reports, and the function."""

    name: str
    kind: str
    func: CheckFn
    doc: str


_CHECKS: dict[str, CheckInfo] = {}
_plugins_lock = threading.Lock()
_plugins_loaded = False


def check(kind: str, *, name: str | None = None) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as a check that reports pitfalls of ``kind``.

    ``kind`` must be one of :data:`empathic.types.PITFALL_KINDS`. ``name`` defaults to
    ``"<kind>:<function name>"``; registering a name again replaces the earlier check, so a
    plug-in can override a built-in check by reusing its name.
    """
    if kind not in PITFALL_KINDS:
        raise ConfigError(f"unknown pitfall kind {kind!r}; known kinds: {', '.join(PITFALL_KINDS)}")

    def wrap(func: CheckFn) -> CheckFn:
        key = name or f"{kind}:{func.__name__}"
        doc = (func.__doc__ or "").strip().splitlines()
        _CHECKS[key] = CheckInfo(name=key, kind=kind, func=func, doc=doc[0] if doc else "")
        return func

    return wrap


def unregister(name: str) -> None:
    """Remove the check registered as ``name``; ConfigError when there is none."""
    if name not in _CHECKS:
        raise ConfigError(f"no check named {name!r}; registered: {', '.join(sorted(_CHECKS))}")
    del _CHECKS[name]


def _load_plugins() -> None:
    """Import the modules that plug-in packages list under :data:`ENTRY_POINT_GROUP`, once."""
    global _plugins_loaded
    with _plugins_lock:
        if _plugins_loaded:
            return
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            ep.load()
        _plugins_loaded = True


def registered_checks() -> list[CheckInfo]:
    """All registered checks, in the canonical order of their kinds, then by name."""
    _load_plugins()
    order = {k: i for i, k in enumerate(PITFALL_KINDS)}
    return sorted(_CHECKS.values(), key=lambda c: (order[c.kind], c.name))


def run_checks(analysis: Analysis, *, kinds: Iterable[str] | None = None) -> list[Pitfall]:
    """Run every registered check (or only those reporting ``kinds``) and return their pitfalls.

    The result is ordered by position in the reply (pitfalls without a span last) and holds
    each (kind, span) once even when two checks report it. Each pitfall's evidence starts with
    the check that raised it (``check:`` and its registered name, e.g. ``check:dismissive:dismissive``), then the
    rules the check names; a pitfall two checks report carries both chains.
    """
    wanted = set(kinds) if kinds is not None else None
    if wanted is not None:
        unknown = wanted - set(PITFALL_KINDS)
        if unknown:
            raise ConfigError(f"unknown pitfall kind(s) {', '.join(sorted(unknown))}")
    found: list[Pitfall] = []
    seen: dict[tuple[str, int | None, int | None], int] = {}
    for info in registered_checks():
        if wanted is not None and info.kind not in wanted:
            continue
        for pitfall in info.func(analysis):
            if pitfall.kind != info.kind:
                raise ConfigError(f"check {info.name!r} is registered for {info.kind!r} but reported {pitfall.kind!r}")
            where = (pitfall.span.start, pitfall.span.end) if pitfall.span else None
            chain = merge_evidence((Evidence("rule", f"check:{info.name}", None, where),), pitfall.evidence)
            key = (pitfall.kind, *(where or (None, None)))
            if key in seen:
                k = seen[key]
                found[k] = replace(found[k], evidence=merge_evidence(found[k].evidence, chain))
                continue
            seen[key] = len(found)
            found.append(replace(pitfall, evidence=chain))
    big = len(analysis.reply) + 1
    return sorted(found, key=lambda p: (p.span.start if p.span else big, PITFALL_KINDS.index(p.kind)))
