"""cs JSONL import and export of reviews: matching stored turns, per-record isolation, no double counting."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from empathic.calibration import list_reviews
from empathic.calibration.labelled import export_records, import_cs
from empathic.cli.main import main
from empathic.store import ResultStore
from reviewing import EXCHANGES


def record(i: int, **labels: Any) -> dict[str, Any]:
    customer, reply = EXCHANGES[i]
    base = {"id": f"c{i}:1", "customer": customer, "reply": reply, "customer_emotions": [],
            "self_critical": False, "strategies": [], "pitfalls": [], "spans": {}}
    base.update(labels)
    return base


def jsonl(*lines: Any) -> io.BytesIO:
    return io.BytesIO("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode() + b"\n")


GOOD = [
    # the tool's reflection confirmed, its normalizing rejected, its anger rejected, self-criticism confirmed
    record(0, strategies=["reflecting_emotion"], spans={"reflecting_emotion": ["I can see how frustrating that "
                                                                               "must be."]},
           pitfalls=["missing_reason"], customer_emotions=["frustration", "embarrassment"], self_critical=True),
    # found by conversation_id + turn_index; a strategy the tool missed, an emotion it missed
    {**record(1, strategies=["normalizing"], spans={"normalizing": ["Tracking updates can be slow."]},
              customer_emotions=["anger", "anxiety", "disappointment"], pitfalls=["dismissive"]),
     "id": "whatever", "conversation_id": "c1", "turn_index": 1, "comment": "cold"},
    # found by the conversation id alone (one stored turn)
    {**record(2, strategies=["relating_experience"], customer_emotions=["frustration"]), "id": "c2"},
]


def test_import_matches_turns_and_export_gives_the_labels_back(store: ResultStore) -> None:
    report = import_cs(store, jsonl(*GOOD), reviewer="sheet")
    assert report.to_dict() == {"records": 3, "turns": 3, "reviews": report.reviews, "errors": []}
    reviews = list_reviews(store, reviewer="sheet")
    verdicts = {(r.conversation_id, r.item, r.label, r.verdict) for r in reviews}
    assert ("c0", "finding", "normalizing", "reject") in verdicts
    assert ("c0", "finding", "reflecting_emotion", "confirm") in verdicts
    assert ("c0", "emotion", "anger", "reject") in verdicts
    assert ("c0", "self_criticism", "self_critical", "confirm") in verdicts
    assert ("c1", "missed_span", "normalizing", "add") in verdicts
    assert ("c1", "pitfall", "dismissive", "add") in verdicts
    assert ("c1", "comment", None, "add") in verdicts
    assert ("c2", "finding", "relating_experience", "confirm") in verdicts
    assert sum(r.item == "turn" for r in reviews) == 3
    missed = next(r for r in reviews if r.item == "missed_span")
    assert EXCHANGES[1][1][missed.span[0]:missed.span[1]] == "Tracking updates can be slow."  # type: ignore[index]

    exported = {r["conversation_id"]: r for r in export_records(store)}
    for given in GOOD:
        cid = given.get("conversation_id") or given["id"].split(":")[0]
        out = exported[cid]
        for key in ("strategies", "pitfalls", "customer_emotions", "self_critical", "customer", "reply"):
            want = given[key]
            assert (sorted(out[key]) if isinstance(want, list) else out[key]) == (
                sorted(want) if isinstance(want, list) else want), (cid, key)
        assert out["uncertain"] == [] and out["reviewer"] == "sheet" and out["id"] == f"{cid}:1"
    assert exported["c1"]["comment"] == "cold"
    assert exported["c1"]["spans"] == {"normalizing": ["Tracking updates can be slow."]}


def test_re_import_replaces_and_never_double_counts(store: ResultStore) -> None:
    import_cs(store, jsonl(*GOOD), reviewer="sheet")
    first = sorted((r.conversation_id, r.item_key, r.verdict) for r in list_reviews(store))
    import_cs(store, jsonl(*GOOD), reviewer="sheet")
    assert sorted((r.conversation_id, r.item_key, r.verdict) for r in list_reviews(store)) == first
    # a corrected sheet: the turn's reviews by that reviewer are replaced, not added to
    import_cs(store, jsonl(record(0)), reviewer="sheet")
    c0 = [r for r in list_reviews(store, conversation_id="c0")]
    assert {r.verdict for r in c0 if r.item == "finding"} == {"reject"}
    # another reviewer's import is theirs
    import_cs(store, jsonl(*GOOD), reviewer="other")
    assert len(list_reviews(store, reviewer="other")) == len(first)


def test_a_bad_record_is_reported_and_the_rest_go_on(store: ResultStore) -> None:
    lines = [
        "{not json",
        record(0, strategies=["empathy"]),
        {**record(0), "reply": "A different reply altogether."},
        {**record(0), "id": "nowhere:4"},
        record(0, spans={"reflecting_emotion": ["not in it"]}),
        {**record(1), "conversation_id": "c1", "turn_index": 9},
        GOOD[2],
    ]
    report = import_cs(store, jsonl(*lines), reviewer="sheet", source="sheet.jsonl")
    assert (report.records, report.turns) == (7, 1)
    messages = [(e.line, e.reason) for e in report.errors]
    assert [line for line, _ in messages] == [1, 2, 3, 4, 5, 6]
    assert "not valid JSON" in messages[0][1]
    assert "unknown label(s) 'empathy'" in messages[1][1]
    assert "the reply differs from every stored turn of conversation 'c0'" in messages[2][1]
    assert "no stored turn matches id 'nowhere:4'" in messages[3][1]
    assert "not a substring of the reply" in messages[4][1]
    assert "no stored turn 9 of conversation 'c1'" in messages[5][1]
    assert {r.conversation_id for r in list_reviews(store)} == {"c2"}
    # messages name ids and fields, never the customer's or agent's words
    assert not any(EXCHANGES[0][1][:20] in reason for _, reason in messages)


def test_cli_import_and_export(store: ResultStore, tmp_path: Path, capsys: Any) -> None:
    url = store.url.target if store.kind == "postgresql" else f"sqlite:///{store.path}"
    good = tmp_path / "labels.jsonl"
    good.write_text("\n".join(json.dumps(r) for r in GOOD) + "\n", encoding="utf-8")
    code = _run(["reviews", "import", str(good), "--reviewer", "sheet", "--store", url, "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["turns"] == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(GOOD[0]) + "\n[1]\n", encoding="utf-8")
    assert _run(["reviews", "import", str(bad), "--reviewer", "sheet", "--store", url]) == 2
    assert "bad.jsonl:2" in capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert _run(["reviews", "export", "--store", url, "-o", str(out), "--reviewer", "sheet"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert _run(["reviews", "import", str(good), "--reviewer", " ", "--store", url]) == 3


def _run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
