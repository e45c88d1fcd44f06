"""Entry point of the ``empathic`` command: registers every command module and runs the app."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer
from rich.markup import escape

from empathic import __version__
from empathic.cli.app import EXIT_CONFIG, EXIT_ERROR, EXIT_INTERRUPTED, app, err
from empathic.errors import EmpathicError, environment_failure


def _version(value: bool) -> None:
    if value:
        typer.echo(f"empathic {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", "-V", help="Show the version and exit.",
                                 callback=_version, is_eager=True),
) -> None:
    """Coach customer-service empathy offline."""


def _register_commands() -> None:
    """Import every module of empathic.cli so its commands register on ``app``."""
    import empathic.cli as pkg

    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if mod.name not in {"app", "main"} and not mod.name.startswith("_"):
            importlib.import_module(f"empathic.cli.{mod.name}")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user mistakes become one error line and an exit code, never a traceback."""
    _register_commands()
    try:
        # Not standalone: click would exit 2 on a bad option value (--max-chars abc), but the README's
        # table gives 2 to bad input and 3 to a bad option, so usage errors are mapped here.
        code = app(args=argv, prog_name="empathic", standalone_mode=False)
    except typer.Abort:
        err.print("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except typer.TyperException as exc:  # click's exceptions; a usage error is the one with exit code 2
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        code = getattr(exc, "exit_code", EXIT_ERROR)
        sys.exit(EXIT_CONFIG if code == 2 else code)
    except EmpathicError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        # A full disk, a damaged store or a lost worker is the machine's, not a bug: say what to do (exit 4).
        failure = environment_failure(exc)
        if failure is not None:
            err.print(f"[bold red]error:[/] {escape(str(failure))}")
            sys.exit(failure.exit_code)
        err.print(f"[bold red]internal error:[/] {type(exc).__name__}: {escape(str(exc))} (please report this)")
        sys.exit(EXIT_ERROR)
    # typer.Exit(n) comes back as the return value outside standalone mode.
    sys.exit(code if isinstance(code, int) else 0)
