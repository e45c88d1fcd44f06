"""Every decision in ``analyze --json`` names the rule or head behind it, and every id names a real rule.

Over the golden copies of cs-dev (the project's written exchanges) and twcs dev (real Twitter
customer care): each finding, pitfall and customer emotion carries at least one supporting rule
or head id, each cause its marker or rule, and :func:`empathic.rule_ids.known` resolves every id
(a registered Python rule, a rule of the rule pack, a checks_*.toml rule, a lexicon row, a head).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from empathic import evidence as ev
from empathic.rule_ids import known

DATA = Path(__file__).resolve().parent / "golden" / "data"


def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _names_rule_or_head(chain: list[dict]) -> bool:
    return any(e["effect"] == "support" and e["kind"] in ("rule", "head") for e in chain)


@pytest.mark.parametrize("name", ["cs-dev.jsonl", "twcs-dev.jsonl"])
def test_every_decision_names_a_rule_or_head_and_every_id_is_real(coach, name: str) -> None:
    missing: list[str] = []
    unknown: set[str] = set()
    decisions = 0
    for rec in _records(name):
        out = coach.analyze(rec["customer"], rec.get("reply")).to_dict()
        groups = [
            ("finding", out["findings"]),
            ("pitfall", out["pitfalls"]),
            ("emotion", out["customer"]["emotions"]),
            ("cause", out["customer"]["causes"]),
        ]
        for what, items in groups:
            for item in items:
                decisions += 1
                chain = item.get("evidence") or []
                if not _names_rule_or_head(chain) and not (what == "cause" and chain):
                    label = item.get("strategy") or item.get("kind") or item.get("label")
                    missing.append(f"{rec['id']} {what} {label}")
                unknown.update(e["id"] for e in chain if not known(e["id"]))
    assert decisions > 500
    assert missing == []
    assert unknown == set()


def test_known_refuses_made_up_ids() -> None:
    assert known("head:strategy")
    assert known("reflecting.validation.1")
    assert known("dismissive:calm_down")
    assert known(ev.WEAK_REFLECTION)
    assert not known("reflecting.validation.999")
    assert not known("dismissive:no_such_rule")
    assert not known("emotion_cues:no such cue at all")
