"""Evidence: the data type, its JSON form and schema, and the registry of rules written in Python."""

from __future__ import annotations

import json

import jsonschema
import pytest

from empathic import Analysis
from empathic import evidence as ev
from empathic.resources import resource_json
from empathic.types import Evidence, merge_evidence


def test_evidence_round_trips_through_json() -> None:
    e = Evidence("rule", "reflecting.attribution.3", 0.85123, (4, 20), "support")
    assert e.to_dict() == {
        "kind": "rule", "id": "reflecting.attribution.3", "score": 0.8512, "span": {"start": 4, "end": 20},
        "effect": "support",
    }
    back = Evidence.from_dict(json.loads(json.dumps(e.to_dict())))
    assert (back.kind, back.id, back.span, back.effect) == ("rule", "reflecting.attribution.3", (4, 20), "support")
    bare = Evidence("head", "head:strategy")
    assert Evidence.from_dict(bare.to_dict()) == bare


def test_merge_keeps_order_and_drops_repeats() -> None:
    a, b, c = Evidence("rule", "a"), Evidence("rule", "b"), Evidence("head", "c")
    assert merge_evidence((a, b), [b, c], (a,)) == (a, b, c)


def test_an_analysis_with_evidence_round_trips_and_matches_the_schema(coach) -> None:
    a = coach.analyze(
        "I was charged twice and I'm furious!",
        "It's infuriating to be charged twice. Calm down, it happens to everyone. I've refunded it.",
    )
    data = json.loads(json.dumps(a.to_dict()))
    assert data["schema_version"] == "1.2"
    jsonschema.validate(data, resource_json("schema", "analysis.schema.json"))
    assert Analysis.from_dict(data).to_dict() | {"components": []} == data | {"components": []}
    assert any(f["evidence"] for f in data["findings"])
    assert all(p["evidence"] for p in data["pitfalls"])


def test_a_schema_1_0_object_without_evidence_is_still_read(coach) -> None:
    a = coach.analyze("My parcel is late again.", "Calm down, parcels are late all the time.")
    data = a.to_dict()

    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k != "evidence"}
        return [strip(v) for v in o] if isinstance(o, list) else o

    old = strip(data) | {"schema_version": "1.0"}
    back = Analysis.from_dict(old)
    assert [p.kind for p in back.pitfalls] == [p.kind for p in a.pitfalls]
    assert all(p.evidence == () for p in back.pitfalls)


def test_python_rules_are_registered_once_and_unknown_ids_are_refused() -> None:
    known = ev.registered()
    assert ev.HAPPY_REFLECTION in known and known[ev.HAPPY_REFLECTION].kind == "predicate"
    assert all(rid.split(":")[0].endswith(".py") for rid in known)
    assert ev.register(ev.WEAK_REFLECTION, known[ev.WEAK_REFLECTION].what) == ev.WEAK_REFLECTION
    with pytest.raises(ValueError, match="registered twice"):
        ev.register(ev.WEAK_REFLECTION, "something else")
    with pytest.raises(KeyError):
        ev.rule("reflecting.py:no_such_rule")


def test_row_ids_are_the_pattern_or_a_prefix_and_hash() -> None:
    assert ev.row_id("emotion_cues", "furious|furiously|fury") == "emotion_cues:furious|furiously|fury"
    long = "re:\\b(?:charged|billed) (?:twice|two times|double)\\b and more"
    rid = ev.row_id("emotion_cues", long)
    assert rid.startswith("emotion_cues:re:\\b(?:charged|bill") and len(rid) < 60
    assert rid != ev.row_id("emotion_cues", long + " ")
