"""Hand-written customer-service replies beyond LABELS.md: the rules must hold on new phrasings."""

from __future__ import annotations

import pytest

SELF_CRITICAL = "I ticked the wrong box on the form, I'm hopeless with this stuff. Is it a problem?"


def strategies(analysis) -> set[str]:
    return {f.strategy for f in analysis.findings}


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Having your flight cancelled the night before your sister's wedding is gutting.", "reflecting_emotion"),
        ("A week without hot water with a newborn in the house sounds exhausting.", "reflecting_emotion"),
        ("Waiting in for an engineer who never turns up is maddening, especially when you took the day off.",
         "reflecting_emotion"),
        ("I'm not surprised you're fed up after three calls.", "reflecting_emotion"),
        ("I understand this has been a stressful time.", "reflecting_emotion"),
        ("You've been more than patient, and it's clear how much this has worn you down.", "reflecting_emotion"),
        ("I'd be worried too if my rent money vanished.", "reflecting_emotion"),
        ("This catches out a lot of new customers.", "normalizing"),
        ("Plenty of our members have asked the same thing this week.", "normalizing"),
        ("You'd be amazed how many people do this.", "normalizing"),
        ("Finding out the warranty doesn't cover this would make anyone cross.", "normalizing"),
        ("This is one of the most frequent issues we see after a card is reissued.", "normalizing"),
        ("When I moved house last year my internet took three weeks to connect, and I was tearing my hair out.",
         "relating_experience"),
        ("My partner had her card cloned last spring and it took us ages to get the money back, so I know how "
         "stressful it is.", "relating_experience"),
        ("I once waited six weeks for a passport renewal, so I understand the worry.", "relating_experience"),
        ("We had a burst pipe two winters ago, so I know how disruptive it is.", "relating_experience"),
        ("I remember being just as confused by my first energy bill.", "relating_experience"),
        ("I've had my own parcel go missing before and I was furious.", "relating_experience"),
        ("I know the feeling — my boiler died last winter and we had no heating for a week.", "relating_experience"),
        ("My sister had the same issue with her car insurance renewal.", "relating_experience"),
        ("I've been caught out by this myself.", "relating_experience"),
        ("Honestly, it trips loads of people up.", "normalizing"),
        ("It's not unusual to feel overwhelmed by all this paperwork.", "normalizing"),
        ("Our tariffs confuse plenty of people.", "normalizing"),
        ("You must have been so worried when the money disappeared.", "reflecting_emotion"),
        ("Being left without internet while you work from home is seriously stressful.", "reflecting_emotion"),
    ],
)
def test_new_phrasings(run, reply: str, expected: str) -> None:
    assert strategies(run(reply)) == {expected}


@pytest.mark.parametrize(
    "reply",
    [
        "You haven't done anything silly - that button is in a strange place.",
        "It's honestly not your fault, the page doesn't make it clear.",
        "That's not a silly question at all.",
        "Don't be so hard on yourself, that form is confusing.",
        "You're being way too hard on yourself.",
        "That's the kind of slip anyone could make.",
    ],
)
def test_new_reassurance_phrasings(run, reply: str) -> None:
    assert strategies(run(reply, SELF_CRITICAL, self_critical=True)) == {"normalizing"}


@pytest.mark.parametrize(
    "reply",
    [
        "Calm down, it's not a big deal.",
        "You should have read the terms before signing up.",
        "We're sorry to hear about your experience.",
        "I apologise for the delay in getting back to you.",
        "I'm afraid the fee is non-refundable.",
        "Rest assured, we take these matters very seriously.",
        "Don't worry, we'll get this sorted today.",
        "Hope you're having a lovely week!",
        "So glad to hear you're excited about the upgrade!",
        "A customer in Leeds, Mr. Patel, had the same issue yesterday.",
        "The last customer I spoke to had exactly the same problem.",
        "I've seen the same thing happen on other accounts this week.",
        "Most customers choose the annual plan.",
        "Many of our plans include free delivery.",
        "I spoke to the warehouse and they confirmed the parcel was lost.",
        "I called the courier this morning and they'll redeliver tomorrow.",
        "I've worked here for six years and I love helping customers.",
        "I'm a big fan of that band too!",
        "I've done that for you now.",
    ],
)
def test_service_and_aside_sentences_carry_no_strategy(run, reply: str) -> None:
    assert strategies(run(reply)) == set()
