"""Render a text with its spans marked up, for server-side pages (the Assist page does the same in JS).

Spans may overlap (a pitfall inside a strategy's words), so the text is cut at every span
boundary and each piece carries the classes and tooltips of every span that covers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Any

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to show: its offsets, CSS classes and tooltip."""

    start: int
    end: int
    css: str
    tip: str = ""


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with each covered piece in a ``<mark>`` carrying the spans' classes."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = escape(text[a:b])
        active = [m for m in valid if m.start <= a and b <= m.end]
        if not active:
            out.append(piece)
            continue
        css = " ".join(dict.fromkeys(c for m in active for c in m.css.split()))
        tips = " · ".join(dict.fromkeys(m.tip for m in active if m.tip))
        tip_attr = f' data-tip="{escape(tips)}" tabindex="0"' if tips else ""
        out.append(f'<mark class="{css}"{tip_attr}>{piece}</mark>')
    return Markup("".join(out))


#: Most evidence entries a tooltip lists (the rest are counted).
WHY_ENTRIES = 6


def why(evidence: Sequence[dict[str, Any]] | None) -> str:
    """The evidence chain of a decision for its tooltip (as assist.js writes it): `` — why: id score · ...``."""
    if not evidence:
        return ""
    parts = [
        f"{'veto ' if e.get('effect') == 'veto' else ''}{e['id']}"
        + ("" if e.get("score") is None else f" {float(e['score']):.2f}")
        for e in evidence[:WHY_ENTRIES]
    ]
    more = f" · +{len(evidence) - WHY_ENTRIES} more" if len(evidence) > WHY_ENTRIES else ""
    return f" — why: {' · '.join(parts)}{more}"


def reply_marks(analysis: dict[str, Any]) -> list[Mark]:
    """Strategy findings and pitfalls of an ``Analysis.to_dict()`` as marks on the reply (tooltips with the why)."""
    marks = [
        Mark(f["start"], f["end"], f"hl hl-{f['strategy']}", f["strategy"].replace("_", " ") + why(f.get("evidence")))
        for f in analysis.get("findings", [])
    ]
    marks += [
        Mark(
            p["start"], p["end"], f"pf pf-{p['kind']}",
            f"{p['kind'].replace('_', ' ')}: {p['message']}{why(p.get('evidence'))}",
        )
        for p in analysis.get("pitfalls", [])
        if p.get("start") is not None
    ]
    return marks


def customer_marks(analysis: dict[str, Any]) -> list[Mark]:
    """Emotion words and causes of an ``Analysis.to_dict()`` as marks on the customer's message."""
    customer = analysis.get("customer", {})
    marks = [Mark(e["start"], e["end"], "emo", e["label"]) for e in customer.get("emotion_spans", [])]
    marks += [
        Mark(
            c["start"], c["end"], "cause",
            (f"cause of {c['emotion']}" if c.get("emotion") else "cause") + why(c.get("evidence")),
        )
        for c in customer.get("causes", [])
    ]
    marks += [Mark(s["start"], s["end"], "selfcrit", "self-criticism") for s in customer.get("self_criticism", [])]
    return marks


def render_reply(analysis: dict[str, Any]) -> Markup:
    """The reply of an analysis, highlighted."""
    return render(analysis.get("exchange", {}).get("reply") or "", reply_marks(analysis))


def render_customer(analysis: dict[str, Any]) -> Markup:
    """The customer's message of an analysis, highlighted."""
    return render(analysis.get("exchange", {}).get("customer") or "", customer_marks(analysis))


def names(values: Sequence[str]) -> str:
    """``["a_b", "c"]`` -> ``"a b, c"``."""
    return ", ".join(v.replace("_", " ") for v in values)
