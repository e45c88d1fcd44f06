"""``empathic score``: samples of every format into one store, errors file, rerun is a no-op."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from empathic.store import open_store

runner = CliRunner()
app = None


@pytest.fixture(autouse=True)
def _app(cli) -> None:  # type: ignore[no-untyped-def]
    global app
    app = cli


def score(*args: str) -> tuple[int, dict, str]:
    result = runner.invoke(app, ["score", *args, "--json", "--no-progress"])
    out = result.stdout.strip().splitlines()
    return result.exit_code, json.loads(out[-1]) if out else {}, result.stderr


def test_every_sample_format_into_one_store_and_rerun_skips_all(samples: Path, tmp_path: Path, dump) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'qa.sqlite'}"
    errors = tmp_path / "errors.jsonl"
    files = [str(samples / n) for n in ("conversations.jsonl", "messages.jsonl", "zendesk_tickets.json",
                                        "intercom_conversations.json")]
    code, stats, _ = score(*files, "--store", url, "--errors", str(errors))
    assert code == 2  # some records were malformed, on purpose
    assert (stats["read"], stats["scored"], stats["skipped"], stats["errors"]) == (24, 24, 0, 4)
    lines = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {(Path(e["file"]).name, e["line"]) for e in lines} >= {("conversations.jsonl", 4),
                                                                    ("messages.jsonl", 13)}
    assert all(set(e) == {"run", "file", "line", "id", "reason"} and e["run"] == stats["run_id"] for e in lines)
    with open_store(url) as store:
        first = dump(store)
        assert store.count_conversations() == 24
        assert {a for a in store.agents()} >= {"ana.silva", "chloe.martin", "381001", "5520011"}
    code, stats, _ = score(*files, "--store", url, "--errors", str(errors))
    assert (stats["scored"], stats["skipped"]) == (0, 24)
    with open_store(url) as store:
        assert dump(store) == first


def test_csv_with_column_mapping_and_changed_content_is_rescored(samples: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'qa.sqlite'}"
    code, stats, err = score(str(samples / "chats.csv"), "--store", url)
    assert code == 3 and "--map conversation_id" in err
    code, stats, _ = score(str(samples / "chats.csv"), "--store", url, "--map", "conversation_id=ticket")
    assert code == 2 and stats["scored"] == 6
    edited = tmp_path / "chats.csv"
    edited.write_text((samples / "chats.csv").read_text().replace("I can tell you're stressed.", "I can tell you're "
                                                                  "stressed, with the new job needing it by Monday."))
    code, stats, _ = score(str(edited), "--store", url, "--map", "conversation_id=ticket")
    assert (stats["scored"], stats["skipped"]) == (1, 5)


def test_bad_options_fail_clearly(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text("{}\n")
    result = runner.invoke(app, ["score", str(f), "--engine", "spark", "--store", f"sqlite:///{tmp_path}/s.db"])
    assert result.exit_code == 3 and "unknown engine" in result.stderr
    result = runner.invoke(app, ["score", str(f), "--store", "mysql://x/y"])
    assert result.exit_code == 3 and "not supported" in result.stderr
    result = runner.invoke(app, ["score", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.stderr
