"""`empathic train --corrections`: a team's reviews become training rows, the refit is reproducible, writes only
the local folder, and a systematically corrected error is fixed on held-back conversations."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from empathic.calibration.reviews import Review, add_review, reviewed_turns
from empathic.errors import ConfigError, DatasetError
from empathic.models import heads
from empathic.models.corrections import corrected_turns, held_back, refit, training_rows
from empathic.models.linear import weights_path
from empathic.models.training import train
from empathic.pipeline import Coach
from empathic.store import ResultStore, open_store

#: Stock procedural replies, written for this test in several wordings: no strategy in any of them.
# Explanations of how long a fix takes, each with a word the resolver reads as a possible normalizing cue
# ("usually", "normally"), so only a team's corrections, not the resolver's conventions, can stop the claim.
STOCK = (
    "A billing mix-up like this usually takes a few days to sort out.",
    "A delivery problem like this usually takes a few days to sort out.",
    "An account lock like this normally takes a couple of days to sort out.",
    "A refund query like this typically takes a few working days to sort out.",
    "A router fault like this normally takes a few days to sort out.",
    "A login problem like this usually takes a day or two to sort out.",
)
CUSTOMERS = (
    "My order still hasn't arrived and I'm really annoyed.",
    "I've been charged twice this month, what is going on?",
    "The app logged me out again and now I can't get back in.",
    "Still no refund after two weeks, this is ridiculous.",
    "My internet keeps dropping every evening.",
)
#: Conversation ids: which ones train and which are held back follows from the id's hash.
IDS = tuple(f"conv-{i:02d}" for i in range(40))

pytestmark = pytest.mark.usefixtures("shipped_heads_after")


def _store(path: Path, replies: dict[str, str]) -> str:
    """A SQLite store with one analysed turn per conversation (the configured heads analyse it)."""
    url = f"sqlite:///{path}"
    coach = Coach()
    with open_store(url) as store:
        for n, (cid, reply) in enumerate(sorted(replies.items())):
            analysis = coach.analyze(CUSTOMERS[n % len(CUSTOMERS)], reply)
            store.save_conversation(cid, agent_id="agent-a", source="test")
            store.save_turns(cid, [(1, analysis, "2026-03-02T10:00:00Z")], agent_id="agent-a")
    return url


def _reject_every_finding(store: ResultStore, reviewer: str = "qa") -> int:
    """The scripted reviewer: every finding is wrong (the replies are procedure); a turn confirm for the rest."""
    n = 0
    for rec in store.iter_turns():
        for f in rec.analysis["findings"]:
            add_review(store, Review(reviewer=reviewer, conversation_id=rec.conversation_id, turn_index=rec.turn_index,
                                     item="finding", label=f["strategy"], span=(f["start"], f["end"]),
                                     verdict="reject"))
            n += 1
        add_review(store, Review(reviewer=reviewer, conversation_id=rec.conversation_id, turn_index=rec.turn_index,
                                 item="turn", label="strategies", verdict="confirm"))
    return n


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reviews_become_sentence_labels(tmp_path: Path) -> None:
    reply = "I had the exact same problem with my router when I moved house. Please restart it and try again."
    url = _store(tmp_path / "s.sqlite", {"c1": reply})
    with open_store(url) as store:
        rec = next(store.iter_turns())
        first = reply.index("Please")
        # the reviewer says the first sentence relates experience, whatever the tool said about it
        for f in rec.analysis["findings"]:
            verdict = "confirm" if f["strategy"] == "relating_experience" and f["start"] < first else "reject"
            add_review(store, Review(reviewer="ana", conversation_id="c1", turn_index=1, item="finding",
                                     label=f["strategy"], span=(f["start"], f["end"]), verdict=verdict))
        if not any(f["strategy"] == "relating_experience" for f in rec.analysis["findings"]):
            add_review(store, Review(reviewer="ana", conversation_id="c1", turn_index=1, item="missed_span",
                                     label="relating_experience", span=(0, first - 1), verdict="add"))
        # "what I did not mark is right": the strategies the tool did not claim are settled as absent
        add_review(store, Review(reviewer="ana", conversation_id="c1", turn_index=1, item="turn",
                                 label="strategies", verdict="confirm"))
        turns = corrected_turns(reviewed_turns(store))
    assert len(turns) == 1
    t = turns[0]
    assert t.gold == {"relating_experience": True, "reflecting_emotion": False, "normalizing": False}
    assert [labels for _, _, labels in t.sentences] == [("relating_experience",), ()]
    rows = training_rows(turns)
    assert [r.text for r in rows] == [reply[:first].strip(), reply[first:]]
    assert {r.register for r in rows} == {"corrections"} and {r.group for r in rows} == {"corr:c1"}


def test_two_reviewers_who_disagree_leave_the_sentence_out(tmp_path: Path) -> None:
    url = _store(tmp_path / "s.sqlite", {"c1": "I'd be livid too if my flight vanished from the app. It's rebooked."})
    with open_store(url) as store:
        rec = next(store.iter_turns())
        assert rec.analysis["findings"], "the example needs a finding to disagree about"
        f = rec.analysis["findings"][0]
        for name, verdict in (("ana", "confirm"), ("ben", "reject")):
            add_review(store, Review(reviewer=name, conversation_id="c1", turn_index=1, item="finding",
                                     label=f["strategy"], span=(f["start"], f["end"]), verdict=verdict))
        turns = corrected_turns(reviewed_turns(store))
    assert turns[0].gold[f["strategy"]] is None
    assert all(not (a < f["end"] and f["start"] < b) for a, b, _ in turns[0].sentences)


def test_held_back_is_a_fifth_by_conversation_id_whatever_the_seed() -> None:
    held = [c for c in IDS if held_back(c)]
    assert held == [c for c in IDS if held_back(c)]  # a pure function of the id
    assert 0.1 <= len(held) / len(IDS) <= 0.35


def test_no_reviews_is_a_dataset_error(tmp_path: Path, tiny_data: tuple[Path, Path]) -> None:
    url = _store(tmp_path / "s.sqlite", {"c1": "Thanks for waiting."})
    with pytest.raises(DatasetError, match="no reviewed findings"):
        refit(url, out_dir=tmp_path / "out", data_dir=tiny_data[0])


def test_the_shipped_weights_are_never_the_output(tmp_path: Path, tiny_data: tuple[Path, Path]) -> None:
    url = _store(tmp_path / "s.sqlite", {"c1": "Thanks for waiting."})
    with pytest.raises(ConfigError, match="never overwrites"):
        refit(url, out_dir=weights_path("strategy_head.npz").parent, data_dir=tiny_data[0])


def test_a_systematically_rejected_phrasing_stops_being_claimed_on_held_back_conversations(
    tmp_path: Path, tiny_data: tuple[Path, Path]
) -> None:
    data = tiny_data[0]
    base = tmp_path / "base"
    train(data_dir=data, goemotions=None, out_dir=base, seed=0)
    replies = {cid: STOCK[i % len(STOCK)] for i, cid in enumerate(IDS)}
    heads.configure(str(base))  # the team's analyses come from the heads in use
    url = _store(tmp_path / "team.sqlite", replies)
    with open_store(url) as store:
        claimed = [r for r in store.iter_turns() if r.analysis["strategies"]]
        assert len(claimed) >= len(IDS) // 2, "the before head must make the error this test corrects"
        assert _reject_every_finding(store) > 0
    shipped = _digest(weights_path("strategy_head.npz"))
    out = tmp_path / "local"
    report = refit(url, out_dir=out, data_dir=data, seed=0)
    before, after = report["before"], report["after"]
    held = [c for c in IDS if held_back(c)]
    assert report["corrections"]["held_back_conversations"] == len(held)
    assert report["corrections"]["train_conversations"] == len(IDS) - len(held)
    # every held-back reply uses no strategy: the before head claimed one in most, the refitted head in none
    assert before["replies_without_strategy"] == after["replies_without_strategy"] == len(held)
    assert before["false_alarms_per_100"] >= 50
    assert after["false_alarms_per_100"] == 0
    assert after["heads"]["head:strategy"] == f"local:{heads.digest(out / 'strategy_head.npz')}"
    assert before["heads"]["head:strategy"].startswith("local:")  # the head in use before: base
    assert json.loads((out / "heads.json").read_text())["after"]["false_alarms_per_100"] == 0
    assert _digest(weights_path("strategy_head.npz")) == shipped  # the shipped weights never change

    # same seed, same data: byte-identical weights (and the same report)
    again = tmp_path / "again"
    refit(url, out_dir=again, data_dir=data, seed=0)
    assert (again / "strategy_head.npz").read_bytes() == (out / "strategy_head.npz").read_bytes()
    assert (again / "heads.json").read_text() == (out / "heads.json").read_text()


def test_train_corrections_cli_writes_the_data_folder_and_reports(tmp_path: Path, tiny_data: tuple[Path, Path]) -> None:
    replies = {cid: STOCK[i % len(STOCK)] for i, cid in enumerate(IDS[:12])}
    url = _store(tmp_path / "team.sqlite", replies)
    with open_store(url) as store:
        _reject_every_finding(store)
        add_review(store, Review(reviewer="qa", conversation_id="conv-00", turn_index=1, item="missed_span",
                                 label="reflecting_emotion", span=(0, 20), verdict="add"))
    env = {**os.environ, "EMPATHIC_HOME": str(tmp_path / "home")}
    env.pop(heads.HEADS_ENV, None)
    r = subprocess.run([sys.executable, "-m", "empathic", "train", "--corrections", url, "--data", str(tiny_data[0]),
                        "--no-dev", "--no-twcs", "--json"], capture_output=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr.decode()
    report = json.loads(r.stdout)
    folder = tmp_path / "home" / "heads"
    assert sorted(p.name for p in folder.iterdir()) == ["emotion_local.json", "heads.json", "strategy_head.npz"]
    assert report["files"]["strategy_head.npz"] == heads.digest(folder / "strategy_head.npz")
    err = r.stderr.decode()
    assert "held back" in err and "false alarms per 100" in err and "EMPATHIC_HEADS=local" in err
    r = subprocess.run([sys.executable, "-m", "empathic", "train", "--corrections", str(tmp_path / "none.sqlite"),
                        "--data", str(tiny_data[0]), "--no-dev", "--no-twcs"], capture_output=True, env=env,
                       timeout=600)
    assert r.returncode in (2, 3, 4) and b"Traceback" not in r.stderr, r.stderr.decode()
