"""The streaming JSON splitter: arrays, containers, JSON Lines, chunk edges, broken records."""

from __future__ import annotations

import io
import json

import pytest

from empathic.batch.readers import jsonstream
from empathic.batch.readers.jsonstream import iter_json_records
from empathic.errors import RecordError


def records(data: bytes, keys: tuple[str, ...] = ("tickets",)) -> list[tuple[int, object]]:
    return list(iter_json_records(io.BytesIO(data), source="t.json", container_keys=keys))


@pytest.mark.parametrize("chunk", [1, 3, 7, 1 << 20])
def test_container_object_is_split_record_by_record_across_chunk_edges(monkeypatch: pytest.MonkeyPatch,
                                                                       chunk: int) -> None:
    monkeypatch.setattr(jsonstream, "_CHUNK", chunk)
    tricky = 'quote " backslash \\ brackets ]} [{ and a \\u00e9'
    doc = {"count": 2, "tickets": [{"id": 1, "t": tricky}, {"id": 2, "n": [1, {"x": None}]}], "users": [{"id": 9}]}
    got = records(json.dumps(doc, indent=2).encode())
    assert [r for _, r in got] == doc["tickets"]
    assert [line for line, _ in got] == [4, 8]


def test_top_level_array_with_a_broken_element_keeps_the_rest() -> None:
    got = records(b'[{"id": 1},\n {"id": 2, oops},\n {"id": 3}]')
    assert got[0] == (1, {"id": 1})
    assert isinstance(got[1][1], RecordError) and got[1][0] == 2
    assert got[2] == (3, {"id": 3})


def test_json_lines_and_pages_of_records() -> None:
    data = b'{"id": 1}\n\n{"tickets": [{"id": 2}, {"id": 3}], "next_page": null}\nnot json\n'
    got = records(data)
    assert got[:3] == [(1, {"id": 1}), (3, {"id": 2}), (3, {"id": 3})]
    assert isinstance(got[3][1], RecordError) and got[3][0] == 4


def test_a_single_record_file_and_a_truncated_file() -> None:
    assert records(b'{\n  "id": 7,\n  "turns": []\n}\n') == [(1, {"id": 7, "turns": []})]
    got = records(b'{"tickets": [\n{"id": 1},\n{"id": 2, "comments": [')
    assert got[0] == (2, {"id": 1})
    assert isinstance(got[-1][1], RecordError) and "truncated" in str(got[-1][1])


def test_memory_holds_one_record_not_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # The buffer is trimmed at every refill: after 2,000 records it stays near one chunk plus one record.
    monkeypatch.setattr(jsonstream, "_CHUNK", 256)
    body = ",\n".join(json.dumps({"id": i, "text": "x" * 100}) for i in range(2000))
    data = ('{"tickets": [' + body + "]}").encode()
    scanner_sizes = []
    original = jsonstream._Scanner._fill

    def spy(self: jsonstream._Scanner, keep_from: int) -> bool:
        ok = original(self, keep_from)
        scanner_sizes.append(len(self.buf))
        return ok

    monkeypatch.setattr(jsonstream._Scanner, "_fill", spy)
    assert len(records(data)) == 2000
    assert max(scanner_sizes) < 1024


def test_a_whole_export_on_one_line_is_streamed_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "_HEAD_LIMIT", 64)
    monkeypatch.setattr(jsonstream, "_CHUNK", 64)
    data = json.dumps({"tickets": [{"id": i, "pad": "y" * 50} for i in range(300)]}).encode()
    seen = []
    original = jsonstream._Scanner._fill

    def spy(self: jsonstream._Scanner, keep_from: int) -> bool:
        ok = original(self, keep_from)
        seen.append(len(self.buf))
        return ok

    monkeypatch.setattr(jsonstream._Scanner, "_fill", spy)
    got = records(data)
    assert [r["id"] for _, r in got] == list(range(300)) and all(line == 1 for line, _ in got)
    assert max(seen) < 512


@pytest.mark.parametrize(("data", "good"), [
    (b'{"tickets": [}', []), (b'[}, {"id": 1}]', [{"id": 1}]), (b'{"tickets": [:]}', []), (b'{"a": }', []),
])
def test_a_stray_bracket_where_a_value_should_be_ends_in_errors_not_a_hang(data: bytes, good: list) -> None:
    # The scanner once returned an empty value for a stray "}" without moving on, and read it again forever.
    out = []
    for _, item in iter_json_records(io.BytesIO(data), source="t.json", container_keys=("tickets",)):
        out.append(item)
        assert len(out) < 20, f"the scanner does not move on: {out[:5]}"
    assert [r for r in out if not isinstance(r, RecordError)] == good
    assert any(isinstance(r, RecordError) for r in out)
