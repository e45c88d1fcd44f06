"""The customer reading on real customers, third round (issue 12, item 3): swearing and accusations of exploiting
people read as anger; a stranger in the customer's account and a cry for help read as anxiety.

Every message here is written for these tests; none comes from a dev set.
"""

from __future__ import annotations

import pytest

from empathic.listen.emotions import read_emotions


def _labels(text: str) -> list[str]:
    return [e.label for e in read_emotions(text).emotions]


@pytest.mark.parametrize(
    "text",
    [
        "this fucking app logged me out again mid-order",
        "The bastards charged my card twice for one ticket.",
        "what a shitshow of a checkout, three errors in a row",
        "the idiots in billing closed the wrong account",
        "Completely fuuucked, my playlist order is gone after the update",
    ],
)
def test_swearing_reads_as_anger(text: str) -> None:
    assert "anger" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "The hotel is price gouging stranded travellers tonight.",
        "You're cashing in on people's fear with these booking fees.",
        "Sellers profiteering from the baby formula shortage and you let them.",
        "Stop exploiting this crisis to push up delivery charges.",
    ],
)
def test_accusing_a_business_of_exploiting_people_reads_as_anger(text: str) -> None:
    assert "anger" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "A researcher found an exploit in the router firmware, is there a patch?",
        "I'm such an idiot, I deleted the wrong folder.",
    ],
)
def test_a_security_exploit_or_self_blame_is_no_anger(text: str) -> None:
    assert "anger" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Someone in another country keeps trying to sign in to my bank app.",
        "A stranger got into my email and changed my password last night.",
        "My wallet account was compromised overnight.",
    ],
)
def test_a_stranger_in_the_customers_account_reads_as_anxiety(text: str) -> None:
    assert "anxiety" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Help! The cash machine swallowed my card and the branch is closed.",
        "HELP, the booking site took my deposit twice",
        "helppp I'm locked out of the shop app and my order is in there",
    ],
)
def test_a_cry_for_help_reads_as_anxiety(text: str) -> None:
    assert "anxiety" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can I sign in on two devices at once?",
        "Could you help me change the name on my invoice?",
        "I need help, the export button is greyed out.",
    ],
)
def test_a_plain_request_for_help_is_not_anxiety(text: str) -> None:
    assert "anxiety" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "The self-checkout won't let me pay with my gift card.",
        "I bought the extra storage and now it's gone from my plan.",
        "having trouble with the booking page on my tablet",
        "Reinstalling the printer driver didn't help.",
        "the stream keeps freezing on the living room tv",
        "I have yet to receive the voucher from the survey.",
    ],
)
def test_a_problem_told_without_a_feeling_word_reads_as_frustration(text: str) -> None:
    assert "frustration" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "why did you take away the sleep timer?",
        "Why are you charging me for a plan I cancelled?",
    ],
)
def test_asking_the_business_to_account_for_itself_is_not_puzzlement(text: str) -> None:
    assert "confusion" not in _labels(text)


def test_why_about_the_thing_itself_is_still_confusion() -> None:
    assert "confusion" in _labels("Why does my playlist shuffle the same five songs?")


@pytest.mark.parametrize(
    "text",
    [
        "Please respond, this is my third message about the refund.",
        "I expect a prompt answer on the missing parcel.",
        "are you ever going to fix the login page?",
        "I don't want to wait ten days for a replacement card.",
        "The queue position has not moved for the last 40 mins.",
    ],
)
def test_pressing_the_business_to_act_soon_is_impatience(text: str) -> None:
    assert "impatience" in _labels(text)


def test_demanding_action_about_a_seller_is_not_impatience() -> None:
    assert "impatience" not in _labels("The watch was a fake. Are you going to do anything about this seller?")
