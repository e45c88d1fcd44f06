"""The coaching panel's message selection (panel/build_sheet.py): earlier rounds stay reproducible, and a new
round never rates a message an earlier round rated (only unseen messages show whether a change generalises)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

PANEL = Path(__file__).resolve().parents[2] / "panel"


@pytest.fixture(scope="module")
def build_sheet():
    spec = importlib.util.spec_from_file_location("build_sheet", PANEL / "build_sheet.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(folder: str) -> list[dict]:
    return [json.loads(line) for line in (PANEL / folder / "messages.jsonl").open(encoding="utf-8")]


@pytest.mark.parametrize("folder", ["round1", "round2", "round3"])
def test_rated_rounds_reproduce_their_messages(build_sheet, folder: str) -> None:
    assert build_sheet.select_messages(folder) == _messages(folder)


def test_a_new_round_takes_only_unseen_messages(build_sheet) -> None:
    fresh = build_sheet.select_messages("round99")
    seen = build_sheet.rated_before("round99")
    tweets, written = build_sheet.candidate_pools("round99")
    # a round takes 120 while the unseen pool lasts, and every unseen message once fewer are left
    assert len(fresh) == min(build_sheet.PANEL_SIZE, len(tweets) + len(written))
    assert fresh
    assert len({m["source_id"] for m in fresh}) == len(fresh)
    assert not seen & {m["source_id"] for m in fresh}
    # cs-dev (100 written messages) runs out after a few rounds; the rest are unseen tweets
    assert {m["source"] for m in fresh} <= {"twcs-dev", "cs-dev"}
    assert sum(m["source"] == "cs-dev" for m in fresh) <= build_sheet.MAX_WRITTEN
    # the selection is fixed for a round: building it twice gives the same messages
    assert build_sheet.select_messages("round99") == fresh
