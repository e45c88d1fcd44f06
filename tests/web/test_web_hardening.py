"""Hardening of the web server: redirects, timestamps, unexpected errors, HEAD, readiness, ids in links, headers."""

from __future__ import annotations

import http.client
import json
import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from empathic.web.middleware import SECURITY_HEADERS
from empathic.web.security import safe_redirect

CUSTOMER = "I was charged twice for my order and I'm really angry."
REPLY = "Being charged twice is upsetting; I've refunded the extra charge."


# ----- redirects --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/x",
        "/\\evil.example/",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\\/evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "/%2F/evil.example",
        "/%5Cevil.example",
        "/%252F%252Fevil.example",
        "/%09/evil.example",
        "/%2509/evil.example",
        "/%25252525252F%252F",
        "/ /evil.example",
        "",
        "/x" * 2000,
    ],
)
def test_safe_redirect_refuses_every_way_out_of_the_site(target: str) -> None:
    assert safe_redirect(target) == "/assist"


@pytest.mark.parametrize(
    "target",
    ["/assist", "/learn?lesson=reflecting", "/dashboard?agent=a%40x.com#top", "/dashboard/conversations/a%2Fb"],
)
def test_safe_redirect_keeps_local_paths(target: str) -> None:
    assert safe_redirect(target) == target


@pytest.mark.parametrize("raw", ["%2F%5Cevil.example%2F", "%2F%09%2Fevil.example", "%2F%5C%2Fevil.example"])
def test_login_page_never_sends_the_browser_elsewhere(client: TestClient, raw: str) -> None:
    html = client.get(f"/login?next={raw}").text
    assert re.search(r'data-next="([^"]*)"', html).group(1) == "/assist"  # type: ignore[union-attr]
    assert "evil" not in html


def test_login_page_keeps_a_local_next(client: TestClient) -> None:
    html = client.get("/login", params={"next": "/learn?lesson=x&quiz=1"}).text
    assert unescape(re.search(r'data-next="([^"]*)"', html).group(1)) == "/learn?lesson=x&quiz=1"  # type: ignore[union-attr]


# ----- timestamps out of range --------------------------------------------------------------------------------


def _error(response) -> dict:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] and body["error"]["message"], body
    assert "Traceback" not in response.text
    return body["error"]


@pytest.mark.parametrize("since", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_results_time_out_of_range_is_422(client: TestClient, since: str) -> None:
    r = client.get("/v1/results", params={"since": since})
    assert r.status_code == 422
    assert "since" in _error(r)["message"] and "range" in _error(r)["message"]
    assert client.get("/v1/results", params={"until": since}).status_code == 422


@pytest.mark.parametrize("save", [False, True])
def test_conversation_turn_time_out_of_range_is_422(client: TestClient, save: bool) -> None:
    turns = [
        {"role": "customer", "text": CUSTOMER, "ts": "9999-12-31T23:59:59-14:00"},
        {"role": "agent", "text": REPLY, "ts": "0001-01-01T00:00:00+14:00"},
    ]
    r = client.post("/v1/conversations/score", json={"turns": turns, "save": save})
    assert r.status_code == 422
    assert "turns.0.ts" in _error(r)["message"]


def test_turn_times_in_range_are_kept_in_utc(client: TestClient) -> None:
    turns = [
        {"role": "customer", "text": CUSTOMER, "ts": "9999-12-31T09:00:00+09:00"},
        {"role": "agent", "text": REPLY, "ts": "0001-01-01T10:00:00+10:00"},
    ]
    r = client.post("/v1/conversations/score", json={"id": "edge", "turns": turns, "save": True})
    assert r.status_code == 200
    assert client.get("/v1/results").json()["items"][0]["ts"] == "0001-01-01T00:00:00Z"


# ----- unexpected errors --------------------------------------------------------------------------------------


def _app_with_a_failing_route(make_app):  # type: ignore[no-untyped-def]
    app = make_app()

    @app.get("/boom-for-test")
    def boom(q: str = "") -> None:
        raise RuntimeError(f"failed on {q}")

    return app


def test_unexpected_error_is_the_json_shape_without_details(make_app, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    with TestClient(_app_with_a_failing_route(make_app), raise_server_exceptions=False) as c:
        r = c.get("/boom-for-test", params={"q": "secret customer words"})
    assert r.status_code == 500
    assert _error(r)["code"] == "internal_error"
    assert "secret" not in r.text and "RuntimeError" not in r.text
    # The log names the exception type and the code, never the exception's message (it may quote input).
    assert "RuntimeError" in caplog.text and "secret customer words" not in caplog.text


def test_keep_alive_connection_survives_a_500(make_app, live_server) -> None:  # type: ignore[no-untyped-def]
    server = live_server(_app_with_a_failing_route(make_app))
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", "/boom-for-test")
        first = conn.getresponse()
        body = first.read()
        assert first.status == 500
        assert json.loads(body)["error"]["code"] == "internal_error"
        # Either the server says it closes, or the next request on the same connection is answered.
        if (first.getheader("connection") or "").lower() != "close":
            conn.request("GET", "/healthz")
            second = conn.getresponse()
            assert second.status == 200 and json.loads(second.read()) == {"status": "ok"}
    finally:
        conn.close()


# ----- HEAD ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/assist", "/dashboard", "/v1/results", "/static/app.css",
                                  "/openapi.json", "/nothing-here"])
