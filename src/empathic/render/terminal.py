"""The terminal view of an Analysis (rich renderables; the CLI prints them)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from empathic.palette import STRATEGY_COLOURS, display_name
from empathic.types import Analysis, Cause, Evidence, Span

if TYPE_CHECKING:
    from empathic.suggest import RewriteResult, SuggestionSet

#: One colour per strategy, used for highlights and the legend: the palette every surface shares.
STRATEGY_STYLE = {s: f"bold {colour}" for s, colour in STRATEGY_COLOURS.items()}
#: Each strategy's registry display name, in lower case as the terminal writes it.
STRATEGY_NAME = {s: display_name(s).lower() for s in STRATEGY_COLOURS}
CLASS_NAME = {
    "needed_and_given": "empathy needed and given",
    "needed_but_missing": "empathy needed but missing",
    "not_needed": "empathy not especially needed",
}


def _highlight(text: str, spans: list[tuple[Span, str]]) -> Text:
    out = Text(text)
    for span, style in spans:
        out.stylize(style, span.start, span.end)
    return out


def causes_line(causes: list[Cause]) -> str:
    """Each distinct reason once, with the feelings it explains: “the overdraft” (anger, anxiety).

    The Analysis holds one Cause per (span, emotion), so a span that explains two feelings comes
    twice; a reader wants each reason once.
    """
    grouped: dict[str, list[str]] = {}
    for c in causes:
        emotions = grouped.setdefault(c.span.text.strip(), [])
        if c.emotion and c.emotion not in emotions:
            emotions.append(c.emotion)
    return "; ".join(
        f"“{text}”" + (f" ({', '.join(emotions)})" if emotions else "") for text, emotions in grouped.items()
    )


def score_style(score: int) -> str:
    """Colour for a 0-100 score."""
    return "bold green" if score >= 80 else "bold yellow" if score >= 55 else "bold red"


def render_analysis(analysis: Analysis) -> RenderableType:
    """A readable view: the reply with spans highlighted, the customer's feelings, pitfalls, score, tips."""
    parts: list[RenderableType] = []
    cust = analysis.customer
    cust_marks = [(c.span, "italic yellow") for c in cust.causes]
    cust_marks += [(s, "bold red") for s in cust.self_criticism]
    cust_marks += [(s, "bold yellow") for _, s in cust.emotion_spans]
    title = f"customer{f' · {analysis.exchange.id}' if analysis.exchange.id else ''}"
    parts.append(Panel(_highlight(analysis.exchange.customer, cust_marks), title=title, title_align="left"))

    feelings = Table.grid(padding=(0, 2))
    feelings.add_column(style="dim")
    feelings.add_column()
    emos = ", ".join(f"{e.label} {e.score:.2f}" for e in cust.emotions) or "none detected"
    feelings.add_row("feels", emos)
    feelings.add_row("intensity", f"{cust.intensity:.2f}")
    if cust.causes:
        feelings.add_row("because", causes_line(cust.causes))
    if cust.self_critical:
        feelings.add_row("self-critical", "; ".join(f"“{s.text}”" for s in cust.self_criticism) or "yes")
    parts.append(feelings)

    if analysis.exchange.reply:
        marks = [(f.span, STRATEGY_STYLE.get(f.strategy, "bold")) for f in analysis.findings]
        marks += [(p.span, "underline red") for p in analysis.pitfalls if p.span is not None]
        parts.append(Panel(_highlight(analysis.reply, marks), title="reply", title_align="left"))
        legend = Text("  ")
        for strategy, style in STRATEGY_STYLE.items():
            legend.append("■ ", style=style).append(STRATEGY_NAME[strategy] + "   ")
        legend.append("pitfall", style="underline red")
        parts.append(legend)

        found = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
        found.add_column("strategy")
        found.add_column("conf", justify="right")
        found.add_column("words")
        for f in analysis.findings:
            found.add_row(Text(STRATEGY_NAME.get(f.strategy, f.strategy), style=STRATEGY_STYLE.get(f.strategy, "")),
                          f"{f.confidence:.2f}", f.span.text)
        if analysis.findings:
            parts.append(found)
        else:
            parts.append(Text("  no empathy strategy found in the reply", style="dim"))

        if analysis.pitfalls:
            pits = Table(show_header=True, header_style="bold red", box=None, padding=(0, 1))
            pits.add_column("pitfall")
            pits.add_column("why")
            for p in analysis.pitfalls:
                pits.add_row(p.kind.replace("_", " "), p.message + (f"  “{p.span.text}”" if p.span else ""))
            parts.append(pits)

        score = Text("  score ")
        score.append(f"{analysis.score}/100", style=score_style(analysis.score))
        score.append(f"   {CLASS_NAME.get(analysis.opportunity_class, analysis.opportunity_class)}"
                     f" (opportunity {analysis.opportunity:.2f})", style="dim")
        parts.append(score)
    else:
        need = "empathy needed" if analysis.opportunity_class != "not_needed" else "empathy not especially needed"
        parts.append(Text(f"  opportunity {analysis.opportunity:.2f}: {need}", style="dim"))

    if analysis.tips:
        tips = Table.grid(padding=(0, 1))
        tips.add_column()
        tips.add_column()
        for t in analysis.tips:
            marker = {"pitfall": "[red]✗[/]", "gap": "[yellow]→[/]", "strategy": "[green]✓[/]"}.get(t.kind, "•")
            tips.add_row(Text.from_markup(marker), Text(t.text + (f"  ({t.why})" if t.why else ""), style=""))
        parts.append(Panel(tips, title="coaching", title_align="left", border_style="dim"))
    return Group(*parts)


