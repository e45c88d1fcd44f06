"""Every page fits a phone: at 390 px wide nothing makes the page scroll sideways (headless Chromium).

Needs Debian's ``chromium`` and ``chromium-driver`` (the ``browser`` marker, as tests/web/test_web_browser.py).
The viewport is set through the DevTools protocol, because a headless window cannot be made narrower than
500 px; wide tables scroll inside their own container, so they may be wider than the screen without widening
the page.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from needs import CHROMEDRIVER, CHROMIUM

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
WIDTH, HEIGHT = 390, 844

pytestmark = pytest.mark.browser


@pytest.fixture()
def browser() -> Iterator[object]:
    """Headless Chromium with a 390 x 844 viewport (an iPhone-sized screen)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="empathic-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
                 f"--window-size={WIDTH},{HEIGHT}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_no_page_scrolls_sideways_at_390_px(browser, make_app, live_server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    base = live_server(make_app(seed_sample=True)).url
    browser.get(f"{base}/dashboard")
    conversation = browser.execute_script(
        "const a = document.querySelector('a[href^=\"/dashboard/conversations/\"]'); return a && a.getAttribute('href')"
    )
    assert conversation, "the seeded dashboard links to a conversation"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path in ("/assist", "/learn", "/dashboard", conversation, "/login", "/no-such-page"):
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
