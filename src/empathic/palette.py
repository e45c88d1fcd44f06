"""The strategy colours and display names: one palette, from the registry, that every surface takes.

The terminal view, the QA report (its CSS, bars and legend), the web app's stylesheet (served
as ``/palette.css``) and its server-side charts all read these values, so a strategy has the
same colour wherever it is shown. The values live in the registry files
(``resources/registry/en/strategies/*.toml``). ``colour`` marks the strategy (bars, swatches,
underlines); ``background`` is the light tint behind highlighted words, dark text stays readable on
it; ``ink`` is the strategy's name written on that tint.
"""

from __future__ import annotations

from empathic.catalog import default_registry
from empathic.types import STRATEGIES

#: Strong colour of each strategy (bars, swatches, chips, highlight underlines, terminal text).
STRATEGY_COLOURS: dict[str, str] = {s.name: s.colour for s in default_registry().strategies}

#: Light tint of each strategy (the background of highlighted words).
STRATEGY_BACKGROUNDS: dict[str, str] = {s.name: s.background for s in default_registry().strategies}

#: Text colour of a strategy's name written on its tint (chips): dark enough to read.
STRATEGY_INK: dict[str, str] = {s.name: s.ink for s in default_registry().strategies}


def display_name(name: str) -> str:
    """The display name of a strategy or pitfall from the registry ("Reflecting emotion"), else made readable."""
    return default_registry().display(name)


def css_variables() -> str:
    """The palette as CSS custom properties on ``:root``: ``--<strategy>`` and its ``-bg`` and ``-ink`` tints."""
    lines = [
        f"  --{s}: {STRATEGY_COLOURS[s]};\n  --{s}-bg: {STRATEGY_BACKGROUNDS[s]};\n  --{s}-ink: {STRATEGY_INK[s]};"
        for s in STRATEGIES
    ]
    return "/* Strategy colours: generated from empathic.palette (the registry files). */\n" \
           ":root {\n" + "\n".join(lines) + "\n}\n"
