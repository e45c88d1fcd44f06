"""POST /v1/conversations/score reads each agent turn against the earlier turns (issue 12, Build item 4)."""

from __future__ import annotations

from fastapi.testclient import TestClient

ANGRY = "I've been billed for two broadband lines I never ordered and I'm livid."
PLAIN = "Done, you're on the family plan."


def test_the_conversation_api_passes_earlier_turns(client: TestClient) -> None:
    body = {
        "save": False,
        "turns": [
            {"role": "customer", "text": ANGRY},
            {"role": "agent", "text": "Can you send me your account number?"},
            {"role": "customer", "text": "It's 55512345."},
            {"role": "agent", "text": "I've refunded the second charge."},
            {"role": "customer", "text": "Great, thanks! Can you add the family plan?"},
            {"role": "agent", "text": PLAIN},
        ],
    }
    r = client.post("/v1/conversations/score", json=body)
    assert r.status_code == 200, r.text
    classes = [t["analysis"]["opportunity_class"] for t in r.json()["turns"]]
    assert classes == ["needed_but_missing", "needed_but_missing", "not_needed"]
