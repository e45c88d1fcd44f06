"""REST /v1/reviews and /v1/calibration on both store backends: who the reviewer is, ownership, errors."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from empathic.store import ResultStore
from empathic.web import Settings, create_app

FINDING = {"conversation_id": "c0", "turn_index": 1, "item": "finding", "label": "reflecting_emotion",
           "span": [0, 39], "verdict": "confirm"}


@pytest.fixture()
def api(store: ResultStore, store_url: str, coach: Any) -> Iterator[Callable[..., TestClient]]:
    """TestClients around the reviewed store (keyword arguments override Settings)."""
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        values: dict[str, object] = {"store_url": store_url, "seed_sample": False, "coach": coach}
        values.update(overrides)
        client = TestClient(create_app(Settings(**values)))  # type: ignore[arg-type]
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def test_open_server_reviews_by_name(api: Callable[..., TestClient]) -> None:
    client = api()
    missing = client.post("/v1/reviews", json=FINDING)
    assert missing.status_code == 422 and missing.json()["error"]["code"] == "reviewer_required"
    ana = {"X-Reviewer": "ana"}
    created = client.post("/v1/reviews", json=FINDING, headers=ana)
    assert created.status_code == 201, created.text
    review = created.json()["items"][0]
    assert review["reviewer"] == "ana" and review["id"] >= 1 and "head:strategy" in review["evidence_ids"]
    assert review["analysis_version"].startswith("empathic ")
    listed = client.post("/v1/reviews", headers={"X-Reviewer": "ben"}, json=[
        {**FINDING, "verdict": "reject", "comment": "stock phrase"},
        {"conversation_id": "c1", "turn_index": 1, "item": "missed_span", "label": "normalizing", "span": [30, 59],
         "verdict": "add"},
    ])
    assert listed.status_code == 201 and len(listed.json()["items"]) == 2
    mine = client.get("/v1/reviews", headers=ana).json()
    assert mine["reviewer"] == "ana" and [r["id"] for r in mine["items"]] == [review["id"]]
    assert len(client.get("/v1/reviews", headers={"X-Reviewer": "ben"}).json()["items"]) == 2
    assert client.get("/v1/reviews?conversation_id=c1", headers={"X-Reviewer": "ben"}).json()["items"][0][
        "item"] == "missed_span"
    # the same item again replaces the review: same id
    again = client.post("/v1/reviews", json={**FINDING, "verdict": "reject"}, headers=ana).json()["items"][0]
    assert again["id"] == review["id"] and again["verdict"] == "reject"
    # delete: another's is 403, a missing one 404, one's own 200
    other = client.delete(f"/v1/reviews/{review['id']}", headers={"X-Reviewer": "ben"})
    assert other.status_code == 403 and other.json()["error"]["code"] == "not_your_review"
    assert client.delete(f"/v1/reviews/{review['id']}", headers=ana).json()["id"] == review["id"]
    gone = client.delete(f"/v1/reviews/{review['id']}", headers=ana)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"
    # an id past SQL's 64-bit integers names no review: 404, not a driver overflow (found by the full fuzz)
    huge = client.delete(f"/v1/reviews/{2**64 + 5}", headers=ana)
    assert huge.status_code == 404 and huge.json()["error"]["code"] == "not_found"
    # a number is not a time, in any notation (it would be read as a Unix time)
    for number in ("1700000000", "-1.5e-115", "2e9"):
        assert client.get(f"/v1/reviews?since={number}", headers=ana).status_code == 422


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({**FINDING, "label": "empathy"}, 422, "bad_review"),
        ({**FINDING, "verdict": "maybe"}, 422, "invalid_request"),
        ({**FINDING, "span": [0]}, 422, "invalid_request"),
        ({**FINDING, "reviewer": "someone-else"}, 422, "unknown_field"),
        ({**FINDING, "conversation_id": "nope"}, 404, "not_found"),
        ({**FINDING, "label": "normalizing"}, 422, "bad_review"),
        ([FINDING, {**FINDING, "turn_index": 5}], 404, "not_found"),
        ([], 422, "invalid_request"),
    ],
)
def test_bad_reviews_are_refused_and_write_nothing(api: Callable[..., TestClient], body: Any, status: int,
                                                   code: str) -> None:
    client = api()
    answer = client.post("/v1/reviews", json=body, headers={"X-Reviewer": "ana"})
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code
    assert client.get("/v1/reviews", headers={"X-Reviewer": "ana"}).json()["items"] == []


def test_with_keys_the_key_is_the_reviewer(api: Callable[..., TestClient]) -> None:
    client = api(api_keys=("key-one", "key-two"))
    assert client.post("/v1/reviews", json=FINDING).status_code == 401
    fingerprint = "key-" + hashlib.sha256(b"key-one").hexdigest()[:8]
    plain = client.post("/v1/reviews", json=FINDING, headers={"X-API-Key": "key-one"}).json()["items"][0]
    assert plain["reviewer"] == fingerprint
    named = client.post("/v1/reviews", json=FINDING, headers={"X-API-Key": "key-one", "X-Reviewer": "ana"})
    assert named.json()["items"][0]["reviewer"] == f"ana@{fingerprint}"
    # the same name with another key is another reviewer: it neither sees nor deletes ana's review
    two = {"X-API-Key": "key-two", "X-Reviewer": "ana"}
    assert client.get("/v1/reviews", headers=two).json()["items"] == []
    assert client.delete(f"/v1/reviews/{plain['id']}", headers=two).status_code == 403
    assert client.get("/v1/reviews", headers={"X-Reviewer": "bad<name>", "X-API-Key": "key-one"}).json()[
        "error"]["code"] == "bad_reviewer"


def test_calibration_report_and_openapi(api: Callable[..., TestClient]) -> None:
    client = api()
    ana, ben = {"X-Reviewer": "ana"}, {"X-Reviewer": "ben"}
    client.post("/v1/reviews", json=[FINDING, {"conversation_id": "c0", "turn_index": 1, "item": "turn",
                                               "verdict": "confirm"}], headers=ana)
    client.post("/v1/reviews", json=[{**FINDING, "verdict": "reject"},
                                     {"conversation_id": "c0", "turn_index": 1, "item": "turn",
                                      "verdict": "confirm"}], headers=ben)
    report = client.get("/v1/calibration?bootstrap=50").json()
    assert report["reviewers"] == ["ana", "ben"] and report["turns"] == 1 and report["judgements"] == 2
    reflecting = next(r for r in report["labels"] if r["label"] == "reflecting_emotion")
    assert (reflecting["tp"], reflecting["fp"], reflecting["decisions"]) == (1, 1, 2)
    assert reflecting["precision"]["value"] == 0.5
    assert client.get("/v1/calibration?bootstrap=-1").status_code == 422
    assert client.get("/v1/calibration?colour=red").json()["error"]["code"] == "unknown_field"
    paths = client.get("/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/v1/reviews"]) and "delete" in paths["/v1/reviews/{review_id}"]
    assert "get" in paths["/v1/calibration"]


def test_queue_leaves_out_the_senders_reviews(api: Callable[..., TestClient]) -> None:
    client = api()
    client.post("/v1/reviews", json={"conversation_id": "c0", "turn_index": 1, "item": "turn", "verdict": "confirm"},
                headers={"X-Reviewer": "ana"})
    ana = client.get("/v1/reviews/queue?n=5", headers={"X-Reviewer": "ana"}).json()
    assert ana["reviewer"] == "ana" and {q["conversation_id"] for q in ana["items"]} == {"c1", "c2"}
    ben = client.get("/v1/reviews/queue?n=5&random_share=0&second_share=1", headers={"X-Reviewer": "ben"}).json()
    assert {"conversation_id": "c0", "turn_index": 1, "reason": "second_review",
            "detail": "reviewed once (by ana): a second review gives inter-rater figures"} in ben["items"]
    assert client.delete("/v1/reviews/queue", headers={"X-Reviewer": "ana"}).status_code == 405
