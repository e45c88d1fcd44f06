"""Pitfall phrasings beyond the stock ones, and the hard negatives that must stay quiet."""

from __future__ import annotations

import pytest

from empathic.checks.emotion_mismatch import emotion_mismatch
from empathic.checks.identifiable import identifiable_customer
from empathic.checks.missing_reason import missing_reason
from empathic.checks.stories import story_irrelevant
from empathic.facts.matches import dismissive_rules, overgeneralizing_rules
from empathic.types import EmotionScore


@pytest.mark.parametrize(
    "sentence",
    [
        "Instead of complaining, you could have used the online tracker.",
        "You need to deal with higher bills when the price cap changes.",
        "Our system doesn't make mistakes with payment timings.",
        "Maybe think about how you talk to people when they arrive.",
        "Fragile items are sent unpadded, so you order at your own risk.",
        "If you're not happy with the service, you're free to shop around.",
        "It was only a £6 topper, so there's no need to make this bigger than it is.",
        "You'd need to measure properly before ordering furniture this size.",
        "As anyone who reads our security page knows, resets lock the account.",
        "I'm not able to go into how premiums are calculated; it's internal.",
        "If you'd filled the form in correctly the first time, you wouldn't be in this position.",
        "Try to keep your language clean and you won't have this problem.",
        "Riders don't eat customers' food, so you must be mistaken.",
        "You were supposed to tell us before you travelled.",
        "There's not much point getting upset about it.",
        "Everyone has to wait their turn.",
    ],
)
def test_blame_lecture_and_minimizing(sentence: str) -> None:
    assert dismissive_rules(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "You're free to move your savings at any time, and there's no penalty.",
        "Feel free to send it back with the prepaid label.",
        "You'll need to update the firmware first; I've pushed it to your router.",
        "It's not down to you at all, the fault was ours.",
        "I think you need to accept that help is available.",
        "You can make that up in one visit.",
        "I'm in the office until 6 on Friday.",
    ],
)
def test_helpful_sentences_are_not_dismissive(sentence: str) -> None:
    assert not dismissive_rules(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Your claim is just another one on the pile.",
        "Leaks are just part of owning a coffee machine really.",
        "Try not to take it personally, mix-ups happen.",
        "You're in the same queue as millions of others, there's nothing unique about your case.",
        "Estimated bills land on every household's doormat, you're no exception.",
        "Overbooking is standard and every airline does it.",
    ],
)
def test_shrugs_overgeneralize(sentence: str) -> None:
    assert overgeneralizing_rules(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Lots of first-time solo travellers feel that way in a big airport.",
        "Most households with an older boiler worry before a service.",
        "Everyone has to wait their turn.",
    ],
)
def test_healthy_or_non_normalizing_sentences_do_not_overgeneralize(sentence: str) -> None:
    assert not overgeneralizing_rules(sentence), sentence


ANXIOUS = "Our backup hasn't run in 9 days. I'm genuinely scared we've lost client data."


@pytest.mark.parametrize(
    "reply",
    [
        "Sounds like an exciting fresh start for you! The backup is running now.",
        "Love hearing you're getting so much use out of it! The backup is running now.",
        "How thrilling to have an extra night in a new city! The backup is running now.",
        "Hope you had a lovely evening anyway! The backup is running now.",
    ],
)
def test_upbeat_words_to_a_scared_customer_are_a_mismatch(make, reply: str) -> None:
    assert [p.kind for p in emotion_mismatch(make(ANXIOUS, reply, emotions=["fear"]))] == ["emotion_mismatch"]


def test_cheer_for_the_customers_own_people_is_a_mismatch(make) -> None:
    customer = "The plush for my daughter arrived ripped. She cried all afternoon, she's devastated."
    reply = "Great that she's so excited about her present! A replacement is on its way."
    assert [p.kind for p in emotion_mismatch(make(customer, reply, emotions=["sadness"]))] == ["emotion_mismatch"]


def test_a_faint_second_reading_does_not_excuse_the_wrong_feeling(make) -> None:
    customer = "My benefit has stopped and I have £4. I'm frightened about feeding my kids."
    analysis = make(customer, "I can hear how irritated you are with the delays. It's paid tomorrow.")
    analysis.customer.emotions = [EmotionScore("fear", 0.67), EmotionScore("anger", 0.45)]
    assert [p.kind for p in emotion_mismatch(analysis)] == ["emotion_mismatch"]
    # ... and a mismatched frame is not a weak reflection missing its reason.
    assert missing_reason(analysis) == []


def test_a_feeling_the_customers_words_show_is_no_mismatch(make) -> None:
    customer = "Someone took £900 from my account overnight. I'm shaking, that's my rent."
    reply = "Finding £900 gone overnight is frightening, and I'd be shaken too. The card is frozen."
    analysis = make(customer, reply)
    analysis.customer.emotions = [EmotionScore("anxiety", 0.7), EmotionScore("impatience", 0.3)]
    assert emotion_mismatch(analysis) == []


@pytest.mark.parametrize(
    "reply",
    [
        "I got a quicker slot for Dr Hayes's patients this morning, so I've done the same for you.",
        "I've spoken to your physiotherapist, Dr Malik, and she agrees the session was billed twice.",
        "I've spoken to the duty manager, Carlos Mendes, and he's checking you in under reference 44817.",
        "When I rented, my landlord Mr Grant did the same to me until I sent him the bank confirmations.",
        "A valve in your street was left partly closed after repairs; we're opening it this afternoon.",
    ],
)
def test_staff_own_people_and_things_are_not_other_customers(make, reply: str) -> None:
    assert identifiable_customer(make("My bill is wrong.", reply)) == [], reply


def test_a_neighbour_by_flat_number_is_identifiable(make) -> None:
    reply = "The man in the flat above you, number 9B, rang about the same thing yesterday."
    assert [p.kind for p in identifiable_customer(make("The works start at 6am!", reply))] == ["identifiable_customer"]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (
            "My seat assignment disappeared and now my wife and I are sitting apart.",
            "My partner and I are going to Lisbon in the spring and I've already picked our seats. "
            "I've moved you both to 23A and 23B.",
        ),
        (
            "The clinic billed my insurer under the wrong code.",
            "I've just started a new running plan and did my first 10k on Saturday. I've resubmitted the claim.",
        ),
        (
            "My pet insurance won't pay for my cat's dental work. Why?",
            "My neighbour's kids have just started learning the trumpet, so my evenings are very noisy. "
            "Dental work is only covered after an accident.",
        ),
    ],
)
def test_asides_without_lol_markers_are_irrelevant(make, customer: str, reply: str) -> None:
    assert [p.kind for p in story_irrelevant(make(customer, reply))] == ["story_irrelevant"], reply


def test_a_related_story_is_not_an_aside(make) -> None:
    customer = "My broadband keeps dropping on video calls with clients. It's so embarrassing."
    reply = "My connection dropped during a job interview once and I had to rejoin twice. An engineer comes tomorrow."
    assert story_irrelevant(make(customer, reply)) == []
