"""Phrasings the first rules missed: idiomatic reflections, shrugs, easy-slip reassurance, cue-less stories."""

from __future__ import annotations

import pytest

from empathic.types import Analysis


def found(analysis: Analysis) -> set[str]:
    return {f.strategy for f in analysis.findings}


@pytest.mark.parametrize(
    "reply",
    [
        "Four outages in one week, I'd be at the end of my rope too.",
        "An unknown payment like that would keep me up at night too.",
        "Three wrong items in a row would drive me up the wall.",
        "Being charged twice on a fixed income would have me lying awake too.",
        "A week with no hot water, I'd be tearing my hair out.",
        "Having your direct debit go up with no letter to explain it is unsettling.",
    ],
)
def test_idiomatic_reflections(run, reply: str) -> None:
    assert found(run(reply)) == {"reflecting_emotion"}, reply


@pytest.mark.parametrize(
    "reply",
    [
        "I'd be happy to look into that for you too.",
        "If you're not happy with the service, you can cancel at any time.",
        "Would you like me to call you back tomorrow?",
        "That's not stressful at all, it takes two minutes.",
    ],
)
def test_polite_or_conditional_phrases_are_not_reflections(run, reply: str) -> None:
    assert "reflecting_emotion" not in found(run(reply)), reply


def test_reflection_naming_the_wrong_feeling_is_not_reflecting(run) -> None:
    customer = "I got a letter saying my account will close. I'm really scared I won't get paid."
    reply = "I can see you're angry about this."
    assert "reflecting_emotion" not in found(run(reply, customer, emotions={"fear": 0.76, "anxiety": 0.6}))


def test_feeling_the_customers_own_words_show_is_not_a_mismatch(run) -> None:
    # The emotion reading missed the anger, but "furious" is in the customer's own message.
    customer = "I'm scared my salary won't arrive and frankly I'm furious about the letter."
    reply = "I can see you're angry about the letter arriving with no warning."
    assert "reflecting_emotion" in found(run(reply, customer, emotions={"fear": 0.8}))


@pytest.mark.parametrize(
    "reply",
    [
        "You're one of thousands this happens to every year, so don't worry about it.",
        "Your claim is just another one on the pile, they all get looked at in order.",
        "Leaks are just part of owning a coffee machine really.",
        "Freezing is just a thing that happens with new phones.",
        "Try not to take it personally, mix-ups with doorsteps happen.",
    ],
)
def test_shrugging_commonality_is_still_normalizing(run, reply: str) -> None:
    assert found(run(reply)) == {"normalizing"}, reply


@pytest.mark.parametrize(
    "reply",
    [
        "Typing one wrong digit is the easiest slip there is, and it doesn't make you careless.",
        "An extra zero slips in so easily when you're typing fast.",
        "That sell button sits right next to equip, so one wrong tap is all it takes.",
        "You're not a pain at all, and sizes vary so much between brands that it's hard to get right.",
    ],
)
def test_reassurance_without_commonality_words(run, reply: str) -> None:
    assert "normalizing" in found(run(reply, "I typed it wrong, I'm such an idiot.", self_critical=True)), reply


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (
            "My new phone arrived with a crack across the screen.",
            "When my last phone came I opened the box to a hairline crack across the screen too, and I felt sick.",
        ),
        (
            "Our boiler broke down and we've got no heating. The baby is only three months old.",
            "Our boiler died one January when my daughter was tiny, and we spent two nights under every blanket.",
        ),
        (
            "My dad has dementia and can't follow his bills.",
            "My nan has dementia too, and sorting her post every week took over our Sundays.",
        ),
    ],
)
def test_own_stories_without_a_me_too_cue_are_relating(run, customer: str, reply: str) -> None:
    assert found(run(reply, customer)) == {"relating_experience"}, reply


@pytest.mark.parametrize(
    "reply",
    [
        "I got a quicker slot for Dr Hayes's patients this morning, so I've done the same for you.",
        "I understand how frustrated you must be.",
        "To stop the payments, fill in the form I've attached, and we'll handle the rest by post.",
        "I finally passed my driving test on the fourth go last month.",
    ],
)
def test_service_frames_and_unrelated_news_are_not_stories(run, reply: str) -> None:
    assert "relating_experience" not in found(run(reply)), reply
