"""Small SVG charts drawn on the server, so a report is one self-contained HTML file.

Each function returns an ``<svg>`` string with every label escaped; colours come from CSS
classes (``c0``...``c7``) defined in the report's stylesheet, so charts follow its theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

_FONT = 'font-size="12"'
#: Width of one character of a 10 px axis label (digits and dashes), and the least space between two labels.
_LABEL_CHAR = 6.2
_LABEL_GAP = 8


def _fmt(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def hbar(items: Sequence[tuple[str, float]], *, width: int = 560, digits: int = 0, suffix: str = "",
         max_value: float | None = None, title: str = "", classes: Sequence[str] | None = None) -> str:
    """Horizontal bars, one per ``(label, value)``, labelled with their values.

    ``classes`` gives each bar its CSS class (the strategy bars take ``s-<strategy>``, coloured by the
    palette); without it bars cycle through ``c0``...``c7``.
    """
    if not items:
        return '<p class="empty">No data.</p>'
    row, label_w, pad = 24, 190, 60
    height = row * len(items) + 10
    top = max_value if max_value is not None else max((v for _, v in items), default=0.0)
    top = top or 1.0
    bar_w = width - label_w - pad
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        w = max(0.0, bar_w * value / top)
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" {_FONT}>{escape(label)}</text>')
        cls = escape(classes[i]) if classes is not None else f"c{i % 8}"
        parts.append(f'<rect class="{cls}" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" rx="3"/>')
        shown = f"{_fmt(value, digits)}{escape(suffix)}"
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" {_FONT}>{shown}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(bins: Sequence[tuple[int, int]], *, bin_width: int, width: int = 560, height: int = 220,
              title: str = "") -> str:
    """Vertical bars of counts per score bin, with the bin edges on the x axis."""
    if not bins or not any(n for _, n in bins):
        return '<p class="empty">No data.</p>'
    left, bottom, top_pad = 44, 28, 16
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    top = max(n for _, n in bins)
    bw = plot_w / len(bins)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for frac in (0.0, 0.5, 1.0):
        y = top_pad + plot_h * (1 - frac)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {_FONT}>{_fmt(top * frac)}</text>')
    for i, (start, n) in enumerate(bins):
        h = plot_h * n / top
        x = left + i * bw
        cls = "c3" if start < 40 else "c1" if start < 70 else "c2"
        parts.append(f'<rect class="{cls}" x="{x + 2:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bw - 4:.1f}" '
                     f'height="{h:.1f}" rx="2"><title>{start}-{start + bin_width}: {n}</title></rect>')
        parts.append(f'<text x="{x + bw / 2:.1f}" y="{height - 10}" text-anchor="middle" {_FONT}>{start}</text>')
    parts.append("</svg>")
    return "".join(parts)


def lines(series: dict[str, list[tuple[str, float]]], *, width: int = 560, height: int = 240, y_max: float = 100,
          title: str = "") -> str:
    """One line per series over shared x labels (periods), with a legend."""
    labels = sorted({x for pts in series.values() for x, _ in pts})
    if not labels:
        return '<p class="empty">No data.</p>'
    left, bottom, top_pad = 44, 28, 14
    # Legend entries flow left to right and wrap, so many agents still fit.
    legend: list[tuple[float, float]] = []
    lx, row = float(left), 0
    for name in series:
        w = 7 * len(name) + 30
        if lx + w > width and lx > left:
            lx, row = float(left), row + 1
        legend.append((lx, row))
        lx += w
    legend_h = 18 * (row + 1)
    height += 18 * row
    plot_w, plot_h = width - left - 16, height - bottom - top_pad - legend_h
    step = plot_w / max(1, len(labels) - 1)
    xpos = {lab: left + (i * step if len(labels) > 1 else plot_w / 2) for i, lab in enumerate(labels)}
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = top_pad + plot_h * (1 - frac)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 16}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {_FONT}>{_fmt(y_max * frac)}</text>')
    longest = max(len(lab) for lab in labels)
    every = max(1, -(-len(labels) * (longest * 6 + 12) // plot_w))
    candidates = [lab for i, lab in enumerate(labels) if i % every == 0]
    if labels[-1] not in candidates:
        candidates.append(labels[-1])

    def anchor(lab: str) -> str:
        # The edge labels hang inwards so that they are never cut off by the frame.
        if len(labels) == 1:
            return "middle"
        return "start" if lab == labels[0] else "end" if lab == labels[-1] else "middle"

    def extent(lab: str) -> tuple[float, float]:
        x, w = xpos[lab], longest * _LABEL_CHAR
        side = anchor(lab)
        return (x, x + w) if side == "start" else (x - w, x) if side == "end" else (x - w / 2, x + w / 2)

    # Keep a tick only where its label clears the previous one (an edge label is wider on its inner
    # side); the last period always shows and drops the tick before it when the two would touch.
    def clears(lab: str) -> bool:
        return not shown or extent(shown[-1])[1] + _LABEL_GAP <= extent(lab)[0]

    shown: list[str] = []
    for lab in candidates:
        while lab == labels[-1] and len(shown) > 1 and not clears(lab):
            shown.pop()
        if clears(lab):
            shown.append(lab)
    for lab in shown:
        parts.append(f'<text x="{xpos[lab]:.1f}" y="{top_pad + plot_h + 16}" text-anchor="{anchor(lab)}" '
                     f'font-size="10">{escape(lab)}</text>')
    for k, (name, pts) in enumerate(series.items()):
        coords = [(xpos[x], top_pad + plot_h * (1 - min(y, y_max) / y_max)) for x, y in sorted(pts)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline class="line s{k % 8}" fill="none" points="{path}"/>')
        for (x, y), (lab, v) in zip(coords, sorted(pts), strict=True):
            parts.append(f'<circle class="dot c{k % 8}" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                         f"<title>{escape(name)} {escape(lab)}: {v:.1f}</title></circle>")
        lx, row = legend[k]
        ly = height - legend_h + 12 + 18 * row
        parts.append(f'<rect class="c{k % 8}" x="{lx}" y="{ly - 9}" width="10" height="10" rx="2"/>'
                     f'<text x="{lx + 14}" y="{ly}" {_FONT}>{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def paired(groups: Sequence[tuple[str, float, float, int]], *, width: int = 560, height: int = 230,
           first: str = "before", second: str = "after", y_max: float = 1.0, title: str = "") -> str:
    """Two bars per group (``label, first value, second value, n``): e.g. tension before and after."""
    groups = [g for g in groups if g[3] > 0]
    if not groups:
        return '<p class="empty">No agent turn was followed by another customer message.</p>'
    left, bottom, top_pad, legend_h = 44, 44, 14, 18
    plot_w, plot_h = width - left - 10, height - bottom - top_pad - legend_h
    gw = plot_w / len(groups)
    bw = min(48.0, gw / 3)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for frac in (0.0, 0.5, 1.0):
        y = top_pad + plot_h * (1 - frac)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {_FONT}>{y_max * frac:.2f}</text>')
    for i, (label, a, b, n) in enumerate(groups):
        cx = left + gw * i + gw / 2
        for j, (v, cls) in enumerate(((a, "c3"), (b, "c2"))):
            h = plot_h * min(v, y_max) / y_max
            x = cx - bw - 2 + j * (bw + 4)
            parts.append(f'<rect class="{cls}" x="{x:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bw:.1f}" '
                         f'height="{h:.1f}" rx="2"><title>{v:.3f}</title></rect>')
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{top_pad + plot_h - h - 4:.1f}" text-anchor="middle" '
                         f'font-size="11">{v:.2f}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" {_FONT}>'
                     f"{escape(label)}</text>")
        parts.append(f'<text x="{cx:.1f}" y="{top_pad + plot_h + 30}" text-anchor="middle" font-size="10" '
                     f'class="muted">n = {n:,}</text>')
    ly = height - 6
    parts.append(f'<rect class="c3" x="{left}" y="{ly - 9}" width="10" height="10" rx="2"/>'
                 f'<text x="{left + 14}" y="{ly}" {_FONT}>{escape(first)}</text>')
    x2 = left + 14 + 7 * len(first) + 24
    parts.append(f'<rect class="c2" x="{x2}" y="{ly - 9}" width="10" height="10" rx="2"/>'
                 f'<text x="{x2 + 14}" y="{ly}" {_FONT}>{escape(second)}</text>')
    parts.append("</svg>")
    return "".join(parts)
