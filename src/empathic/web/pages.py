"""Server-rendered pages: Assist (live analysis), Learn (the course), Dashboard (stored results).

Pages are HTML from Jinja2 templates plus small local scripts; every part of a page is drawn
only when its data exists, so an empty store or a missing course shows a clear note instead.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from empathic import __version__
from empathic.suggest.stories import MAX_STORY_CHARS
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES
from empathic.web import charts, highlight
from empathic.web import learn as learn_mod
from empathic.web.context import WebContext, find_function
from empathic.web.security import ApiError, presented_key, safe_redirect

_templates_dir = Path(str(resources.files("empathic.web").joinpath("templates")))
templates = Jinja2Templates(directory=_templates_dir)
templates.env.globals.update(
    version=__version__,
    STRATEGIES=STRATEGIES,
    PITFALL_KINDS=PITFALL_KINDS,
    EMOTIONS=EMOTIONS,
    COLOURS=charts.STRATEGY_COLOURS,
    label_of=charts.label_of,
    score_colour=charts.score_colour,
    score_band=charts.score_band,
    gauge=charts.gauge,
    render_reply=highlight.render_reply,
    render_customer=highlight.render_customer,
    names=highlight.names,
    render_body=learn_mod.render_body,
    industry_name=lambda name: {"saas": "SaaS"}.get(name, charts.label_of(name)),
)
# Jinja's own urlencode leaves "/" as it is: one path segment (an id in a link) must encode everything.
templates.env.filters["segment"] = lambda value: quote(str(value), safe="")


router = APIRouter(include_in_schema=False)


def _ctx(request: Request) -> WebContext:
    return request.app.state.ctx


def _guard(request: Request) -> Response | None:
    """Send a visitor without a valid key to /login when the server requires keys."""
    ctx = _ctx(request)
    if ctx.settings.api_keys and not ctx.auth.check(request, presented_key(request)):
        target = safe_redirect(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    return None


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"auth": bool(_ctx(request).settings.api_keys), **context}
    )


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/assist", status_code=307)


@router.get("/palette.css")
def palette_css() -> Response:
    """The strategy colours as CSS custom properties, from empathic.palette (from the registry files)."""
    from empathic.palette import css_variables

    return Response(css_variables(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=308)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/assist") -> HTMLResponse:
    # The page sends the browser to ``next`` after signing in: only a local path, or it is an open redirect.
    return _page(request, "login.html", page="login", next=safe_redirect(next))


@router.get("/assist", response_class=HTMLResponse)
def assist(request: Request) -> Response:
    if (redirect := _guard(request)) is not None:
        return redirect
    return _page(
        request,
        "assist.html",
        page="assist",
        has_suggest=find_function("suggest") is not None,
        has_rewrite=find_function("rewrite") is not None,
        max_chars=_ctx(request).settings.max_text_chars,
        story_max_chars=MAX_STORY_CHARS,
        reviewer_name=reviewer_name(request),
    )


@router.get("/learn", response_class=HTMLResponse)
def learn(request: Request, lesson: str | None = None, scenario: str | None = None, quiz: bool = False) -> Response:
    if (redirect := _guard(request)) is not None:
        return redirect
    course = learn_mod.load_course()
    return _page(
        request, "learn.html", page="learn", course=course, lesson_id=lesson, scenario_id=scenario, quiz=quiz,
        plain=learn_mod.plain_name,
    )


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, agent: str | None = Query(default=None, max_length=200)) -> Response:
    if (redirect := _guard(request)) is not None:
        return redirect
    store = _ctx(request).store
    agent_filter = agent or None
    summaries = store.agent_summaries()
    overall = store.agent_summaries(agent_id=agent_filter) if agent_filter else None
    selected = overall[0] if overall else None
    if agent_filter and selected is None:
        raise ApiError(404, "not_found", f"no stored results for agent {agent_filter!r}")
    total_turns = sum(s.turns for s in summaries)
    scope = [selected] if selected else summaries
    n = sum(s.turns for s in scope) or 1
    strategy_rates = [
        (charts.label_of(k), sum(s.strategy_rates[k] * s.turns for s in scope) / n) for k in STRATEGIES
    ]
    pitfall_rates = sorted(
        ((charts.label_of(k), sum(s.pitfall_rates[k] * s.turns for s in scope) / n) for k in PITFALL_KINDS),
        key=lambda kv: -kv[1],
    )
    days = store.daily_scores(agent_id=agent_filter)
    trend = _weekly(days) if len(days) > 14 else [(d[5:], m, c) for d, m, c in days]
    who = _who(store.agent_names())
    context: dict[str, Any] = {
        "page": "dashboard",
        "agent": agent_filter,
        "who": who,
        "pitfall_counts": pitfall_counts,
        "summaries": summaries,
        "selected": selected,
        "total_turns": total_turns,
        "conversations": store.conversations(agent_id=agent_filter, limit=25),
        "sources": store.sources(),
    }
    if total_turns:
        opportunities = sum(s.opportunities for s in scope)
        context.update(
            scope_turns=sum(s.turns for s in scope),
            scope_conversations=sum(s.conversations for s in scope),
            mean_score=sum(s.mean_score * s.turns for s in scope) / n,
            coverage=sum(s.opportunities_met for s in scope) / opportunities if opportunities else None,
            agent_chart=charts.bar_chart(
                [(who(s.agent_id) or "(no agent)", s.mean_score) for s in summaries],
                title="Mean score per agent", max_value=100, percent=False,
                colours=[charts.score_colour(s.mean_score) for s in summaries],
            ),
            strategy_chart=charts.bar_chart(
                strategy_rates, title="Share of turns using each strategy",
                colours=[charts.STRATEGY_COLOURS[k] for k in STRATEGIES],
            ),
            pitfall_chart=charts.bar_chart(
                [kv for kv in pitfall_rates if kv[1] > 0] or pitfall_rates[:3],
                title="Share of turns with each pitfall", colours=[charts.PITFALL_COLOUR],
            ),
            trend_chart=charts.line_chart(trend, title="Mean score over time") if len(trend) >= 1 else None,
            trend_unit="week" if len(days) > 14 else "day",
        )
    return _page(request, "dashboard.html", **context)


def pitfall_counts(summary: Any) -> list[tuple[str, int]]:
    """An agent's pitfalls by kind, as (label, number of turns), most frequent first; kinds never seen left out."""
    counts = [(charts.label_of(k), round(rate * summary.turns)) for k, rate in summary.pitfall_rates.items()]
    return sorted(((name, n) for name, n in counts if n > 0), key=lambda kv: (-kv[1], kv[0]))


