"""The pages in a real browser: Debian's headless Chromium driven by Selenium against a live server.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (the ``browser`` marker: skipped, with
the reason, when they are not installed; failed under ``CI=true``). Screenshots go to
artifacts/screenshots/; with ``EMPATHIC_DOCS_SCREENSHOTS=1`` the final ones are also copied to
docs/screenshots/ for the README (opt-in, so that a test run leaves the clone unchanged).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from needs import CHROMEDRIVER, CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"

pytestmark = pytest.mark.browser

CUSTOMER = ("I've been charged for my gym membership twice this month and the app won't let me cancel "
            "the second one. I'm really annoyed, money is tight right now.")
REPLY = ("It's really frustrating to be charged twice when money is already tight. "
         "I've refunded the second payment today.")


@pytest.fixture()
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="empathic-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1440,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def server(make_app, live_server):  # type: ignore[no-untyped-def]
    return live_server(make_app(seed_sample=True))


def wait_for(driver, condition, timeout: float = 15):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def screenshot(driver, name: str, *, full: bool = True, docs: bool = False) -> Path:  # type: ignore[no-untyped-def]
    """Save a PNG of the page (the whole page up to 2,400 px tall when ``full``)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if full:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1440, min(max(900, height), 2400))
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(1440, 900)
    if docs and os.environ.get("EMPATHIC_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{name}.png")
    assert path.stat().st_size > 10_000
    return path


def no_script_errors(driver) -> None:  # type: ignore[no-untyped-def]
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_assist_highlights_and_scores_as_the_agent_types(browser, server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    d = browser
    d.get(server.url + "/assist")
    customer = d.find_element(By.ID, "customer")
    reply = d.find_element(By.ID, "reply")
    assert not d.find_element(By.ID, "insights").is_displayed()
    customer.send_keys(CUSTOMER)
    # Keyboard only: Tab moves from the customer's message to the reply.
    customer.send_keys(Keys.TAB)
    assert d.switch_to.active_element == reply
    reply.send_keys(REPLY)
    wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, "#reply-view mark.hl"))
    wait_for(d, lambda drv: drv.find_element(By.ID, "gauge-value").text.isdigit())
    marks = d.find_elements(By.CSS_SELECTOR, "#reply-view mark.hl")
    assert any("hl-reflecting_emotion" in m.get_attribute("class") for m in marks)
    assert all(m.get_attribute("data-tip") and m.get_attribute("tabindex") == "0" for m in marks)
    # Hovering a strategy shows why: the rules and heads behind it (schema 1.1 evidence).
    assert any("why:" in m.get_attribute("data-tip") for m in marks)
    # The highlighted text is the reply, character for character.
    assert d.find_element(By.ID, "reply-view").text == REPLY
    score = int(d.find_element(By.ID, "gauge-value").text)
    assert 0 <= score <= 100
    assert d.find_element(By.CSS_SELECTOR, "#strategies .chip.reflecting_emotion").is_displayed()
    assert d.find_elements(By.CSS_SELECTOR, "#customer-view mark.emo")
    assert d.find_element(By.ID, "emotions-box").is_displayed()
    legend = d.find_element(By.CSS_SELECTOR, "#reply-h ~ ul.legend").text
    for name in ("Relating experience", "Reflecting emotion", "Normalizing"):
        assert name in legend

    # Suggestions appear (the suggestion engine is installed) and insert with one click.
    wait_for(d, lambda drv: drv.find_element(By.ID, "suggest-box").is_displayed())
    first = d.find_element(By.CSS_SELECTOR, "#suggestions li")
    text = first.find_element(By.TAG_NAME, "p").text
    before = int(d.find_element(By.ID, "assist").get_attribute("data-analysed"))
    first.find_element(By.TAG_NAME, "button").click()
    assert d.find_element(By.ID, "reply").get_attribute("value").count(text.split(" Relating")[0][:30]) == 1
    wait_for(d, lambda drv: int(drv.find_element(By.ID, "assist").get_attribute("data-analysed")) > before)
    # Put the screenshot back on the original draft so it shows a typical moment.
    d.find_element(By.ID, "reply").clear()
    d.find_element(By.ID, "reply").send_keys("I understand your frustration. I've refunded the second payment today.")
    wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, "#reply-view mark.pf"))
    pitfall = d.find_element(By.CSS_SELECTOR, "#reply-view mark.pf")
    assert "Missing reason" in pitfall.get_attribute("data-tip")
    assert "why: check:missing_reason" in pitfall.get_attribute("data-tip")
    # Focus shows the tooltip, as Tab would: pitfalls explain themselves without a mouse.
    d.execute_script("arguments[0].focus({preventScroll: true}); window.scrollTo(0, 0);", pitfall)
    assert d.switch_to.active_element == pitfall
    screenshot(d, "assist", docs=True)
    no_script_errors(d)


