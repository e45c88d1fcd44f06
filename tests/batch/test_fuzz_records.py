"""Fuzzing the readers and the score path: whatever the records hold, the run finishes and accounts for each.

Hypothesis writes export files whose records carry bad timestamps (NaN, infinities, huge numbers,
out-of-range ISO times), lone surrogates, NULs, JSON nested past the parser's limit and huge fields,
mixed with good records, in the generic conversation JSONL and in flat exchange rows. Every run must
end normally, and every input record must be either stored or in the errors file, exactly once.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from empathic.batch.engines import InlineEngine
from empathic.batch.readers import InputSet
from empathic.batch.runner import run_scoring
from empathic.store import open_store

TEXTS = ["I was charged twice and I'm furious.", "My parcel is lost, I'm worried.", "Can you change my address?"]
REPLIES = ["I'm sorry, being charged twice is infuriating. I've refunded it.", "Done.", "That sounds stressful."]

bad_timestamps = st.one_of(
    st.sampled_from(["99999999999999999999", "-1e300", "1e400", "-1e400", "NaN", "Infinity", "-Infinity",
                     '"0001-01-01T00:00:00+14:00"', '"9999-12-31T23:59:59-14:00"', '"' + "9" * 30 + '"',
                     '"2024-13-45T99:99:99Z"', '"²³⁴"', "true", "[]", "{}"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: json.dumps(f)),
    st.text(max_size=30).map(lambda t: json.dumps(t)),
)
good_timestamps = st.sampled_from(['"2024-03-01T09:30:00Z"', "1709285400", "null"])
weird_text = st.one_of(
    st.sampled_from(['"angry \\ud800"', '"\\udfff"', '"a\\u0000b"', '""', "null", "42", "[]"]),
    st.text(max_size=40).map(lambda t: json.dumps(t)),
    st.integers(min_value=20_001, max_value=60_000).map(lambda n: json.dumps("x" * n)),
)
weird_ids = st.sampled_from(['"a\\u0000b"', '"s\\ud800"', '""', "null", "1.5", "true", "{}",
                             json.dumps("i" * 5000), "BIG_INTEGER"])


@st.composite
def record_fields(draw: Any, index: int) -> dict[str, str]:
    fields = {"id": json.dumps(f"r{index}"), "agent": '"ana"', "ts": draw(good_timestamps),
              "text": json.dumps(draw(st.sampled_from(TEXTS))), "reply": json.dumps(draw(st.sampled_from(REPLIES))),
              "extra": ""}
    for fault in draw(st.sets(st.sampled_from(["ts", "text", "reply", "id", "agent", "deep", "huge_meta"]),
                              max_size=2)):
        if fault == "ts":
            fields["ts"] = draw(bad_timestamps)
        elif fault in ("text", "reply"):
            fields[fault] = draw(weird_text)
        elif fault == "id":
            # A 30-digit integer is a valid id; it is made unique (one conversation per id, like real exports).
            fields["id"] = draw(weird_ids).replace("BIG_INTEGER", str(10**29 + index))
        elif fault == "agent":
            fields["agent"] = draw(st.sampled_from(['"x\\u0000y"', '"\\udc80"', "[1]", json.dumps("a" * 9000)]))
        elif fault == "deep":
            depth = draw(st.integers(min_value=900, max_value=3000))
            fields["extra"] = ', "x": ' + "[" * depth + "]" * depth
        else:
            fields["extra"] = ', "meta": {"note": ' + json.dumps("m" * draw(st.integers(1, 200_000))) + "}"
    return fields


@st.composite
def export_files(draw: Any) -> tuple[str, list[dict[str, str]]]:
    fmt = draw(st.sampled_from(["conversations", "jsonl"]))
    n = draw(st.integers(min_value=1, max_value=6))
    return fmt, [draw(record_fields(i)) for i in range(n)]


@settings(max_examples=30, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])  # render is pure
@given(export=export_files())
def test_every_record_is_stored_or_reported_exactly_once(export: tuple[str, list[dict[str, str]]],
                                                         render: Any) -> None:
    fmt, records = export
    lines = [render(fmt, fields) for fields in records]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        errors = Path(tmp) / "errors.jsonl"
        with open_store(f"sqlite:///{Path(tmp) / 's.db'}") as store:
            stats = run_scoring(InputSet([path], fmt=fmt), store, InlineEngine(), errors_path=errors, batch_size=2)
            stored = {row["id"]: row for row in store.table_rows("conversation_metrics", exclude=("scored_at",))
                      for row in [{"id": row["conversation_id"], "line": row["input_line"]}]}
        reported = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    stored_lines = Counter(row["line"] for row in stored.values())
    reported_lines = Counter(r["line"] for r in reported)
    assert all(n == 1 for n in stored_lines.values()) and all(n == 1 for n in reported_lines.values())
    assert set(stored_lines) | set(reported_lines) == set(range(1, len(lines) + 1))
    assert not set(stored_lines) & set(reported_lines)
    assert (stats.scored, stats.errors) == (len(stored), len(reported))
    assert all("\x00" not in cid and len(cid) <= 512 for cid in stored)
