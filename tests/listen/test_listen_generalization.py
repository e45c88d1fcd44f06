"""Behaviour of the rules added so the customer-side reading generalizes beyond cs-dev.

Anger that shows without the word (outrage, insults to the company, threats to leave or
complain, irony), frustration only on its own evidence, the other feelings customers show
indirectly, and the many ways customers run themselves down (with the guards that keep
blame on the product, denials and reported insults from counting).
"""

from __future__ import annotations

import pytest

from empathic.listen.emotions import read_emotions
from empathic.listen.self_criticism import find_self_criticism


def labels(text: str) -> list[str]:
    """The emotion labels read from ``text``, strongest first."""
    return [e.label for e in read_emotions(text).emotions]


@pytest.mark.parametrize(
    "text",
    [
        "Honestly, your refund process is a farce from start to finish.",
        "You lot are a bunch of cowboys, the boiler is leaking again.",
        "If the money isn't back by Monday I'm going to the ombudsman.",
        "Cancel the lot. I'm taking my business elsewhere.",
        "Utterly disgraceful way to treat a pensioner.",
        "I'll be leaving a review so other people know what they're getting into.",
        "The audacity of charging me for your own engineer's mistake.",
        "Shame on you for hiding that fee.",
    ],
)
def test_anger_without_the_word_angry(text: str) -> None:
    assert labels(text)[0] == "anger", labels(text)


def test_ironic_praise_in_a_complaint_is_anger_not_gratitude() -> None:
    found = labels("Oh wonderful, the update wiped my contacts. Thanks so much.")
    assert "anger" in found
    assert "gratitude" not in found


def test_praise_without_a_complaint_stays_praise() -> None:
    found = labels("Well done to the engineer, great job. Thanks so much!")
    assert "anger" not in found
    assert "gratitude" in found


def test_thanks_for_nothing_is_not_thanks() -> None:
    assert labels("Thanks for nothing, the parcel is still missing.")[0] == "anger"


def test_frustration_does_not_join_every_other_feeling() -> None:
    assert "frustration" not in labels("I'm really worried I won't be able to pay the deposit in time.")
    assert "frustration" not in labels("My grandmother passed away and I need to close her account.")


def test_frustration_with_its_own_evidence_is_kept() -> None:
    assert "frustration" in labels("I've restarted it five times, this is so annoying.")


def test_a_plain_request_is_neutral_and_a_sign_off_thanks_is_not_gratitude() -> None:
    assert labels("Could you send the invoice to my work email please? Thanks.") == ["neutral"]
    assert labels("Thank you so much for getting my flight rebooked.")[0] == "gratitude"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("We had to have our old dog put to sleep on Tuesday, please stop the food subscription.", "sadness"),
        ("I'm finding it really hard since my wife died, every form asks for her.", "sadness"),
        ("We were so looking forward to the tasting menu and it was cancelled on the day.", "disappointment"),
        ("I had high hopes for this blender. It leaks from the base.", "disappointment"),
        ("What if the payment doesn't clear before the completion date?", "anxiety"),
        ("My wages haven't landed and the rent is going out tomorrow.", "anxiety"),
        ("So which is it, a fee or no fee? The letter and the website disagree.", "confusion"),
        ("I'm completely lost with the new online form.", "confusion"),
        ("Still no refund, still no reply. Chasing again.", "impatience"),
        ("Is anyone there? I've been waiting since this morning.", "impatience"),
        ("Everyone laughed when the card machine declined me.", "embarrassment"),
    ],
)
def test_feelings_shown_indirectly(text: str, label: str) -> None:
    assert label in labels(text), labels(text)


def test_losing_an_object_is_not_confusion() -> None:
    assert "confusion" not in labels("I lost my card on the bus and need a new one.")


@pytest.mark.parametrize(
    "text",
    [
        "im such an idiot, i paid the gas bill twice",
        "I deleted the wrong photos like an idiot. Can they be recovered?",
        "I'm such a mess with paperwork, I never sent the form back.",
        "I'm just not cut out for spreadsheets.",
        "It was so irresponsible of me to leave it that late.",
        "I'm far too old and slow for these apps.",
        "How could I be so naive, I gave them my PIN",
        "Why am I like this, I've missed the delivery again.",
        "Resident numpty here, I've locked myself out of the app again.",
        "My memory is like a sieve lately, I forgot to renew.",
        "I can never get anything right with these online forms.",
        "I have been so gullible about this whole thing.",
    ],
)
def test_self_criticism_forms(text: str) -> None:
    assert find_self_criticism(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Your website made me look like an idiot in front of my boss.",
        "I felt stupid at the checkout because your system declined my card.",
        "I'm not an idiot, the code you sent has expired.",
        "That's not my fault, the courier left it outside.",
        "Don't tell me I typed it wrong, I copied it from your email.",
        "Your agent spoke to me like I was stupid.",
        "The idiot who designed this form should try using it.",
    ],
)
def test_not_self_criticism(text: str) -> None:
    assert find_self_criticism(text) == [], text
