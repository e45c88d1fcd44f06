"""The strategy colours: one palette, defined here once, that every surface takes.

The terminal view, the QA report (its CSS, bars and legend), the web app's stylesheet (served
as ``/palette.css``) and its server-side charts all read these values, so a strategy has the
same colour wherever it is shown. ``colour`` marks the strategy (bars, swatches, underlines);
``background`` is the light tint behind highlighted words, dark text stays readable on it.
"""

from __future__ import annotations

from empathic.types import STRATEGIES

#: Strong colour of each strategy (bars, swatches, chips, highlight underlines, terminal text).
STRATEGY_COLOURS: dict[str, str] = {
    "relating_experience": "#7c3aed",
    "reflecting_emotion": "#0d9488",
    "normalizing": "#d97706",
}

#: Light tint of each strategy (the background of highlighted words).
STRATEGY_BACKGROUNDS: dict[str, str] = {
    "relating_experience": "#ede4ff",
    "reflecting_emotion": "#d5f5f0",
    "normalizing": "#fdecc8",
}

#: Text colour of a strategy's name written on its tint (chips): dark enough to read.
STRATEGY_INK: dict[str, str] = {
    "relating_experience": "#7c3aed",
    "reflecting_emotion": "#0b6f68",
    "normalizing": "#9a5a06",
}


def css_variables() -> str:
    """The palette as CSS custom properties on ``:root``: ``--<strategy>`` and its ``-bg`` and ``-ink`` tints."""
    lines = [
        f"  --{s}: {STRATEGY_COLOURS[s]};\n  --{s}-bg: {STRATEGY_BACKGROUNDS[s]};\n  --{s}-ink: {STRATEGY_INK[s]};"
        for s in STRATEGIES
    ]
    return "/* Strategy colours: generated from empathic.palette, the one place they are defined. */\n" \
           ":root {\n" + "\n".join(lines) + "\n}\n"
