"""Data set readers on small hand-written files, malformed rows included, and on the shared dev data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from empathic.errors import DatasetError, RecordError
from empathic.evaluation.readers import (
    epitome_files,
    last_seeker_block,
    read_cs,
    read_epitome,
    read_esconv,
    read_goemotions,
)

CS_ROW = {
    "id": "t-1",
    "customer": "I was charged twice!",
    "reply": "It's maddening to be charged twice. I've refunded it.",
    "customer_emotions": ["anger"],
    "self_critical": False,
    "strategies": ["reflecting_emotion"],
    "pitfalls": [],
    "spans": {"reflecting_emotion": ["It's maddening to be charged twice."]},
}


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


# --- cs ---------------------------------------------------------------------------------------------


def test_cs_reads_fields(tmp_path: Path) -> None:
    (item,) = read_cs(write_jsonl(tmp_path / "cs.jsonl", [CS_ROW]))
    assert item.id == "t-1"
    assert item.line == 1
    assert item.strategies == {"reflecting_emotion"}
    assert item.emotions == {"anger"}
    assert item.spans == {"reflecting_emotion": ("It's maddening to be charged twice.",)}


def test_cs_folder_means_its_default_file(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "cs-dev.jsonl", [CS_ROW])
    assert len(list(read_cs(tmp_path))) == 1


def test_cs_bad_json_names_file_and_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "cs.jsonl", [CS_ROW, "{not json"])
    with pytest.raises(RecordError) as info:
        list(read_cs(path))
    assert info.value.line == 2
    assert str(path) in str(info.value)
    assert "not valid JSON" in str(info.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"strategies": ["empathizing"]}, "unknown label"),
        ({"customer_emotions": "anger"}, "must be a list"),
        ({"self_critical": "no"}, "true or false"),
        ({"reply": None}, "'reply' must be a string"),
        ({"spans": {"reflecting_emotion": ["not in the reply"]}}, "not a substring"),
        ({"spans": {"venting": ["It's"]}}, "unknown strategy"),
        ({"spans": ["x"]}, "must be an object"),
    ],
)
def test_cs_malformed_rows_are_record_errors(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = write_jsonl(tmp_path / "cs.jsonl", ["", {**CS_ROW, **change}])  # blank first line: still line 2
    with pytest.raises(RecordError, match=message) as info:
        list(read_cs(path))
    assert info.value.line == 2


def test_missing_path_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file"):
        list(read_cs(tmp_path / "absent.jsonl"))


def test_folder_without_default_file_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"cs-dev\.jsonl"):
        list(read_cs(tmp_path))


def test_non_utf8_line_is_a_record_error(tmp_path: Path) -> None:
    path = tmp_path / "cs.jsonl"
    path.write_bytes(json.dumps(CS_ROW).encode() + b"\n\xff\xfe broken\n")
    with pytest.raises(RecordError) as info:
        list(read_cs(path))
    assert info.value.line == 2


# --- esconv -----------------------------------------------------------------------------------------


def test_last_seeker_block() -> None:
    assert last_seeker_block([("seeker", "a"), ("supporter", "b"), ("seeker", "c"), ("seeker", "d")]) == "c\nd"
    assert last_seeker_block([("seeker", "a"), ("seeker", "b"), ("supporter", "c"), ("supporter", "d")]) == "a\nb"
    assert last_seeker_block([("supporter", "a")]) == ""
    assert last_seeker_block([]) == ""


def test_esconv_reads_customer_from_context(tmp_path: Path) -> None:
    row = {
        "strategy": "Question",
        "response": "How are you?",
        "context": [{"role": "seeker", "text": "hi"}, {"role": "supporter", "text": "hello"},
                    {"role": "seeker", "text": "I lost my job."}],
    }
    (item,) = read_esconv(write_jsonl(tmp_path / "dev.jsonl", [row]))
    assert item.customer == "I lost my job."
    assert item.reply == "How are you?"
    assert item.strategy == "Question"


@pytest.mark.parametrize(
    "row",
    [
        {"strategy": "Question", "context": []},
        {"strategy": "Question", "response": "ok", "context": "hi"},
        {"strategy": "Question", "response": "ok", "context": [{"role": "customer", "text": "hi"}]},
        {"strategy": "Question", "response": "ok", "context": [{"role": "seeker"}]},
        ["not", "an", "object"],
    ],
)
def test_esconv_malformed_rows(tmp_path: Path, row: object) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(RecordError) as info:
        list(read_esconv(path))
    assert info.value.line == 1
    assert str(path) in str(info.value)


# --- epitome ----------------------------------------------------------------------------------------

HEADER = "sp_id,rp_id,seeker_post,response_post,level,rationales\n"


def write_epitome(folder: Path, dim: str, rows: list[str]) -> Path:
    path = folder / f"{dim}-dev.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_epitome_folder_joins_dimensions(tmp_path: Path) -> None:
    write_epitome(tmp_path, "interpretations", ['s1,r1,"I feel awful","That sounds awful, I was there too.",2,'
                                                "I was there too.|"])
    write_epitome(tmp_path, "emotional-reactions", ['s1,r1,"I feel awful","That sounds awful, I was there too.",1,'
                                                    "That sounds awful"])
    (item,) = read_epitome(tmp_path)
    assert item.levels == {"emotional-reactions": 1, "interpretations": 2}
    assert item.rationales["interpretations"] == ("I was there too.",)
    assert item.seeker == "I feel awful"


def test_epitome_single_file_by_name(tmp_path: Path) -> None:
    path = write_epitome(tmp_path, "explorations", ["s1,r1,post,Why?,2,Why?"])
    assert list(epitome_files(path)) == ["explorations"]
    (item,) = read_epitome(path)
    assert item.levels == {"explorations": 2}


def test_epitome_unknown_file_name(tmp_path: Path) -> None:
    path = tmp_path / "ratings.csv"
    path.write_text(HEADER, encoding="utf-8")
    with pytest.raises(DatasetError, match="dimension"):
        list(read_epitome(path))


def test_epitome_bad_level_names_the_starting_line(tmp_path: Path) -> None:
    # The first record spans two physical lines (a quoted newline), so the bad row starts on line 4.
    path = write_epitome(tmp_path, "interpretations", ['s1,r1,"two\nlines",reply,0,', "s2,r2,post,reply,high,"])
    with pytest.raises(RecordError, match="level must be") as info:
        list(read_epitome(path))
    assert info.value.line == 4


def test_epitome_wrong_column_count(tmp_path: Path) -> None:
    path = write_epitome(tmp_path, "interpretations", ["s1,r1,post"])
    with pytest.raises(RecordError, match="columns") as info:
        list(read_epitome(path))
    assert info.value.line == 2


def test_epitome_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "interpretations-dev.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="seeker_post"):
        list(read_epitome(path))


def test_epitome_files_that_disagree(tmp_path: Path) -> None:
    write_epitome(tmp_path, "interpretations", ["s1,r1,post,reply,0,", "s2,r2,post,reply,0,"])
    write_epitome(tmp_path, "explorations", ["s1,r1,post,reply,0,"])
    with pytest.raises(DatasetError, match="same pairs"):
        list(read_epitome(tmp_path))
    write_epitome(tmp_path, "explorations", ["s1,r1,post,reply,0,", "s9,r9,post,reply,0,"])
    with pytest.raises(RecordError, match="does not match"):
        list(read_epitome(tmp_path))


def test_epitome_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no EPITOME file"):
        list(read_epitome(tmp_path))


# --- goemotions -------------------------------------------------------------------------------------


def write_goemotions(folder: Path, lines: list[str], labels: tuple[str, ...] = ("anger", "joy", "neutral")) -> Path:
    (folder / "labels.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
    path = folder / "dev.tsv"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_goemotions_reads_label_names(tmp_path: Path) -> None:
    path = write_goemotions(tmp_path, ["so mad\t0\tid1", "yay, fine\t1,2\tid2"])
    items = list(read_goemotions(path))
    assert [i.labels for i in items] == [{"anger"}, {"joy", "neutral"}]
    assert [i.id for i in items] == ["id1", "id2"]
    assert items[1].line == 2


@pytest.mark.parametrize(("line", "message"), [("text only", "3 tab-separated"), ("t\t7\tid", "0 to 2"),
                                               ("t\tx\tid", "not a number")])
def test_goemotions_malformed_rows(tmp_path: Path, line: str, message: str) -> None:
    path = write_goemotions(tmp_path, ["fine\t2\tid0", line])
    with pytest.raises(RecordError, match=message) as info:
        list(read_goemotions(path))
    assert info.value.line == 2


def test_goemotions_needs_labels_txt(tmp_path: Path) -> None:
    path = tmp_path / "dev.tsv"
    path.write_text("t\t0\tid\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"labels\.txt"):
        list(read_goemotions(path))


def test_goemotions_binary_file(tmp_path: Path) -> None:
    path = write_goemotions(tmp_path, [])
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(DatasetError, match="binary"):
        list(read_goemotions(path))


# --- the shared dev data reads without a single error -----------------------------------------------


def test_shared_dev_data_reads_cleanly(shared_data: Path) -> None:
    assert len(list(read_cs(shared_data / "cs" / "cs-dev.jsonl"))) == 100
    esconv = list(read_esconv(shared_data / "esconv" / "dev.jsonl"))
    assert len(esconv) == 2985
    assert sum(1 for i in esconv if not i.customer) < 50  # a few replies answer only supporter turns
    epitome = list(read_epitome(shared_data / "epitome"))
    assert len(epitome) == 2146
    assert set(epitome[0].levels) == {"emotional-reactions", "interpretations", "explorations"}
    assert len(list(read_goemotions(shared_data / "goemotions" / "dev.tsv"))) == 5426
