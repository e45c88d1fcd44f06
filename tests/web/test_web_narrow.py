"""Every page fits a phone: at 390 px wide nothing makes the page scroll sideways (headless Chromium).

Needs Debian's ``chromium`` and ``chromium-driver`` (the ``browser`` marker, as tests/web/test_web_browser.py).
The viewport is set through the DevTools protocol, because a headless window cannot be made narrower than
500 px; wide tables scroll inside their own container, so they may be wider than the screen without widening
the page.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

# the project's headless Chromium (tests/web/test_web_browser.py); the viewport is narrowed below
from test_web_browser import browser  # noqa: F401

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
WIDTH, HEIGHT = 390, 844

pytestmark = pytest.mark.browser


def test_no_page_scrolls_sideways_at_390_px(browser, make_app, live_server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    base = live_server(make_app(seed_sample=True)).url
    browser.get(f"{base}/dashboard")
    conversation = browser.execute_script(
        "const a = document.querySelector('a[href^=\"/dashboard/conversations/\"]'); return a && a.getAttribute('href')"
    )
    assert conversation, "the seeded dashboard links to a conversation"
    # a reviewed turn, so that the Calibration page draws its tables, chart and lists
    item = httpx.get(f"{base}/v1/results", params={"limit": 1}).json()["items"][0]
    verdicts = [{"conversation_id": item["conversation_id"], "turn_index": item["turn_index"], "item": "turn",
                 "verdict": "confirm"}]
    verdicts += [{"conversation_id": item["conversation_id"], "turn_index": item["turn_index"], "item": "emotion",
                  "label": e["label"], "verdict": "reject"} for e in item["analysis"]["customer"]["emotions"][:1]]
    posted = httpx.post(f"{base}/v1/reviews", json=verdicts, headers={"X-Reviewer": "narrow"})
    assert posted.status_code == 201, posted.text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path in ("/assist", "/learn", "/dashboard", conversation, "/calibration", "/login", "/no-such-page"):
        browser.get(f"{base}{path}")
        WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
        width, inner = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        name = path.strip("/").replace("/", "-") or "root"
        browser.save_screenshot(str(ARTIFACTS / f"narrow-{name}.png"))
        assert inner == WIDTH, (path, inner)
        # what sticks out past the right edge, to say which element broke the layout
        wide = browser.execute_script(
            "return Array.from(document.querySelectorAll('body *')).filter(e => !e.closest('.table-scroll') &&"
            " e.getBoundingClientRect().right > window.innerWidth + 0.5).slice(0, 5)"
            ".map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"
        )
        assert width <= inner, f"{path} is {width} px wide at {inner} px: {wide}"
