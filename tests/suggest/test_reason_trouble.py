"""The reason said back is the customer's trouble, in words an agent can say: never what the customer only did, never
the customer's verdict on us agreed to, never a pasted chain or a chat typo. Every example is written for these
tests (no panel or dev sentence)."""

from __future__ import annotations

import pytest

from empathic import analyze
from empathic.perspective import carries_trouble, customer_reason, reason_clause
from empathic.suggest import suggest


def _reason(message: str) -> str | None:
    a = analyze(message)
    emotion = (a.customer.negative or ["frustration"])[0]
    return customer_reason(a, emotion)[0]


# 1. A reason must be a problem.
def test_what_the_customer_only_did_or_has_is_no_reason() -> None:
    assert not carries_trouble("you posted a podcast episode")
    assert not carries_trouble("you have a new tablet")
    assert not carries_trouble("you don't want to pay for the album twice")  # a wish, not what went wrong
    assert carries_trouble("the left speaker is too quiet")
    assert carries_trouble("your parcel arrived crushed")
    # With nothing gone wrong in it, the message has no reason to quote: the caller falls back to the topic.
    assert _reason("Hi, I went to renew my library card this afternoon.") is None


def test_the_trouble_in_a_later_part_of_the_sentence_is_the_reason() -> None:
    assert _reason("I switched to the fibre plan and can't get a signal upstairs!") == (
        "you can't get a signal upstairs")
    assert _reason("I posted a podcast episode, and now the second half is too quiet to hear.") == (
        "the second half is too quiet to hear")


def test_a_reflecting_line_never_says_an_action_was_upsetting() -> None:
    for message in ["I went to the bowling alley on Saturday and I'm so angry right now",
                    "I renewed my allotment lease last week and I'm furious, please sort it"]:
        lines = [s.text for s in suggest(message).suggestions if s.strategy == "reflecting_emotion"]
        assert not any(" went " in line or "renewed" in line for line in lines), lines


# 2. The agent never endorses an accusation or runs its own product down.
def test_a_verdict_on_us_is_said_as_the_customers_experience() -> None:
    assert reason_clause("my seller account was unfairly suspended for no reason") == (
        "your seller account was suspended without an explanation you could see")
    assert reason_clause("your booking app doesn't work") == "the booking app isn't working for you"
    assert reason_clause("your parking website is totally broken") == "the parking website isn't working for you"


def test_a_clause_that_has_us_confess_a_wrong_is_never_the_reason() -> None:
    assert reason_clause("you stole my deposit") is None
    assert reason_clause("your agents just ignore my letters") is None
    assert reason_clause("you lied to me about the delivery fee") is None


# 3. Pasted chains and chat typos.
def test_a_chain_of_actions_is_cut_to_its_trouble_or_refused() -> None:
    assert reason_clause("I'm queuing and refreshing and got kicked off the page") == "you got kicked off the page"
    # A verb that does not agree with the subject: its own subject (a handle) was taken out.
    assert reason_clause("I've been editing this essay for an hour and has frozen twice") is None


@pytest.mark.parametrize(
    ("said", "back"),
    [
        ("I can't signin an my code won't arrive", "you can't sign in and your code won't arrive"),
        ("I'm unable to login my banking app", "you're unable to log in to your banking app"),
        ("my login details are rejected", "your login details are rejected"),
        ("my shop page was delete overnight", "your shop page was deleted overnight"),
        ('I "can\'t" open the invoice', "you can't open the invoice"),
    ],
)
def test_chat_typos_are_mended_in_the_reason(said: str, back: str) -> None:
    assert reason_clause(said) == back


# 4. What the customer points at is far from the agent.
def test_this_and_these_point_from_the_agents_side() -> None:
    assert reason_clause("I'm stuck on this loading page") == "you're stuck on that loading page"
    assert reason_clause("I keep getting these warning emails") == "you keep getting those warning emails"
    assert reason_clause("my meter stopped working this morning") == "your meter stopped working this morning"


def test_a_request_run_on_after_the_trouble_is_cut_off() -> None:
    # What the customer asks for is not the reason; said back it turns round ("please get back to you").
    assert reason_clause("my parcel got lost please get back to me!") == "your parcel got lost"
    assert reason_clause("my tablet has been stolen and please help block it") == "your tablet has been stolen"
    assert reason_clause("my pass was blocked, can u pls unlock it") == "your pass was blocked"
    assert reason_clause("I can't log in to the portal, please") == "you can't log in to the portal"
