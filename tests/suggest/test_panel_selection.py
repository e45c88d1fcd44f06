"""The coaching panel's message selection (panel/build_sheet.py): earlier rounds stay reproducible, a new round never
rates a message an earlier round rated (only unseen messages show whether a change generalises), and once the dev
pools run dry a round takes project-written messages from a file (``--written``)."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

PANEL = Path(__file__).resolve().parents[2] / "panel"
WRITTEN_R7 = PANEL / "messages" / "written-r7.jsonl"
ROUNDS = sorted(p.parent.name for p in PANEL.glob("round*/messages.jsonl"))


@pytest.fixture(scope="module")
def build_sheet():
    spec = importlib.util.spec_from_file_location("build_sheet", PANEL / "build_sheet.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(folder: str) -> list[dict]:
    return [json.loads(line) for line in (PANEL / folder / "messages.jsonl").open(encoding="utf-8")]


def _write_rows(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_every_rated_round_is_still_on_disk() -> None:
    # rounds 1-6 were built from the dev pools alone; the reproduction test below covers every round folder
    assert {f"round{n}" for n in range(1, 7)} <= set(ROUNDS)


@pytest.mark.parametrize("folder", ROUNDS)
def test_rated_rounds_reproduce_their_messages(build_sheet, folder: str) -> None:
    recorded = _messages(folder)
    # a round that took written messages names their file in each such row
    files = sorted({m["source_file"] for m in recorded if m["source"] == "written"})
    assert build_sheet.select_messages(folder, [PANEL / f for f in files]) == recorded


def test_a_new_round_takes_only_unseen_messages(build_sheet) -> None:
    fresh = build_sheet.select_messages("round99")
    seen = build_sheet.rated_before("round99")
    tweets, written = build_sheet.candidate_pools("round99")
    # a round takes 120 while the unseen pool lasts, and every unseen message once fewer are left
    assert len(fresh) == min(build_sheet.PANEL_SIZE, len(tweets) + len(written))
    assert len({m["source_id"] for m in fresh}) == len(fresh)
    assert not seen & {m["source_id"] for m in fresh}
    # cs-dev (100 written messages) runs out after a few rounds; the rest are unseen tweets
    assert {m["source"] for m in fresh} <= {"twcs-dev", "cs-dev"}
    assert sum(m["source"] == "cs-dev" for m in fresh) <= build_sheet.MAX_WRITTEN
    # the selection is fixed for a round: building it twice gives the same messages
    assert build_sheet.select_messages("round99") == fresh


def _fresh_written(n: int) -> list[dict]:
    """``n`` rows in the written format with ids no round has rated (the texts of written-r7, reused)."""
    base = [json.loads(line) for line in WRITTEN_R7.open(encoding="utf-8")]
    return [{**base[i % len(base)], "id": f"test-{i:03d}"} for i in range(n)]


def test_a_written_file_fills_the_round_to_120(build_sheet, tmp_path: Path) -> None:
    path = _write_rows(tmp_path / "written.jsonl", _fresh_written(130))
    fresh = build_sheet.select_messages("round99", path)
    tweets, _ = build_sheet.candidate_pools("round99")
    assert len(fresh) == build_sheet.PANEL_SIZE
    mine = [m for m in fresh if m["source"] == "written"]
    n_cs = sum(m["source"] == "cs-dev" for m in fresh)
    n_tweets = sum(m["source"] == "twcs-dev" for m in fresh)
    # the project's own messages take their share (cs-dev first), the unseen tweets the rest while they last
    assert n_cs + len(mine) >= build_sheet.MAX_WRITTEN
    assert n_tweets == min(len(tweets), build_sheet.PANEL_SIZE - build_sheet.MAX_WRITTEN)
    assert {m["source_file"] for m in mine} == {str(path.resolve())}
    assert all(m["source_id"].startswith("test-") and m["channel"] and m["register"] for m in mine)
    # spread over the registers: a register with rows left over has at most one message fewer than any other
    pool = Counter(r["register"] for r in _fresh_written(130))
    per_register = Counter(m["register"] for m in mine)
    assert set(per_register) == set(pool)
    assert all(per_register[r] >= max(per_register.values()) - 1 for r in pool if per_register[r] < pool[r])
    assert [m["id"] for m in fresh] == [f"p{i:03d}" for i in range(1, len(fresh) + 1)]
    assert build_sheet.select_messages("round99", path) == fresh


def test_without_a_file_the_written_rows_are_left_out(build_sheet) -> None:
    assert all(m["source"] != "written" for m in build_sheet.select_messages("round99"))


def test_a_later_round_skips_written_messages_an_earlier_round_rated(build_sheet, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _fresh_written(20)
    path = _write_rows(tmp_path / "written.jsonl", rows)
    panel = tmp_path / "panel"
    (panel / "round98").mkdir(parents=True)
    # the earlier round rated every dev message and 15 of the written ones: only the 5 others are left
    dev = [r["id"] for name in ("twcs-dev.jsonl", "cs-dev.jsonl")
           for r in build_sheet._jsonl(build_sheet.GOLDEN / name)]
    rated = [{"source": "dev", "source_id": i} for i in dev] + [{"source": "written", "source_id": r["id"]}
                                                                for r in rows[:15]]
    _write_rows(panel / "round98" / "messages.jsonl", rated)
    monkeypatch.setattr(build_sheet, "HERE", panel)
    fresh = build_sheet.select_messages("round99", path)
    assert {m["source"] for m in fresh} == {"written"}
    assert {m["source_id"] for m in fresh} == {r["id"] for r in rows[15:]}


@pytest.mark.parametrize(("line", "complaint"), [
    ("not json", "not valid JSON"),
    ('["a list"]', "expected a JSON object"),
    ('{"id": "x1", "industry": "telecom", "channel": "tweet", "register": "safety", "customer": "hi"}', "draft"),
    ('{"id": "x1", "industry": "telecom", "channel": "fax", "register": "safety", "customer": "a", "draft": "b"}',
     "channel 'fax'"),
    ('{"id": "cs-d-0001", "industry": "telecom", "channel": "chat", "register": "safety", "customer": "a", '
     '"draft": "b"}', "by a dev message"),
])
def test_a_bad_written_file_is_named_with_its_line(build_sheet, tmp_path: Path, line: str, complaint: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok1", "industry": "banking", "channel": "email", "register": "health", '
                    '"customer": "a", "draft": "b"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(build_sheet.WrittenFileError, match=rf"bad.jsonl:2: .*{re.escape(complaint)}"):
        build_sheet.load_written(path)
    # the command line says the same in one line and writes nothing
    with pytest.raises(SystemExit, match=rf"^error: .*bad.jsonl:2: .*{re.escape(complaint)}"):
        build_sheet.main(["round99", "--written", str(path)])
    assert not (PANEL / "round99").exists()


def test_a_duplicate_id_in_a_written_file_is_refused(build_sheet, tmp_path: Path) -> None:
    path = _write_rows(tmp_path / "dup.jsonl", _fresh_written(3) + _fresh_written(1))
    with pytest.raises(build_sheet.WrittenFileError, match=r"dup.jsonl:4: id 'test-000' .*in this file"):
        build_sheet.load_written(path)


WRITTEN = sorted((PANEL / "messages").glob("written-*.jsonl"))


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.name)
def test_the_written_messages_cover_industries_channels_and_registers(build_sheet, path: Path) -> None:
    rows = build_sheet.load_written(path)
    assert len(rows) >= 90
    assert len(Counter(r["industry"] for r in rows)) >= 12
    channels = Counter(r["channel"] for r in rows)
    assert set(channels) == build_sheet.CHANNELS
    assert 0.25 <= channels["tweet"] / len(rows) <= 0.45
    registers = Counter(r["register"] for r in rows)
    assert len(registers) >= 11 and min(registers.values()) >= 4
    # tweets are written as customers tweet: the brand's handle, and the draft answers the customer's handle
    assert all("@" in r["customer"] and r["draft"].startswith("@") for r in rows if r["channel"] == "tweet")


def test_the_written_files_share_no_id(build_sheet) -> None:
    ids = [r["id"] for path in WRITTEN for r in build_sheet.load_written(path)]
    assert len(WRITTEN) >= 2 and len(ids) == len(set(ids))


def _runs(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.name)
def test_the_written_messages_copy_no_dev_text(build_sheet, path: Path) -> None:
    dev: set[str] = set()
    for name in ("twcs-dev.jsonl", "cs-dev.jsonl"):
        for r in build_sheet._jsonl(build_sheet.GOLDEN / name):
            dev |= _runs(r["customer"]) | _runs(r["reply"])
    # and no message retells another written file's message
    for other in WRITTEN:
        if other != path:
            for r in build_sheet.load_written(other):
                dev |= _runs(r["customer"]) | _runs(r["draft"])
    for r in build_sheet.load_written(path):
        assert not (_runs(r["customer"]) | _runs(r["draft"])) & dev, r["id"]


def test_several_written_files_make_one_pool(build_sheet, tmp_path: Path) -> None:
    rows = _fresh_written(40)
    first = _write_rows(tmp_path / "first.jsonl", rows[:25])
    second = _write_rows(tmp_path / "second.jsonl", rows[25:])
    fresh = build_sheet.select_messages("round99", [first, second])
    mine = [m for m in fresh if m["source"] == "written"]
    # each row names the file it came from, so the round rebuilds from the same files
    by_file = Counter(m["source_file"] for m in mine)
    assert set(by_file) == {str(first.resolve()), str(second.resolve())}
    assert {m["source_id"] for m in mine} <= {r["id"] for r in rows}
    assert build_sheet.select_messages("round99", [first, second]) == fresh
    # an id in both files is refused, naming both
    clash = _write_rows(tmp_path / "clash.jsonl", rows[:1])
    with pytest.raises(build_sheet.WrittenFileError, match=r"clash.jsonl: id 'test-000' is also in .*first.jsonl"):
        build_sheet.select_messages("round99", [first, clash])
    with pytest.raises(SystemExit, match=r"^error: .*is also in"):
        build_sheet.main(["round99", "--written", str(first), "--written", str(clash)])
    assert not (PANEL / "round99").exists()
