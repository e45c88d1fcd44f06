"""``empathic calibrate``: how far the tool and the team's reviewers agree, from the reviews in a store."""

from __future__ import annotations

import json
from datetime import datetime

import typer
from rich.markup import escape

from empathic.cli.app import EXIT_BAD_INPUT, app, fail, out, write_line
from empathic.errors import ConfigError, EmpathicError


@app.command("calibrate")
def calibrate_command(
    store: str = typer.Option(None, "--store", help="Results store: sqlite:///PATH or postgresql://USER@HOST/DB "
                              "(default: empathic.sqlite in $EMPATHIC_HOME or ~/.local/share/empathic)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the report as Markdown tables."),
    since: str = typer.Option(None, "--since", help="Only reviews made on or after this date (2026-03-01)."),
    bootstrap: int = typer.Option(1000, "--bootstrap", help="Bootstrap resamples for the 95% intervals (0: none)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap (the same seed gives the same intervals)."),
    queue: int = typer.Option(None, "--queue", min=1, max=1000,
                              help="Instead of the report: the N turns REVIEWER should review next."),
    reviewer: str = typer.Option(None, "--reviewer", help="Whose queue (--queue): turns they reviewed are left "
                                 "out."),
    random_share: float = typer.Option(0.2, "--random-share", min=0.0, max=1.0,
                                       help="Share of the queue drawn at random (unbiased agreement figures)."),
    second_share: float = typer.Option(0.1, "--second-share", min=0.0, max=1.0,
                                       help="Share of the queue offered for a second review (inter-rater)."),
) -> None:
    """Per strategy, pitfall and emotion: the tool's precision, recall and Cohen's kappa against the reviewers.

    Also reviewer against reviewer, span overlap, the trend per ISO week, the confusions (turn ids) and the
    rules reviewers reject most. Every figure says how many decisions it rests on. With --queue N --reviewer
    NAME: the turns that reviewer should review next.
    """
    from empathic.calibration.calibrate import calibrate
    from empathic.store import default_store_url, open_store

    if as_json and markdown:
        fail("--markdown and --json cannot be used together; pick one", EXIT_BAD_INPUT)
    if bootstrap < 0:
        fail(ConfigError(f"--bootstrap must not be negative, got {bootstrap}"))
    if queue is not None:
        _queue(store, queue, reviewer, random_share, second_share, as_json)
        return
    when = None
    if since is not None:
        try:
            when = datetime.fromisoformat(since.replace("Z", "+00:00"))
        except ValueError:
            fail(ConfigError(f"--since {since!r} is not a date; use ISO 8601 (2026-03-01)"))
    try:
        with open_store(store or default_store_url(), create=False) as results:
            report = calibrate(results, since=when, bootstrap=bootstrap, seed=seed)
    except EmpathicError as exc:
        fail(exc)
    if as_json:
        write_line(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif markdown:
        write_line(report.to_markdown().rstrip("\n"))
    else:
        _print(report)


def _print(report: object) -> None:
    from rich.table import Table

    from empathic.calibration.calibrate import CalibrationReport

    assert isinstance(report, CalibrationReport)
    out.print(escape(report.headline()), soft_wrap=True)
    if not report.reviews:
        out.print("No reviews yet: review turns in the dashboard, POST /v1/reviews, or "
                  "empathic reviews import FILE --reviewer NAME.", style="yellow", soft_wrap=True)
        return
    out.print(_tool_table(report))
    for title, columns, rows in report.tables()[1:]:
        if not rows:
            continue
        table = Table(title=f"[bold]{escape(title)}[/]", title_justify="left")
        for i, name in enumerate(columns):
            table.add_column(name, justify="right" if 1 < i < 4 or name in ("count", "rejected") else "left")
        for row in rows:
            table.add_row(*(escape(cell.strip("`")) for cell in row))
        out.print(table)


def _tool_table(report: object) -> object:
    """The first table, compact for a terminal: one section per part, each interval in a column of its own."""
    from rich.table import Table

    from empathic.calibration.calibrate import CalibrationReport, Estimate

    assert isinstance(report, CalibrationReport)

    def num(value: float | None) -> str:
        return "–" if value is None else f"{value:.3f}"

    def span(e: Estimate) -> str:
        return "" if e.low is None or e.high is None else f"{e.low:.2f}–{e.high:.2f}"

    table = Table(title="[bold]The tool against the reviewers[/] (95% intervals)", title_justify="left")
    for name in ("label", "decisions", "precision", "", "recall", "", "kappa", ""):
        table.add_column(name, justify="left" if name in ("label", "") else "right", no_wrap=True,
                         style="dim" if name == "" else None)
    part = None
    for r in report.labels:
        if part is not None and r.part != part:
            table.add_section()
        part = r.part
        table.add_row(r.label, f"{r.counts.n:,}", num(r.precision.value), span(r.precision), num(r.recall.value),
                      span(r.recall), num(r.kappa.value), span(r.kappa))
    return table


def _queue(store: str | None, n: int, reviewer: str | None, random_share: float, second_share: float,
           as_json: bool) -> None:
    from rich.table import Table

    from empathic.calibration.queue import review_queue
    from empathic.store import default_store_url, open_store

    if not reviewer or not reviewer.strip():
        fail(ConfigError("--queue needs --reviewer NAME: the queue leaves out the turns they reviewed"))
    try:
        with open_store(store or default_store_url(), create=False) as results:
            items = review_queue(results, reviewer, n, random_share=random_share, second_share=second_share)
    except EmpathicError as exc:
        fail(exc)
    if as_json:
        write_line(json.dumps({"reviewer": reviewer.strip(), "items": [q.to_dict() for q in items]}, indent=2))
        return
    table = Table(title=f"[bold]Next {len(items)} turns for {escape(reviewer.strip())}[/]", title_justify="left")
    for name in ("conversation", "turn", "why", "detail"):
        table.add_column(name, justify="right" if name == "turn" else "left")
    for q in items:
        table.add_row(escape(q.conversation_id), str(q.turn_index), q.reason, escape(q.detail))
    out.print(table)
