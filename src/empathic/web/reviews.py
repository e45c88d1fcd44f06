"""REST API v1 for the calibration lab: a reviewer's reviews, the review queue, the calibrate report.

Who the reviewer is: with API keys configured (EMPATHIC_API_KEYS), the key the request carries, named
``key-<first 8 hex of its SHA-256>`` (the key itself is never stored), with the name the reviewer gives
in front (``ana@key-1a2b3c4d``) when the request sends one in the ``X-Reviewer`` header or the
``empathic_reviewer`` cookie (percent-encoded, as the pages set it); a key holder can therefore never act
as another key's reviewer. On a server without keys (a laptop on loopback) the name alone identifies the
reviewer, and one is required.
A reviewer sees, changes and deletes only their own reviews; the calibrate report pools everyone's.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse

from empathic.calibration.reviews import Review, add_reviews, delete_review, list_reviews
from empathic.errors import ReviewError
from empathic.web.api import COMMON_ERRORS, _err, ctx_of, only_query_params, require_key
from empathic.web.schemas import CalibrationOut, IsoDateTime, ReviewIn, ReviewList, ReviewOut, ReviewQueue
from empathic.web.security import ApiError, speaker
from empathic.web.store import utc_iso

#: The header and cookie a reviewer's name travels in.
REVIEWER_HEADER = "x-reviewer"
REVIEWER_COOKIE = "empathic_reviewer"
#: A reviewer name: letters of any script, digits, spaces and . @ ' - _ (1 to 64 characters).
_NAME = re.compile(r"[\w .@'\-]{1,64}")

router = APIRouter(prefix="/v1", dependencies=[Depends(require_key)], responses=COMMON_ERRORS, tags=["calibration"])

_REVIEW_ERRORS: dict[int | str, dict[str, Any]] = {
    403: _err("The review belongs to another reviewer."),
    404: _err("No such review, or the reviewed turn is not stored."),
}


def reviewer_of(request: Request) -> str:
    """The reviewer a request speaks for (see the module docstring); 422 when it gives no usable name."""
    cookie = request.cookies.get(REVIEWER_COOKIE)
    # The pages keep the name percent-encoded in the cookie: a cookie value cannot hold spaces or every letter.
    raw = request.headers.get(REVIEWER_HEADER) or (unquote(cookie) if cookie else None)
    name = raw.strip() if raw else None
    if name and not _NAME.fullmatch(name):
        raise ApiError(422, "bad_reviewer", "the reviewer name must be 1 to 64 letters, digits, spaces or . @ ' - _")
    if ctx_of(request).settings.api_keys:
        return speaker(request, name, keyed=True) or ""
    if not name:
        raise ApiError(422, "reviewer_required", "say who is reviewing: send your name in the X-Reviewer header "
                       f"(or the {REVIEWER_COOKIE} cookie)")
    return name


def _review(body: ReviewIn, reviewer: str) -> Review:
    try:
        return Review(
            id=body.id, reviewer=reviewer, conversation_id=body.conversation_id, turn_index=body.turn_index,
            analysis_version=body.analysis_version or "", item=body.item, label=body.label,
            span=tuple(body.span) if body.span else None,  # type: ignore[arg-type]
            verdict=body.verdict, evidence_ids=tuple(body.evidence_ids), comment=body.comment,
        )
    except ReviewError as exc:
        raise ApiError(422, exc.code, str(exc)) from None


@router.get("/reviews", response_model=ReviewList, summary="Your reviews")
def get_reviews(
    request: Request,
    since: IsoDateTime | None = Query(default=None, description="Only reviews made at or after this time."),
    conversation_id: str | None = Query(default=None, min_length=1, max_length=200),
    turn_index: int | None = Query(default=None, ge=0, le=10_000_000),
) -> JSONResponse:
    """The reviews the sender made (never anyone else's), oldest first."""
    only_query_params(request, {"since", "conversation_id", "turn_index"})
    reviewer = reviewer_of(request)
    rows = list_reviews(ctx_of(request).store, reviewer=reviewer, since=utc_iso(since) if since else None,
                        conversation_id=conversation_id, turn_index=turn_index)
    return JSONResponse({"reviewer": reviewer, "items": [r.to_dict() for r in rows]})


@router.post("/reviews", response_model=ReviewList, status_code=201, responses=_REVIEW_ERRORS,
             summary="Confirm, reject, add or correct what the tool said about a stored turn")
def post_reviews(request: Request, body: ReviewIn | list[ReviewIn] = Body(...)) -> JSONResponse:
    """Store one review or a list of them (at most 500) as the sender's; returns them as stored.

    A review of an item the sender already reviewed replaces it (same id). A list is checked whole
    before anything is written: one bad review (422, naming its position) writes none.
    """
    items = body if isinstance(body, list) else [body]
    if not items or len(items) > 500:
        raise ApiError(422, "invalid_request", "send one review or a list of 1 to 500")
    reviewer = reviewer_of(request)
    saved = add_reviews(ctx_of(request).store, [_review(b, reviewer) for b in items])
    return JSONResponse({"reviewer": reviewer, "items": [r.to_dict() for r in saved]}, status_code=201)


@router.get("/reviews/queue", response_model=ReviewQueue, summary="Turns to review next")
def queue(
    request: Request,
    n: int = Query(default=20, ge=1, le=1000, description="How many turns."),
    random_share: float = Query(default=0.2, ge=0.0, le=1.0, description="Share drawn at random."),
    second_share: float = Query(default=0.1, ge=0.0, le=1.0,
                                description="Share offered for a second review (at most 1 - random_share)."),
) -> JSONResponse:
    """Turns the sender has not reviewed: where reviewers disagreed, where the tool was least sure, a random
    share (unbiased agreement figures) and a share another reviewer reviewed once (inter-rater figures)."""
    from empathic.calibration.queue import review_queue

    only_query_params(request, {"n", "random_share", "second_share"})
    second_share = min(second_share, 1.0 - random_share)  # the random share is served first
    reviewer = reviewer_of(request)
    items = review_queue(ctx_of(request).store, reviewer, n, random_share=random_share, second_share=second_share)
    return JSONResponse({"reviewer": reviewer, "items": [q.to_dict() for q in items]})


@router.delete("/reviews/{review_id:int}", response_model=ReviewOut, responses=_REVIEW_ERRORS,
               summary="Delete one of your reviews")
def remove_review(review_id: int, request: Request) -> JSONResponse:
    """Delete a review the sender made; returns it. 403 for another reviewer's, 404 when there is none."""
    deleted = delete_review(ctx_of(request).store, review_id, reviewer=reviewer_of(request))
    return JSONResponse(deleted.to_dict())


@router.get("/calibration", response_model=CalibrationOut, summary="How far the tool and the reviewers agree")
def calibration(
    request: Request,
    since: IsoDateTime | None = Query(default=None, description="Only reviews made at or after this time."),
    bootstrap: int = Query(default=1000, ge=0, le=10_000, description="Bootstrap resamples (0: no intervals)."),
    seed: int = Query(default=0, ge=0, le=2**32 - 1, description="Seed of the bootstrap."),
) -> JSONResponse:
    """The calibrate report over every reviewer's reviews (``empathic calibrate --json``)."""
    from empathic.calibration.calibrate import cached_calibrate

    only_query_params(request, {"since", "bootstrap", "seed"})
    report = cached_calibrate(ctx_of(request).store, since=utc_iso(since) if since else None, bootstrap=bootstrap,
                       seed=seed)
    return JSONResponse(report.to_dict())
