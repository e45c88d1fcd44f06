"""The component registry: a component is a function ``Analysis -> Analysis`` registered by name.

It sits below every component (they register themselves with :func:`component` when imported),
so the components need not import the pipeline that runs them (:mod:`empathic.pipeline` builds
a Coach from these names and checks their ``requires`` / ``assigns``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from empathic.types import Analysis

ComponentFn = Callable[[Analysis], Analysis]


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    """A registered component: its name, what it needs and what it sets on the Analysis."""

    name: str
    func: ComponentFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


_REGISTRY: dict[str, ComponentInfo] = {}


def component(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[ComponentFn], ComponentFn]:
    """Register ``func`` as pipeline component ``name``.

    ``requires`` and ``assigns`` name Analysis attributes (``"findings"``,
    ``"customer.emotions"``); the Coach uses them to check the order of a pipeline.
    """

    def wrap(func: ComponentFn) -> ComponentFn:
        _REGISTRY[name] = ComponentInfo(
            name=name,
            func=func,
            requires=tuple(requires),
            assigns=tuple(assigns),
            doc=(func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else "",
        )
        return func

    return wrap


def registered_components() -> dict[str, ComponentInfo]:
    """The components registered so far, by name (the pipeline loads the built-ins and plug-ins first)."""
    return dict(_REGISTRY)
