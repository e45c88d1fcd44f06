"""Pitfall checks across strategies (component ``check.pitfalls``).

Each check is a function ``(analysis) -> list[Pitfall]`` registered with
``@check("kind")`` (see :mod:`empathic.checks.registry`); importing this package
registers the built-in ones and the ``check.pitfalls`` component that runs them all.
"""

from empathic.checks import (  # noqa: F401  (imported to register their checks)
    component,
    dismissive,
    emotion_mismatch,
    identifiable,
    missing_reason,
    overgeneralizing,
    self_criticism,
    stories,
)
from empathic.checks.registry import CheckInfo, check, registered_checks, run_checks, unregister

__all__ = ["CheckInfo", "check", "registered_checks", "run_checks", "unregister"]
