"""REST API v1: the happy paths, and every kind of bad input getting a clear JSON error."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

from empathic.web import api as api_mod

CUSTOMER = "I was charged twice for my order and I'm really angry, money is tight this month."
REPLY = "It's really frustrating to be charged twice when money is already tight. I've refunded the extra charge today."


def error_of(response) -> dict:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["message"], body
    return body["error"]


# ----- analyze ---------------------------------------------------------------------------------------


def test_analyze_returns_the_machine_contract(client: TestClient, coach) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/v1/analyze", json={"customer": CUSTOMER, "reply": REPLY})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == coach.analyze(CUSTOMER, REPLY).to_dict()


def test_analyze_spans_point_into_the_texts(client: TestClient) -> None:
    data = client.post("/v1/analyze", json={"customer": CUSTOMER, "reply": REPLY}).json()
    assert data["findings"], "a reply that names the feeling and its reason should show a strategy"
    for f in data["findings"]:
        assert REPLY[f["start"]:f["end"]] == f["text"]
    for c in data["customer"]["causes"]:
        assert CUSTOMER[c["start"]:c["end"]] == c["text"]


def test_analyze_without_reply_reads_the_customer_only(client: TestClient) -> None:
    data = client.post("/v1/analyze", json={"customer": CUSTOMER}).json()
    assert data["exchange"]["reply"] is None
    assert data["findings"] == []
    assert data["customer"]["emotions"]


def test_analyze_does_not_store_unless_asked(client: TestClient) -> None:
    client.post("/v1/analyze", json={"customer": CUSTOMER, "reply": REPLY})
    assert client.get("/v1/results").json()["total"] == 0
    r = client.post("/v1/analyze", json={"customer": CUSTOMER, "reply": REPLY, "save": True, "agent_id": "kim"})
    conv, index = r.headers["x-empathic-saved"].split("/")
    page = client.get("/v1/results").json()
    assert page["total"] == 1
    item = page["items"][0]
    assert (item["conversation_id"], item["turn_index"], item["agent_id"]) == (conv, int(index), "kim")
    assert item["analysis"] == r.json()


# ----- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"customer": "", "reply": REPLY}, 422, "empty_text"),
        ({"customer": "   \n\t ", "reply": REPLY}, 422, "empty_text"),
        ({"customer": "x" * 20_001, "reply": REPLY}, 422, "text_too_long"),
        ({"customer": CUSTOMER, "reply": "y" * 20_001}, 422, "text_too_long"),
        ({"customer": 5, "reply": REPLY}, 422, "invalid_request"),
        ({"customer": ["a list"], "reply": REPLY}, 422, "invalid_request"),
        ({"customer": CUSTOMER, "reply": {"text": "nested"}}, 422, "invalid_request"),
        ({"reply": REPLY}, 422, "missing_field"),
        ({"customer": CUSTOMER, "reply": REPLY, "colour": "red"}, 422, "unknown_field"),
        ({"customer": CUSTOMER, "save": "perhaps"}, 422, "invalid_request"),
        ({"customer": CUSTOMER, "agent_id": "has spaces"}, 422, "invalid_request"),
    ],
)
def test_analyze_rejects_bad_fields(client: TestClient, body: dict, status: int, code: str) -> None:
    r = client.post("/v1/analyze", json=body)
    assert r.status_code == status, r.text
    assert error_of(r)["code"] == code


def test_error_never_echoes_the_submitted_text(client: TestClient) -> None:
    secret = "SECRET-CUSTOMER-WORDS " * 1000
    r = client.post("/v1/analyze", json={"customer": secret[:20_001] + "z" * 20_001})
    assert r.status_code == 422
    assert "SECRET-CUSTOMER-WORDS" not in r.text


def test_not_json_is_400(client: TestClient) -> None:
    r = client.post("/v1/analyze", content=b'{"customer": "unfinished', headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert error_of(r)["code"] == "bad_json"


@pytest.mark.parametrize("payload", [b"[1, 2]", b'"just a string"', b"null", b"42"])
def test_json_that_is_not_an_object_is_422(client: TestClient, payload: bytes) -> None:
    r = client.post("/v1/analyze", content=payload, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert error_of(r)["code"] in {"not_json_object", "missing_body"}


def test_form_body_is_refused(client: TestClient) -> None:
    r = client.post("/v1/analyze", content=b"customer=hi&reply=there",
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 422
    assert error_of(r)["code"] == "not_json_object"


def test_empty_body_is_422(client: TestClient) -> None:
    r = client.post("/v1/analyze", content=b"", headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert error_of(r)["code"] == "missing_body"


def test_body_too_big_by_content_length(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(max_body_bytes=4096)) as c:
        body = json.dumps({"customer": "a" * 5000, "reply": "b"}).encode()
        r = c.post("/v1/analyze", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert error_of(r)["code"] == "body_too_large"
        # Just under the limit is fine.
        ok = json.dumps({"customer": "I'm upset " * 300, "reply": "Sorry."}).encode()
        assert len(ok) < 4096
        assert c.post("/v1/analyze", content=ok, headers={"content-type": "application/json"}).status_code == 200


def test_body_too_big_without_content_length(make_app) -> None:  # type: ignore[no-untyped-def]
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"customer": "'
        for _ in range(10):
            yield b"a" * 1000
        yield b'"}'

    with TestClient(make_app(max_body_bytes=4096)) as c:
        r = c.post("/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert "content-length" not in {k.lower() for k in r.request.headers}
        assert r.status_code == 413
        assert error_of(r)["code"] == "body_too_large"


def test_unknown_path_and_method_are_json_errors(client: TestClient) -> None:
    r = client.get("/v1/nothing-here")
    assert r.status_code == 404 and error_of(r)["code"] == "not_found"
    r = client.get("/v1/analyze")
    assert r.status_code == 405 and error_of(r)["code"] == "method_not_allowed"


# ----- keys, rate limit, CORS -----------------------------------------------------------------------------


def test_api_key_required_when_configured(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(api_keys=("k-one", "k-two"))) as c:
        body = {"customer": CUSTOMER, "reply": REPLY}
        r = c.post("/v1/analyze", json=body)
        assert r.status_code == 401 and error_of(r)["code"] == "unauthorized"
        assert c.post("/v1/analyze", json=body, headers={"X-API-Key": "wrong"}).status_code == 401
        assert c.post("/v1/analyze", json=body, headers={"X-API-Key": "k-two"}).status_code == 200
        assert c.post("/v1/analyze", json=body, headers={"Authorization": "Bearer k-one"}).status_code == 200
        assert c.get("/v1/results").status_code == 401
        # Health checks stay open for load balancers.
        assert c.get("/healthz").status_code == 200


def test_api_keys_from_environment(make_app, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from empathic.web import Settings

    monkeypatch.setenv("EMPATHIC_API_KEYS", " alpha, beta ,")
    monkeypatch.setenv("EMPATHIC_RATE_LIMIT", "7")
    settings = Settings.from_env()
    assert settings.api_keys == ("alpha", "beta")
    assert settings.rate_limit == 7


def test_rate_limit_per_key(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(api_keys=("a", "b"), rate_limit=3)) as c:
        body = {"customer": CUSTOMER}
        for _ in range(3):
            assert c.post("/v1/analyze", json=body, headers={"X-API-Key": "a"}).status_code == 200
        r = c.post("/v1/analyze", json=body, headers={"X-API-Key": "a"})
        assert r.status_code == 429
        assert error_of(r)["code"] == "rate_limited"
        assert int(r.headers["retry-after"]) >= 1
        # Another key has its own budget.
        assert c.post("/v1/analyze", json=body, headers={"X-API-Key": "b"}).status_code == 200


def test_rate_limiter_refills_over_time() -> None:
    from empathic.web.security import RateLimiter

    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])
    for _ in range(60):
        assert limiter.take("k") == 0.0
    assert limiter.take("k") > 0
    now[0] += 1.0  # 60 per minute = one token back per second
    assert limiter.take("k") == 0.0
    assert limiter.take("k") > 0


def test_cors_only_for_configured_origins(make_app) -> None:  # type: ignore[no-untyped-def]
    preflight = {"Origin": "https://crm.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    with TestClient(make_app(cors_origins=("https://crm.example",))) as c:
        r = c.options("/v1/analyze", headers=preflight)
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "https://crm.example"
        r = c.options("/v1/analyze", headers={**preflight, "Origin": "https://evil.example"})
        assert r.headers.get("access-control-allow-origin") != "https://evil.example"
    with TestClient(make_app()) as c:
        r = c.post("/v1/analyze", json={"customer": CUSTOMER}, headers={"Origin": "https://crm.example"})
        assert "access-control-allow-origin" not in r.headers


def test_message_text_is_never_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    marker = "Zanzibar-quokka-7731"
    with caplog.at_level(logging.DEBUG):
        client.post("/v1/analyze", json={"customer": f"I'm furious about {marker}.", "reply": f"Sorry {marker}"})
        client.post("/v1/analyze", json={"customer": f"{marker} " * 5000})
        client.post("/v1/conversations/score", json={"turns": [{"role": "customer", "text": marker}]})
    assert caplog.records, "expected some log records to check"
    assert all(marker not in r.getMessage() for r in caplog.records)


# ----- suggest / rewrite ------------------------------------------------------------------------------------


def test_suggest_returns_verified_sentences(client: TestClient) -> None:
    r = client.post("/v1/suggest", json={"customer": CUSTOMER})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["called_for"]
    assert data["suggestions"]
    assert all(s["strategy"] in data["called_for"] and s["text"] for s in data["suggestions"])


def test_rewrite_never_scores_worse(client: TestClient) -> None:
    draft = "Calm down, these things happen. The refund is processing."
    r = client.post("/v1/rewrite", json={"customer": CUSTOMER, "reply": draft})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["original"] == draft
    assert data["score_after"] >= data["score_before"]


def test_rewrite_needs_a_reply(client: TestClient) -> None:
    r = client.post("/v1/rewrite", json={"customer": CUSTOMER})
    assert r.status_code == 422 and error_of(r)["code"] == "missing_field"


def test_suggest_is_501_when_the_library_has_none(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api_mod, "find_function", lambda name: None)
    calls = [("/v1/suggest", {"customer": CUSTOMER}), ("/v1/rewrite", {"customer": CUSTOMER, "reply": REPLY})]
    for path, body in calls:
        r = client.post(path, json=body)
        assert r.status_code == 501
        err = error_of(r)
        assert err["code"] == "not_implemented"
        assert "not available" in err["message"]


def test_find_function_tells_missing_from_broken() -> None:
    from empathic.web.context import find_function

    assert find_function("suggest") is not None
    assert find_function("rewrite") is not None
    assert find_function("no_such_function_here") is None


# ----- conversations ------------------------------------------------------------------------------------


def _conversation(agent_id: str = "ana", save: bool = True) -> dict:
    return {
        "id": "c-1",
        "agent_id": agent_id,
        "save": save,
        "turns": [
            {"role": "agent", "text": "Hello, how can I help?", "ts": "2026-03-01T10:00:00Z"},
            {"role": "customer", "text": "My parcel never came and it was a gift. I'm so disappointed.",
             "ts": "2026-03-01T10:01:00Z"},
            {"role": "agent", "text": "What a letdown when a gift you chose doesn't arrive. I've sent a new one.",
             "ts": "2026-03-01T10:02:00Z"},
            {"role": "customer", "text": "Thanks. Will it come by Friday?", "ts": "2026-03-01T10:03:00Z"},
            {"role": "agent", "text": "Yes, it will arrive on Thursday.", "ts": "2026-03-01T10:04:00Z"},
        ],
    }


def test_conversation_scores_each_answering_agent_turn(client: TestClient) -> None:
    r = client.post("/v1/conversations/score", json=_conversation())
    assert r.status_code == 200, r.text
    data = r.json()
    # The greeting answers nobody; turns 2 and 4 answer the customer.
    assert [t["turn_index"] for t in data["turns"]] == [2, 4]
    first = data["turns"][0]["analysis"]
    assert first["exchange"]["reply"].startswith("What a letdown")
    cov = data["coverage"]
    assert cov["agent_turns"] == 2
    assert cov["opportunities"] >= cov["opportunities_met"]
    assert data["saved"] is True
    stored = client.get("/v1/results", params={"conversation_id": "c-1"}).json()
    assert [i["turn_index"] for i in stored["items"]] == [4, 2]
    assert stored["items"][0]["ts"] == "2026-03-01T10:04:00Z"


def test_conversation_tension_matches_batch_scoring(client: TestClient, coach) -> None:  # type: ignore[no-untyped-def]
    from empathic.batch.conversation import analyse_conversation

    body = {**_conversation(), "save": False}
    body["turns"] = [*body["turns"], {"role": "customer", "text": "Thank you, that is a relief."}]
    data = client.post("/v1/conversations/score", json=body).json()
    tension = data["tension"]
    assert [p["turn_index"] for p in tension["turns"]] == [2, 4]
    # The closing thank-you is calmer than the complaint the agent answered.
    assert tension["start"] > 0 and tension["end"] < tension["start"]
    assert tension["turns"][-1]["after"] == tension["end"]
    record = {"id": "c-1", "hash": "h", "turns": [{**t, "ts": t.get("ts")} for t in body["turns"]]}
    batch = json.loads(analyse_conversation(record, coach)["metrics"]["tension_json"])
    assert [(p["before"], p["after"]) for p in batch] == [(p["before"], p["after"]) for p in tension["turns"]]


def test_conversation_with_no_reply_scores_nothing(client: TestClient) -> None:
    r = client.post("/v1/conversations/score", json={"turns": [{"role": "customer", "text": "Hello?"}]})
    assert r.status_code == 200
    data = r.json()
    assert data["turns"] == [] and data["coverage"]["coverage"] is None and data["saved"] is False


@pytest.mark.parametrize(
    ("turns", "status", "code"),
    [
        ([], 422, "invalid_request"),
        ([{"role": "robot", "text": "hi"}], 422, "invalid_request"),
        ([{"role": "agent"}], 422, "missing_field"),
        ([{"role": "agent", "text": ""}], 422, "empty_text"),
        ([{"role": "agent", "text": "z" * 20_001}], 422, "text_too_long"),
        ([{"role": "agent", "text": "hi", "ts": "yesterday-ish"}], 422, "invalid_request"),
        ([{"role": "agent", "text": "hi"}] * 201, 422, "too_many_turns"),
    ],
)
def test_conversation_bad_input(client: TestClient, turns: list, status: int, code: str) -> None:
    r = client.post("/v1/conversations/score", json={"turns": turns})
    assert r.status_code == status, r.text
    assert error_of(r)["code"] == code


# ----- results ----------------------------------------------------------------------------------------


def test_results_paging_and_agent_filter(client: TestClient) -> None:
    for i in range(5):
        client.post("/v1/analyze", json={"customer": CUSTOMER, "reply": REPLY, "save": True,
                                         "agent_id": "ana" if i % 2 == 0 else "bo"})
    page1 = client.get("/v1/results", params={"limit": 2}).json()
    assert (page1["total"], len(page1["items"]), page1["next_offset"]) == (5, 2, 2)
    page3 = client.get("/v1/results", params={"limit": 2, "offset": 4}).json()
    assert len(page3["items"]) == 1 and page3["next_offset"] is None
    ana = client.get("/v1/results", params={"agent_id": "ana"}).json()
    assert ana["total"] == 3 and {i["agent_id"] for i in ana["items"]} == {"ana"}
    assert client.get("/v1/results", params={"agent_id": "nobody"}).json()["total"] == 0


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"since": "not a date"}])
def test_results_bad_query(client: TestClient, params: dict) -> None:
    r = client.get("/v1/results", params=params)
    assert r.status_code == 422 and error_of(r)["code"] == "invalid_request"


def test_results_time_window(client: TestClient) -> None:
    client.post("/v1/conversations/score", json=_conversation())
    inside = client.get("/v1/results", params={"since": "2026-03-01T10:03:00Z"}).json()
    assert [i["turn_index"] for i in inside["items"]] == [4]
    before = client.get("/v1/results", params={"until": "2026-03-01T10:03:00Z"}).json()
    assert [i["turn_index"] for i in before["items"]] == [2]


# ----- service endpoints and docs ---------------------------------------------------------------------------


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {"status": "ready", "checks": {"store": "ok", "analyzer": "ok"}}


def test_readiness_fails_when_the_store_is_gone(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    with TestClient(app) as c:
        app.state.ctx.store.close()
        r = c.get("/readyz")
        assert r.status_code == 503
        assert r.json()["checks"]["store"] == "unreachable"


def test_openapi_and_local_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ["/v1/analyze", "/v1/suggest", "/v1/rewrite", "/v1/conversations/score", "/v1/results"]:
        assert path in spec["paths"]
    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs
    # Nothing is loaded from another host.
    assert "cdn" not in docs.lower() and "https://" not in docs
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200


def test_unknown_query_parameter_is_refused(client: TestClient) -> None:
    r = client.get("/v1/results", params={"agent": "ana"})
    assert r.status_code == 422
    err = error_of(r)
    assert err["code"] == "unknown_field" and "agent" in err["message"]
