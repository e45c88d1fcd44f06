"""Reviewing in a real browser: verdicts in the drill-down survive a reload and move the Calibration page.

Headless Chromium as in tests/web/test_web_browser.py (the ``browser`` marker). The README screenshot of
the Calibration page comes from twcs conversations scored into a store and reviewed by the scripted
reviewer of tests/web/scripted_review.py (also ``shared_data``); it is copied to docs/screenshots/ only
with ``EMPATHIC_DOCS_SCREENSHOTS=1``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

# the project's headless Chromium and its helpers (tests/web/test_web_browser.py)
from test_web_browser import browser, no_script_errors, screenshot, wait_for  # noqa: F401

pytestmark = pytest.mark.browser

TWCS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "twcs"


def _turn_to_review(base: str) -> tuple[str, int, dict]:  # type: ignore[type-arg]
    """A stored sample turn with at least two findings or pitfalls to confirm and reject."""
    for item in httpx.get(base + "/v1/results", params={"limit": 500}).json()["items"]:
        a = item["analysis"]
        if len(a["findings"]) + len(a["pitfalls"]) >= 2 and a["findings"]:
            return item["conversation_id"], item["turn_index"], a
    pytest.fail("no sample turn has two findings or pitfalls")


def _select(driver, element, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    """Select characters [start, end) of an element's text, as a reviewer dragging over words would."""
    driver.execute_script(
        """
        const [root, start, end] = arguments;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node, seen = 0, range = document.createRange(), begun = false;
        while ((node = walker.nextNode())) {
          const len = node.textContent.length;
          if (!begun && start <= seen + len) { range.setStart(node, start - seen); begun = true; }
          if (begun && end <= seen + len) { range.setEnd(node, end - seen); break; }
          seen += len;
        }
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        """,
        element, start, end,
    )


def name_in(driver, name: str) -> None:  # type: ignore[no-untyped-def]
    """Type the reviewer's name in the "Reviewing as" box (kept when it changes, as Tab makes it)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.ID, "reviewer-name")
    box.clear()
    box.send_keys(name, Keys.TAB)
    wait_for(driver, lambda drv: drv.find_element(By.ID, "reviewer-status").text.startswith("Saved"))


def _figures(driver) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The Calibration page's strategy rows: label -> the row's text."""
    from selenium.webdriver.common.by import By

    return {r.get_attribute("data-label"): r.text
            for r in driver.find_elements(By.CSS_SELECTOR, "#strategies-table tbody tr[data-label]")}


