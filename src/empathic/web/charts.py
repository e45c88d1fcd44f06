"""Charts drawn on the server as inline SVG: no chart library, nothing loaded from elsewhere.

Each function returns markup safe to embed (every label is escaped) with a ``<title>`` and
an ``aria-label`` so screen readers say what the chart shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from empathic import palette

#: One colour per strategy, the same in every page, legend and chart (and the report and terminal).
STRATEGY_COLOURS: dict[str, str] = dict(palette.STRATEGY_COLOURS)
PITFALL_COLOUR = "#dc2626"
SCORE_COLOUR = "#2563eb"


def label_of(name: str) -> str:
    """``reflecting_emotion`` -> ``Reflecting emotion``: the registry's display name (other names made readable)."""
    return palette.display_name(name)


#: The colour of each score band (app.css repeats them as .score-pill.score-BAND).
BAND_COLOURS = {"low": "#dc2626", "mid": "#d97706", "high": "#16a34a"}


def score_colour(score: float) -> str:
    """Red below 40, amber below 70, green from 70."""
    return BAND_COLOURS[score_band(score)]


def score_band(score: float) -> str:
    """The band :func:`score_colour` colours a score by: "low", "mid" or "high" (a CSS class suffix)."""
    if score < 40:
        return "low"
    return "mid" if score < 70 else "high"


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    max_value: float = 1.0,
    percent: bool = True,
    colours: Sequence[str] | None = None,
    width: int = 560,
) -> str:
    """Horizontal bars, one per ``(label, value)``; values as percentages when ``percent``."""
    row, label_w, pad = 28, 150, 8
    bar_w = width - label_w - 60
    height = max(row * len(items) + pad * 2, row + pad * 2)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(items):
        y = pad + i * row
        frac = 0.0 if max_value <= 0 else max(0.0, min(1.0, value / max_value))
        colour = colours[i % len(colours)] if colours else SCORE_COLOUR
        text = f"{value * 100:.0f}%" if percent else f"{value:.0f}"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row / 2 + 4}" text-anchor="end" class="chart-label">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="{row - 10}" rx="4" class="chart-track"/>'
            f'<rect x="{label_w}" y="{y + 5}" width="{bar_w * frac:.1f}" height="{row - 10}" rx="4" '
            f'fill="{colour}"><title>{escape(label)}: {text}</title></rect>'
            f'<text x="{label_w + bar_w + 8}" y="{y + row / 2 + 4}" class="chart-value">{text}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    points: Sequence[tuple[str, float, int]] | Mapping[str, Sequence[tuple[str, float, int]]],
    *,
    title: str,
    y_max: float = 100.0,
    width: int = 1180,
    height: int = 240,
    unit: str = "turns",
) -> str:
    """Lines through ``(label, value, count)`` points (oldest first) on a 0..y_max axis.

    ``points`` is one series, or a mapping of series name to points (the k-th series drawn with CSS class
    ``series-k``, app.css colours up to four, with a legend); the x axis is then the sorted union of the
    series' labels (ISO weeks sort in time order). ``unit`` names the counts in each point's tooltip.
    """
    series = dict(points) if isinstance(points, Mapping) else {"": points}
    single = not isinstance(points, Mapping) or len(series) == 0
    legend_h = 0 if single else 22
    left, right, top, bottom = 40, 16, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom - legend_h
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        value = y_max * tick / 100
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="chart-grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="chart-axis">{value:.0f}</text>'
        )
    labels = list(dict.fromkeys(label for pts in series.values() for label, _, _ in pts))
    if not single:
        labels.sort()  # several series: their labels (ISO weeks) are merged in order
    if not labels:
        parts.append("</svg>")
        return "".join(parts)
    n = len(labels)

    def xy(label: str, v: float) -> tuple[float, float]:
        i = labels.index(label)
        x = left + (plot_w * (i / (n - 1)) if n > 1 else plot_w / 2)
        y = top + plot_h * (1 - max(0.0, min(y_max, v)) / y_max)
        return x, y

    for k, (name, pts) in enumerate(series.items()):
        # colours come from classes: the Content-Security-Policy refuses style attributes
        paint = "" if single else f" series-{k}"
        coords = [xy(label, v) for label, v, _ in pts]
        if len(coords) > 1:
            path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(coords))
            if single:
                area = path + f" L{coords[-1][0]:.1f},{top + plot_h} L{coords[0][0]:.1f},{top + plot_h} Z"
                parts.append(f'<path d="{area}" class="chart-area"/>')
            parts.append(f'<path d="{path}" class="chart-line{paint}"/>')
        for (label, value, count), (x, y) in zip(pts, coords, strict=True):
            what = f"{escape(name)} " if name else ""
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="chart-dot{paint}">'
                f"<title>{what}{escape(label)}: {value:.0f} ({count} {escape(unit)})</title></circle>"
            )
        if not single:
            lx = left + k * (plot_w / max(1, len(series)))
            parts.append(
                f'<rect x="{lx:.1f}" y="{height - 14}" width="12" height="12" rx="2" class="chart-key{paint}"/>'
                f'<text x="{lx + 17:.1f}" y="{height - 4}" class="chart-label">{escape(name)}</text>'
            )
    step = max(1, n // 6)
    for i, label in enumerate(labels):
        if i % step == 0 or i == n - 1:
            x, _ = xy(label, 0)
            parts.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle" class="chart-axis">'
                f"{escape(label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def gauge(score: float, *, size: int = 120, label: str = "score") -> str:
    """A half-circle gauge for a 0..100 score, coloured by band."""
    score = max(0.0, min(100.0, float(score)))
    r, stroke = 50, 12
    length = 3.14159 * r
    filled = length * score / 100
    return (
        f'<svg class="gauge" viewBox="0 0 120 72" width="{size}" role="img" '
        f'aria-label="{escape(label)} {score:.0f} out of 100" xmlns="http://www.w3.org/2000/svg">'
        f'<path d="M10,62 A50,50 0 0 1 110,62" class="gauge-track" stroke-width="{stroke}" fill="none"/>'
        f'<path d="M10,62 A50,50 0 0 1 110,62" stroke="{score_colour(score)}" stroke-width="{stroke}" '
        f'fill="none" stroke-linecap="round" stroke-dasharray="{filled:.1f} {length:.1f}"/>'
        f'<text x="60" y="58" text-anchor="middle" class="gauge-value">{score:.0f}</text></svg>'
    )