def _who(names: dict[str, str]) -> Any:
    """Display name of an agent id: the name its export gave (Zendesk users, Intercom authors), else the id."""
    return lambda agent_id: names.get(agent_id or "") or agent_id


def _weekly(days: list[tuple[str, float, int]]) -> list[tuple[str, float, int]]:
    """Daily means folded into ISO weeks, weighted by turns; labelled by the week's first day shown."""
    from datetime import date

    weeks: dict[tuple[int, int], list[tuple[str, float, int]]] = {}
    for day, mean, count in days:
        iso = date.fromisoformat(day).isocalendar()
        weeks.setdefault((iso.year, iso.week), []).append((day, mean, count))
    out = []
    for key in sorted(weeks):
        rows = weeks[key]
        total = sum(c for _, _, c in rows)
        out.append((rows[0][0][5:], sum(m * c for _, m, c in rows) / total, total))
    return out


# ``path``: an id may contain "/" (links encode it as %2F, which the server decodes before routing).
@router.get("/dashboard/conversations/{conversation_id:path}", response_class=HTMLResponse)
def conversation_page(request: Request, conversation_id: str) -> Response:
    if (redirect := _guard(request)) is not None:
        return redirect
    found = _ctx(request).store.conversation(conversation_id)
    if found is None:
        raise ApiError(404, "not_found", f"no stored conversation {conversation_id!r}")
    conv, turns = found
    from empathic.web.api import conversation_coverage

    coverage = conversation_coverage([t.analysis for t in turns])
    return _page(request, "conversation.html", page="dashboard", conv=conv, turns=turns, coverage=coverage,
                 who=_who(_ctx(request).store.agent_names()), reviewer_name=reviewer_name(request))


# ----- calibration: how far reviewers and the analyzer agree -------------------------------------

#: The parts of a turn the calibrate report scores, as the page names them.
CALIBRATION_PARTS = {"strategies": "Strategies", "pitfalls": "Pitfalls", "emotions": "Feelings",
                     "self_criticism": "Self-criticism"}
#: Queue items the page lists.
QUEUE_SHOWN = 10
#: Characters of a message shown beside an example.
EXCERPT = 140


def reviewer_name(request: Request) -> str | None:
    """The name the reviewer gave (the ``empathic_reviewer`` cookie, set by review.js), for the pages."""
    from empathic.web.reviews import REVIEWER_COOKIE

    raw = request.cookies.get(REVIEWER_COOKIE)
    return unquote(raw).strip() or None if raw else None


def _reviewer(request: Request) -> str | None:
    """Who the request reviews as, as the reviews API names them; None while no name is known."""
    from empathic.web.reviews import reviewer_of

    try:
        return reviewer_of(request)
    except ApiError:
        return None


def _ref(ref: str) -> tuple[str, int]:
    """``conversation:turn`` (the report's example ids) -> (conversation id, turn index); ids may hold ':'."""
    conversation, _, turn = ref.rpartition(":")
    return conversation, int(turn)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _examples(store: Any, refs: list[str], part: str) -> list[dict[str, Any]]:
    """The example turns of a report row, with the words they are about (the reply, or the customer's message)."""
    keys = [_ref(r) for r in refs]
    stored = store.turns_of(sorted({c for c, _ in keys}))
    side = "customer" if part in ("emotions", "self_criticism") else "reply"
    out = []
    for conversation, turn in keys:
        record = stored.get((conversation, turn))
        text = (record.analysis.get("exchange") or {}).get(side) or "" if record else ""
        out.append({"conversation_id": conversation, "turn_index": turn, "text": _excerpt(text)})
    return out


