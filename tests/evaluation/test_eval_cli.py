"""`empathic eval` on a tiny data set, with the pipeline replaced by a hand-built fake."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from eval_fakes import FakeAnalyzer, FakeCoach, Prediction
from typer.testing import CliRunner

import empathic.pipeline
from empathic.cli.app import app
from empathic.cli.main import _register_commands

REPLY = "It's maddening to be charged twice. I've refunded it."


@pytest.fixture
def cs_file(tmp_path: Path) -> Path:
    row = {"customer": "I was charged twice!", "reply": REPLY, "customer_emotions": ["anger"],
           "self_critical": False, "strategies": ["reflecting_emotion"], "pitfalls": [],
           "spans": {"reflecting_emotion": ["It's maddening to be charged twice."]}}
    path = tmp_path / "cs.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A runner whose `Coach()` is the fake: it finds the reflection and reads anger."""
    fake = FakeAnalyzer({REPLY: Prediction(findings=[("reflecting_emotion", "It's maddening to be charged twice.")],
                                           emotions=["anger"])})
    monkeypatch.setattr(empathic.pipeline, "Coach", lambda *a, **k: FakeCoach(fake))
    _register_commands()
    return CliRunner()


def test_json_output(cli: CliRunner, cs_file: Path) -> None:
    r = cli.invoke(app, ["eval", "cs", str(cs_file), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["dataset"] == "cs" and data["records"] == 1
    strategies = data["sections"][0]["rows"]
    assert {"label": "reflecting_emotion", "f1": 1.0}.items() <= strategies[1].items()


def test_markdown_output_and_limit(cli: CliRunner, cs_file: Path) -> None:
    r = cli.invoke(app, ["eval", "cs", str(cs_file), "--markdown", "--limit", "1"])
    assert r.exit_code == 0, r.output
    assert "| reflecting_emotion | 1.000 | 1.000 | 1.000 | 1 |" in r.stdout
    assert "(limit 1)" in r.stdout


def test_default_output_is_a_table(cli: CliRunner, cs_file: Path) -> None:
    r = cli.invoke(app, ["eval", "cs", str(cs_file)])
    assert r.exit_code == 0, r.output
    assert "reflecting_emotion" in r.stdout and "precision" in r.stdout and "macro" in r.stdout


def test_output_file(cli: CliRunner, cs_file: Path, tmp_path: Path) -> None:
    md, js = tmp_path / "eval.md", tmp_path / "eval.json"
    assert cli.invoke(app, ["eval", "cs", str(cs_file), "--output", str(md)]).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("### `cs`")
    assert cli.invoke(app, ["eval", "cs", str(cs_file), "-o", str(js)]).exit_code == 0
    assert json.loads(js.read_text(encoding="utf-8"))["records"] == 1


def test_malformed_row_is_one_line_and_exit_2(cli: CliRunner, cs_file: Path) -> None:
    cs_file.write_text(cs_file.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    r = cli.invoke(app, ["eval", "cs", str(cs_file)])
    assert r.exit_code == 2
    assert f"{cs_file}:2:" in r.stderr and "not valid JSON" in r.stderr


def test_markdown_and_json_together_are_refused(cli: CliRunner, cs_file: Path) -> None:
    r = cli.invoke(app, ["eval", "cs", str(cs_file), "--json", "--markdown"])
    assert r.exit_code == 2


@pytest.mark.parametrize(("args", "message"), [(["tweets", "."], "unknown data set 'tweets'"),
                                               (["cs", "no/such/file.jsonl"], "no such file")])
def test_bad_dataset_or_path_real_process(args: list[str], message: str) -> None:
    r = subprocess.run([sys.executable, "-m", "empathic", "eval", *args], capture_output=True, timeout=120)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert message in err
    assert len(err.strip().splitlines()) == 1
