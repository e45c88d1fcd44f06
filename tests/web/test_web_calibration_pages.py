"""The review controls in the drill-down and Assist, and the Calibration page (TestClient)."""

from __future__ import annotations

import json
import re
from html import unescape

from fastapi.testclient import TestClient

TURNS = [
    {"role": "customer", "text": "I locked myself out of my account, I'm such an idiot. I'm so stressed."},
    {"role": "agent", "text": "Please don't be hard on yourself: lots of people get locked out after a reset, "
                              "it's a really common slip. I've unlocked it for you."},
]


def _score(client: TestClient, cid: str = "rev-1") -> dict:  # type: ignore[type-arg]
    r = client.post("/v1/conversations/score", json={"id": cid, "agent_id": "ana", "turns": TURNS, "save": True})
    assert r.status_code == 200, r.text
    return r.json()["turns"][0]["analysis"]


def test_drill_down_carries_each_turns_analysis_for_the_review_controls(client: TestClient) -> None:
    analysis = _score(client)
    html = client.get("/dashboard/conversations/rev-1").text
    boxes = re.findall(
        r"<div class=\"review\" data-turn=\"(\d+)\" data-reply=\"([^\"]+)\" data-analysis='([^']*)'", html
    )
    assert len(boxes) == 1
    turn, reply_id, data = boxes[0]
    assert turn == "1" and f'id="{reply_id}"' in html
    # The attribute holds the analysis exactly (escaped for HTML, so a quote in a message cannot end it).
    assert json.loads(unescape(data)) == analysis
    assert 'id="turn-1"' in html
    for script in ("common.js", "review.js", "conversation.js"):
        assert f'src="/static/{script}?v=' in html
    assert client.get("/static/review.js").status_code == 200
    assert 'data-emotions="anger frustration' in html


def test_a_message_with_quotes_and_markup_stays_inside_the_attribute(client: TestClient) -> None:
    turns = [{"role": "customer", "text": "It says '<b>error</b>' & \"failed\" again, I'm furious."},
             {"role": "agent", "text": "That's maddening when it keeps failing. I've fixed the 'sync' setting."}]
    client.post("/v1/conversations/score", json={"id": "rev-q", "turns": turns, "save": True})
    html = client.get("/dashboard/conversations/rev-q").text
    data = re.search(r"data-analysis='([^']*)'", html)
    assert data is not None
    assert "<b>" not in data.group(1)
    assert json.loads(unescape(data.group(1)))["exchange"]["customer"] == turns[0]["text"]


def test_assist_offers_the_review_panel(client: TestClient) -> None:
    html = client.get("/assist").text
    assert 'id="review-box"' in html and 'id="assist-review"' in html
    assert html.index("/static/review.js") < html.index("/static/assist.js")


def test_every_page_links_the_calibration_page(client: TestClient) -> None:
    for path in ("/assist", "/learn", "/dashboard", "/calibration"):
        html = client.get(path).text
        assert '<a href="/calibration"' in html, path
    assert 'href="/calibration" aria-current="page"' in client.get("/calibration").text
