"""One malformed record never stops a run: every reader and engine reports it and stores the rest.

The audit's shapes (issue 14, H1): out-of-range or NaN timestamps, a lone surrogate in a text or an
id, JSON nested 1,200 levels, a NUL in an id or agent_id, a huge field. Each is written in every
export format between good records; the run must finish with every good record stored and every
bad one in the errors file exactly once, with its file and line.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from empathic.batch.engines import InlineEngine, LocalEngine, make_engine
from empathic.batch.readers import InputSet
from empathic.batch.runner import run_scoring
from empathic.store import open_store

REPLY = "I'm sorry, it's frustrating when a parcel goes missing. I've sent a new one today."
GOOD = {"id": "", "agent": '"ana"', "ts": '"2024-03-01T09:30:00Z"',
        "text": '"I am really upset, my parcel is lost again."', "reply": json.dumps(REPLY), "extra": ""}
DEEP = ', "x": ' + "[" * 1200 + "]" * 1200

#: name -> the JSON fragments that differ from a good record (values are JSON text, so escapes survive).
SHAPES: dict[str, dict[str, str]] = {
    "ts_20_digit_number": {"ts": "99999999999999999999"},
    "ts_minus_1e300": {"ts": "-1e300"},
    "ts_year_1_plus_14h": {"ts": '"0001-01-01T00:00:00+14:00"'},
    "ts_30_digit_string": {"ts": '"123456789012345678901234567890"'},
    "ts_year_9999_minus_14h": {"ts": '"9999-12-31T23:59:59-14:00"'},
    "ts_nan": {"ts": "NaN"},
    "surrogate_in_text": {"text": '"I am angry \\ud800 about this"'},
    "surrogate_in_id": {"id": '"b\\udc00"'},
    "nested_1200_levels": {"extra": DEEP},
    "nul_in_id": {"id": '"a\\u0000b"'},
    "nul_in_agent_id": {"agent": '"x\\u0000y"'},
    "huge_text": {"text": json.dumps("so upset " * 300_000)},
}


def _fields(i: int, shape: dict[str, str] | None) -> dict[str, str]:
    return {**GOOD, "id": json.dumps(f"c{i}"), **(shape or {})}


def _html_reply(render: Any) -> Any:
    """Intercom message bodies are HTML."""
    return lambda fmt, f: render(fmt, {**f, "reply": json.dumps("<p>" + REPLY + "</p>")})


def write_lines(path: Path, lines: list[str], *, head: str = "", tail: str = "") -> dict[int, int]:
    """Write one record a line (after an optional ``head`` line); returns record index -> line number."""
    first = 2 if head else 1
    body = ",\n".join(lines) if head else "\n".join(lines)
    path.write_text((head + "\n" if head else "") + body + ("\n" + tail if tail else "") + "\n", encoding="utf-8")
    return {i: first + i for i in range(len(lines))}


def interleaved(render: Any, fmt: str) -> tuple[list[str], set[str], set[int]]:
    """Good and bad records alternating; returns the lines, the good ids and the bad record indexes."""
    lines, good, bad = [], set(), set()
    for n, shape in enumerate(SHAPES.values()):
        lines.append(render(fmt, _fields(2 * n, None)))
        good.add(f"c{2 * n}")
        bad.add(len(lines))
        lines.append(render(fmt, _fields(2 * n + 1, shape)))
    lines.append(render(fmt, _fields(999, None)))
    good.add("c999")
    return lines, good, bad


def check_run(paths: list[Path], expected_good: set[str], expected_bad: set[tuple[str, int]], tmp_path: Path,
              engine: Any = None, store_url: str | None = None) -> None:
    url = store_url or f"sqlite:///{tmp_path / 'store.sqlite'}"
    errors = tmp_path / "errors.jsonl"
    engine = engine or InlineEngine()
    with open_store(url) as store:
        try:
            stats = run_scoring(InputSet(paths), store, engine, errors_path=errors, batch_size=4)
        finally:
            engine.close()
        stored = {c["id"] for c in store.table_rows("conversations")}
    assert stored == expected_good
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    where = Counter((Path(r["file"]).name, r["line"]) for r in records)
    assert set(where) == expected_bad and all(n == 1 for n in where.values()), where
    assert all(r["reason"] and r["run"] == stats.run_id for r in records)
    assert (stats.scored, stats.errors) == (len(expected_good), len(expected_bad))


@pytest.mark.parametrize("fmt", ["conversations", "zendesk", "zendesk_array", "intercom", "flat_jsonl"])
def test_every_bad_shape_is_reported_and_the_good_records_are_stored(fmt: str, tmp_path: Path, render: Any) -> None:
    template = {"zendesk_array": "zendesk", "flat_jsonl": "jsonl"}.get(fmt, fmt)
    if fmt == "intercom":
        render = _html_reply(render)
    lines, good, bad = interleaved(render, template)
    path = tmp_path / f"{fmt}.json"
    if fmt == "zendesk_array":
        # The streaming scanner of one big JSON document, not the JSON Lines path.
        line_of = write_lines(path, lines, head='{"tickets": [', tail="]}")
    else:
        line_of = write_lines(path, lines)
    check_run([path], good, {(path.name, line_of[i]) for i in bad}, tmp_path)


def test_csv_bad_rows_are_reported_and_the_good_rows_are_stored(tmp_path: Path) -> None:
    bad_ts = ["99999999999999999999", "-1e300", "0001-01-01T00:00:00+14:00", "123456789012345678901234567890",
              "9999-12-31T23:59:59-14:00", "nan"]
    rows = [b"id,agent_id,customer,reply,ts"]
    bad_lines = set()

    def row(cid: bytes, text: bytes = b"I am upset, my parcel is lost.", ts: bytes = b"2024-03-01T09:30:00Z",
            agent: bytes = b"ana") -> bytes:
        return b",".join([cid, agent, b'"' + text + b'"', b'"' + REPLY.encode() + b'"', ts])

    for n, ts in enumerate(bad_ts):
        rows.append(row(f"g{n}".encode()))
        rows.append(row(f"b{n}".encode(), ts=ts.encode()))
        bad_lines.add(len(rows))
    for bad in (row(b"b-sur", text=b"angry \xed\xa0\x80"), row(b"b\x00nul"), row(b"b-agent", agent=b"x\x00y"),
                row(b"b-huge", text=b"so upset " * 300_000)):
        rows.append(row(f"g-{len(rows)}".encode()))
        rows.append(bad)
        bad_lines.add(len(rows))
    path = tmp_path / "rows.csv"
    path.write_bytes(b"\n".join(rows) + b"\n")
    good = {r.split(b",")[0].decode() for r in rows[1:] if r.startswith(b"g")}
    check_run([path], good, {(path.name, n) for n in bad_lines}, tmp_path)


def test_the_issue_repro_stores_the_good_record_and_reports_the_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"id":"g","turns":[{"role":"customer","text":"I am upset"},{"role":"agent","text":"Sorry"}]}\n'
        '{"id":"b","turns":[{"role":"customer","text":"hi","ts":99999999999999999999},{"role":"agent","text":"ok"}]}\n')
    check_run([path], {"g"}, {("x.jsonl", 2)}, tmp_path)


def test_local_process_pool_isolates_bad_records(tmp_path: Path, render: Any) -> None:
    lines, good, bad = interleaved(render, "conversations")
    path = tmp_path / "in.jsonl"
    line_of = write_lines(path, lines)
    check_run([path], good, {(path.name, line_of[i]) for i in bad}, tmp_path, engine=LocalEngine(2))


@pytest.mark.slow
def test_dask_engine_isolates_bad_records(tmp_path: Path, render: Any) -> None:
    lines, good, bad = interleaved(render, "conversations")
    path = tmp_path / "in.jsonl"
    line_of = write_lines(path, lines)
    check_run([path], good, {(path.name, line_of[i]) for i in bad}, tmp_path, engine=make_engine("dask", workers=2))


def test_resume_after_bad_records_scores_nothing_twice(tmp_path: Path, render: Any) -> None:
    lines, good, bad = interleaved(render, "conversations")
    path = tmp_path / "in.jsonl"
    write_lines(path, lines)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    errors = tmp_path / "errors.jsonl"
    with open_store(url) as store:
        first = run_scoring(InputSet([path]), store, InlineEngine(), errors_path=errors)
        second = run_scoring(InputSet([path]), store, InlineEngine(), errors_path=errors)
    assert (first.scored, second.scored, second.skipped) == (len(good), 0, len(good))
    runs = Counter(json.loads(line)["run"] for line in errors.read_text().splitlines())
    # The errors file is appended to: both runs' records are there, told apart by run id.
    assert runs == {first.run_id: len(bad), second.run_id: len(bad)}


def test_a_conversation_the_store_refuses_is_reported_and_its_batch_is_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, render: Any) -> None:
    """Storing is isolated too: when the database refuses one conversation, the rest of its batch is stored."""
    from empathic.store.results import ResultStore

    path = tmp_path / "in.jsonl"
    write_lines(path, [render("conversations", _fields(i, None)) for i in range(5)])
    real = ResultStore.write_scored

    def refuse_c2(self: ResultStore, results: Any) -> int:
        results = list(results)
        if any(r["id"] == "c2" for r in results):
            raise ValueError("value refused by the database")
        return real(self, results)

    monkeypatch.setattr(ResultStore, "write_scored", refuse_c2)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    errors = tmp_path / "errors.jsonl"
    with open_store(url) as store:
        stats = run_scoring(InputSet([path]), store, InlineEngine(), errors_path=errors, batch_size=64)
        stored = {c["id"] for c in store.table_rows("conversations")}
    reported = [json.loads(line) for line in errors.read_text().splitlines()]
    assert "c2" not in stored and stats.scored == len(stored) and len(stored) >= 2
    assert [r["id"] for r in reported if "store refused" in r["reason"]] == ["c2"]


def test_concurrent_runs_sharing_an_errors_file_keep_every_record(tmp_path: Path) -> None:
    import threading

    from empathic.batch.runner import ErrorLog, new_run_id

    path = tmp_path / "errors.jsonl"
    logs = [ErrorLog(path, new_run_id()) for _ in range(3)]
    assert len({log.run_id for log in logs}) == 3

    def write(log: ErrorLog) -> None:
        for i in range(400):
            log.write({"file": "in.jsonl", "line": i, "id": None, "reason": "r" * (i % 50) + " é"})

    threads = [threading.Thread(target=write, args=(log,)) for log in logs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for log in logs:
        log.close()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert Counter(r["run"] for r in records) == {log.run_id: 400 for log in logs}
