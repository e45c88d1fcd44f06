"""REST API v1: analyse, suggest, rewrite, score conversations, query stored results.

Analysis is CPU work: every handler that analyses hands it to the app's analysis threads
(``WebContext.run``, first come first served, long texts on a lane of their own), so the event
loop keeps serving, and a request with a long text never holds up ordinary ones. The results
query is a plain ``def`` handler, which FastAPI runs in its thread pool.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader

from empathic.batch.conversation import negativity, tension_trajectory
from empathic.types import STRATEGIES, Analysis, Conversation, Turn
from empathic.web.context import WebContext, find_function, jsonable
from empathic.web.schemas import (
    AnalysisOut,
    AnalyzeRequest,
    ConversationRequest,
    ConversationResponse,
    ErrorResponse,
    IsoDateTime,
    ResultsPage,
    RewriteOut,
    RewriteRequest,
    SuggestOut,
    SuggestRequest,
)
from empathic.web.security import ApiError, presented_key, rate_limited, speaker
from empathic.web.store import utc_iso

_api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="Needed only when the server is started with API keys (EMPATHIC_API_KEYS).",
)


def _err(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _err("The body is not valid JSON."),
    401: _err("An API key is required and none (or a wrong one) was sent."),
    413: _err("The request body is over the size limit."),
    422: _err("A field is missing, empty, too long or of the wrong type."),
    429: _err("Too many requests for this API key, or too many wrong keys from this address; retry after "
              "Retry-After seconds."),
    503: _err("Busy with long texts (retry after Retry-After seconds), or the analyzer is missing a resource."),
}


def ctx_of(request: Request) -> WebContext:
    """The app's shared services."""
    return request.app.state.ctx


async def require_key(request: Request, _header: str | None = Security(_api_key_header)) -> str | None:
    """Check the API key and spend one request of its rate limit (no-op when no keys are configured).

    Wrong keys are throttled per client address (see ``AuthGate``).

    ``async`` on purpose: it never blocks (a dict look-up under a short lock), and FastAPI would run a
    plain ``def`` dependency in its thread pool, a thread hop on every API request.
    """
    ctx = ctx_of(request)
    keys = ctx.settings.api_keys
    if not keys:
        return None
    key = presented_key(request)
    if not ctx.auth.check(request, key):
        raise ApiError(
            401, "unauthorized", "a valid API key is required (send it as X-API-Key)",
            headers={"WWW-Authenticate": "ApiKey"},
        )
    assert key is not None
    wait = ctx.limiter.take(key)
    if wait > 0:
        raise rate_limited(wait, f"rate limit of {ctx.settings.rate_limit} requests per minute reached")
    return key


router = APIRouter(prefix="/v1", dependencies=[Depends(require_key)], responses=COMMON_ERRORS)


def story_owner(request: Request, agent_id: str) -> str:
    """Whose stories ("My stories") a request reads and writes: the agent id, scoped to the API key the request
    carries when the server has keys (see :func:`empathic.web.security.speaker`)."""
    return speaker(request, agent_id, keyed=bool(ctx_of(request).settings.api_keys)) or agent_id


def only_query_params(request: Request, allowed: set[str]) -> None:
    """422 for query parameters the endpoint does not know: a typo must not silently widen a query."""
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ApiError(422, "unknown_field", f"unknown query parameter(s): {', '.join(unknown)[:200]}")


def _check_length(ctx: WebContext, **texts: str | None) -> None:
    limit = ctx.settings.max_text_chars
    for name, text in texts.items():
        if text is not None and len(text) > limit:
            raise ApiError(422, "text_too_long", f"{name} is longer than the limit of {limit:,} characters")