def test_assist_explains_an_error(browser, server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    d = browser
    d.get(server.url + "/assist")
    d.find_element(By.ID, "reply").send_keys("Sorry about that.")
    wait_for(d, lambda drv: "customer's message" in drv.find_element(By.ID, "status").text)
    assert not d.find_element(By.ID, "insights").is_displayed()


def test_assist_my_stories_added_then_offered_when_they_fit(browser, server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    story = "When my broadband kept dropping during work calls, I was just as fed up."
    d = browser
    d.get(server.url + "/assist")
    assert not d.find_element(By.ID, "stories-panel").is_displayed()
    d.find_element(By.ID, "agent-id").send_keys("robin.k")
    d.find_element(By.CSS_SELECTOR, "#agent-form button[type=submit]").click()
    wait_for(d, lambda drv: drv.find_element(By.ID, "stories-empty").is_displayed())
    d.find_element(By.ID, "story-text").send_keys(story)
    d.find_element(By.ID, "story-topics").send_keys("internet, wifi")
    d.find_element(By.ID, "story-save").click()
    wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, "#stories li.story"))
    assert story in d.find_element(By.CSS_SELECTOR, "#stories li.story p").text
    assert "internet, wifi" in d.find_element(By.CSS_SELECTOR, "#stories li.story p").text

    # A customer whose trouble the story fits: the suggestions offer the agent's own story, marked as theirs.
    d.find_element(By.ID, "customer").send_keys(
        "My internet keeps dropping every evening and I'm so frustrated, I work from home.")
    d.find_element(By.ID, "reply").send_keys("I've booked an engineer for tomorrow morning.")
    mine = wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, "#suggestions li.source-my-stories"))
    assert story in mine[0].text and "from your stories" in mine[0].text
    # Relating frames carry their note on this surface too.
    frames = [li.text for li in d.find_elements(By.CSS_SELECTOR, "#suggestions li.source-templates")]
    assert all("only if it is true for you" in f for f in frames if "…" in f)

    # Edit, then delete: the suggestions follow.
    d.find_element(By.CSS_SELECTOR, "#stories li.story button[aria-label^='Edit']").click()
    text = d.find_element(By.ID, "story-text")
    text.clear()
    text.send_keys("When my wifi died in the middle of a work call, I was fed up too.")
    d.find_element(By.ID, "story-save").click()
    # Read in one script call: the lists are redrawn while the test looks.
    def text_of(selector: str):  # type: ignore[no-untyped-def]
        return lambda drv: drv.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map((e) => e.textContent).join(' | ')",
            selector)

    wait_for(d, lambda drv: "wifi died" in text_of("#stories li.story")(drv))
    wait_for(d, lambda drv: "wifi died" in text_of("#suggestions li.source-my-stories")(drv))
    # Kept on reload: the store holds it, the page remembers the agent id.
    d.refresh()
    wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, "#stories li.story"))
    d.find_element(By.CSS_SELECTOR, "#stories li.story button[aria-label^='Delete']").click()
    wait_for(d, lambda drv: drv.find_element(By.ID, "stories-empty").is_displayed())
    no_script_errors(d)


def _passing_scenario(coach):  # type: ignore[no-untyped-def]
    """The first scenario whose first model answer passes the grader, with that answer."""
    from empathic.course.content import load_course
    from empathic.course.grading import grade_practice

    for sc in load_course().scenarios:
        for answer in sc.model_answers:
            if grade_practice(sc, answer, analyze=coach.analyze).passed:
                return sc, answer
    pytest.fail("no model answer of any scenario passes the grader")


def test_learn_practice_scenario_is_graded_and_saved(browser, server, coach) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    scenario, answer = _passing_scenario(coach)
    d = browser
    d.get(server.url + f"/learn?scenario={scenario.id}")
    assert scenario.title in d.find_element(By.ID, "scenario-h").text
    learner = d.find_element(By.ID, "learner")
    learner.send_keys("robin")
    box = d.find_element(By.ID, "practice-reply")
    box.send_keys(answer[:40])
    wait_for(d, lambda drv: drv.find_element(By.ID, "grade").is_displayed())
    assert "live preview" in d.find_element(By.ID, "verdict").text
    box.send_keys(answer[40:])
    wait_for(d, lambda drv: "Pass" in drv.find_element(By.ID, "verdict").text)
    d.find_element(By.ID, "submit-attempt").click()
    wait_for(d, lambda drv: "attempt saved" in drv.find_element(By.ID, "verdict").text)
    tick = d.find_element(By.CSS_SELECTOR, f'[data-item="scenario:{scenario.id}"] .done')
    wait_for(d, lambda drv: tick.is_displayed())
    assert "1/" in d.find_element(By.ID, "progress-text").text
    assert d.find_elements(By.CSS_SELECTOR, "#practice-view mark.hl")
    d.execute_script("window.scrollTo(0, 0)")
    screenshot(d, "learn", docs=True)

    # Progress survives a reload: the name is remembered and the tick comes back from the server
    # (its industry's list is folded on a lesson page, so look at the attribute, not the pixels).
    d.get(server.url + "/learn")
    assert d.find_element(By.ID, "learner").get_attribute("value") == "robin"
    tick = d.find_element(By.CSS_SELECTOR, f'[data-item="scenario:{scenario.id}"] .done')
    wait_for(d, lambda drv: tick.get_attribute("hidden") is None)
    d.find_element(By.ID, "lesson-done").click()
    wait_for(d, lambda drv: "Saved" in drv.find_element(By.ID, "lesson-status").text)

    # The quiz answers on the spot.
    from empathic.course.content import load_course

    item = load_course().quiz[0]
    d.get(server.url + "/learn?quiz=1")
    section = d.find_element(By.CSS_SELECTOR, f'.quiz-item[data-id="{item.id}"]')
    section.find_element(By.CSS_SELECTOR, f'button[data-choice="{item.answer}"]').click()
    wait_for(d, lambda drv: "Right" in section.find_element(By.CLASS_NAME, "quiz-result").text)
    wait_for(d, lambda drv: drv.find_element(By.ID, "quiz-count").text == f"1/{len(load_course().quiz)} right")
    no_script_errors(d)


