"""The review controls in the drill-down and Assist, and the Calibration page (TestClient)."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest
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


def _review(client: TestClient, analysis: dict, *, reviewer: str = "ana") -> list[dict]:  # type: ignore[type-arg]
    """Confirm the first finding, reject the first feeling, and say the rest of the turn is right."""
    base = {"conversation_id": "rev-1", "turn_index": 1}
    finding = analysis["findings"][0]
    body = [
        {**base, "item": "finding", "label": finding["strategy"], "span": [finding["start"], finding["end"]],
         "verdict": "confirm"},
        {**base, "item": "emotion", "label": analysis["customer"]["emotions"][0]["label"], "verdict": "reject"},
        {**base, "item": "turn", "verdict": "confirm"},
    ]
    r = client.post("/v1/reviews", json=body, headers={"X-Reviewer": reviewer})
    assert r.status_code == 201, r.text
    return r.json()["items"]


def test_calibration_page_without_reviews_says_what_to_do(client: TestClient) -> None:
    html = client.get("/calibration").text
    assert 'id="calibration-empty"' in html and "No reviews yet" in html
    assert "Review next" in html and 'action="/calibration/next"' in html
    assert "empathic reviews import" in html
    assert 'id="strategies-table"' not in html
    # nothing stored at all: the queue says to score conversations first
    assert "Score conversations first" in html
    nxt = client.get("/calibration/next", follow_redirects=False)
    assert nxt.status_code == 303 and nxt.headers["location"] == "/calibration?queue=empty"
    assert "Nothing left in your review queue" in client.get(nxt.headers["location"]).text


def test_calibration_page_shows_the_figures_and_the_n_they_rest_on(client: TestClient) -> None:
    analysis = _score(client)
    _review(client, analysis)
    report = client.get("/v1/calibration").json()
    html = client.get("/calibration").text
    assert 'id="calibration-empty"' not in html
    assert re.search(r'id="kpi-reviews">3<', html)
    assert re.search(r'id="kpi-turns">1<', html)
    strategy = analysis["findings"][0]["strategy"]
    row = next(r for r in report["labels"] if r["part"] == "strategies" and r["label"] == strategy)
    cells = re.search(rf'<tr data-label="{strategy}">(.*?)</tr>', html, re.S)
    assert cells is not None
    # precision as the report computes it, and the number of decisions it rests on
    assert f"{row['precision']['value']:.2f}" in cells.group(1)
    assert f">{row['decisions']}</td>" in cells.group(1)
    feeling = analysis["customer"]["emotions"][0]["label"]
    assert f'<tr data-label="{feeling}">' in html
    # the rejected feeling is a rule reviewers rejected, listed with a link to its turn
    assert 'id="rejected-rules"' in html and 'href="/dashboard/conversations/rev-1#turn-1"' in html
    assert 'aria-labelledby="trend-h"' in html and 'class="chart"' in html


def test_review_next_opens_a_queued_turn_in_the_drill_down(client: TestClient) -> None:
    _score(client)
    client.cookies.set("empathic_reviewer", "ana")
    nxt = client.get("/calibration/next", follow_redirects=False)
    assert nxt.status_code == 303
    assert nxt.headers["location"] == "/dashboard/conversations/rev-1#turn-1"
    assert 'href="/dashboard/conversations/rev-1#turn-1"' in client.get("/calibration").text


def test_the_pages_know_the_reviewer_by_the_name_cookie(client: TestClient) -> None:
    _score(client)
    client.cookies.set("empathic_reviewer", "Ana%20B")  # review.js keeps the name percent-encoded
    html = client.get("/dashboard/conversations/rev-1").text
    assert 'id="reviewer-name"' in html and 'value="Ana B"' in html
    r = client.get("/v1/reviews")
    assert r.status_code == 200 and r.json()["reviewer"] == "Ana B"


def test_the_calibration_report_is_kept_until_a_review_is_added_or_deleted(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from empathic.calibration import calibrate as module

    analysis = _score(client)
    items = _review(client, analysis)
    computed: list[int] = []
    real = module.calibrate

    def counting(*args: Any, **kwargs: Any) -> Any:
        computed.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "calibrate", counting)
    first = client.get("/calibration").text
    assert re.search(r'id="kpi-reviews">3<', first)
    assert client.get("/calibration").text == first
    assert client.get("/v1/calibration").json()["reviews"] == 3
    assert len(computed) == 1, "a second load with no new review reuses the report"
    # a new review (another reviewer confirms the first feeling) changes the page
    r = client.post("/v1/reviews", json=[{"conversation_id": "rev-1", "turn_index": 1, "item": "emotion",
                                          "label": analysis["customer"]["emotions"][0]["label"],
                                          "verdict": "confirm"}], headers={"X-Reviewer": "ben"})
    assert r.status_code == 201, r.text
    assert re.search(r'id="kpi-reviews">4<', client.get("/calibration").text)
    assert len(computed) == 2
    # and so does a deleted one
    assert client.delete(f"/v1/reviews/{items[0]['id']}", headers={"X-Reviewer": "ana"}).status_code in (200, 204)
    assert re.search(r'id="kpi-reviews">3<', client.get("/calibration").text)
    assert len(computed) == 3