def test_head_is_answered_wherever_get_is(client: TestClient, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_head_over_a_real_server(make_app, live_server) -> None:  # type: ignore[no-untyped-def]
    server = live_server(make_app())
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        for _ in range(2):  # the same keep-alive connection stays in step after a HEAD
            conn.request("HEAD", "/healthz")
            r = conn.getresponse()
            assert r.status == 200 and r.read() == b""
    finally:
        conn.close()


# ----- readiness ----------------------------------------------------------------------------------------------


def test_readiness_fails_when_the_store_file_is_damaged(make_app, tmp_path: Path, coach) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    db = tmp_path / "web.sqlite"
    app = make_app()
    app.state.ctx.store.save_turns("c1", [(1, coach.analyze(CUSTOMER, REPLY).to_dict(), None)])
    app.state.ctx.store.close()
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'turn_analyses'").fetchone()[0]
    con.close()
    with db.open("r+b") as f:  # one table's page overwritten: the schema still reads, the table does not
        f.seek((root - 1) * page_size)
        f.write(b"\x13" * page_size)
    with TestClient(make_app()) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        assert r.json() == {"status": "not_ready", "checks": {"store": "unreachable", "analyzer": "ok"}}


def test_readiness_fails_when_a_table_is_gone(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    app = make_app()
    with TestClient(app) as c:
        with sqlite3.connect(tmp_path / "web.sqlite") as other:
            other.execute("DROP TABLE turn_analyses")
        assert c.get("/readyz").status_code == 503


# ----- ids in links -------------------------------------------------------------------------------------------


def test_drill_down_links_work_for_ids_with_url_characters(make_app, coach) -> None:  # type: ignore[no-untyped-def]
    ids = ["zd/123", "a?b=1", "tick#7", "100%", "x/../y", "sp ace"]
    app = make_app()
    analysis = coach.analyze(CUSTOMER, REPLY).to_dict()
    store = app.state.ctx.store
    for conv_id in ids:
        store.save_conversation(conv_id, agent_id="ana", source="test")
        store.save_turns(conv_id, [(1, analysis, None)], agent_id="ana")
    with TestClient(app) as c:
        html = c.get("/dashboard").text
        links = [unescape(h) for h in re.findall(r'href="(/dashboard/conversations/[^"]*)"', html)]
        assert len(links) == len(ids)
        for link in links:
            page = c.get(link)
            assert page.status_code == 200, link
        titles = {unescape(t) for t in re.findall(r"Conversation ([^<]*)<", "".join(c.get(x).text for x in links))}
        assert set(ids) <= titles


# ----- security headers ---------------------------------------------------------------------------------------


def test_security_headers_on_every_kind_of_response(make_app) -> None:  # type: ignore[no-untyped-def]
    app = _app_with_a_failing_route(make_app)
    with TestClient(app, raise_server_exceptions=False) as c:
        responses = {
            "page": c.get("/assist"),
            "login": c.get("/login"),
            "docs": c.get("/docs"),
            "api": c.post("/v1/analyze", json={"customer": CUSTOMER}),
            "static": c.get("/static/app.css"),
            "swagger asset": c.get("/docs-assets/swagger-ui.css"),
            "404": c.get("/nothing-here"),
            "404 page": c.get("/nothing-here", headers={"accept": "text/html"}),
            "405": c.put("/v1/analyze"),
            "422": c.post("/v1/analyze", json={}),
            "413": c.post("/v1/analyze", content=b"x" * 2_000_000, headers={"content-type": "application/json"}),
            "500": c.get("/boom-for-test"),
            "redirect": c.get("/", follow_redirects=False),
            "head": c.head("/healthz"),
        }
    for what, r in responses.items():
        for name, value in SECURITY_HEADERS.items():
            assert r.headers.get(name) == value, (what, name, r.status_code)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_pages_have_no_inline_scripts_or_styles(make_app) -> None:  # type: ignore[no-untyped-def]
    """The policy forbids inline code: every page must keep its scripts and styles in static files."""
    app = make_app(seed_sample=True)
    with TestClient(app) as c:
        conv = c.get("/v1/results", params={"limit": 1}).json()["items"][0]["conversation_id"]
        from urllib.parse import quote

        paths = ["/assist", "/learn", "/learn?quiz=1", "/dashboard", "/dashboard?agent=" + quote(
            c.get("/v1/results", params={"limit": 1}).json()["items"][0]["agent_id"] or ""),
            f"/dashboard/conversations/{quote(conv, safe='')}", "/login", "/docs", "/nothing-here"]
        from empathic.course.content import load_course

        course = load_course()
        paths += [f"/learn?lesson={quote(course.lessons[0].id)}", f"/learn?scenario={quote(course.scenarios[0].id)}"]
        for path in paths:
            html = c.get(path, headers={"accept": "text/html"}).text
            assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), path
            assert not re.search(r"<style[\s>]", html), path
            assert not re.search(r"\sstyle\s*=", html), path
            assert not re.search(r"\son[a-z]+\s*=", html), path
            assert "javascript:" not in html, path


# ----- throttled sign-in --------------------------------------------------------------------------------------


def test_wrong_keys_are_throttled_per_client_address(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(api_keys=("right-key",), auth_failure_limit=5)
    body = {"customer": CUSTOMER}
    with TestClient(app, client=("192.0.2.1", 4000)) as attacker, TestClient(app, client=("192.0.2.2", 4000)) as other:
        statuses = [attacker.post("/v1/analyze", json=body, headers={"X-API-Key": f"guess-{i}"}).status_code
                    for i in range(200)]
        assert statuses[:5] == [401] * 5
        assert statuses[5:] == [429] * 195
        r = attacker.post("/v1/analyze", json=body, headers={"X-API-Key": "guess"})
        assert _error(r)["code"] == "rate_limited" and int(r.headers["retry-after"]) >= 1
        # While the address is throttled even the right key waits: a guessed key must not get through.
        assert attacker.post("/v1/analyze", json=body, headers={"X-API-Key": "right-key"}).status_code == 429
        # Every way of presenting a key is counted: sign-in, the pages, the course API.
        assert attacker.post("/login", json={"key": "guess"}).status_code == 429
        assert attacker.get("/assist", headers={"X-API-Key": "guess"}).status_code == 429
        course = attacker.get("/v1/course/progress", params={"learner": "x"}, headers={"X-API-Key": "guess"})
        assert course.status_code == 429
        # Other addresses are not affected.
        assert other.post("/v1/analyze", json=body, headers={"X-API-Key": "right-key"}).status_code == 200


def test_sign_in_page_counts_wrong_keys(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(api_keys=("right-key",), auth_failure_limit=3)) as c:
        assert [c.post("/login", json={"key": f"k{i}"}).status_code for i in range(5)] == [401, 401, 401, 429, 429]


def test_requests_without_a_key_are_not_counted_as_guesses(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(api_keys=("right-key",), auth_failure_limit=2)) as c:
        assert {c.get("/v1/results").status_code for _ in range(10)} == {401}
        assert c.get("/v1/results", headers={"X-API-Key": "right-key"}).status_code == 200


def test_failed_attempts_come_back_over_time() -> None:
    from starlette.requests import Request

    from empathic.web.security import AuthGate

    now = [0.0]
    gate = AuthGate(("right",), 60, clock=lambda: now[0])
    request = Request({"type": "http", "client": ("198.51.100.7", 1), "headers": []})
    assert not any(gate.check(request, "wrong") for _ in range(60))
    with pytest.raises(Exception) as caught:
        gate.check(request, "right")
    assert caught.value.status_code == 429  # type: ignore[attr-defined]
    now[0] += 1.0  # one failed attempt back per second at 60 per minute
    assert gate.check(request, "right")


def test_rate_limiter_forgets_idle_keys() -> None:
    from empathic.web.security import RateLimiter

    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])
    limiter.PRUNE_AT = 100  # type: ignore[misc]
    limiter._prune_at = 100
    for i in range(100):
        limiter.take(f"addr-{i}")
    now[0] += 60.0  # every bucket is full again
    for i in range(100, 250):
        limiter.take(f"addr-{i}")
    assert len(limiter._buckets) <= 200


