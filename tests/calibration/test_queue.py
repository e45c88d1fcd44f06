"""The review queue: disagreements, the head's least sure turns, random and second-review shares."""

from __future__ import annotations

from typing import Any

import pytest

from empathic.calibration import Review, add_reviews
from empathic.calibration.queue import review_queue, uncertainty
from empathic.errors import ConfigError
from empathic.store import ResultStore
from reviewing import save

#: More exchanges (written for these tests) so the shares have turns to draw from.
MORE = [
    ("I've been waiting three weeks for my refund and nobody answers.", "Refunds take 5-7 days."),
    ("Why was I charged a late fee when I paid on time?", "I can see why that's confusing. Let me check."),
    ("The new update deleted all my photos, I'm heartbroken.", "That sounds really upsetting. Many people felt "
     "the same after this update. I'll escalate it now."),
    ("Your courier left my parcel in the rain.", "Sorry about that, I'll send a replacement."),
    ("I can't log in and I have a deadline in an hour.", "I know how stressful a deadline is. Try resetting "
     "your password from the login page."),
]


@pytest.fixture()
def queued(store: ResultStore, coach: Any) -> ResultStore:
    for i, (customer, reply) in enumerate(MORE):
        save(store, coach, customer, reply, f"m{i}")
    return store


def turn_confirm(who: str, cid: str) -> Review:
    return Review(reviewer=who, conversation_id=cid, turn_index=1, item="turn", verdict="confirm")


def test_queue_never_offers_what_the_reviewer_reviewed(queued: ResultStore) -> None:
    add_reviews(queued, [turn_confirm("ana", c) for c in ("c0", "c1", "m0")])
    items = review_queue(queued, "ana", 8)
    keys = {(q.conversation_id, q.turn_index) for q in items}
    assert len(items) == 5 and not keys & {("c0", 1), ("c1", 1), ("m0", 1)}  # 8 turns, 3 reviewed
    assert review_queue(queued, "ana", 8) == items  # seeded by the name: the same queue again


def test_disagreements_come_first_and_second_reviews_are_offered(queued: ResultStore) -> None:
    finding = {"conversation_id": "c0", "turn_index": 1, "item": "finding", "label": "normalizing",
               "span": (40, 79)}
    add_reviews(queued, [Review(reviewer="ana", verdict="confirm", **finding), turn_confirm("ana", "c0")])
    add_reviews(queued, [Review(reviewer="ben", verdict="reject", **finding), turn_confirm("ben", "c0")])
    add_reviews(queued, [turn_confirm("ben", "m1")])
    items = review_queue(queued, "carol", 8, random_share=0.0, second_share=0.25)
    assert (items[0].conversation_id, items[0].reason) == ("c0", "disagreement")
    assert "normalizing" in items[0].detail and "ana and ben" in items[0].detail
    second = [q for q in items if q.reason == "second_review"]
    assert [(q.conversation_id, q.reason) for q in second] == [("m1", "second_review")]
    assert any(q.reason == "uncertain" for q in items)
    # the reviewers themselves are not offered the turn they reviewed
    assert all(q.conversation_id != "c0" for q in review_queue(queued, "ana", 8))


def test_uncertain_turns_are_ordered_by_distance_to_the_threshold(queued: ResultStore) -> None:
    items = review_queue(queued, "dora", 8, random_share=0.0, second_share=0.0)
    uncertain = [q for q in items if q.reason == "uncertain"]
    assert uncertain, items
    distances = [float(q.detail.rsplit(": ", 1)[1].split()[0]) for q in uncertain]
    assert distances == sorted(distances)
    analysis = {"findings": [{"strategy": "normalizing", "evidence": [{"kind": "head", "score": 0.55}]},
                             {"strategy": "normalizing", "evidence": [{"kind": "head", "score": 0.9}]}]}
    distance, what = uncertainty(analysis, {"normalizing": 0.5}, {"normalizing": 0.125}) or (None, "")
    assert distance == pytest.approx(0.4) and what == "normalizing at 0.55 (threshold 0.50)"
    assert uncertainty({"findings": []}, {"normalizing": 0.5}, {"normalizing": 0.125}) is None


def test_random_share_and_bad_settings(queued: ResultStore) -> None:
    items = review_queue(queued, "eve", 5, random_share=1.0, second_share=0.0)
    assert [q.reason for q in items] == ["random"] * 5
    assert review_queue(queued, "eve", 5, random_share=1.0, second_share=0.0, seed=1) != items or len(items) == 8
    with pytest.raises(ConfigError, match="1 to 1000"):
        review_queue(queued, "eve", 0)
    with pytest.raises(ConfigError, match="add up to at most 1"):
        review_queue(queued, "eve", 5, random_share=0.8, second_share=0.3)
