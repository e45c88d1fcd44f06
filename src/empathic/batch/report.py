"""The QA report: one self-contained HTML file from a results store, plus table exports.

Everything is inline (CSS, SVG charts drawn here), so the file opens offline, can be mailed,
and never loads anything from a network. Exports stream the per-turn table to CSV or Parquet
page by page, whatever the size of the store.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from empathic import __version__, palette
from empathic.batch import charts
from empathic.errors import ConfigError
from empathic.extras import require_extra
from empathic.resources import resource_text
from empathic.store.results import ResultStore, TurnRecord, utc_iso
from empathic.types import PITFALL_KINDS, STRATEGIES

#: Columns of the per-turn export, in order.
EXPORT_COLUMNS: tuple[str, ...] = (
    "conversation_id", "turn_index", "agent_id", "ts", "score", "opportunity_class", "opportunity",
    "strategies", "pitfalls", "emotions", "customer", "reply",
)

_CLASS_LABELS = {
    "needed_and_given": "needed & given",
    "needed_but_missing": "needed, missing",
    "not_needed": "not needed",
}


def label(name: str) -> str:
    """A human label for a strategy or pitfall (its registry display name) or an opportunity class."""
    return _CLASS_LABELS.get(name) or palette.display_name(name)


def highlight(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """``text`` as escaped HTML with each ``(start, end, css class, title)`` wrapped in ``<mark>``.

    Overlapping marks are split at their edges so every character keeps all its classes.
    Marks whose offsets fall outside the text are dropped.
    """
    marks = [m for m in marks if 0 <= m[0] < m[1] <= len(text)]
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        on = [m for m in marks if m[0] <= a and b <= m[1]]
        if on:
            classes = " ".join(dict.fromkeys(m[2] for m in on))
            title = "; ".join(dict.fromkeys(m[3] for m in on))
            out.append(f'<mark class="{classes}" title="{escape(title)}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _exchange_view(rec: TurnRecord, names: dict[str, str] | None = None) -> dict[str, Any]:
    a = rec.analysis
    ex = a.get("exchange") or {}
    customer, reply = ex.get("customer") or "", ex.get("reply") or ""
    reply_marks = [
        (f["start"], f["end"], f"s-{f['strategy']}", label(f["strategy"]))
        for f in a.get("findings", []) if reply[f["start"]:f["end"]] == f["text"]
    ]
    reply_marks += [
        (p["start"], p["end"], "pitfall", f"{label(p['kind'])}: {p['message']}")
        for p in a.get("pitfalls", []) if p.get("start") is not None and reply[p["start"]:p["end"]] == p["text"]
    ]
    cust = a.get("customer") or {}
    customer_marks = [
        (e["start"], e["end"], "emotion", f"emotion: {e['label']}")
        for e in cust.get("emotion_spans", []) if customer[e["start"]:e["end"]] == e["text"]
    ]
    customer_marks += [
        (c["start"], c["end"], "cause", "cause" + (f" of {c['emotion']}" if c.get("emotion") else ""))
        for c in cust.get("causes", []) if customer[c["start"]:c["end"]] == c["text"]
    ]
    return {
        "conversation_id": rec.conversation_id,
        "turn_index": rec.turn_index,
        "agent_id": (names or {}).get(rec.agent_id or "") or rec.agent_id or "—",
        "ts": rec.ts,
        "score": rec.score,
        "class": label(rec.opportunity_class),
        "emotions": ", ".join(e["label"] for e in cust.get("emotions", [])[:3]),
        "customer_html": highlight(customer, customer_marks),
        "reply_html": highlight(reply, reply_marks),
        "strategies": [label(s) for s in rec.strategies],
        "pitfalls": [f"{label(p['kind'])}: {p['message']}" for p in a.get("pitfalls", [])],
    }


def _period_for(store: ResultStore) -> str:
    days = store.period_summaries("day")
    if len(days) < 2:
        return "day"
    first = datetime.strptime(days[0].period, "%Y-%m-%d")
    last = datetime.strptime(days[-1].period, "%Y-%m-%d")
    span = (last - first).days
    return "day" if span <= 45 else "week" if span <= 365 else "month"


def report_context(store: ResultStore, *, title: str = "Empathy QA report", top: int = 5) -> dict[str, Any]:
    """Everything the report template shows, computed from the store with aggregate queries."""
    totals = store.totals()
    conv = store.conversation_totals()
    n = totals["turns"]
    agents = store.agent_summaries()
    names = store.agent_names()

    def who(agent_id: str | None) -> str:
        # the display name the export gave, else the id
        return names.get(agent_id or "") or agent_id or "(none)"

    period = _period_for(store)
    trend: dict[str, list[tuple[str, float]]] = {}
    for p in store.period_summaries(period, by_agent=True):
        trend.setdefault(who(p.agent_id), []).append((p.period, p.mean_score))
    if len(trend) > 8:
        # Too many agents for one legible chart: keep the eight with most turns, plus the overall line.
        busiest = {who(a.agent_id) for a in sorted(agents, key=lambda a: -a.turns)[:7]}
        trend = {k: v for k, v in trend.items() if k in busiest}
    trend["all agents"] = [(p.period, p.mean_score) for p in store.period_summaries(period)]
    tension = store.tension_summary()
    tension_labels = {"empathic": "any empathy", "reflecting_emotion": "reflecting emotion",
                      "missing": "empathy missing"}
    tension_rows = [
        {"kind": tension_labels[t.kind], "pairs": t.pairs, "before": t.before, "after": t.after, "change": t.change}
        for t in tension
    ]
    hist_width = 10
    coverage = totals["opportunities_met"] / totals["opportunities"] if totals["opportunities"] else None
    return {
        "title": title,
        "generated": utc_iso(),
        "version": __version__,
        "store": store.path,
        "totals": totals,
        "conv": conv,
        "coverage": coverage,
        "strategy_chart": charts.hbar(
            [(label(s), 100 * totals["strategies"][s] / n if n else 0.0) for s in STRATEGIES],
            digits=1, suffix="%", max_value=100, title="Share of agent turns using each strategy",
            classes=[f"s-{s}" for s in STRATEGIES]),
        "strategy_counts": [(label(s), totals["strategies"][s]) for s in STRATEGIES],
        # pitfall bars in the one pitfall colour: cycling colours would echo the strategies' palette
        "pitfall_chart": charts.hbar(
            sorted(((label(k), float(totals["pitfalls"][k])) for k in PITFALL_KINDS), key=lambda kv: -kv[1]),
            title="Agent turns with each pitfall", classes=["pitfall"] * len(PITFALL_KINDS)),
        "score_chart": charts.histogram(store.score_histogram(bin_width=hist_width), bin_width=hist_width,
                                        title="Score distribution"),
        "agent_score_chart": charts.hbar([(who(a.agent_id), a.mean_score) for a in agents], digits=1,
                                         max_value=100, title="Mean score per agent"),
        "agent_coverage_chart": charts.hbar(
            [(who(a.agent_id), 100 * (a.coverage or 0.0)) for a in agents if a.opportunities],
            digits=0, suffix="%", max_value=100, title="Coverage per agent"),
        "agents": [
            {
                "id": who(a.agent_id),
                "conversations": a.conversations,
                "turns": a.turns,
                "mean_score": a.mean_score,
                "coverage": a.coverage,
                "opportunities": a.opportunities,
                "strategies": {label(s): a.strategy_rates[s] for s in STRATEGIES},
                "top_pitfall": max(((label(k), r) for k, r in a.pitfall_rates.items()), key=lambda kv: kv[1],
                                   default=("—", 0.0)),
            }
            for a in agents
        ],
        "period": period,
        "trend_chart": charts.lines(trend, title=f"Mean score per {period}"),
        "tension_chart": charts.paired(
            [(r["kind"], r["before"] or 0.0, r["after"] or 0.0, r["pairs"]) for r in tension_rows],
            first="customer, before the agent turn", second="customer, next message",
            title="Tension trajectory"),
        "tension": tension_rows,
        "best": [_exchange_view(r, names) for r in store.extremes(best=True, limit=top)],
        "worst": [_exchange_view(r, names) for r in store.extremes(best=False, limit=top)],
        "strategy_names": STRATEGIES,
        "label": label,
    }


def render_report(store: ResultStore, *, title: str = "Empathy QA report", top: int = 5) -> str:
    """The report as one HTML string (inline CSS and SVG: no external resource at all)."""
    require_extra("report", "the HTML report")
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    template = env.from_string(resource_text("report", "report.html.j2"))
    ctx = report_context(store, title=title, top=top)
    css = palette.css_variables() + resource_text("report", "report.css")
    for key in ("strategy_chart", "pitfall_chart", "score_chart", "agent_score_chart", "agent_coverage_chart",
                "trend_chart", "tension_chart"):
        ctx[key] = jinja2.utils.markupsafe.Markup(ctx[key])
    for view in (*ctx["best"], *ctx["worst"]):
        view["customer_html"] = jinja2.utils.markupsafe.Markup(view["customer_html"])
        view["reply_html"] = jinja2.utils.markupsafe.Markup(view["reply_html"])
    return template.render(**ctx, css=jinja2.utils.markupsafe.Markup(css))


def write_report(store: ResultStore, path: Path, *, title: str = "Empathy QA report", top: int = 5) -> None:
    """Write the HTML report to ``path``."""
    html_text = render_report(store, title=title, top=top)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html_text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the report to {path}: {exc.strerror}") from exc


def export_rows(store: ResultStore) -> Iterator[dict[str, Any]]:
    """The per-turn table, one flat dict per stored agent turn (streamed from the store)."""
    for rec in store.iter_turns():
        a = rec.analysis
        ex = a.get("exchange") or {}
        yield {
            "conversation_id": rec.conversation_id,
            "turn_index": rec.turn_index,
            "agent_id": rec.agent_id,
            "ts": rec.ts,
            "score": rec.score,
            "opportunity_class": rec.opportunity_class,
            "opportunity": float(a.get("opportunity", 0.0)),
            "strategies": ",".join(rec.strategies),
            "pitfalls": ",".join(rec.pitfalls),
            "emotions": ",".join(e["label"] for e in (a.get("customer") or {}).get("emotions", [])),
            "customer": ex.get("customer") or "",
            "reply": ex.get("reply") or "",
        }


def export_csv(store: ResultStore, path: Path) -> int:
    """Write the per-turn table as CSV (header first); returns the number of rows."""
    n = 0
    try:
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(EXPORT_COLUMNS))
            writer.writeheader()
            for row in export_rows(store):
                writer.writerow(row)
                n += 1
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror}") from exc
    return n


def export_parquet(store: ResultStore, path: Path, *, row_group: int = 10_000) -> int:
    """Write the per-turn table as Parquet, one row group at a time; returns the number of rows."""
    require_extra("parquet", "a Parquet export")
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([
        ("conversation_id", pa.string()), ("turn_index", pa.int32()), ("agent_id", pa.string()),
        ("ts", pa.string()), ("score", pa.int16()), ("opportunity_class", pa.string()),
        ("opportunity", pa.float64()), ("strategies", pa.string()), ("pitfalls", pa.string()),
        ("emotions", pa.string()), ("customer", pa.string()), ("reply", pa.string()),
    ])
    n = 0
    buffer: list[dict[str, Any]] = []
    try:
        with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
            for row in export_rows(store):
                buffer.append(row)
                if len(buffer) >= row_group:
                    writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                    n += len(buffer)
                    buffer = []
            if buffer or n == 0:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                n += len(buffer)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc}") from exc
    return n


__all__ = ["EXPORT_COLUMNS", "export_csv", "export_parquet", "highlight", "render_report",
           "report_context", "write_report"]
