"""Server-rendered pages, charts, highlighting, sample data, login and the course API."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from empathic.web import charts
from empathic.web.highlight import Mark, render
from empathic.web.learn import render_body
from empathic.web.sample import load_sample


def test_pages_render_and_load_only_local_assets(client: TestClient) -> None:
    for path in ["/assist", "/learn", "/dashboard"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        for ref in re.findall(r'(?:src|href)="([^"]+)"', r.text):
            assert ref.startswith(("/", "#")), f"{path} refers to {ref}"
            if ref.startswith("/static/"):
                assert client.get(ref.split("?")[0]).status_code == 200, ref


def test_root_redirects_to_assist(client: TestClient) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 303, 307) and r.headers["location"] == "/assist"


def test_empty_dashboard_says_so(client: TestClient) -> None:
    html = client.get("/dashboard").text
    assert "No results stored yet" in html
    assert 'class="chart"' not in html


def test_dashboard_shows_seeded_sample(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(seed_sample=True)) as c:
        total = c.get("/v1/results").json()["total"]
        expected = sum(
            sum(1 for i, (role, _) in enumerate(conv["turns"])
                if role == "agent" and any(r == "customer" for r, _ in conv["turns"][:i]))
            for conv in load_sample()
        )
        assert total == expected
        html = c.get("/dashboard").text
        assert "built-in sample conversations" in html
        assert html.count('class="chart"') == 4  # agents, strategies, pitfalls, trend
        for agent in {conv["agent_id"] for conv in load_sample()}:
            assert f'href="/dashboard?agent={agent}"' in html
        one = c.get("/dashboard", params={"agent": "amara"}).text
        assert "Dashboard: amara" in one
        assert c.get("/dashboard", params={"agent": "nobody"}).status_code == 404


def test_seeding_happens_only_into_an_empty_store(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(seed_sample=True)) as c:
        first = c.get("/v1/results").json()["total"]
    with TestClient(make_app(seed_sample=True)) as c:
        assert c.get("/v1/results").json()["total"] == first


def test_conversation_drill_down_highlights_turns(client: TestClient) -> None:
    turns = [
        {"role": "customer", "text": "I locked myself out of my account, I'm such an idiot. I'm so stressed."},
        {"role": "agent", "text": "Please don't be hard on yourself: lots of people get locked out after a reset, "
                                  "it's a really common slip. I've unlocked it for you."},
    ]
    r = client.post("/v1/conversations/score", json={"id": "drill-1", "agent_id": "ana", "turns": turns, "save": True})
    analysis = r.json()["turns"][0]["analysis"]
    html = client.get("/dashboard/conversations/drill-1").text
    assert "Conversation drill-1" in html
    for f in analysis["findings"]:
        assert f'class="hl hl-{f["strategy"]}' in html
    assert f">{analysis['score']}</text>" in html
    assert client.get("/dashboard/conversations/none-such").status_code == 404
    page = client.get("/dashboard/conversations/none-such", headers={"accept": "text/html"})
    assert page.status_code == 404 and "Not found" in page.text and "none-such" in page.text
    # Scripts calling the API still get JSON, whatever they accept.
    api = client.get("/v1/nothing", headers={"accept": "text/html"})
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_highlight_handles_overlaps_and_escapes() -> None:
    text = "<b>It's hard</b> & normal"
    html = render(text, [Mark(0, 16, "hl hl-reflecting_emotion", "reflect"), Mark(3, 11, "pf", "why <x>")])
    assert "<b>" not in html and "&lt;b&gt;" in html
    # Three pieces: before the pitfall, inside both, after it; the middle one carries both classes.
    assert html.count("<mark") == 3
    assert 'class="hl hl-reflecting_emotion pf" data-tip="reflect · why &lt;x&gt;"' in html
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text
    # Marks outside the text are ignored rather than crashing.
    assert render("abc", [Mark(2, 10, "x")]) == "abc"


def test_charts_are_svg_with_titles() -> None:
    bar = charts.bar_chart([("a<b", 0.5), ("c", 1.5)], title="T & U")
    assert bar.startswith("<svg") and "a&lt;b" in bar and "T &amp; U" in bar and "50%" in bar
    assert 'width="0.0"' not in bar.split("c</text>")[1][:200]  # values above max are clipped, not negative
    line = charts.line_chart([("01-01", 40, 3), ("01-08", 90, 5)], title="trend")
    assert line.count("<circle") == 2 and "<path" in line
    assert charts.line_chart([], title="none").startswith("<svg")
    assert 'aria-label="score 73 out of 100"' in charts.gauge(73)
    assert charts.score_colour(10) != charts.score_colour(90)


def test_lesson_text_rendering() -> None:
    html = str(render_body("First <para>\nstill first.\n\n- one\n  more\n- two\n\n1. a\n2. b"))
    assert html == ("<p>First &lt;para&gt; still first.</p><ul><li>one more</li><li>two</li></ul>"
                    "<ol><li>a</li><li>b</li></ol>")


def test_login_protects_pages_when_keys_are_set(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(api_keys=("s3cret",))) as c:
        r = c.get("/dashboard", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fdashboard"
        assert c.get("/login").status_code == 200
        assert c.post("/login", json={"key": "nope"}).status_code == 401
        r = c.post("/login", json={"key": "s3cret"})
        assert r.status_code == 200
        assert "samesite=strict" in r.headers["set-cookie"].lower()
        assert c.get("/dashboard", follow_redirects=False).status_code == 200
        # The cookie also lets the pages' scripts call the API.
        assert c.post("/v1/analyze", json={"customer": "I'm upset."}).status_code == 200


def test_login_refuses_open_redirects(client: TestClient) -> None:
    html = client.get("/login", params={"next": "//evil.example/x"}).text
    assert 'data-next="/assist"' in html


# ----- the course ------------------------------------------------------------------------------------------


def test_learn_shows_lessons_and_scenarios(client: TestClient) -> None:
    from empathic.course.content import load_course

    course = load_course()
    html = client.get("/learn").text
    assert course.lessons[0].title in html
    for lesson in course.lessons:
        assert f'data-item="lesson:{lesson.id}"' in html
    sc = course.scenarios[0]
    page = client.get("/learn", params={"scenario": sc.id}).text
    assert sc.title in page and 'id="practice-reply"' in page


def test_practice_grading_and_progress(client: TestClient) -> None:
    from empathic.course.content import load_course

    course = load_course()
    sc = course.scenarios[0]
    url = f"/v1/course/scenarios/{sc.id}/grade"
    live = client.post(url, json={"reply": "ok"}).json()
    assert live["recorded"] is False and live["required"] == list(sc.strategies)
    assert live["passed"] is False and live["missing"]
    saved = client.post(url, json={"reply": sc.model_answers[0], "learner": "sam", "record": True}).json()
    assert saved["recorded"] is True
    progress = client.get("/v1/course/progress", params={"learner": "sam"}).json()
    assert progress["attempts"] == {sc.id: 1}
    assert (sc.id in progress["scenarios_passed"]) == saved["passed"]
    assert progress["totals"]["scenarios"] == len(course.scenarios)


def test_lesson_completion_and_quiz(client: TestClient) -> None:
    from empathic.course.content import load_course

    course = load_course()
    lesson = course.lessons[1]
    r = client.post(f"/v1/course/lessons/{lesson.id}/complete", json={"learner": "sam"})
    assert r.status_code == 200 and r.json()["lessons_completed"] == [lesson.id]
    item = course.quiz[0]
    wrong = next(c for c in item.choices if c != item.answer)
    assert client.post(f"/v1/course/quiz/{item.id}/answer", json={"choice": wrong, "learner": "sam"}).json()[
        "correct"] is False
    ok = client.post(f"/v1/course/quiz/{item.id}/answer", json={"choice": item.answer, "learner": "sam"}).json()
    assert ok["correct"] is True and ok["explanation"] == item.explanation
    assert client.get("/v1/course/progress", params={"learner": "sam"}).json()["quiz"] == {item.id: True}


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("post", "/v1/course/scenarios/nope/grade", {"reply": "hi"}, 404),
        ("post", "/v1/course/lessons/nope/complete", {"learner": "sam"}, 404),
        ("post", "/v1/course/quiz/nope/answer", {"choice": "a"}, 404),
        ("post", "/v1/course/lessons/empathy/complete", {"learner": "  "}, 422),
        ("post", "/v1/course/lessons/empathy/complete", {}, 422),
        ("get", "/v1/course/progress?learner=", None, 422),
    ],
)
def test_course_bad_input(client: TestClient, method: str, path: str, body: dict | None, status: int) -> None:
    r = client.request(method.upper(), path, json=body)
    assert r.status_code == status, r.text
    assert set(r.json()) == {"error"}


def test_quiz_answer_not_among_choices(client: TestClient) -> None:
    from empathic.course.content import load_course

    item = load_course().quiz[0]
    r = client.post(f"/v1/course/quiz/{item.id}/answer", json={"choice": "zebra"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_input"