@pytest.mark.parametrize("blank", ["\x1f", " \x1c\x1d\x1e ", "\u3000\t"])
def test_text_of_separators_only_is_empty_for_the_schema_too(client: TestClient, blank: str) -> None:
    """The request schema and the analyzer agree on what an empty text is (found by schemathesis)."""
    r = client.post("/v1/analyze", json={"customer": blank})
    assert r.status_code == 422 and _error(r)["code"] == "empty_text"
    spec = client.get("/openapi.json").json()
    pattern = spec["components"]["schemas"]["AnalyzeRequest"]["properties"]["customer"]["pattern"]
    assert re.search(pattern, blank) is None


@pytest.mark.parametrize(("name", "status"), [("Zoë Ünal", 200), ("robin", 200), ("robin\n", 422), ("<b>", 422)])
def test_learner_names_any_letters_in_the_schema_too(client: TestClient, name: str, status: int) -> None:
    """The documented pattern and the server agree on names (schemathesis found "ÜÉ" accepted against it)."""
    assert client.get("/v1/course/progress", params={"learner": name}).status_code == status
    spec = client.get("/openapi.json").json()
    param = next(p for p in spec["paths"]["/v1/course/progress"]["get"]["parameters"] if p["name"] == "learner")
    # What the documented pattern says, read the way JSON Schema tools read it (ASCII \w), is what the server does.
    documented = re.fullmatch(param["schema"]["pattern"], name, flags=re.ASCII) is not None
    assert documented == (status == 200)