#: Longest quoted text in an explanation line.
_QUOTE_CHARS = 60


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + '…'}”"


def _chain(evidence: tuple[Evidence, ...], source: str) -> Text:
    """One line per piece of evidence: support (+) or veto (✗), kind, id, score and the words it read."""
    out = Text()
    if not evidence:
        out.append("      (no evidence recorded)\n", style="dim")
    for e in evidence:
        veto = e.effect == "veto"
        out.append("      ✗ veto " if veto else "      + ", style="bold red" if veto else "green")
        out.append(f"{e.kind} ", style="dim")
        out.append(e.id, style="bold")
        if e.score is not None:
            out.append(f"  {e.score:.2f}")
        if e.span is not None and e.span[1] <= len(source):
            out.append(f"  {_quote(source[e.span[0] : e.span[1]])}", style="dim")
        out.append("\n")
    return out


def render_explanation(analysis: Analysis) -> RenderableType:
    """``analyze --explain``: each decision (emotion, cause, finding, turned-down candidate, pitfall) and its chain.

    Every line names the rule, head or predicate behind the decision (``+``) or the veto that
    turned it down (``✗``), with its score and the words it read.
    """
    customer, reply = analysis.exchange.customer, analysis.reply
    out = Text()

    def decision(label: str, what: str, quote: str = "") -> None:
        out.append(f"  {label} ", style="dim")
        out.append(what, style="bold")
        if quote:
            out.append(f"  {quote}")
        out.append("\n")

    for e in analysis.customer.emotions:
        decision("emotion", f"{e.label} {e.score:.2f}")
        out.append_text(_chain(e.evidence, customer))
    for e in analysis.customer.dropped_emotions:
        decision("dropped emotion", f"{e.label} {e.score:.2f}")
        out.append_text(_chain(e.evidence, customer))
    for c in analysis.customer.causes:
        decision("cause", f"of {c.emotion}", _quote(c.span.text))
        out.append_text(_chain(c.evidence, customer))
    for f in analysis.findings:
        decision("finding", f"{f.strategy} {f.confidence:.2f} (won by {f.source})", _quote(f.span.text))
        out.append_text(_chain(f.evidence, reply))
    for f in analysis.rejected:
        decision("turned down", f"{f.strategy} {f.confidence:.2f} (from {f.source})", _quote(f.span.text))
        out.append_text(_chain(f.evidence, reply))
    for p in analysis.pitfalls:
        decision("pitfall", p.kind, _quote(p.span.text) if p.span else "")
        out.append_text(_chain(p.evidence, reply))
    if not out:
        out.append("  no decision to explain", style="dim")
    out.rstrip()
    return Panel(out, title="why (rules and heads behind each decision)", title_align="left", border_style="dim")


def render_suggestions(result: SuggestionSet) -> RenderableType:
    """Suggested sentences grouped by strategy, with their verified scores."""
    parts: list[RenderableType] = []
    emos = ", ".join(result.analysis.customer.labels) or "none"
    head = Text("  customer feels ", style="dim").append(emos, style="bold yellow")
    if result.analysis.customer.self_critical:
        head.append("  (self-critical)", style="bold red")
    parts.append(head)
    if not result.suggestions:
        parts.append(Text(f"  {result.note or 'no suggestion passed the analyzer check'}", style="dim"))
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("strategy")
    table.add_column("score", justify="right")
    table.add_column("suggestion")
    for s in result.suggestions:
        text = Text(s.text)
        if s.note:
            text.append(f"\n{s.note}", style="dim italic")
        table.add_row(Text(STRATEGY_NAME.get(s.strategy, s.strategy), style=STRATEGY_STYLE.get(s.strategy, "")),
                      Text(str(s.score), style=score_style(s.score)), text)
    if result.suggestions:
        parts.append(table)
    return Group(*parts)


def render_rewrite(result: RewriteResult) -> RenderableType:
    """The rewrite with removed words struck through in red and added words in green, and what changed."""
    diff = Text()
    for token in re.split(r"(\[-.*?-\]|\{\+.*?\+\})", result.diff()):
        # The markers stay visible so the diff still reads right without colour.
        if token.startswith("[-"):
            diff.append(token, style="strike red")
        elif token.startswith("{+"):
            diff.append(token, style="bold green")
        else:
            diff.append(token)
    parts: list[RenderableType] = [Panel(diff, title="rewrite", title_align="left")]
    line = Text("  score ")
    line.append(str(result.before.score), style=score_style(result.before.score)).append(" → ")
    line.append(str(result.after.score), style=score_style(result.after.score))
    if result.pitfalls_fixed:
        line.append("   fixed: " + ", ".join(k.replace("_", " ") for k in result.pitfalls_fixed), style="green")
    if result.pitfalls_left:
        line.append("   still: " + ", ".join(k.replace("_", " ") for k in result.pitfalls_left), style="red")
    parts.append(line)
    for c in result.changes:
        parts.append(Text(f"  • {c}", style="dim"))
    if result.note:
        parts.append(Text(f"  {result.note}", style="yellow"))
    return Group(*parts)