@router.post(
    "/analyze",
    response_model=AnalysisOut,
    summary="Analyse a draft reply to a customer's message",
    tags=["analysis"],
)
async def analyze(body: AnalyzeRequest, request: Request) -> JSONResponse:
    """Strategies with their spans, pitfalls, the customer's emotions and causes, score and tips.

    The response is ``Analysis.to_dict()``, the machine contract. With ``save: true`` the analysis is
    stored (as the next turn of ``conversation_id``) for the dashboard.
    """
    ctx = ctx_of(request)
    _check_length(ctx, customer=body.customer, reply=body.reply)

    def work() -> tuple[dict[str, Any], tuple[str, int] | None]:
        data = ctx.analyze(body.customer, body.reply).to_dict()
        saved = None
        if body.save:
            saved = ctx.store.save_analysis(
                data, conversation_id=body.conversation_id, agent_id=body.agent_id, source="api"
            )
        return data, saved

    data, saved = await ctx.run(work, cost=_chars(body.customer, body.reply))
    headers = {"X-Empathic-Saved": f"{saved[0]}/{saved[1]}"} if saved else {}
    return JSONResponse(data, headers=headers)


def _chars(*texts: str | None) -> int:
    """How many characters a request analyses (the measure of its cost)."""
    return sum(len(t) for t in texts if t)


def _library(name: str) -> Any:
    fn = find_function(name)
    if fn is None:
        raise ApiError(
            501, "not_implemented",
            f"empathic.{name} is not available in this installation of empathic; /v1/analyze still works",
        )
    return fn


_SUGGEST_ERRORS: dict[int | str, dict[str, Any]] = {501: _err("This installation has no suggestion engine.")}


@router.post(
    "/suggest",
    response_model=SuggestOut,
    responses=_SUGGEST_ERRORS,
    summary="Suggest empathic sentences for a customer's message",
    tags=["suggestions"],
)
async def suggest(body: SuggestRequest, request: Request) -> JSONResponse:
    """Sentences for each strategy the customer's message calls for, each verified by re-analysis.

    With ``agent_id``, the agent's own stories that fit the message come first for relating (source "my stories").
    """
    ctx = ctx_of(request)
    _check_length(ctx, customer=body.customer, reply=body.reply)
    fn = _library("suggest")

    def work() -> Any:
        # Read in the analysis thread with the rest: a database read must not block the event loop.
        stories = ctx.store.stories(story_owner(request, body.agent_id)) if body.agent_id else ()
        return jsonable(fn(body.customer, coach=ctx.coach, stories=stories))

    result = await ctx.run(work, cost=_chars(body.customer))
    return JSONResponse(result)


@router.post(
    "/rewrite",
    response_model=RewriteOut,
    responses=_SUGGEST_ERRORS,
    summary="Rewrite a draft reply so that it scores better",
    tags=["suggestions"],
)
async def rewrite(body: RewriteRequest, request: Request) -> JSONResponse:
    """The draft with its pitfalls mended and missing empathy added; never scores worse than the draft."""
    ctx = ctx_of(request)
    _check_length(ctx, customer=body.customer, reply=body.reply)
    fn = _library("rewrite")
    result = await ctx.run(lambda: jsonable(fn(body.customer, body.reply, coach=ctx.coach)),
                           cost=_chars(body.customer, body.reply))
    return JSONResponse(result)


def _utc(ts: datetime | None) -> str | None:
    return utc_iso(ts) if ts is not None else None


@router.post(
    "/conversations/score",
    response_model=ConversationResponse,
    summary="Score every agent turn of a conversation",
    tags=["analysis"],
)
async def score_conversation(body: ConversationRequest, request: Request) -> ConversationResponse:
    """Each agent turn is analysed against the customer turns since the previous agent turn.

    ``turn_index`` is the position of the agent turn in ``turns``. Coverage is the share of turns
    that needed empathy (a customer with negative feelings) and got it.
    """
    ctx = ctx_of(request)
    for i, t in enumerate(body.turns):
        _check_length(ctx, **{f"turns.{i}.text": t.text})
    return await ctx.run(_score_conversation, ctx, body, cost=_chars(*(t.text for t in body.turns)))


