"""The Typer application every command module registers on, plus shared CLI helpers."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from empathic.errors import EmpathicError

app = typer.Typer(
    name="empathic",
    help="Coach customer-service empathy offline: relating experience, reflecting emotion, normalizing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

#: Exit codes of every command (also in the README).
EXIT_OK = 0
EXIT_ERROR = 1  # an unexpected failure (a bug: please report it)
EXIT_BAD_INPUT = 2  # the input could not be used; in --file mode: at least one line was bad
EXIT_CONFIG = 3  # a wrong option, component name or configuration value
EXIT_RESOURCE = 4  # the machine or the installation: a damaged data file, a full disk, a damaged store, a lost worker
EXIT_INTERRUPTED = 130

# emoji=False: ":100:" in "file.jsonl:100: ..." or a customer's ":smile:" is text, not an emoji code
out = Console(highlight=False, soft_wrap=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def fail(exc: EmpathicError | str, code: int | None = None) -> NoReturn:
    """Print one clear error line to stderr and exit with the error's code."""
    if isinstance(exc, EmpathicError):
        message, code = str(exc), code if code is not None else exc.exit_code
    else:
        message, code = exc, code if code is not None else EXIT_ERROR
    # escaped: a message may hold brackets (pip install 'empathic[web]', a path) that are not markup
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)
    raise typer.Exit(code)


def write_line(text: str) -> None:
    """Write one raw line to stdout (machine output: no styling, no wrapping)."""
    sys.stdout.write(text + "\n")


#: Help of the ``--heads`` option of ``analyze``, ``score`` and ``serve``.
HEADS_HELP = ("Learned heads: 'shipped' (default), 'local' (the folder `empathic train --corrections` writes, "
              "<data folder>/heads) or a folder path.")


def use_heads(spec: str | None) -> None:
    """Select the learned heads ``spec`` names (None: as configured) and load them now, or exit with the error.

    Loading at start-up turns a missing or damaged local head file into one clear error line (exit 4)
    before any work starts.
    """
    from empathic.models import heads

    try:
        if spec is not None:
            heads.configure(spec)
        heads.in_use()
    except EmpathicError as exc:
        fail(exc)
