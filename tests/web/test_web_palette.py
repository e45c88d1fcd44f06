"""One strategy palette everywhere: web CSS, web charts, the QA report (CSS, bars, legend) and the terminal."""

from __future__ import annotations

import re
from importlib import resources

from fastapi.testclient import TestClient

from empathic.batch import charts as report_charts
from empathic.palette import STRATEGY_BACKGROUNDS, STRATEGY_COLOURS, STRATEGY_INK, css_variables
from empathic.types import STRATEGIES

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")


def _rules(css: str) -> list[tuple[str, str]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(sel.strip(), body) for sel, body in _RULE.findall(css)]


def _defined(css: str) -> dict[str, str]:
    """The custom properties a stylesheet defines, name -> value."""
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"--([\w-]+)\s*:\s*([^;]+);", css)}


def assert_strategy_rules_take_the_palette(css: str, where: str) -> None:
    """Every rule about a strategy colours it with that strategy's palette variables only, never a literal."""
    seen = set()
    for selector, body in _rules(css):
        for s in STRATEGIES:
            if s not in selector or selector.lstrip().startswith(":root"):
                continue
            seen.add(s)
            assert not _HEX.search(body), f"{where}: {selector} has a colour of its own: {body.strip()}"
            for name in re.findall(r"var\(--([\w-]+)\)", body):
                if any(name.startswith(other) for other in STRATEGIES):
                    assert name.startswith(s), f"{where}: {selector} takes another strategy's colour --{name}"
    assert seen == set(STRATEGIES), f"{where}: no rule for {set(STRATEGIES) - seen}"
    # The strategy variables are defined by the palette alone.
    assert not any(name.split("-")[0] in STRATEGIES for name in _defined(css)), f"{where} defines strategy colours"


def test_the_palette_css_holds_every_strategy_colour() -> None:
    defined = _defined(css_variables())
    for s in STRATEGIES:
        assert defined[s] == STRATEGY_COLOURS[s]
        assert defined[f"{s}-bg"] == STRATEGY_BACKGROUNDS[s]
        assert defined[f"{s}-ink"] == STRATEGY_INK[s]
    assert len(set(STRATEGY_COLOURS.values())) == len(STRATEGIES)  # three strategies, three colours


def test_web_pages_and_stylesheet_take_the_palette(client: TestClient) -> None:
    r = client.get("/palette.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert r.text == css_variables()
    for page in ("/assist", "/learn", "/dashboard"):
        html = client.get(page).text
        links = re.findall(r'<link rel="stylesheet" href="([^"?]+)', html)
        assert links[:2] == ["/palette.css", "/static/app.css"], (page, links)
    app_css = client.get("/static/app.css").text
    assert_strategy_rules_take_the_palette(app_css, "app.css")


def test_web_charts_draw_strategies_in_their_palette_colour(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(seed_sample=True)) as c:
        html = c.get("/dashboard").text
    chart = html[html.index('id="strat-h"'):]
    chart = chart[: chart.index("</svg>")]
    fills = re.findall(r'fill="(#[0-9a-fA-F]{6})"', chart)
    for s in STRATEGIES:
        assert STRATEGY_COLOURS[s] in fills, (s, fills)


def test_the_report_css_bars_and_legend_take_the_palette() -> None:
    css = resources.files("empathic.resources").joinpath("report", "report.css").read_text(encoding="utf-8")
    assert_strategy_rules_take_the_palette(css, "report.css")
    svg = report_charts.hbar([("a", 1.0), ("b", 2.0), ("c", 3.0)], classes=[f"s-{s}" for s in STRATEGIES])
    assert re.findall(r'<rect class="([^"]+)"', svg) == [f"s-{s}" for s in STRATEGIES]
    rules = dict(_rules(css))
    for s in STRATEGIES:
        assert f"var(--{s})" in rules[f"svg .s-{s}"]  # the bars
        assert f"var(--{s}-bg)" in rules[f"mark.s-{s}"]  # the legend and highlighted words


def test_the_terminal_takes_the_palette() -> None:
    from empathic.render.terminal import STRATEGY_STYLE

    for s in STRATEGIES:
        assert STRATEGY_COLOURS[s] in STRATEGY_STYLE[s]
