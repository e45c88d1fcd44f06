"""find_emotion_words / emotion_of_word: the feeling-word look-ups other components use on replies."""

from __future__ import annotations

import pytest

from empathic.listen.lexicon import emotion_of_word, emotions_of_word, find_cues, find_emotion_words, is_negated
from empathic.types import EMOTIONS


def labels(text: str) -> list[tuple[str, str]]:
    return [(label, span.text) for label, span in find_emotion_words(text)]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("It's really frustrating to be charged twice when you've paid on time.", ("frustration", "frustrating")),
        ("I can tell you're worried about the letter.", ("anxiety", "worried")),
        ("No wonder you're upset after waiting three weeks.", ("sadness", "upset")),
        ("I'd be fuming too if that happened to me.", ("anger", "fuming")),
        ("What a nightmare this must have been.", ("frustration", "nightmare")),
        ("Moving house is stressful enough without this.", ("anxiety", "stressful")),
        ("Losing signal abroad is scary.", ("fear", "scary")),
        ("You must be absolutely fed up with us.", ("frustration", "fed up")),
    ],
)
def test_feeling_words_in_replies(reply: str, expected: tuple[str, str]) -> None:
    assert expected in labels(reply)


def test_spans_match_offsets() -> None:
    reply = "I\u2019m sorry \u2013 I know how stressful and frustrating it\u2019s been. I'd be livid."
    found = find_emotion_words(reply)
    assert [label for label, _ in found] == ["anxiety", "frustration", "anger"]
    for _label, span in found:
        assert reply[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "reply",
    [
        "Please don't worry, we'll sort it out.",
        "There's no need to be scared, your data is safe.",
        "Nothing to worry about here.",
        "I'm not worried about the refund, it's on its way.",
        "No problem at all, happy to help.",
        "Thanks for your patience.",
        "I understand your concern and I'll look into it.",
    ],
)
def test_negated_or_absent_feelings_are_not_reported(reply: str) -> None:
    assert labels(reply) == []


def test_negated_positive_becomes_the_negative_feeling() -> None:
    found = labels("I can see you're not happy with how this went.")
    assert found == [("disappointment", "not happy")]


def test_negation_exceptions_do_not_negate() -> None:
    assert labels("I've never been so angry.") == [("anger", "angry")]
    assert labels("I'm not surprised you're frustrated.") == [("frustration", "frustrated")]


def test_is_negated() -> None:
    text = "I'm not at all worried, but I am anxious."
    assert is_negated(text, text.index("worried"))
    assert not is_negated(text, text.index("anxious"))


def test_emotion_of_word() -> None:
    assert emotion_of_word("frustrating") == "frustration"
    assert emotion_of_word("Worried") == "anxiety"
    assert emotion_of_word("overwhelmed") == "anxiety"  # LABELS.md: overwhelmed counts as anxiety
    assert emotion_of_word("disgusted") == "anger"  # LABELS.md: disgusted counts as anger
    assert emotion_of_word("fed up") == "frustration"
    assert emotion_of_word("table") is None
    assert emotion_of_word("") is None
    assert "anger" in emotions_of_word("upset")


def test_every_label_is_in_the_taxonomy() -> None:
    text = (
        "I'm angry, frustrated, worried, sad, disappointed, confused, embarrassed, impatient, scared, "
        "grateful, relieved"
    )
    found = {label for label, _ in find_emotion_words(text)}
    assert found <= set(EMOTIONS)
    assert len(found) >= 10


def test_intensifiers_and_diminishers_scale_weights() -> None:
    strong = find_cues("I'm extremely worried", kinds=("feeling",))[0]
    plain = find_cues("I'm worried", kinds=("feeling",))[0]
    weak = find_cues("I'm a little worried", kinds=("feeling",))[0]
    assert strong.multiplier > plain.multiplier > weak.multiplier


def test_contrast_weights_the_clause_after_but() -> None:
    hits = {h.span.text: h for h in find_cues("I was worried but now I'm relieved", kinds=("feeling",))}
    assert hits["relieved"].multiplier > hits["worried"].multiplier
