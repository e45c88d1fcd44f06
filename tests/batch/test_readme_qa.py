"""The README's "QA at scale" commands run as written on the bundled samples (parsed from the README: no drift)."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from empathic.store import open_store

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"<!-- qa-commands[^>]*-->\s*```sh\n(.*?)```\s*<!-- /qa-commands -->", re.S)


def readme_commands() -> list[str]:
    """The shell lines between the README's qa-commands markers, comments dropped."""
    found = BLOCK.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md must hold exactly one qa-commands block"
    lines = []
    for raw in found[0].splitlines():
        line = raw.split("#", 1)[0].strip() if " #" in raw or raw.lstrip().startswith("#") else raw.strip()
        if line:
            lines.append(line)
    return lines


def test_the_block_is_there_and_uses_only_the_installed_command() -> None:
    lines = readme_commands()
    assert [shlex.split(x)[1] for x in lines] == ["samples", "score", "score", "report"]
    assert all(x.startswith(".venv/bin/empathic ") for x in lines)


@pytest.mark.slow
def test_readme_qa_commands_run_as_written(tmp_path: Path) -> None:
    # A fresh folder laid out as a clone after `make install`: .venv/bin/empathic is this interpreter's empathic.
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    exe = bin_dir / "empathic"
    exe.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m empathic "$@"\n')
    exe.chmod(0o755)
    env = {**os.environ, "EMPATHIC_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    codes = []
    for line in readme_commands():
        # bash, as a reader would paste it: globs expand, quotes apply
        r = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert "Traceback" not in r.stderr, (line, r.stderr)
        codes.append(r.returncode)
    # score exits 2: every sample file holds one malformed record on purpose, as the README says.
    assert codes == [0, 2, 2, 0], codes
    errors = [json.loads(x) for x in (tmp_path / "qa-errors.jsonl").read_text().splitlines()]
    # the last run's malformed record is there (and, with an append-only errors file, the first run's four)
    assert ("chats.csv", 16) in {(Path(e["file"]).name, e["line"]) for e in errors}
    assert len(errors) in (1, 5)
    with open_store(f"sqlite:///{tmp_path / 'qa.sqlite'}") as store:
        assert store.count_conversations() == 30
        turns = store.count_turns()
    html = (tmp_path / "report.html").read_text()
    assert "<h2>Best and worst exchanges</h2>" in html
    with (tmp_path / "turns.csv").open(encoding="utf-8") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == turns
    assert (tmp_path / "turns.parquet").stat().st_size > 0


def test_samples_lists_and_copies_without_clobbering(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from empathic.cli.main import main
    from empathic.cli.samples import SAMPLE_FILES, copy_samples
    from empathic.errors import ConfigError

    with pytest.raises(SystemExit) as exc:
        main(["samples"])
    listing = capsys.readouterr().out
    assert exc.value.code in (0, None)
    assert all(name in listing for name, _, _ in SAMPLE_FILES) and "--map conversation_id=ticket" in listing
    written = copy_samples(tmp_path / "exports")
    assert sorted(p.name for p in written) == sorted([n for n, _, _ in SAMPLE_FILES] + ["PROVENANCE.md"])
    assert copy_samples(tmp_path / "exports") == written  # the same files again: nothing to refuse
    (tmp_path / "exports" / "chats.csv").write_text("my own edits\n")
    with pytest.raises(ConfigError, match=r"chats\.csv already exists with other content; use --force"):
        copy_samples(tmp_path / "exports")
    assert (tmp_path / "exports" / "chats.csv").read_text() == "my own edits\n"
    copy_samples(tmp_path / "exports", force=True)
    assert (tmp_path / "exports" / "chats.csv").read_text().startswith("ticket,sender,message")
