"""Data model: spans, conversations, JSON round trip and schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from empathic import Analysis, Conversation, Span, Turn
from empathic.errors import SchemaError
from empathic.resources import resource_json


def test_span_of_keeps_text_and_offsets_in_step() -> None:
    text = "I was charged twice."
    span = Span.of(text, 6, 19)
    assert span.text == "charged twice"
    assert text[span.start : span.end] == span.text
    assert span.overlaps(Span.of(text, 18, 20))
    assert not span.overlaps(Span.of(text, 0, 5))


def test_conversation_pairs_agent_turns_with_preceding_customer_turns() -> None:
    conv = Conversation(
        id="c1",
        turns=(
            Turn("agent", "Hi, how can I help?"),
            Turn("customer", "My parcel is late."),
            Turn("customer", "It was a gift."),
            Turn("agent", "Sorry to hear that."),
            Turn("customer", "Thanks"),
        ),
    )
    exchanges = conv.exchanges()
    assert len(exchanges) == 1
    assert exchanges[0].customer == "My parcel is late.\nIt was a gift."
    assert exchanges[0].reply == "Sorry to hear that."
    assert len(exchanges[0].context) == 3


def test_analysis_round_trips_through_json(coach) -> None:
    a = coach.analyze("I was charged twice and I'm furious!", "It's infuriating to be charged twice. I've refunded it.",
                      id="x1")
    data = json.loads(json.dumps(a.to_dict()))
    b = Analysis.from_dict(data)
    assert b.to_dict() | {"components": []} == data | {"components": []}
    assert b.findings == a.findings
    assert b.pitfalls == a.pitfalls


def test_incompatible_schema_version_is_refused() -> None:
    with pytest.raises(SchemaError, match="schema_version"):
        Analysis.from_dict({"schema_version": "2.0"})


def test_real_analyses_match_the_published_schema(coach) -> None:
    schema = resource_json("schema", "analysis.schema.json")
    for customer, reply in [
        ("My order never came and I'm so upset.", "I'm sorry your order didn't arrive - that's really upsetting."),
        ("How do I reset my password?", None),
        ("I'm such an idiot, I paid the wrong account.", "Calm down. You should have checked the details."),
    ]:
        jsonschema.validate(coach.analyze(customer, reply).to_dict(), schema)