def _score_conversation(ctx: WebContext, body: ConversationRequest) -> ConversationResponse:
    conv_id = body.id or f"conv-{uuid.uuid4().hex[:12]}"
    conversation = Conversation(
        id=conv_id,
        turns=tuple(
            Turn(role=t.role, text=t.text, id=f"{conv_id}:{i}", ts=t.ts, author=t.author)
            for i, t in enumerate(body.turns)
        ),
        agent_id=body.agent_id,
    )
    index_of = {t.id: i for i, t in enumerate(conversation.turns)}
    scored: list[tuple[int, dict[str, Any], str | None]] = []
    analysed: list[tuple[int, Analysis]] = []
    for ex in conversation.exchanges():
        analysis = ctx.coach.run(ex)
        index = index_of[ex.id]
        analysed.append((index, analysis))
        scored.append((index, analysis.to_dict(), _utc(body.turns[index].ts)))
    coverage = conversation_coverage([a for _, a, _ in scored])
    tension = _tension(ctx, body, analysed)
    if body.save and scored:
        first_ts = next((_utc(t.ts) for t in body.turns if t.ts is not None), None)
        ctx.store.save_conversation(conv_id, agent_id=body.agent_id, source="api", started_at=first_ts)
        ctx.store.save_turns(conv_id, scored, agent_id=body.agent_id)
    return ConversationResponse.model_validate(
        {
            "id": conv_id,
            "agent_id": body.agent_id,
            "turns": [{"turn_index": i, "analysis": a} for i, a, _ in scored],
            "coverage": coverage,
            "tension": tension,
            "saved": bool(body.save and scored),
        }
    )


def _tension(ctx: WebContext, body: ConversationRequest, analysed: list[tuple[int, Analysis]]) -> dict[str, Any]:
    """The tension trajectory, as batch scoring computes it (customer messages after the last agent turn close it)."""
    tail: list[str] = []
    for t in reversed(body.turns):
        if t.role != "customer":
            break
        tail.insert(0, t.text)
    closing = negativity(ctx.coach.analyze("\n".join(tail))) if tail and analysed else None
    befores, trajectory, _ = tension_trajectory(analysed, closing)
    levels = [*befores, *([closing] if closing is not None else [])]
    return {
        "start": levels[0] if levels else None,
        "end": levels[-1] if levels else None,
        "turns": [
            {**{k: v for k, v in p.items() if k != "class"}, "opportunity_class": p["class"]} for p in trajectory
        ],
    }


def conversation_coverage(analyses: list[dict[str, Any]]) -> dict[str, Any]:
    """Coverage and totals over the analysed agent turns of one conversation."""
    needed = [a for a in analyses if a["opportunity_class"] in ("needed_and_given", "needed_but_missing")]
    met = [a for a in needed if a["opportunity_class"] == "needed_and_given"]
    used = {s for a in analyses for s in a["strategies"]}
    pitfalls: dict[str, int] = {}
    for a in analyses:
        for p in a["pitfalls"]:
            pitfalls[p["kind"]] = pitfalls.get(p["kind"], 0) + 1
    return {
        "agent_turns": len(analyses),
        "opportunities": len(needed),
        "opportunities_met": len(met),
        "coverage": round(len(met) / len(needed), 4) if needed else None,
        "mean_score": round(sum(a["score"] for a in analyses) / len(analyses), 2) if analyses else None,
        "strategies_used": [s for s in STRATEGIES if s in used],
        "pitfalls": pitfalls,
    }


@router.get("/results", response_model=ResultsPage, summary="Query stored results", tags=["results"])
def results(
    request: Request,
    agent_id: str | None = Query(default=None, min_length=1, max_length=200, description="Only this agent."),
    conversation_id: str | None = Query(default=None, min_length=1, max_length=200),
    since: IsoDateTime | None = Query(default=None, description="Only turns at or after this time (ISO 8601)."),
    until: IsoDateTime | None = Query(default=None, description="Only turns before this time (ISO 8601)."),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=10_000_000),
) -> JSONResponse:
    """Stored turn analyses, newest first, with paging (``next_offset`` is null on the last page)."""
    only_query_params(request, {"agent_id", "conversation_id", "since", "until", "limit", "offset"})
    ctx = ctx_of(request)
    total, rows = ctx.store.results(
        agent_id=agent_id, conversation_id=conversation_id, since=_utc(since), until=_utc(until),
        limit=limit, offset=offset,
    )
    next_offset = offset + len(rows) if offset + len(rows) < total else None
    return JSONResponse(
        {
            "total": total,
            "limit": limit,
            "offset": offset,
            "next_offset": next_offset,
            "items": [r.to_dict() for r in rows],
        }
    )
