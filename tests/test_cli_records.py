"""Every line of a ``--file`` run gets an answer, whatever it holds (issue 14, M1 and the CLI items of "Low").

JSON nested 1,500 levels, a lone surrogate in a text or an id, an id that is not JSON-able (``Infinity``):
each gets a valid-JSON error object in its place and the rest of the file is processed. Also: a bad
option value exits 3, UTF-16 input is decoded, and reading a store never creates one.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

import empathic
from empathic.errors import EncodingError, InputError
from empathic.textio import decode_bytes

GOOD = {"customer": "I was charged twice and I'm angry.", "reply": "Being charged twice is infuriating, I'm sorry."}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "empathic", *args], input=stdin, capture_output=True, timeout=300)


def _strict(line: str) -> dict:
    """Parse one output line as strict JSON: NaN and Infinity are not JSON."""
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(line, parse_constant=refuse)


def _bad_lines() -> list[str]:
    return [
        json.dumps({"id": "g1", **GOOD}),
        '{"id": "deep", "customer": ' + "[" * 1500 + "]" * 1500 + "}",
        '{"id": "t", "customer": "I am angry \\ud800 today", "reply": "Sorry"}',
        '{"id": "s\\udc00", "customer": "I am angry", "reply": "Sorry"}',
        '{"id": Infinity, "customer": "I am angry \\ud800", "reply": "Sorry"}',
        '{"id": NaN, "customer": "x", "reply": "y"}',
        json.dumps({"id": "g2", **GOOD}),
    ]


@pytest.mark.parametrize("command", ["analyze", "suggest", "rewrite"])
def test_file_mode_answers_every_line_with_valid_json(command: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(_bad_lines()) + "\n", encoding="utf-8")
    r = run(command, "--file", str(path), "--json")
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    out = [_strict(line) for line in r.stdout.decode("utf-8").splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 6, 7]
    assert [o["id"] for o in out] == ["g1", None, "t", "s?", None, None, "g2"]
    assert [("error" in o) for o in out] == [False, True, True, True, True, True, False]
    assert "nested too deeply" in out[1]["error"]["message"]
    assert "surrogate" in out[2]["error"]["message"] and "surrogate" in out[3]["error"]["message"]


def test_library_refuses_a_lone_surrogate_as_input_error() -> None:
    for args in (("angry \ud800",), ("I am angry", "sorry \udfff")):
        with pytest.raises(InputError, match="surrogate"):
            empathic.analyze(*args)


def test_a_bad_option_value_exits_3() -> None:
    r = run("analyze", "--max-chars", "abc", "hello")
    assert r.returncode == 3, r.stderr
    assert b"--max-chars" in r.stderr and b"Traceback" not in r.stderr
    assert run("analyze", "--no-such-option").returncode == 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(encoding: str, tmp_path: Path) -> None:
    text = json.dumps({"id": "é1", **GOOD}, ensure_ascii=False) + "\n"
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    data = bom + text.encode(encoding)
    assert decode_bytes(data) == text
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    r = run("analyze", "--file", str(path), "--json")
    assert r.returncode == 0, r.stderr
    assert _strict(r.stdout.decode())["id"] == "é1"
    r = run("analyze", "--file", "-", "--json", stdin=data)
    assert r.returncode == 0 and _strict(r.stdout.decode())["id"] == "é1", r.stderr


def test_utf16_without_a_byte_order_mark_is_still_refused_clearly() -> None:
    with pytest.raises(EncodingError, match="binary"):
        decode_bytes("hello".encode("utf-16-le"))


def test_score_reads_a_utf16_export(tmp_path: Path) -> None:
    conv = {"id": "c1", "agent_id": "ana", "turns": [{"role": "customer", "text": "I'm très upset, it's lost."},
                                                     {"role": "agent", "text": "I'm sorry, that is frustrating."}]}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(conv, ensure_ascii=False) + "\n", encoding="utf-16")
    r = run("score", str(path), "--store", f"sqlite:///{tmp_path / 's.db'}", "--no-progress", "--json",
            "--errors", str(tmp_path / "e.jsonl"))
    assert r.returncode == 0, r.stderr
    assert _strict(r.stdout.decode().splitlines()[-1])["scored"] == 1


def test_report_on_a_mistyped_store_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.db"
    r = run("report", "--store", f"sqlite:///{missing}", "-o", str(tmp_path / "r.html"))
    assert r.returncode == 2 and str(missing) in r.stderr.decode() and "Traceback" not in r.stderr.decode()
    assert not missing.exists() and not (tmp_path / "r.html").exists()
