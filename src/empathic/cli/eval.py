"""``empathic eval``: score empathic against a labelled data set and print per-label precision/recall/F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from empathic.cli.app import EXIT_BAD_INPUT, app, err, fail, out, write_line
from empathic.errors import DatasetError, EmpathicError

if TYPE_CHECKING:
    from rich.table import Table

    from empathic.evaluation import EvalResult, Section
    from empathic.evaluation.result import Breakdown

#: Kept here as well as in empathic.evaluation so --help does not import the evaluation code.
_DATASETS = ("cs", "esconv", "epitome", "goemotions", "coaching")


@app.command("eval")
def eval_command(
    dataset: str = typer.Argument(..., help="Data set kind: cs, esconv, epitome, goemotions, or coaching "
                                 "(suggestions and rewrites "
                                 "over a cs or esconv file).", show_default=False,
                                 metavar="DATASET"),
    path: Path = typer.Argument(
        ...,
        help="The data file, or its folder (EPITOME: the folder of *-dev.csv files, or one of them).",
        show_default=False,
        metavar="PATH",
    ),
    markdown: bool = typer.Option(False, "--markdown", help="Print the README-ready Markdown tables."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    limit: int | None = typer.Option(None, "--limit", "-n", min=1, help="Evaluate only the first N records."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Also write the result to FILE (JSON if --json or FILE ends in .json, "
        "else Markdown).", dir_okay=False,
    ),
) -> None:
    """Measure how well empathic's judgements match a labelled data set (per-label P/R/F1, macro averages)."""
    if markdown and as_json:
        fail("--markdown and --json cannot be used together; pick one", EXIT_BAD_INPUT)
    if dataset not in _DATASETS:
        fail(DatasetError(f"unknown data set {dataset!r}; choose one of {', '.join(_DATASETS)}"))
    if not path.exists():
        fail(DatasetError(f"{path}: no such file or folder"))

    try:
        result = _run(dataset, path, limit)
    except EmpathicError as exc:
        fail(exc)

    if output is not None:
        text = _json(result) if as_json or output.suffix.lower() == ".json" else result.to_markdown()
        try:
            output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}", EXIT_BAD_INPUT)
        err.print(f"wrote {output}")
        if as_json or markdown:
            return
    if as_json:
        write_line(_json(result))
    elif markdown:
        write_line(result.to_markdown().rstrip("\n"))
    else:
        _print_tables(result)


def _run(dataset: str, path: Path, limit: int | None) -> EvalResult:
    """Run the evaluation with a progress bar on stderr when stderr is a terminal."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from empathic.evaluation import evaluate
    from empathic.pipeline import Coach

    coach = Coach()
    if not err.is_terminal:
        return evaluate(dataset, path, analyzer=coach, limit=limit)
    with Progress(
        TextColumn(f"[bold]{dataset}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("eval", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return evaluate(dataset, path, analyzer=coach, limit=limit, progress=progress)


def _json(result: EvalResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)


def _print_tables(result: EvalResult) -> None:
    ms = result.ms_per_record
    head = f"[bold]{result.dataset}[/]  {result.source}  ·  {result.records:,} records"
    if result.limit:
        head += f" (limit {result.limit:,})"
    head += f"  ·  {result.seconds:.1f} s" + (f" ({ms:.1f} ms each)" if ms is not None else "")
    out.print(head, soft_wrap=True)
    if result.skipped:
        out.print("skipped: " + ", ".join(f"{n:,} {why}" for why, n in sorted(result.skipped.items())),
                  style="yellow")
    for section in result.sections:
        out.print(_table(section))
    for breakdown in result.breakdowns:
        out.print(_breakdown(breakdown))
    for note in result.notes:
        out.print(f"• {note}", style="dim", soft_wrap=True)


def _table(section: Section) -> Table:
    from rich.table import Table

    table = Table(title=f"[bold]{section.title}[/]", title_justify="left")
    table.add_column("label")
    for name in ("precision", "recall", "F1", "support"):
        table.add_column(name, justify="right")
    for r in section.rows:
        table.add_row(r.label, _num(r.precision), _num(r.recall), _num(r.f1), f"{r.support:,}")
    macro = section.macro
    if macro is not None and len(section.rows) > 1:
        table.add_section()
        table.add_row(
            "[bold]macro[/]", _num(macro.precision), _num(macro.recall), _num(macro.f1),
            f"{sum(r.support for r in section.rows):,}", style="bold",
        )
    table.caption = f"counted over {section.unit}" + (f". {section.note}" if section.note else "")
    table.caption_justify = "left"
    return table


def _breakdown(breakdown: Breakdown) -> Table:
    from rich.table import Table

    table = Table(title=f"[bold]{breakdown.title}[/]", title_justify="left")
    for i, name in enumerate(breakdown.columns):
        table.add_column(name, justify="left" if i == 0 else "right")
    for row in breakdown.rows:
        table.add_row(*row)
    return table


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
