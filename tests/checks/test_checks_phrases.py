"""overgeneralizing and dismissive: phrase rules applied per sentence."""

from __future__ import annotations

import pytest

from empathic.checks.dismissive import dismissive
from empathic.checks.overgeneralizing import overgeneralizing
from empathic.facts.matches import dismissive_rules, overgeneralizing_rules


@pytest.mark.parametrize(
    "sentence",
    [
        "Delayed refunds happen to literally every customer, so it's nothing personal.",
        "We get hundreds of these a day.",
        "Broken zips are ten a penny.",
        "Everyone says the app is slow.",
        "Every single member has had this.",
        "You're no different from anyone else here.",
        "Honestly, you're hardly the only one.",
        "It's the most common complaint there is, nothing unusual about it.",
        "Every driver on earth gets a ticket now and then, you're just like all the rest.",
        "You're the tenth caller today about this.",
        "Half our customers ring about this.",
        "Everybody and their dog has asked about the price drop.",
        "Nine out of ten customers have this with that model.",
        "We hear this all the time, you're one of thousands.",
        "It happens to thousands of people every day.",
        "Everyone's in the same boat.",
    ],
)
def test_overgeneralizing_sentences(sentence: str) -> None:
    assert overgeneralizing_rules(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Lots of people find the new portal confusing at first.",
        "You're far from the first to mix those two up.",
        "Feeling scared after a break-in is something nearly everyone goes through.",
        "This happens to a lot of new parents, and it's easy to fix.",
        "Almost everyone has trouble with this form.",
        "It's one of the most common mistakes we help with, and you've done nothing wrong.",
        "Keys go missing at festivals all the time, even for very careful people.",
        "We email every customer before a renewal.",
    ],
)
def test_healthy_normalizing_is_not_overgeneralizing(sentence: str) -> None:
    assert overgeneralizing_rules(sentence) == []


def test_overgeneralizing_pitfall_spans_the_sentence(make) -> None:
    reply = "I've issued a refund. Late parcels happen to literally every customer, so it's nothing personal."
    analysis = make(
        "My parcel is late.", reply, findings=[("normalizing", "Late parcels happen to literally every customer")]
    )
    (pitfall,) = overgeneralizing(analysis)
    assert pitfall.span is not None
    assert pitfall.span.text == "Late parcels happen to literally every customer, so it's nothing personal."


@pytest.mark.parametrize(
    "sentence",
    [
        "Calm down, please.",
        "There's no need to make a fuss about it.",
        "That's not a big deal.",
        "You should have read the terms.",
        "Next time use the portal instead.",
        "As I already said, the refund takes five days.",
        "It's your responsibility to keep your password safe.",
        "It's the customer's job to check the size chart.",
        "You're overreacting.",
        "Take it or leave it.",
        "Arguing about it won't change anything.",
        "Make sure you read the label next time.",
        "You're using it wrong.",
        "That's just how it is.",
        "If you had read our email you would know.",
        "It clearly says on the website that returns take 14 days.",
        "This isn't an error on our end.",
        "Couriers can't be expected to find every flat.",
        "You changed the password yourself last week.",
        "It's really something travellers need to check before booking.",
        "Not sure what you expected from a budget airline.",
        "You must have entered it wrong.",
        "It's only a small delay.",
        "Don't take it so personally.",
        "I don't know what else to tell you.",
    ],
)
def test_dismissive_sentences(sentence: str) -> None:
    assert dismissive_rules(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Please don't worry, we'll sort this out today.",
        "You should have received a confirmation email; I've sent it again.",
        "You should have signal within five minutes.",
        "Please don't let anyone tell you it's just a game.",
        "This wasn't a small delay, and I'm sorry.",
        "You did nothing wrong by ordering it to your home.",
        "For future large purchases, a bank transfer is usually easiest.",
        "You're right that it should have been shown at checkout.",
        "Please don't be hard on yourself.",
        "I've booked the engineer for Tuesday.",
        "You should have seen a confirmation screen after paying.",
        "There's nothing we can do until the courier confirms, but I'll chase them today.",
        "Please bear with us while we investigate.",
        "There's a small delay at the depot, so your parcel will come on Friday.",
    ],
)
def test_kind_or_neutral_sentences_are_not_dismissive(sentence: str) -> None:
    assert dismissive_rules(sentence) == [], sentence


def test_dismissive_pitfall_explains_what_the_words_do(make) -> None:
    reply = "The charge stands. You should have checked the plan before upgrading. Anything else?"
    (pitfall,) = dismissive(make("Why was I charged extra?", reply))
    assert pitfall.span is not None and pitfall.span.text == "You should have checked the plan before upgrading."
    assert "blames the customer" in pitfall.message
    assert pitfall.severity == "error"
