"""The customer side on real customers: platform register, politeness and quotations (issue 12, item 3).

Every message here is written for these tests; none comes from a dev set.
"""

from __future__ import annotations

import pytest

from empathic.listen.emotions import read_emotions
from empathic.pipeline import analyze


def _labels(text: str) -> list[str]:
    return analyze(text, "Thanks for getting in touch.").customer.labels


@pytest.mark.parametrize(
    "text",
    [
        "Could you move my renewal date to the 5th? Thank you!",
        "@ShopHelp is the click and collect counter open on Sundays? thanks",
        "Hi, I need the invoice for order 5521 re-sent to my work address please. Thanks for the help",
        "how do I add my son as a second user? many thanks https://example.com/screenshot",
    ],
)
def test_closing_thanks_after_a_request_is_politeness_not_gratitude(text: str) -> None:
    assert "gratitude" not in _labels(text)
    assert "gratitude" in read_emotions(text).vetoed


@pytest.mark.parametrize(
    "text",
    [
        "Thank you so much for sorting out my refund so quickly, you're a star!",
        "Just wanted to say thanks, the engineer this morning was brilliant.",
    ],
)
def test_sincere_thanks_stays_gratitude(text: str) -> None:
    assert _labels(text)[0] == "gratitude"


@pytest.mark.parametrize(
    "text",
    [
        "Can you help me change the email address on my account?",
        "could you please help me find the tracking number for my parcel",
        "Please help with setting up the new router, which cable goes where?",
    ],
)
def test_a_plain_request_for_help_is_not_anxiety(text: str) -> None:
    assert "anxiety" not in read_emotions(text).evidence


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("third dropped call this afternoon smh", "frustration"),
        ("charged me twice for the same top-up fml", "frustration"),
        ("ffs the app logged me out in the middle of paying", "frustration"),
        ("wtf is this £40 charge on my statement", "anger"),
    ],
)
def test_platform_abbreviations_carry_the_feeling(text: str, label: str) -> None:
    assert label in read_emotions(text).evidence


@pytest.mark.parametrize(
    "text",
    [
        'When I sign in the page says "Try again later" and nothing else. How do I get past it?',
        "The 'Confirm' button is grey on the checkout page, what should I tick first?",
    ],
)
def test_a_quoted_screen_label_is_a_quotation_not_irony(text: str) -> None:
    assert "anger" not in read_emotions(text).evidence


def test_scare_quotes_around_praise_still_read_as_irony() -> None:
    text = 'Three weeks for a "quick" repair and it still does not work.'
    assert "anger" in read_emotions(text).evidence


@pytest.mark.parametrize(
    "text",
    [
        "@StreamCo paid for the season pass last night but never got the download code",
        "can't redeem the gift card my sister gave me, it just spins",
        "all my saved playlists have vanished since the update",
    ],
)
def test_a_problem_reported_without_a_feeling_word_reads_as_frustration(text: str) -> None:
    assert "frustration" in _labels(text)


def test_worst_about_the_business_is_anger_but_not_about_oneself() -> None:
    assert "anger" in read_emotions("honestly the worst support team I have ever dealt with").evidence
    assert "anger" not in read_emotions("I feel like the worst parent ever for missing it").evidence


def test_an_event_with_stakes_reads_through_a_possessive() -> None:
    # "my brother's funeral is on Friday" is as pressing as "my funeral..." would be read
    text = "my daughter's exam is on Monday and the laptop you sold us still won't charge"
    assert "anxiety" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "why can't I move money into my savings pot, the button does nothing",
        "y wont the voucher apply at checkout",
        "charged for the trial that was meant to be free, how does that work",
        "my profile says no active plan when I renewed it last week",
        "the tracker shows delivered yet I have nothing at the door",
    ],
)
def test_puzzlement_without_a_question_mark_reads_as_confusion(text: str) -> None:
    assert "confusion" in read_emotions(text).evidence
