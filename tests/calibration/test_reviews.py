"""Reviews: validation, the store table on both backends, ownership, upgrades of older stores."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from empathic.calibration import Review, add_review, add_reviews, delete_review, list_reviews, reviewed_turns
from empathic.calibration.reviews import analysis_version, get_review
from empathic.errors import ConfigError, InputError, NotYourReviewError, ReviewError, ReviewNotFoundError
from empathic.store import ResultStore, open_store
from empathic.store.schema import SCHEMA_VERSION


def finding(reviewer: str = "ana", verdict: str = "confirm", **kw: object) -> Review:
    values: dict[str, object] = {"reviewer": reviewer, "conversation_id": "c0", "turn_index": 1, "item": "finding",
                                 "label": "reflecting_emotion", "span": (0, 39), "verdict": verdict}
    values.update(kw)
    return Review(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reviewer": "  "}, "reviewer must be a non-empty name"),
        ({"item": "tone"}, "item 'tone' is not reviewable"),
        ({"verdict": "add"}, "verdict 'add' does not apply to a finding"),
        ({"label": "empathy"}, "needs its strategy as label"),
        ({"span": None}, "needs the span"),
        ({"span": (5, 5)}, "empty or negative"),
        ({"span": (1, 2, 3)}, "two character offsets"),
        ({"turn_index": -1}, "turn_index must be"),
        ({"evidence_ids": "head:strategy"}, "evidence_ids must be a list"),
        ({"item": "comment", "label": None, "span": None, "verdict": "add"}, "needs the comment text"),
        ({"item": "emotion", "label": "sad", "span": None}, "known: "),
        ({"item": "self_criticism", "label": "shame", "span": None}, "'self_critical' or null"),
    ],
)
def test_invalid_reviews_say_what_to_send(change: dict[str, object], message: str) -> None:
    with pytest.raises(ReviewError, match=message) as info:
        finding(**change)
    assert isinstance(info.value, InputError)


def test_review_normalises_time_span_and_evidence() -> None:
    review = finding(created_at=datetime(2026, 3, 2, 12, 0, tzinfo=timezone(timedelta(hours=2))),
                     span=[0, 39], evidence_ids=["a", "b", "a"], reviewer=" ana ")
    assert review.created_at == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert review.span == (0, 39) and review.evidence_ids == ("a", "b") and review.reviewer == "ana"
    assert Review.from_dict(review.to_dict()) == review
    with pytest.raises(ReviewError, match="unknown review field"):
        Review.from_dict({**review.to_dict(), "score": 3})
    with pytest.raises(ReviewError, match="needs the field 'verdict'"):
        Review.from_dict({k: v for k, v in review.to_dict().items() if k != "verdict"})


def test_add_fills_version_and_evidence_and_upserts(store: ResultStore) -> None:
    saved = add_review(store, finding())
    assert saved.id is not None
    assert "head:strategy" in saved.evidence_ids and "reflecting.attribution.3" in saved.evidence_ids
    assert saved.analysis_version.startswith("empathic ") and "head:strategy" in saved.analysis_version
    assert get_review(store, saved.id) == saved
    # The same item again (a changed mind) replaces the row: one review, same id, new verdict.
    again = add_review(store, finding(verdict="reject", comment="a stock phrase"))
    assert again.id == saved.id
    assert [(r.verdict, r.comment) for r in list_reviews(store)] == [("reject", "a stock phrase")]
    # Correcting the same finding (to another strategy) is still that one row.
    corrected = add_review(store, finding(verdict="correct", label="normalizing"))
    assert corrected.id == saved.id and len(list_reviews(store)) == 1
    # Another reviewer's review of the same item is their own row.
    other = add_review(store, finding(reviewer="ben"))
    assert other.id != saved.id and len(list_reviews(store)) == 2


def test_reviews_must_answer_what_is_stored(store: ResultStore) -> None:
    with pytest.raises(ReviewNotFoundError, match="no stored turn 7"):
        add_review(store, finding(turn_index=7))
    with pytest.raises(ReviewError, match="no normalizing finding at \\[0, 39\\] to confirm"):
        add_review(store, finding(label="normalizing"))
    with pytest.raises(ReviewError, match="runs past the end of the reply"):
        add_review(store, finding(item="missed_span", verdict="add", span=(0, 5000)))
    with pytest.raises(ReviewError, match="use 'confirm' rather than 'add'"):
        add_review(store, Review(reviewer="ana", conversation_id="c0", turn_index=1, item="emotion",
                                 label="frustration", verdict="add"))
    with pytest.raises(ReviewError, match="does not read the customer as self-critical"):
        add_review(store, Review(reviewer="ana", conversation_id="c1", turn_index=1, item="self_criticism",
                                 verdict="reject"))
    with pytest.raises(ReviewError, match="different label than the tool's"):
        add_review(store, finding(verdict="correct"))
    assert list_reviews(store) == []


def test_every_item_kind_round_trips(store: ResultStore) -> None:
    reviews = [
        finding(),
        finding(label="normalizing", span=(40, 79), verdict="reject"),
        Review(reviewer="ana", conversation_id="c0", turn_index=1, item="pitfall", label="missing_reason",
               span=(0, 39), verdict="confirm"),
        Review(reviewer="ana", conversation_id="c1", turn_index=1, item="pitfall", label="dismissive",
               verdict="add"),
        Review(reviewer="ana", conversation_id="c0", turn_index=1, item="emotion", label="anger", verdict="reject"),
        Review(reviewer="ana", conversation_id="c1", turn_index=1, item="emotion", label="disappointment",
               verdict="add"),
        Review(reviewer="ana", conversation_id="c0", turn_index=1, item="self_criticism", label="self_critical",
               span=(43, 73), verdict="confirm"),
        Review(reviewer="ana", conversation_id="c1", turn_index=1, item="missed_span", label="reflecting_emotion",
               span=(0, 29), verdict="add"),
        Review(reviewer="ana", conversation_id="c2", turn_index=1, item="comment", verdict="add",
               comment="good relating"),
    ]
    saved = add_reviews(store, reviews)
    assert len({r.id for r in saved}) == len(reviews)
    stored = list_reviews(store, reviewer="ana")
    assert [r.to_dict() for r in stored] == [r.to_dict() for r in saved]
    assert next(r for r in stored if r.item == "emotion" and r.label == "anger").evidence_ids  # the tool's ids
    assert next(r for r in stored if r.item == "missed_span").evidence_ids == ()  # the tool said nothing there


def test_a_bad_review_in_a_list_writes_none(store: ResultStore) -> None:
    with pytest.raises(ReviewError, match=r"review 2 of 2: .*no stored turn"):
        add_reviews(store, [finding(), finding(conversation_id="nope")])
    assert list_reviews(store) == []


def test_only_the_author_changes_or_deletes(store: ResultStore) -> None:
    mine = add_review(store, finding())
    with pytest.raises(NotYourReviewError, match="belongs to another reviewer"):
        delete_review(store, mine.id or 0, reviewer="ben")
    with pytest.raises(NotYourReviewError):
        add_review(store, finding(reviewer="ben", id=mine.id, verdict="reject"))
    changed = add_review(store, finding(id=mine.id, verdict="reject"))
    assert changed.id == mine.id and get_review(store, mine.id or 0).verdict == "reject"
    assert delete_review(store, mine.id or 0, reviewer="ana").id == mine.id
    with pytest.raises(ReviewNotFoundError, match=f"no review with id {mine.id}"):
        delete_review(store, mine.id or 0, reviewer="ana")
    assert list_reviews(store) == []


def test_list_filters_and_reviewed_turns(store: ResultStore) -> None:
    old = datetime(2026, 1, 5, tzinfo=UTC)
    add_review(store, finding(created_at=old))
    add_review(store, finding(reviewer="ben", verdict="reject"))
    add_review(store, Review(reviewer="ben", conversation_id="c2", turn_index=1, item="comment", verdict="add",
                             comment="ok"))
    assert [r.reviewer for r in list_reviews(store, since="2026-02-01")] == ["ben", "ben"]
    assert len(list_reviews(store, reviewer="ana")) == 1
    assert len(list_reviews(store, conversation_id="c0", turn_index=1)) == 2
    with pytest.raises(ReviewError, match="not a date or time"):
        list_reviews(store, since="last tuesday")
    turns = list(reviewed_turns(store))
    assert [(reviews[0].conversation_id, len(reviews)) for _, reviews in turns] == [("c0", 2), ("c2", 1)]
    analysis, _ = turns[0]
    assert analysis["exchange"]["reply"].startswith("I can see how frustrating")
    assert analysis_version(analysis) == turns[0][1][0].analysis_version
    assert [len(r) for _, r in reviewed_turns(store, reviewer="ana")] == [1]


OLD_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '2');
CREATE TABLE turn_analyses (conversation_id TEXT NOT NULL, turn_index INTEGER NOT NULL, agent_id TEXT,
    ts TEXT NOT NULL, score INTEGER NOT NULL, opportunity_class TEXT NOT NULL, strategies TEXT NOT NULL DEFAULT '',
    pitfalls TEXT NOT NULL DEFAULT '', analysis_json TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, turn_index));
"""


def test_an_older_store_gains_the_reviews_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_DDL)
    with open_store(f"sqlite:///{path}", create=False) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        assert store.table_rows("reviews") == []
        assert store.ping()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ConfigError, match="written by a newer empathic"):
        open_store(f"sqlite:///{path}")
