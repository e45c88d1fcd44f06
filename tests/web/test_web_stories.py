"""REST /v1/stories ("My stories") and their use by /v1/suggest; the Assist panel that manages them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from empathic.suggest import suggest

CUSTOMER = "My internet keeps dropping every evening and I'm so frustrated, I work from home."
STORY = {"agent_id": "ana", "text": "When my broadband kept dropping during work calls, I was just as fed up.",
         "topics": ["internet"]}


def test_an_agent_adds_lists_edits_and_deletes_their_stories(client: TestClient) -> None:
    res = client.post("/v1/stories", json=STORY)
    assert res.status_code == 201
    story = res.json()
    assert story["text"] == STORY["text"] and story["topics"] == ["internet"] and story["id"]
    assert client.get("/v1/stories", params={"agent_id": "ana"}).json() == {"agent_id": "ana", "stories": [story]}
    wifi = "When my wifi died mid-call I was fed up."
    edited = client.put(f"/v1/stories/{story['id']}", json={**STORY, "text": wifi})
    assert edited.status_code == 200 and edited.json()["text"] == wifi
    assert client.delete(f"/v1/stories/{story['id']}", params={"agent_id": "ana"}).status_code == 204
    assert client.get("/v1/stories", params={"agent_id": "ana"}).json()["stories"] == []


def test_an_agent_never_sees_or_changes_another_agents_stories(client: TestClient) -> None:
    story = client.post("/v1/stories", json=STORY).json()
    assert client.get("/v1/stories", params={"agent_id": "bob"}).json()["stories"] == []
    res = client.delete(f"/v1/stories/{story['id']}", params={"agent_id": "bob"})
    assert res.status_code == 404 and res.json()["error"]["code"] == "not_found"
    res = client.put(f"/v1/stories/{story['id']}", json={**STORY, "agent_id": "bob"})
    assert res.status_code == 404
    assert client.get("/v1/stories", params={"agent_id": "ana"}).json()["stories"] == [story]


def test_bad_stories_are_refused_with_a_reason(client: TestClient) -> None:
    for body, code in (
        ({**STORY, "text": "   "}, "empty_text"),
        ({**STORY, "text": "x" * 401}, "text_too_long"),
        ({**STORY, "agent_id": "ana lopez"}, "invalid_request"),
        ({**STORY, "topics": "internet"}, "invalid_request"),
        ({**STORY, "topics": ["x" * 41]}, "invalid_request"),
        ({"text": STORY["text"]}, "missing_field"),
        ({**STORY, "colour": "red"}, "unknown_field"),
    ):
        res = client.post("/v1/stories", json=body)
        assert res.status_code == 422, body
        assert res.json()["error"]["code"] == code, (body, res.json())
    assert client.get("/v1/stories").status_code == 422  # whose stories?
    assert client.get("/v1/stories", params={"agent_id": "ana", "agent": "x"}).json()["error"]["code"] == \
        "unknown_field"
    assert client.delete("/v1/stories/not-an-id", params={"agent_id": "ana"}).status_code == 422


def test_suggest_offers_the_agents_fitting_story_through_the_library_matcher(client: TestClient, coach) -> None:  # type: ignore[no-untyped-def]
    client.post("/v1/stories", json=STORY)
    client.post("/v1/stories", json={"agent_id": "ana", "text": "My own parcel once went missing for a fortnight.",
                                     "topics": ["parcel"]})
    mine = client.post("/v1/suggest", json={"customer": CUSTOMER, "agent_id": "ana"}).json()["suggestions"]
    from_stories = [s for s in mine if s["source"] == "my stories"]
    assert [s["text"] for s in from_stories] == [STORY["text"]]  # the parcel story does not fit
    assert from_stories[0]["strategy"] == "relating_experience"
    # The same answer as the library gives with the same stories: one matcher, not a second one in the web layer.
    from empathic.suggest.stories import Story

    library = suggest(CUSTOMER, coach=coach, stories=[Story(STORY["text"], ("internet",)),
                                                      Story("My own parcel once went missing for a fortnight.",
                                                            ("parcel",))])
    assert [s.text for s in library.suggestions] == [s["text"] for s in mine]
    # Another agent, or no agent, gets the frames only.
    for body in ({"customer": CUSTOMER, "agent_id": "bob"}, {"customer": CUSTOMER}):
        others = client.post("/v1/suggest", json=body).json()["suggestions"]
        assert not [s for s in others if s["source"] == "my stories"]
        assert any(s["strategy"] == "relating_experience" and "only if it is true for you" in s["note"]
                   for s in others)


def test_stories_need_the_api_key_and_are_kept_per_key(make_app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(make_app(api_keys=("k1", "k2"))) as c:
        assert c.get("/v1/stories", params={"agent_id": "ana"}).status_code == 401
        assert c.post("/v1/stories", json=STORY).status_code == 401
        ok = c.post("/v1/stories", json=STORY, headers={"X-API-Key": "k1"})
        assert ok.status_code == 201
        mine = c.get("/v1/stories", params={"agent_id": "ana"}, headers={"X-API-Key": "k1"}).json()["stories"]
        assert [s["id"] for s in mine] == [ok.json()["id"]]
        # Another key holder naming the same agent reaches none of them: the key is part of who the agent is.
        other = {"X-API-Key": "k2"}
        assert c.get("/v1/stories", params={"agent_id": "ana"}, headers=other).json()["stories"] == []
        assert c.delete(f"/v1/stories/{ok.json()['id']}", params={"agent_id": "ana"}, headers=other).status_code \
            == 404
        used = c.post("/v1/suggest", json={"customer": CUSTOMER, "agent_id": "ana"}, headers=other).json()
        assert not [s for s in used["suggestions"] if s["source"] == "my stories"]


def test_the_assist_page_has_the_my_stories_panel(client: TestClient) -> None:
    html = client.get("/assist").text
    for needle in ('id="stories-box"', 'id="agent-id"', 'id="story-form"', 'id="story-text"', 'id="story-topics"',
                   "Never write a story that is not true for you"):
        assert needle in html
    assert "<script>" not in html and " style=" not in html  # strict CSP: no inline code or styles
