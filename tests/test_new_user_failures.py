"""Failures a new user met (issue 12), each fixed by a general mechanism and tested in new words.

Every case is end to end through the default pipeline, with several paraphrases per failure so that
no rule can be fitted to one sentence.
"""

from __future__ import annotations

import pytest

from empathic import analyze


def kinds(customer: str, reply: str) -> list[str]:
    return [p.kind for p in analyze(customer, reply).pitfalls]


# --- minimizing and blame: dismissive ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Your update wiped my save file, I'd put 150 hours into it.", "Honestly, it's just a game."),
        ("The courier lost my parcel with my new phone in it.", "It's only a phone, they're easy to replace."),
        ("My holiday photos vanished from your cloud storage!", "They're only photos, you'll take more next year."),
        ("The airline lost my suitcase on the way home.", "It's only a bag, you can get another one."),
        ("Your update wiped my save file.", "Keeping backups of your saves is the player's responsibility."),
        ("I lost everything on the laptop you repaired.", "Backing up data is the customer's responsibility."),
        ("My card was used abroad and I lost £300.", "Keeping your PIN safe is your responsibility."),
    ],
)
def test_minimizing_the_loss_or_putting_it_on_the_customer_is_dismissive(customer: str, reply: str) -> None:
    assert "dismissive" in kinds(customer, reply)


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("My flight was cancelled with no warning, I'm furious.", "Sorry, that's just how airlines work."),
        ("Why does my parcel keep getting delayed?", "It's simply the way couriers operate at Christmas."),
        ("My bill went up again without notice.", "It is what it is, I'm afraid."),
        ("The train was late for the third time this week.", "That's trains for you."),
        ("Three weeks for a refund is too long.", "Unfortunately that's just the way banks work."),
    ],
)
def test_fatalistic_shrugs_are_dismissive(customer: str, reply: str) -> None:
    assert "dismissive" in kinds(customer, reply)


@pytest.mark.parametrize(
    "reply",
    [
        "It's just a quick check to confirm it's you.",
        "It's only a pre-authorisation, and it drops off in three days.",
        "This is how the refund process works: we refund within five days of receiving the item.",
        "Please don't let anyone tell you it's just a game, 150 hours is a lot of work to lose.",
    ],
)
def test_explanations_and_procedure_are_not_dismissive(reply: str) -> None:
    assert "dismissive" not in kinds("Your update wiped my save file and I'm gutted.", reply)


# --- overgeneralizing is no empathy given --------------------------------------------------------------


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("My order arrived smashed and I'm really annoyed.", "Everyone does that. A new one is on its way."),
        ("I'm so embarrassed, I booked the wrong dates.", "We get hundreds of these a day, I've changed them."),
        ("I'm fed up, the app logged me out again.", "Every single user has had this. Log in again and it'll work."),
        ("I'm really worried about this letter from you.", "We see this all day, every day. It's only a reminder."),
    ],
)
def test_a_reply_whose_only_strategy_overgeneralizes_is_not_needed_and_given(customer: str, reply: str) -> None:
    a = analyze(customer, reply)
    assert "overgeneralizing" in [p.kind for p in a.pitfalls]
    assert a.opportunity_class == "needed_but_missing"
    assert a.breakdown.get("strategy.normalizing", 0.0) == 0.0
    # no tip praises the shrug as normalizing
    assert not [t for t in a.tips if t.kind == "strategy" and t.target == "normalizing"]


def test_healthy_normalizing_still_counts_as_given() -> None:
    a = analyze(
        "I'm so embarrassed, I booked the wrong dates.",
        "Lots of people mix up those two date boxes, you've done nothing wrong. I've changed them.",
    )
    assert a.opportunity_class == "needed_and_given"
    assert "overgeneralizing" not in [p.kind for p in a.pitfalls]


# --- condolence with the loss named reflects ----------------------------------------------------------


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (
            "My dad died last month and I have to sort out his phone contract. I can barely think.",
            "I'm so sorry you lost your dad; dealing with his contract while you're grieving is a lot. "
            "I've closed it with no fees.",
        ),
        (
            "My wife passed away in March and I need to close her account.",
            "I'm very sorry for the loss of your wife. I've closed the account and refunded this month.",
        ),
        (
            "Mum died and the bank keeps sending her statements.",
            "My condolences on your mum's passing. I've stopped the statements today.",
        ),
        (
            "Our dog died last week, please cancel the pet insurance.",
            "I'm so sorry your dog died. I've cancelled the policy from today.",
        ),
    ],
)
def test_condolence_with_the_loss_named_is_reflecting(customer: str, reply: str) -> None:
    a = analyze(customer, reply)
    assert "reflecting_emotion" in a.strategies
    assert a.opportunity_class == "needed_and_given"


@pytest.mark.parametrize(
    "reply", ["Sorry to hear that, I've closed it.", "Sorry for the inconvenience, it's closed now."]
)
def test_a_bare_apology_is_still_no_strategy(reply: str) -> None:
    assert analyze("My dad died and I need his account closed.", reply).strategies == []


# --- politeness is not a feeling ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "customer",
    [
        "Yes please, go ahead.",
        "Yes please!",
        "Ok please, book it for Tuesday.",
        "Sure please, do that.",
        "Yeah please, send it.",
    ],
)
def test_consent_with_please_reads_no_feeling(customer: str) -> None:
    a = analyze(customer, "Done, it's booked.")
    assert a.customer.negative == []
    assert a.opportunity_class == "not_needed"


def test_a_plea_still_reads_as_anxiety() -> None:
    a = analyze("Please, I need the heating fixed today, my kids are freezing.")
    assert "anxiety" in a.customer.labels


# --- stories: a long one is too long, and the tip does not call it brief ----------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "I know the feeling! When I was on holiday in Spain last year the hotel wifi kept dropping, so we spent "
        "the week on the beach instead, ate paella every night and my husband got badly sunburnt. I'll check "
        "your line.",
        "Same thing happened to me on a camping trip in Devon, the signal kept cutting out every evening, so my "
        "partner and I gave up and played cards by the tent until the kids fell asleep. Let me test your line.",
    ],
)
def test_a_story_that_dominates_the_reply_is_too_long(reply: str) -> None:
    a = analyze("My broadband keeps dropping every evening and I work from home, it's driving me mad.", reply)
    found = [p.kind for p in a.pitfalls]
    assert "story_too_long" in found or "story_irrelevant" in found
    assert not [t for t in a.tips if t.kind == "strategy" and t.target == "relating_experience"]
    assert not any("brief story" in t.text for t in a.tips)


# --- another customer's story is not the agent's own -----------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "I had a customer, John Miller from Springfield, who was charged twice last week, and it was sorted in a day.",
        "I remember Sarah Collins from Leeds was charged twice too and she felt awful.",
        "The last customer I spoke to had exactly the same double charge and was really stressed about it.",
    ],
)
def test_a_story_about_another_customer_is_not_relating(reply: str) -> None:
    a = analyze("I was charged twice and I'm worried about my rent.", reply)
    assert "relating_experience" not in a.strategies