def test_dashboard_and_drill_down(browser, server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    d = browser
    d.get(server.url + "/dashboard")
    charts = d.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 4
    assert all(c.size["width"] > 200 for c in charts)
    rows = d.find_elements(By.CSS_SELECTOR, "#agents-h ~ .table-scroll table tbody tr")
    assert len(rows) == 4
    screenshot(d, "dashboard", docs=True)
    Select(d.find_element(By.ID, "agent-filter")).select_by_value("chloe")
    wait_for(d, lambda drv: "Dashboard: chloe" in drv.find_element(By.TAG_NAME, "h1").text)
    link = d.find_element(By.CSS_SELECTOR, "#conv-h ~ .table-scroll table tbody a")
    conversation_id = link.text
    link.click()
    wait_for(d, lambda drv: conversation_id in drv.find_element(By.TAG_NAME, "h1").text)
    # The reply is marked up: strategy findings (mark.hl) or pitfalls (mark.pf), whichever the analyzer found.
    assert d.find_elements(By.CSS_SELECTOR, ".bubble.agent mark.hl, .bubble.agent mark.pf")
    assert d.find_elements(By.CSS_SELECTOR, "svg.gauge")
    screenshot(d, "conversation")
    no_script_errors(d)


def test_docs_page_works_offline(browser, server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    d = browser
    d.get(server.url + "/docs")
    wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, ".opblock"))
    text = d.find_element(By.TAG_NAME, "body").text
    assert "/v1/analyze" in text
    screenshot(d, "docs", full=False)


def test_no_page_breaks_the_content_security_policy(browser, server, coach) -> None:  # type: ignore[no-untyped-def]
    """Every page, with its scripts run, under the server's CSP: the browser refuses nothing."""
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    from empathic.course.content import load_course

    d = browser
    course = load_course()
    scenario, answer = _passing_scenario(coach)
    conv = server_conversation(server)
    d.get(server.url + "/assist")
    d.find_element(By.ID, "customer").send_keys(CUSTOMER)
    d.find_element(By.ID, "reply").send_keys(REPLY)
    wait_for(d, lambda drv: drv.find_element(By.ID, "suggest-box").is_displayed())
    wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, "#emotions .bar span"))
    # The emotion bars are sized by script (through the CSSOM, which the policy allows).
    assert all(s.size["width"] > 0 for s in d.find_elements(By.CSS_SELECTOR, "#emotions .bar span"))
    d.get(server.url + f"/learn?scenario={quote(scenario.id)}")
    d.find_element(By.ID, "learner").send_keys("csp")
    d.find_element(By.ID, "practice-reply").send_keys(answer)
    wait_for(d, lambda drv: "Pass" in drv.find_element(By.ID, "verdict").text)
    for path in (f"/learn?lesson={quote(course.lessons[0].id)}", "/learn?quiz=1", "/dashboard",
                 f"/dashboard/conversations/{quote(conv, safe='')}", "/calibration", "/login", "/no-such-page",
                 "/docs"):
        d.get(server.url + path)
        wait_for(d, lambda drv: drv.execute_script("return document.readyState") == "complete")
    wait_for(d, lambda drv: drv.find_elements(By.CSS_SELECTOR, ".opblock"))
    refused = [e["message"] for e in d.get_log("browser") if "Content Security Policy" in e["message"]]
    assert not refused, refused


def server_conversation(server) -> str:  # type: ignore[no-untyped-def]
    """The id of one stored (sample) conversation."""
    import httpx

    return httpx.get(server.url + "/v1/results", params={"limit": 1}).json()["items"][0]["conversation_id"]
