"""The CLI contract of `empathic analyze` and its bad-input behaviour (run as a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

import empathic
from empathic.render.terminal import causes_line
from empathic.resources import resource_json


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "empathic", *args], input=stdin, capture_output=True, timeout=120)


def test_version_and_help() -> None:
    r = run("--version")
    assert r.returncode == 0 and r.stdout.decode().startswith("empathic ")
    r = run("analyze", "--help")
    assert r.returncode == 0 and b"--json" in r.stdout


def test_terminal_view_shows_spans_score_and_feelings() -> None:
    r = run("analyze", "My bill doubled and I'm furious.", "It's infuriating to see your bill double overnight.")
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "reflecting emotion" in out and "score" in out and "anger" in out


def test_terminal_view_names_each_cause_once() -> None:
    # One reason that explains two feelings is two Cause objects (one per emotion); the view lists it once.
    customer = "The heating broke again and I'm furious and really worried, all because of a part you never fitted."
    a = empathic.analyze(customer, "Thanks for telling us.")
    texts = [c.span.text for c in a.customer.causes]
    assert len(texts) > len(set(texts)), "the example must have one span explaining two feelings"
    assert len({(c.span.start, c.span.end, c.emotion) for c in a.customer.causes}) == len(a.customer.causes)
    line = causes_line(a.customer.causes)
    for text in set(texts):
        assert line.count(f"“{text}”") == 1
    r = run("analyze", customer, "Thanks for telling us.")
    assert r.returncode == 0, r.stderr
    out = " ".join(r.stdout.decode().split())
    assert out.count(f"“{texts[0]}”") == 1


def test_file_mode_contract_in_order_with_bad_lines_reported(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "customer": "I was charged twice and I'm angry.",
                    "reply": "Being charged twice is infuriating, I'd be angry too."}),
        "{not json",
        json.dumps({"id": "c", "reply": "no customer field"}),
        json.dumps({"id": "d", "customer": "How do I change my address?"}),
        json.dumps({"id": "e", "customer": "   "}),
        json.dumps({"id": "f", "customer": ["list"]}),
        json.dumps([1, 2]),
        json.dumps({"id": 7, "customer": "My parcel is lost, I'm worried.", "reply": None}),
    ]
    f = tmp_path / "in.jsonl"
    f.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe{}\n")
    r = run("analyze", "--file", str(f), "--json")
    assert r.returncode == 2
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [row["line"] for row in rows] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    good = [row for row in rows if "error" not in row]
    assert [row["id"] for row in good] == ["a", "d", "7"]
    schema = resource_json("schema", "analysis.schema.json")
    for row in good:
        jsonschema.validate(row, schema)
        for fnd in row["findings"]:
            assert row["exchange"]["reply"][fnd["start"] : fnd["end"]] == fnd["text"]
    assert "reflecting_emotion" in {x["strategy"] for x in good[0]["findings"]}
    errors = {row["line"]: row["error"]["message"] for row in rows if "error" in row}
    assert "not valid JSON" in errors[2]
    assert 'missing field "customer"' in errors[3]
    assert "empty" in errors[5]
    assert "must be a string" in errors[6]
    assert "JSON object" in errors[7]
    assert "UTF-8" in errors[9]
    err = r.stderr.decode()
    assert "in.jsonl:2:" in err and "Traceback" not in err


def test_stdin_jsonl_and_plain_text() -> None:
    r = run("analyze", "--json", stdin=json.dumps({"id": "s", "customer": "I'm lost, help"}).encode() + b"\n")
    assert r.returncode == 0 and json.loads(r.stdout)["id"] == "s"
    r = run("analyze", "-", "--json", stdin=b"My order is late and I am annoyed.")
    assert r.returncode == 0 and json.loads(r.stdout)["customer"]["emotions"]


def test_user_mistakes_give_one_line_and_exit_code_no_traceback(tmp_path: Path) -> None:
    cases = [
        (("analyze", ""), 2, "empty"),
        (("analyze", "x" * 30, "--max-chars", "10"), 2, "limit"),
        (("analyze", "--file", str(tmp_path / "missing.jsonl")), 2, "no such file"),
        (("analyze", "--file", str(tmp_path)), 2, "folder"),
    ]
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\x00\x01\x02binary")
    cases.append((("analyze", "--file", str(binary)), 2, "binary"))
    for args, code, words in cases:
        r = run(*args)
        err = r.stderr.decode()
        assert r.returncode == code, (args, err)
        assert words in err and "Traceback" not in err, (args, err)


def test_demo_prints_coached_samples() -> None:
    r = run("demo")
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "sample-1" in out and "score" in out and "coaching" in out


def test_explain_prints_the_rules_and_heads_behind_each_decision() -> None:
    r = run(
        "analyze", "--explain", "My parcel is late again and I'm furious.",
        "Calm down, parcels are late all the time. Being let down twice is infuriating.",
    )
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "why (rules and heads behind each decision)" in out
    assert "check:dismissive:dismissive" in out and "dismissive:calm_down" in out
    assert "finding reflecting_emotion" in out and "head:strategy" in out
    assert "emotion anger" in out and "emotion_cues:" in out
    plain = run("analyze", "My parcel is late again and I'm furious.", "Calm down, parcels are late all the time.")
    assert "why (rules" not in plain.stdout.decode()


def test_an_error_on_line_100_names_the_line_not_an_emoji(tmp_path: Path) -> None:
    # rich reads ":100:" as an emoji code unless told not to: "file.jsonl:100:" printed as "file.jsonl💯"
    lines = [json.dumps({"id": str(i), "customer": "Hi.", "reply": "Hello."}) for i in range(99)] + ["not json"]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("analyze", "--file", str(path), "--json")
    assert r.returncode == 2
    assert f"{path.name}:100: not valid JSON" in r.stderr.decode()
