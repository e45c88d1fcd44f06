"""``empathic samples``: the bundled sample helpdesk exports, listed or copied out to try ``score`` and ``report``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import typer

from empathic.cli.app import app, out
from empathic.errors import ConfigError, ResourceError

#: The bundled exports in the order the README scores them: (file, format, what ``score`` needs to read it).
SAMPLE_FILES: tuple[tuple[str, str, str], ...] = (
    ("conversations.jsonl", "generic conversation JSONL", ""),
    ("messages.jsonl", "flat JSONL, one message a row", ""),
    ("zendesk_tickets.json", "Zendesk tickets with comments and users", ""),
    ("intercom_conversations.json", "Intercom conversation list", ""),
    ("chats.csv", "flat CSV, helpdesk column names", "--map conversation_id=ticket"),
)


def sample_bytes(name: str) -> bytes:
    """The bytes of bundled sample export ``name`` (``PROVENANCE.md`` included)."""
    node = resources.files("empathic.resources").joinpath("samples", "batch", name)
    try:
        return node.read_bytes()
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise ResourceError(f"packaged sample {name} is missing; reinstall empathic") from exc


def copy_samples(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy every bundled sample export (and its PROVENANCE.md) into ``folder``; returns the files written.

    A file already there with other content is kept unless ``force``: ConfigError names it.
    """
    names = [name for name, _, _ in SAMPLE_FILES] + ["PROVENANCE.md"]
    data = {name: sample_bytes(name) for name in names}
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder} exists and is not a folder")
    clashes = [folder / n for n in names if (folder / n).exists() and (folder / n).read_bytes() != data[n]]
    if clashes and not force:
        raise ConfigError(f"{clashes[0]} already exists with other content; use --force to overwrite it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            (folder / name).write_bytes(data[name])
    except OSError as exc:
        raise ConfigError(f"cannot write the samples to {folder}: {exc.strerror}") from exc
    return [folder / n for n in names]


@app.command()
def samples(
    to: Path | None = typer.Option(None, "--to", help="Copy the sample exports into this folder (created)."),
    force: bool = typer.Option(False, "--force", help="Overwrite files of the same name in the folder."),
) -> None:
    """List the bundled sample helpdesk exports, or copy them out with --to to try score and report."""
    if to is None:
        out.print("Bundled sample exports (copy them out with [bold]empathic samples --to DIR[/]):")
        for name, what, needs in SAMPLE_FILES:
            # one line per file, never wrapped: the option is meant to be copied
            out.print(f"  {name:<28} {what}" + (f" (needs {needs})" if needs else ""), soft_wrap=True)
        return
    written = copy_samples(to, force=force)
    for path in written:
        out.print(str(path))
    out.print(
        f"{len(written) - 1} sample exports in {to}; score them as in the README's \"QA at scale\". "
        "Each file holds one malformed record on purpose, so score exits 2 and lists them in its errors file."
    )
