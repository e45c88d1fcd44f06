"""``empathic suggest`` and ``empathic rewrite``: better replies, verified by the analyzer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import RenderableType

from empathic.cli._llm import LLM_MODEL, LLM_URL, backend
from empathic.cli._records import run_file, run_one
from empathic.cli.app import app, fail
from empathic.errors import EmpathicError, InputError
from empathic.pipeline import DEFAULT_MAX_CHARS, Coach
from empathic.types import Exchange


@app.command()
def suggest(
    customer: str | None = typer.Argument(None, help="The customer's message."),
    file: Path | None = typer.Option(None, "--file", "-f", help="JSONL file of {id, customer} ('-' for stdin)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per input: id and suggestions."),
    per_strategy: int = typer.Option(3, "--per-strategy", min=1, max=10, help="Suggestions per strategy."),
    stories_file: Path | None = typer.Option(
        None, "--stories", help="JSONL of your own true stories, {text, topics?}: offered for relating when one fits."
    ),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", envvar="EMPATHIC_MAX_CHARS"),
    llm_url: str | None = LLM_URL,
    llm_model: str | None = LLM_MODEL,
) -> None:
    """Suggest sentences per strategy that name the customer's feeling and its reason (each one verified)."""
    from empathic.render.terminal import render_suggestions
    from empathic.suggest import suggest as suggest_fn
    from empathic.suggest.stories import read_stories

    try:
        coach, llm = Coach(max_chars=max_chars), backend(llm_url, llm_model)
        stories = []
        if stories_file is not None:
            try:
                text = stories_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"cannot read the stories file {stories_file}: {exc}") from exc
            stories = read_stories(text.splitlines(), source=str(stories_file))
    except EmpathicError as exc:
        fail(exc)

    def handle(ex: Exchange) -> tuple[dict[str, Any], RenderableType]:
        result = suggest_fn(ex.customer, coach=coach, per_strategy=per_strategy, backend=llm, id=ex.id,
                            stories=stories)
        return result.to_dict(), render_suggestions(result)

    if file is not None:
        run_file(file, handle, as_json)
        return
    if not customer:
        fail(InputError("give the customer's message, or --file"))
    run_one(handle, Exchange(customer=customer), as_json)


@app.command()
def rewrite(
    customer: str | None = typer.Argument(None, help="The customer's message."),
    draft: str | None = typer.Argument(None, help="The agent's draft reply."),
    file: Path | None = typer.Option(None, "--file", "-f", help="JSONL file of {id, customer, reply} ('-': stdin)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per input: id, rewritten, pitfalls_fixed."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", envvar="EMPATHIC_MAX_CHARS"),
    llm_url: str | None = LLM_URL,
    llm_model: str | None = LLM_MODEL,
) -> None:
    """Rewrite a draft reply with its pitfalls mended, and show what changed."""
    from empathic.render.terminal import render_rewrite
    from empathic.suggest import rewrite as rewrite_fn

    try:
        coach, llm = Coach(max_chars=max_chars), backend(llm_url, llm_model)
    except EmpathicError as exc:
        fail(exc)

    def handle(ex: Exchange) -> tuple[dict[str, Any], RenderableType]:
        result = rewrite_fn(ex.customer, ex.reply or "", coach=coach, backend=llm, id=ex.id)
        return result.to_dict(), render_rewrite(result)

    if file is not None:
        run_file(file, handle, as_json, require_reply=True)
        return
    if not customer or not draft:
        fail(InputError("give the customer's message and the draft reply, or --file"))
    run_one(handle, Exchange(customer=customer, reply=draft), as_json)
