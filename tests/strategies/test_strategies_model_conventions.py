"""The labelling conventions overrule the learned strategy head in the default pipeline."""

from __future__ import annotations

import pytest

from empathic import analyze


def test_learned_reflection_of_a_feeling_only_named_as_a_condition_is_dropped() -> None:
    customer = "I have a presentation at work tomorrow and I am dreading it."
    reply = "Even if you're feeling really anxious about the presentation, you can still come across as calm."
    a = analyze(customer, reply)
    # The learned head proposes it; the rules read the feeling as a condition of advice, not the customer's.
    assert any(c.strategy == "reflecting_emotion" and c.source == "model" for c in a.candidates)
    assert "reflecting_emotion" not in a.strategies


@pytest.mark.parametrize("reply", ["Me too.", "Me too lol", "Same here, friend."])
def test_bare_similarity_marker_is_no_story(reply: str) -> None:
    # LABELS.md: bare understanding is no strategy, whatever the learned head thinks of it.
    a = analyze("I can't sleep at night and I feel awful every morning.", reply)
    assert "relating_experience" not in a.strategies


def test_marker_with_own_situation_still_relates() -> None:
    customer = "I can't sleep at night and I feel awful every morning."
    a = analyze(customer, "Me too. I haven't slept properly since March.")
    assert "relating_experience" in a.strategies


@pytest.mark.parametrize("reply", ["That sounds really hard.", "What a rough few months it has been."])
def test_learned_difficulty_verdict_is_dropped(reply: str) -> None:
    # LABELS.md "Hard cases, settled": a difficulty verdict names no feeling, whoever proposes it.
    a = analyze("I have been job hunting for eight months with no luck.", reply)
    assert "reflecting_emotion" not in a.strategies


@pytest.mark.parametrize(
    "reply",
    [
        "It sounds like you have already tried every setting in the menu.",
        "It sounds like you know this router inside out.",
    ],
)
def test_learned_reflection_naming_no_feeling_is_dropped(reply: str) -> None:
    # LABELS.md: reflecting names the customer's feeling; a "sounds like" frame without one is none. The head
    # proposes these (the precondition), the resolver drops them with named evidence.
    from empathic.strategies.reflecting import names_no_feeling
    from empathic.types import Span

    assert names_no_feeling(reply, Span.of(reply, 0, len(reply)))
    a = analyze("I've been fighting with this router for two days and nothing works.", reply)
    assert any(c.strategy == "reflecting_emotion" and c.source == "model" for c in a.candidates)
    assert "reflecting_emotion" not in a.strategies


@pytest.mark.parametrize(
    "reply",
    [
        "It sounds like you're exhausted after two days of fighting with the router.",
        "That must be so frustrating when nothing you try works.",
    ],
)
def test_learned_reflection_naming_a_feeling_is_kept(reply: str) -> None:
    from empathic.strategies.reflecting import names_no_feeling
    from empathic.types import Span

    assert not names_no_feeling(reply, Span.of(reply, 0, len(reply)))
    a = analyze("I've been fighting with this router for two days and nothing works.", reply)
    assert "reflecting_emotion" in a.strategies