def test_reviewing_in_the_drill_down_feeds_the_calibration_page(browser, make_app, live_server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    d = browser
    server = live_server(make_app(seed_sample=True))
    d.get(server.url + "/calibration")
    assert d.find_elements(By.ID, "calibration-empty"), "no reviews yet: the page says what to do"
    assert "Review next" in d.find_element(By.ID, "calibration-empty").text

    conversation, turn, analysis = _turn_to_review(server.url)
    d.get(server.url + f"/dashboard/conversations/{conversation}#turn-{turn}")
    wait_for(d, lambda drv: drv.find_element(By.ID, "conversation").get_attribute("data-reviews-loaded") == "true")
    panel = d.find_element(By.CSS_SELECTOR, f'.review[data-turn="{turn}"]')
    rows = panel.find_elements(By.CSS_SELECTOR, ".review-item")
    first, second = rows[0], rows[1]
    # A server without API keys knows reviewers by name: a verdict before the name asks for it.
    first.find_element(By.CSS_SELECTOR, "button.confirm").click()
    wait_for(d, lambda drv: "name" in panel.find_element(By.CSS_SELECTOR, ".review-status").text)
    assert d.switch_to.active_element == d.find_element(By.ID, "reviewer-name")
    name_in(d, "Robin Q")
    # Keyboard: the verdict buttons are real buttons with labels that say what they answer.
    confirm = first.find_element(By.CSS_SELECTOR, "button.confirm")
    assert confirm.get_attribute("aria-label").startswith("Confirm ")
    confirm.click()
    wait_for(d, lambda drv: confirm.get_attribute("aria-pressed") == "true")
    reject = second.find_element(By.CSS_SELECTOR, "button.reject")
    reject.click()
    wait_for(d, lambda drv: reject.get_attribute("aria-pressed") == "true")

    # A missed strategy span: select words of the reply, pick the strategy, add.
    reply = analysis["exchange"]["reply"]
    taken = [(f["start"], f["end"]) for f in analysis["findings"]]
    # the last two words of the reply outside every finding
    spans = [m.span() for m in re.finditer(r"\w+ \w+", reply)
             if all(m.end() <= s or m.start() >= e for s, e in taken)]
    start, end = spans[-1]
    words = reply[start:end]
    _select(d, d.find_element(By.ID, f"reply-{turn}"), start, end)
    box = panel.find_element(By.CSS_SELECTOR, "input.review-words")
    wait_for(d, lambda drv: box.get_attribute("value") == words)
    from selenium.webdriver.support.ui import Select

    Select(panel.find_element(By.CSS_SELECTOR, ".review-missed select")).select_by_value("normalizing")
    panel.find_element(By.XPATH, ".//button[normalize-space()='Add missed span']").click()
    wait_for(d, lambda drv: panel.find_elements(By.CSS_SELECTOR, '.review-added-item[data-item="missed_span"]'))

    # The reviewer's verdicts come back after a reload, and the state says so.
    d.refresh()
    wait_for(d, lambda drv: drv.find_element(By.ID, "conversation").get_attribute("data-reviews-loaded") == "true")
    panel = d.find_element(By.CSS_SELECTOR, f'.review[data-turn="{turn}"]')
    rows = panel.find_elements(By.CSS_SELECTOR, ".review-item")
    assert rows[0].get_attribute("data-verdict") == "confirm"
    assert rows[1].get_attribute("data-verdict") == "reject"
    assert rows[0].find_element(By.CSS_SELECTOR, "button.confirm").get_attribute("aria-pressed") == "true"
    added = panel.find_elements(By.CSS_SELECTOR, '.review-added-item[data-item="missed_span"]')
    assert len(added) == 1 and words in added[0].text
    screenshot(d, "conversation-review")

    # The Calibration page now rests on these reviews.
    d.get(server.url + "/calibration")
    assert not d.find_elements(By.ID, "calibration-empty")
    before = _figures(d)
    assert before, "the strategy table has rows once findings are reviewed"
    assert d.find_element(By.ID, "kpi-reviews").text == "3"

    # Undo the confirmation in the drill-down: the figures move back.
    d.get(server.url + f"/dashboard/conversations/{conversation}#turn-{turn}")
    wait_for(d, lambda drv: drv.find_element(By.ID, "conversation").get_attribute("data-reviews-loaded") == "true")
    first = d.find_element(By.CSS_SELECTOR, f'.review[data-turn="{turn}"] .review-item')
    confirm = first.find_element(By.CSS_SELECTOR, "button.confirm")
    confirm.click()
    wait_for(d, lambda drv: confirm.get_attribute("aria-pressed") == "false")
    d.get(server.url + "/calibration")
    assert d.find_element(By.ID, "kpi-reviews").text == "2"
    assert _figures(d) != before
    no_script_errors(d)


@pytest.mark.shared_data
def test_calibration_page_on_reviewed_twcs_conversations(browser, make_app, live_server, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The README screenshot: twcs conversations scored into a store, reviewed by the scripted reviewer."""
    from scripted_review import review_store
    from selenium.webdriver.common.by import By

    from empathic.calibration.reviews import list_reviews
    from empathic.store import open_store

    records = [json.loads(line) for line in (TWCS / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    with_strategy = {r["id"].rsplit("-", 1)[0] for r in records if r["strategies"]}
    picked = []
    for line in (TWCS / "conversations-dev.jsonl").read_text(encoding="utf-8").splitlines():
        # the conversations whose replies use a strategy, and the first 150 others
        if json.loads(line)["id"] in with_strategy or len(picked) < 150:
            picked.append(line)
    export = tmp_path / "twcs.jsonl"
    export.write_text("\n".join(picked) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'web.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-m", "empathic", "score", str(export), "--store", url,
         "--errors", str(tmp_path / "errors.jsonl"), "--workers", "1"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with open_store(url) as store:
        counts = review_store(store, TWCS / "dev.jsonl")
        stored = len(list_reviews(store))
    assert counts["turns"] > 100 and counts["sam"] > 0

    d = browser
    server = live_server(make_app())
    d.get(server.url + "/calibration")
    assert int(d.find_element(By.ID, "kpi-reviews").text.replace(",", "")) == stored
    assert d.find_elements(By.CSS_SELECTOR, "#emotions-table tbody tr[data-label]")
    assert d.find_elements(By.CSS_SELECTOR, "#trend-h ~ svg.chart")
    screenshot(d, "calibration", docs=True)
    no_script_errors(d)


def test_reviewing_in_assist_saves_the_exchange_and_the_verdict(browser, make_app, live_server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from test_web_browser import CUSTOMER, REPLY

    d = browser
    server = live_server(make_app())
    d.get(server.url + "/assist")
    d.find_element(By.ID, "customer").send_keys(CUSTOMER)
    d.find_element(By.ID, "reply").send_keys(REPLY)
    wait_for(d, lambda drv: drv.find_element(By.ID, "review-box").is_displayed())
    d.find_element(By.ID, "review-h").click()  # the panel is folded: agents drafting a reply need not see it
    name_in(d, "robin")
    row = wait_for(d, lambda drv: drv.find_element(By.CSS_SELECTOR, '#assist-review .review-item[data-item="finding"]'))
    assert row.get_attribute("data-label") == "reflecting_emotion"
    reject = row.find_element(By.CSS_SELECTOR, "button.reject")
    reject.click()
    wait_for(d, lambda drv: reject.get_attribute("aria-pressed") == "true")
    link = d.find_element(By.CSS_SELECTOR, "#review-saved a")
    stored = httpx.get(server.url + "/v1/results").json()
    assert stored["total"] == 1  # the exchange was saved once, for the verdict to answer
    conversation = stored["items"][0]["conversation_id"]
    assert conversation in link.text
    link.click()
    wait_for(d, lambda drv: drv.find_element(By.ID, "conversation").get_attribute("data-reviews-loaded") == "true")
    row = d.find_element(By.CSS_SELECTOR, '.review .review-item[data-item="finding"]')
    assert row.get_attribute("data-verdict") == "reject"
    no_script_errors(d)
