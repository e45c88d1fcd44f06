"""Reviews: a QA reviewer's verdicts on what the tool said about one stored turn.

A :class:`Review` answers one *item* of a stored analysis (``turn_analyses`` in the results store):

========================  =================================  =========================================
item                      verdicts                           label / span
========================  =================================  =========================================
``finding``               confirm, reject, correct           the finding's strategy (for ``correct``:
                                                             the right strategy); span in the reply
``pitfall``               confirm, reject, add, correct      the pitfall kind; span in the reply
                                                             when the pitfall has one
``emotion``               confirm, reject, add               the emotion; span (optional) in the
                                                             customer's message
``self_criticism``        confirm, reject, add               label ``self_critical`` or None; span
                                                             (optional) in the customer's message
``missed_span``           add                                the strategy the tool missed; span in
                                                             the reply (None: "somewhere")
``comment``               add                                no label or span; ``comment`` required
``turn``                  confirm                            a part of the turn (``strategies``,
                                                             ``pitfalls``, ``emotions``,
                                                             ``self_criticism``), one label of any
                                                             part, or None for the whole turn
========================  =================================  =========================================

A ``turn`` confirm says "I checked this (part of the) turn: what I did not mark is right". Without it,
:mod:`empathic.calibration.judge` knows only what the reviewer marked: a tool item nobody answered is
*unknown*, and so is a label the tool did not report and the reviewer did not add (not counted either
way). With it, unanswered tool items count as confirmed and unreported labels as rightly absent. A
review screen sends one when the reviewer is done with a turn; imports of labelled files write them,
because a labelled record says everything about its turn (agreements included).

Reviews live in the store's ``reviews`` table, one row per (reviewer, turn, item key): the key is
the item, its label and its span, so a reviewer who changes their mind (or re-imports a file)
replaces their row instead of counting twice. A ``correct`` is keyed by the finding or pitfall
it corrects (the one the tool reported at that span), so confirming and then correcting the
same finding leaves one row. Nobody changes or deletes another reviewer's rows.

>>> from empathic.store import open_store
>>> from empathic.calibration.reviews import Review, add_review, list_reviews
>>> store = open_store("sqlite:///:memory:")
>>> cid, turn = store.save_analysis({"score": 10, "opportunity_class": "not_needed",
...     "exchange": {"customer": "Hi.", "reply": "Hello."}, "customer": {"emotions": []},
...     "strategies": [], "findings": [], "pitfalls": []})
>>> saved = add_review(store, Review(reviewer="ana", conversation_id=cid, turn_index=turn,
...     item="comment", verdict="add", comment="fine"))
>>> [r.item for r in list_reviews(store, reviewer="ana")]
['comment']
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from empathic.errors import NotYourReviewError, ReviewError, ReviewNotFoundError
from empathic.store.results import ResultStore, parse_ts, utc_iso
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES

Item = Literal["finding", "pitfall", "emotion", "self_criticism", "missed_span", "comment", "turn"]
Verdict = Literal["confirm", "reject", "add", "correct"]

#: What a review can answer, and the verdicts each item takes.
VERDICTS_BY_ITEM: dict[str, tuple[str, ...]] = {
    "finding": ("confirm", "reject", "correct"),
    "pitfall": ("confirm", "reject", "add", "correct"),
    "emotion": ("confirm", "reject", "add"),
    "self_criticism": ("confirm", "reject", "add"),
    "missed_span": ("add",),
    "comment": ("add",),
    "turn": ("confirm",),
}
ITEMS: tuple[str, ...] = tuple(VERDICTS_BY_ITEM)
VERDICTS: tuple[str, ...] = ("confirm", "reject", "add", "correct")
#: The parts of a turn a ``turn`` review confirms (its label; None confirms them all), and the items of each.
PARTS: dict[str, tuple[str, ...]] = {
    "strategies": ("finding", "missed_span"),
    "pitfalls": ("pitfall",),
    "emotions": ("emotion",),
    "self_criticism": ("self_criticism",),
}
#: The label self-criticism reviews carry (or None).
SELF_CRITICAL = "self_critical"
#: The labels of each part of a turn, and the part of each label (the label sets do not overlap).
PART_LABELS: dict[str, tuple[str, ...]] = {
    "strategies": STRATEGIES,
    "pitfalls": PITFALL_KINDS,
    "emotions": EMOTIONS,
    "self_criticism": (SELF_CRITICAL,),
}
PART_OF_LABEL: dict[str, str] = {label: part for part, labels in PART_LABELS.items() for label in labels}
#: Items whose span is in the customer's message; the others' spans are in the reply.
CUSTOMER_ITEMS = frozenset({"emotion", "self_criticism"})
#: Longest reviewer name and comment accepted.
MAX_REVIEWER = 200
MAX_COMMENT = 5000
MAX_EVIDENCE = 100

_LABELS: dict[str, tuple[str, ...]] = {
    "finding": STRATEGIES,
    "missed_span": STRATEGIES,
    "pitfall": PITFALL_KINDS,
    "emotion": EMOTIONS,
}


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, kw_only=True)
class Review:
    """One reviewer's verdict on one item of one stored turn (see the module docstring for the items).

    Built with keywords; invalid values raise :class:`~empathic.errors.ReviewError` saying what to send
    instead. ``created_at`` is normalised to UTC (a naive time is taken as UTC); ``span`` and
    ``evidence_ids`` accept lists. ``analysis_version`` and ``evidence_ids`` may be left empty:
    :func:`add_review` fills them from the stored analysis.
    """

    id: int | None = None
    reviewer: str
    created_at: datetime = field(default_factory=_now)
    conversation_id: str
    turn_index: int
    analysis_version: str = ""
    item: Item
    label: str | None = None
    span: tuple[int, int] | None = None
    verdict: Verdict
    evidence_ids: tuple[str, ...] = ()
    comment: str | None = None

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        if self.id is not None and (isinstance(self.id, bool) or not isinstance(self.id, int) or self.id < 1):
            raise ReviewError(f"review id must be a positive integer or None, got {self.id!r}")
        if not isinstance(self.reviewer, str) or not self.reviewer.strip():
            raise ReviewError("reviewer must be a non-empty name (the login name or the API key's owner)")
        put("reviewer", self.reviewer.strip())
        if len(self.reviewer) > MAX_REVIEWER:
            raise ReviewError(f"reviewer name is longer than {MAX_REVIEWER} characters")
        if not isinstance(self.created_at, datetime):
            raise ReviewError(f"created_at must be a datetime, got {type(self.created_at).__name__}")
        when = self.created_at if self.created_at.tzinfo else self.created_at.replace(tzinfo=UTC)
        put("created_at", when.astimezone(UTC))
        if not isinstance(self.conversation_id, str) or not self.conversation_id.strip():
            raise ReviewError("conversation_id must be the non-empty id of a stored conversation")
        if isinstance(self.turn_index, bool) or not isinstance(self.turn_index, int) or self.turn_index < 0:
            raise ReviewError(f"turn_index must be a stored turn's index (an integer >= 0), got {self.turn_index!r}")
        if not isinstance(self.analysis_version, str):
            raise ReviewError("analysis_version must be a string")
        if self.item not in VERDICTS_BY_ITEM:
            raise ReviewError(f"item {self.item!r} is not reviewable; use one of: {', '.join(ITEMS)}")
        allowed = VERDICTS_BY_ITEM[self.item]
        if self.verdict not in allowed:
            raise ReviewError(f"verdict {self.verdict!r} does not apply to a {self.item}; use one of: "
                              f"{', '.join(allowed)}")
        self._check_label()
        put("span", self._checked_span())
        if isinstance(self.evidence_ids, str) or not all(isinstance(e, str) and e for e in self.evidence_ids):
            raise ReviewError("evidence_ids must be a list of evidence id strings (the ids the reviewed item carried)")
        put("evidence_ids", tuple(dict.fromkeys(self.evidence_ids)))
        if len(self.evidence_ids) > MAX_EVIDENCE:
            raise ReviewError(f"at most {MAX_EVIDENCE} evidence ids per review")
        if self.comment is not None:
            if not isinstance(self.comment, str):
                raise ReviewError("comment must be text or null")
            put("comment", self.comment.strip() or None)
            if self.comment is not None and len(self.comment) > MAX_COMMENT:
                raise ReviewError(f"comment is longer than {MAX_COMMENT:,} characters")
        if self.item == "comment" and not self.comment:
            raise ReviewError("a comment review needs the comment text")

    def _check_label(self) -> None:
        if self.item == "comment":
            if self.label is not None:
                raise ReviewError("a comment carries no label; leave label null")
            return
        if self.item == "turn":
            if self.label is not None and self.label not in PARTS and self.label not in PART_OF_LABEL:
                raise ReviewError(f"a turn review's label is the part it confirms ({', '.join(PARTS)}), one label, "
                                  f"or null for the whole turn; got {self.label!r}")
            return
        if self.item == "self_criticism":
            if self.label not in (None, SELF_CRITICAL):
                raise ReviewError(f"a self_criticism review's label is {SELF_CRITICAL!r} or null, got {self.label!r}")
            return
        known = _LABELS[self.item]
        if self.label not in known:
            what = "strategy" if known is STRATEGIES else "pitfall kind" if known is PITFALL_KINDS else "emotion"
            raise ReviewError(f"a {self.item} review needs its {what} as label, got {self.label!r}; "
                              f"known: {', '.join(known)}")

    def _checked_span(self) -> tuple[int, int] | None:
        span = self.span
        if span is None:
            if self.item == "finding" or (self.verdict == "correct"):
                raise ReviewError(f"a {self.verdict} of a {self.item} needs the span [start, end] of the item "
                                  "in the reply")
            return None
        if self.item in ("comment", "turn"):
            raise ReviewError(f"a {self.item} review carries no span; leave span null")
        if (isinstance(span, str) or len(span) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in span)):
            raise ReviewError(f"span must be two character offsets [start, end], got {span!r}")
        start, end = int(span[0]), int(span[1])
        if not 0 <= start < end:
            raise ReviewError(f"span [{start}, {end}] is empty or negative; give 0 <= start < end")
        return start, end

    @property
    def item_key(self) -> str:
        """What makes two reviews by one reviewer of one turn "the same item" (the store's unique key)."""
        span = f"{self.span[0]}:{self.span[1]}" if self.span else ""
        if self.item == "comment":
            return "comment"
        if self.item == "turn":
            return f"turn|{self.label or ''}"
        if self.item == "emotion":
            return f"emotion|{self.label}"
        return f"{self.item}|{self.label or ''}|{span}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (REST API, exports): ``created_at`` as ISO 8601 UTC, ``span`` as ``[start, end]``."""
        return {
            "id": self.id,
            "reviewer": self.reviewer,
            "created_at": utc_iso(self.created_at),
            "conversation_id": self.conversation_id,
            "turn_index": self.turn_index,
            "analysis_version": self.analysis_version,
            "item": self.item,
            "label": self.label,
            "span": list(self.span) if self.span else None,
            "verdict": self.verdict,
            "evidence_ids": list(self.evidence_ids),
            "comment": self.comment,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, reviewer: str | None = None) -> Review:
        """A review from its JSON form; ``reviewer`` (when given) overrides the record's own. ReviewError if bad."""
        if not isinstance(data, dict):
            raise ReviewError("a review must be a JSON object")
        unknown = set(data) - {f for f in cls.__dataclass_fields__}
        if unknown:
            raise ReviewError(f"unknown review field(s): {', '.join(sorted(unknown))}")
        values = dict(data)
        if reviewer is not None:
            values["reviewer"] = reviewer
        for name in ("reviewer", "conversation_id", "turn_index", "item", "verdict"):
            if name not in values:
                raise ReviewError(f"a review needs the field {name!r}")
        created = values.get("created_at")
        if created is None:
            values.pop("created_at", None)
        elif isinstance(created, str):
            try:
                values["created_at"] = parse_ts(created)
            except ValueError:
                raise ReviewError(f"created_at {created[:40]!r} is not an ISO 8601 time") from None
        if isinstance(values.get("span"), list):
            values["span"] = tuple(values["span"])
        if isinstance(values.get("evidence_ids"), list):
            values["evidence_ids"] = tuple(values["evidence_ids"])
        if values.get("analysis_version") is None:
            values["analysis_version"] = ""
        return cls(**values)


# ----- the stored analysis a review answers -----------------------------------------------------


def analysis_version(analysis: dict[str, Any]) -> str:
    """``empathic VERSION; heads: ...``: the package and the learned heads behind a stored analysis.

    An analysis that records its heads (``analysis["heads"]``, ``{name: id}``) names them; otherwise the
    head ids its evidence carries (``head:strategy``, ``head:emotion``) do.
    """
    from empathic import __version__

    heads = analysis.get("heads")
    if isinstance(heads, dict) and heads:
        names = [f"{k}={v}" for k, v in sorted(heads.items())]
    else:
        # head:emotion:<label> names the emotion head once, whichever labels it scored
        names = sorted({":".join(e["id"].split(":")[:2]) for e in _all_evidence(analysis) if e.get("kind") == "head"})
    return f"empathic {__version__}; heads: {', '.join(names) if names else 'none'}"


def _all_evidence(analysis: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for part in (analysis.get("findings") or [], analysis.get("pitfalls") or [],
                 (analysis.get("customer") or {}).get("emotions") or []):
        for entry in part:
            for ev in entry.get("evidence") or []:
                if isinstance(ev, dict) and isinstance(ev.get("id"), str):
                    yield ev


def evidence_ids_of(entry: dict[str, Any]) -> tuple[str, ...]:
    """The evidence ids a stored finding, pitfall or emotion carries, each once, in order."""
    return tuple(dict.fromkeys(e["id"] for e in entry.get("evidence") or []
                               if isinstance(e, dict) and isinstance(e.get("id"), str)))


def span_of(entry: dict[str, Any]) -> tuple[int, int] | None:
    """``(start, end)`` of a stored finding, pitfall or span, or None when it has no offsets."""
    start, end = entry.get("start"), entry.get("end")
    return (int(start), int(end)) if isinstance(start, int) and isinstance(end, int) else None


def tool_item(analysis: dict[str, Any], review: Review) -> dict[str, Any] | None:
    """The finding, pitfall or emotion of ``analysis`` a review answers (None when the tool did not report it).

    A finding or pitfall is matched by its span (and, unless the review corrects it, its label); an emotion
    by its label; self-criticism by the span when given.
    """
    if review.item == "finding":
        for f in analysis.get("findings") or []:
            if span_of(f) == review.span and (review.verdict == "correct" or f.get("strategy") == review.label):
                return f
    elif review.item == "pitfall":
        for p in analysis.get("pitfalls") or []:
            same_kind = review.verdict == "correct" or p.get("kind") == review.label
            if same_kind and (review.span is None or span_of(p) == review.span):
                return p
    elif review.item == "emotion":
        for e in (analysis.get("customer") or {}).get("emotions") or []:
            if e.get("label") == review.label:
                return e
    elif review.item == "self_criticism":
        spans = (analysis.get("customer") or {}).get("self_criticism") or []
        for s in spans:
            if review.span is None or span_of(s) == review.span:
                return s
    return None


def _check_against(analysis: dict[str, Any], review: Review) -> Review:
    """Check ``review`` answers something in the stored ``analysis``; fill its version and evidence ids."""
    exchange = analysis.get("exchange") or {}
    text = exchange.get("customer" if review.item in CUSTOMER_ITEMS else "reply") or ""
    where = "customer's message" if review.item in CUSTOMER_ITEMS else "reply"
    if review.span is not None and review.span[1] > len(text):
        raise ReviewError(f"span [{review.span[0]}, {review.span[1]}] runs past the end of the {where} "
                          f"({len(text)} characters); send offsets into the stored text")
    target = tool_item(analysis, review)
    at = f" at [{review.span[0]}, {review.span[1]}]" if review.span else ""
    answers_an_item = review.item in ("finding", "pitfall", "emotion")
    if review.verdict in ("confirm", "reject", "correct") and answers_an_item and target is None:
        what = review.item if review.verdict == "correct" or not review.label else f"{review.label} {review.item}"
        raise ReviewError(f"the stored analysis of {review.conversation_id} turn {review.turn_index} has no "
                          f"{what}{at} to {review.verdict}; reload the turn (it may have been scored again) or "
                          "use verdict 'add' for something the tool missed")
    if review.item == "self_criticism" and review.verdict in ("confirm", "reject") \
            and not (analysis.get("customer") or {}).get("self_critical"):
        raise ReviewError(f"the stored analysis of {review.conversation_id} turn {review.turn_index} does not read "
                          f"the customer as self-critical, so there is nothing to {review.verdict}; use 'add'")
    if review.verdict == "add" and review.item in ("pitfall", "emotion") and target is not None:
        raise ReviewError(f"the tool already reported {review.label} on this turn; use 'confirm' rather than 'add'")
    if review.verdict == "correct" and target is not None:
        original = target.get("strategy") if review.item == "finding" else target.get("kind")
        if original == review.label:
            raise ReviewError(f"a correct must name a different label than the tool's ({original}); use 'confirm'")
    version = review.analysis_version or analysis_version(analysis)
    evidence = review.evidence_ids or (evidence_ids_of(target) if target is not None else ())
    return replace(review, analysis_version=version, evidence_ids=evidence)


def _key(review: Review, analysis: dict[str, Any]) -> str:
    # A correct is keyed by what it corrects, so "confirm" then "correct" of one finding stays one row.
    if review.verdict == "correct":
        target = tool_item(analysis, review)
        if target is not None:
            original = target.get("strategy") if review.item == "finding" else target.get("kind")
            return replace(review, label=original, verdict="confirm").item_key
    return review.item_key


# ----- the library API ----------------------------------------------------------------------------


_COLUMNS = ("reviewer, created_at, conversation_id, turn_index, analysis_version, item, label, span_start, "
            "span_end, verdict, evidence_json, comment, item_key")


def _row(review: Review, key: str) -> tuple[Any, ...]:
    start, end = review.span if review.span else (None, None)
    return (review.reviewer, utc_iso(review.created_at), review.conversation_id, review.turn_index,
            review.analysis_version, review.item, review.label, start, end, review.verdict,
            json.dumps(list(review.evidence_ids)), review.comment, key)


def _from_row(row: dict[str, Any]) -> Review:
    start, end = row["span_start"], row["span_end"]
    return Review(
        id=int(row["id"]),
        reviewer=row["reviewer"],
        created_at=parse_ts(row["created_at"]),
        conversation_id=row["conversation_id"],
        turn_index=int(row["turn_index"]),
        analysis_version=row["analysis_version"],
        item=row["item"],
        label=row["label"],
        span=(int(start), int(end)) if start is not None and end is not None else None,
        verdict=row["verdict"],
        evidence_ids=tuple(json.loads(row["evidence_json"] or "[]")),
        comment=row["comment"],
    )


def _stored_analysis(store: ResultStore, review: Review) -> dict[str, Any]:
    record = store.turn(review.conversation_id, review.turn_index)
    if record is None:
        raise ReviewNotFoundError(f"no stored turn {review.turn_index} of conversation {review.conversation_id!r}; "
                                  "review turns that are in the store (score or analyse them first)")
    return record.analysis


def get_review(store: ResultStore, review_id: int) -> Review:
    """The review with id ``review_id``; ReviewNotFoundError when there is none."""
    # Ids are SQL 64-bit integers: a larger one names no review (and the drivers refuse to bind it).
    if not 0 < int(review_id) < 2**63:
        raise ReviewNotFoundError(f"no review with id {review_id}")
    rows = store.db.query("SELECT * FROM reviews WHERE id = ?", (int(review_id),))
    if not rows:
        raise ReviewNotFoundError(f"no review with id {review_id}")
    return _from_row(rows[0])


def add_review(store: ResultStore, review: Review) -> Review:
    """Store ``review`` and return it as stored (with its id, version and evidence ids filled in).

    The turn must be stored and the reviewed item must be in its analysis (ReviewNotFoundError /
    ReviewError otherwise). A review of an item the reviewer already reviewed replaces that review
    (same id). A review with an ``id`` changes that review: it must exist and belong to the same
    reviewer (NotYourReviewError otherwise).
    """
    analysis = _stored_analysis(store, review)
    checked = _check_against(analysis, review)
    key = _key(checked, analysis)
    if checked.id is not None:
        existing = get_review(store, checked.id)
        if existing.reviewer != checked.reviewer:
            raise NotYourReviewError(f"review {checked.id} belongs to another reviewer; a reviewer changes only "
                                     "their own reviews")
        if (existing.conversation_id, existing.turn_index) != (checked.conversation_id, checked.turn_index):
            raise ReviewError(f"review {checked.id} answers another turn; a change keeps the turn (add a new review)")
        with store.db.tx() as tx:
            clash = tx.query("SELECT id FROM reviews WHERE reviewer = ? AND conversation_id = ? AND turn_index = ? "
                             "AND item_key = ? AND id <> ?",
                             (checked.reviewer, checked.conversation_id, checked.turn_index, key, checked.id))
            if clash:
                raise ReviewError(f"review {clash[0]['id']} already answers that item; change that one instead")
            row = _row(checked, key)
            tx.execute(
                "UPDATE reviews SET created_at = ?, analysis_version = ?, item = ?, label = ?, span_start = ?, "
                "span_end = ?, verdict = ?, evidence_json = ?, comment = ?, item_key = ? WHERE id = ?",
                (row[1], *row[4:], checked.id),  # every column but the reviewer and the turn
            )
        return checked
    with store.db.tx() as tx:
        rows = tx.query(
            f"INSERT INTO reviews ({_COLUMNS}) VALUES ({', '.join('?' for _ in range(13))}) "
            "ON CONFLICT (reviewer, conversation_id, turn_index, item_key) DO UPDATE SET "
            "created_at = excluded.created_at, analysis_version = excluded.analysis_version, "
            "item = excluded.item, label = excluded.label, span_start = excluded.span_start, "
            "span_end = excluded.span_end, verdict = excluded.verdict, evidence_json = excluded.evidence_json, "
            "comment = excluded.comment RETURNING id",
            _row(checked, key),
        )
    return replace(checked, id=int(rows[0]["id"]))


def add_reviews(store: ResultStore, reviews: Sequence[Review]) -> list[Review]:
    """Store several reviews (each as :func:`add_review`); the first invalid one stops the rest with its error.

    All are checked before any is written, so a list with a bad review writes nothing.
    """
    checked = []
    for i, review in enumerate(reviews):
        try:
            analysis = _stored_analysis(store, review)
            checked.append(_check_against(analysis, review))
        except ReviewError as exc:
            raise type(exc)(f"review {i + 1} of {len(reviews)}: {exc}") from None
    return [add_review(store, r) for r in checked]


def replace_turn_reviews(
    store: ResultStore, reviewer: str, conversation_id: str, turn_index: int, reviews: Sequence[Review]
) -> list[Review]:
    """Make ``reviews`` the whole of ``reviewer``'s reviews of one turn, in one transaction (imports use it).

    Every review must be by ``reviewer`` and of that turn; all are checked first, so a bad one changes nothing.
    """
    analysis = _stored_analysis(store, Review(reviewer=reviewer, conversation_id=conversation_id,
                                              turn_index=turn_index, item="turn", verdict="confirm"))
    rows: dict[str, tuple[Any, ...]] = {}
    checked: dict[str, Review] = {}
    for review in reviews:
        if (review.reviewer, review.conversation_id, review.turn_index) != (reviewer.strip(), conversation_id,
                                                                            turn_index):
            raise ReviewError(f"replace_turn_reviews: a review of {review.conversation_id} turn "
                              f"{review.turn_index} by {review.reviewer} is not of this turn and reviewer")
        ok = _check_against(analysis, review)
        key = _key(ok, analysis)
        rows[key], checked[key] = _row(ok, key), ok
    with store.db.tx() as tx:
        tx.execute("DELETE FROM reviews WHERE reviewer = ? AND conversation_id = ? AND turn_index = ?",
                   (reviewer.strip(), conversation_id, turn_index))
        out = []
        for key, row in rows.items():
            ids = tx.query(f"INSERT INTO reviews ({_COLUMNS}) VALUES ({', '.join('?' for _ in range(13))}) "
                           "RETURNING id", row)
            out.append(replace(checked[key], id=int(ids[0]["id"])))
    return out


def list_reviews(
    store: ResultStore,
    *,
    reviewer: str | None = None,
    since: datetime | str | None = None,
    conversation_id: str | None = None,
    turn_index: int | None = None,
) -> list[Review]:
    """Stored reviews, oldest first; filtered by reviewer, time (``since``, inclusive) and turn when given."""
    clauses, params = [], []
    if reviewer is not None:
        clauses.append("reviewer = ?")
        params.append(reviewer.strip())
    if since is not None:
        clauses.append("created_at >= ?")
        params.append(_since(since))
    if conversation_id is not None:
        clauses.append("conversation_id = ?")
        params.append(conversation_id)
    if turn_index is not None:
        clauses.append("turn_index = ?")
        params.append(int(turn_index))
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = store.db.query(f"SELECT * FROM reviews{where} ORDER BY created_at, id", params)
    return [_from_row(r) for r in rows]


def _since(value: datetime | str) -> str:
    if isinstance(value, datetime):
        return utc_iso(value)
    try:
        return utc_iso(parse_ts(value))
    except ValueError:
        raise ReviewError(f"since {value[:40]!r} is not a date or time; use ISO 8601 (2026-01-31)") from None


def delete_review(store: ResultStore, review_id: int, *, reviewer: str) -> Review:
    """Delete review ``review_id`` written by ``reviewer``; returns it.

    ReviewNotFoundError when there is no such review, NotYourReviewError when another reviewer wrote it.
    """
    existing = get_review(store, review_id)
    if existing.reviewer != reviewer.strip():
        raise NotYourReviewError(f"review {review_id} belongs to another reviewer; a reviewer deletes only their "
                                 "own reviews")
    with store.db.tx() as tx:
        tx.execute("DELETE FROM reviews WHERE id = ? AND reviewer = ?", (existing.id, existing.reviewer))
    return existing


def reviewed_turns(
    store: ResultStore, *, reviewer: str | None = None, since: datetime | str | None = None
) -> Iterator[tuple[dict[str, Any], list[Review]]]:
    """``(stored analysis dict, its reviews)`` for every reviewed turn, in (conversation id, turn index) order.

    Reviews of a turn no longer in the store (its conversation was deleted) are left out.
    """
    by_turn: dict[tuple[str, int], list[Review]] = {}
    for review in list_reviews(store, reviewer=reviewer, since=since):
        by_turn.setdefault((review.conversation_id, review.turn_index), []).append(review)
    keys = sorted(by_turn)
    for start in range(0, len(keys), 200):
        chunk = keys[start:start + 200]
        stored = store.turns_of([cid for cid, _ in chunk])
        for key in chunk:
            record = stored.get(key)
            if record is not None:
                yield record.analysis, by_turn[key]