def calibration_context(store: Any, report: dict[str, Any]) -> dict[str, Any]:
    """What the Calibration page shows, from the calibrate report (``GET /v1/calibration``'s JSON)."""
    rows: dict[str, list[dict[str, Any]]] = {part: [] for part in CALIBRATION_PARTS}
    for row in report["labels"]:
        rows[row["part"]].append({"label": row["label"], "precision": row["precision"], "recall": row["recall"],
                                  "kappa": row["kappa"], "n": row["decisions"], "turns": row["turns"],
                                  "swatch": row["part"] == "strategies"})
    pooled = {r["part"]: r for r in report["reviewer_agreement"] if r["label"] == "(all)"}
    agreement = [
        {"label": CALIBRATION_PARTS[part], "agreement": r["agreement"], "kappa": {"value": r["kappa"]},
         "n": r["pairs"]}
        for part, r in pooled.items()
    ]
    pairs = sum(r["pairs"] for r in pooled.values())
    agree = sum((r["agreement"] or 0) * r["pairs"] for r in pooled.values())
    # one series per part, always in the same order, so that a part keeps its colour
    weeks: dict[str, list[tuple[str, float, int]]] = {name: [] for name in CALIBRATION_PARTS.values()}
    for t in report["trend"]:
        if t["precision"] is not None:
            weeks.setdefault(CALIBRATION_PARTS[t["part"]], []).append((t["week"], 100 * t["precision"],
                                                                      t["decisions"]))
    weeks = {name: points for name, points in weeks.items() if points}
    spans = [s for s in report["spans"] if s.get("decisions")]
    return {
        "totals": {"reviews": report["reviews"], "turns": report["turns"], "reviewers": len(report["reviewers"]),
                   "agreement": agree / pairs if pairs else None, "double": pairs,
                   "stale": report["stale_judgements"]},
        "strategies": rows["strategies"],
        "pitfalls": rows["pitfalls"],
        "emotions": rows["emotions"] + rows["self_criticism"],
        "agreement": agreement,
        "spans": spans,
        "trend_chart": charts.line_chart(weeks, title="Share of the analyzer's items reviewers confirmed, per week",
                                         unit="decisions") if weeks else None,
        "confusions": [
            {"part": CALIBRATION_PARTS[c["part"]], "tool": c["tool"], "reviewer": c["reviewer"], "count": c["count"],
             "examples": _examples(store, c["examples"][:3], c["part"])}
            for c in report["confusions"][:12]
        ],
        "rejected_rules": [
            {"id": r["evidence_id"], "rejected": r["rejected"], "reviewed": r["rejected"] + r["confirmed"],
             "examples": _examples(store, [e["turn"] for e in r["rejected_examples"][:3]], _rule_part(r))}
            for r in report["rejected_rules"][:12]
        ],
    }


def _rule_part(rule: dict[str, Any]) -> str:
    """The part of a turn a rule's rejected examples are about (from the labels they carried)."""
    from empathic.types import EMOTIONS as emotions

    labels = {e.get("label") for e in rule["rejected_examples"]}
    return "emotions" if labels and labels <= set(emotions) else "strategies"


@router.get("/calibration", response_class=HTMLResponse)
def calibration(request: Request, queue: str | None = Query(default=None, max_length=20)) -> Response:
    """The Calibration page: the calibrate report over every reviewer's reviews, and this reviewer's queue."""
    if (redirect := _guard(request)) is not None:
        return redirect
    from empathic.calibration.calibrate import cached_calibrate
    from empathic.calibration.queue import review_queue

    store = _ctx(request).store
    report = cached_calibrate(store).to_dict()
    # a reviewer the server does not know yet (no name) gets the queue of someone who reviewed nothing
    offered = review_queue(store, _reviewer(request) or "", QUEUE_SHOWN)
    return _page(
        request, "calibration.html", page="calibration", reviewer_name=reviewer_name(request),
        **calibration_context(store, report),
        queue=[{"conversation_id": q.conversation_id, "turn_index": q.turn_index, "reason": q.reason,
                "why": q.detail} for q in offered],
        queue_note="Nothing left in your review queue." if queue == "empty" else None,
        total_turns=store.count_turns(),
    )


@router.get("/calibration/next")
def review_next(request: Request) -> Response:
    """Open the next queued turn in the drill-down (back to the Calibration page when the queue is empty)."""
    if (redirect := _guard(request)) is not None:
        return redirect
    from empathic.calibration.queue import review_queue

    offered = review_queue(_ctx(request).store, _reviewer(request) or "", 1)
    if not offered:
        return RedirectResponse("/calibration?queue=empty", status_code=303)
    item = offered[0]
    return RedirectResponse(
        f"/dashboard/conversations/{quote(item.conversation_id, safe='')}#turn-{item.turn_index}", status_code=303
    )
