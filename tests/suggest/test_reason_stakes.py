"""The reason said back is the heart of the complaint, and what is at stake goes with it (issue 13, round 7:
wrong_reason, "misses the heart"). Every example is written for these tests (no panel or dev sentence)."""

from __future__ import annotations

import pytest

from empathic import analyze
from empathic.perspective import customer_reason, stake_said
from empathic.suggest import suggest


def _reason(message: str) -> str:
    a = analyze(message)
    emotion = (a.customer.negative or ["frustration"])[0]
    return customer_reason(a, emotion)[0] or ""


def _reflections(message: str) -> list[str]:
    return [s.text for s in suggest(message).suggestions if s.strategy == "reflecting_emotion"]


# 1. A side detail is never chosen over the trouble: the customer's denial of their own doing, a remark pointing
# back at the trouble, the day something was due.
@pytest.mark.parametrize(
    ("message", "not_said"),
    [
        ("A new device was linked to my streaming account last night. I haven't added any devices.",
         "added any devices"),
        ("Somebody booked a hotel with my loyalty points. I didn't book anything this year.",
         "book anything"),
        ("Your marketplace hid every one of my craft listings overnight with a two-word email. Two years of sales "
         "history have vanished. This is how I keep my family fed.", "this is how"),
    ],
)
def test_a_side_detail_is_not_the_reason(message: str, not_said: str) -> None:
    assert not_said not in _reason(message).lower()


@pytest.mark.parametrize(
    ("message", "heart"),
    [
        ("My asthma inhalers were due on Friday and there's still no sign of them.",
         "your asthma inhalers still haven't arrived"),
        ("Our replacement oven door was supposed to arrive last Tuesday, but it still hasn't come.",
         "your replacement oven door still hasn't arrived"),
    ],
)
def test_something_overdue_is_said_as_not_arrived(message: str, heart: str) -> None:
    assert _reason(message) == heart


@pytest.mark.parametrize(
    ("message", "heart"),
    [
        ("The agent promised a courier label by Friday. Nobody has phoned me. Nothing has turned up.",
         "nothing has turned up"),
        ("They said the spare part would be posted the same day. No one has emailed me, and nothing has arrived.",
         "nothing has arrived"),
    ],
)
def test_the_failure_itself_comes_before_the_follow_up(message: str, heart: str) -> None:
    assert _reason(message) == heart


@pytest.mark.parametrize(
    ("message", "heart"),
    [
        ("The smoke alarm has been repaired on three separate visits and it's faulty again every week.",
         "the problem keeps coming back after three fixes"),
        ("Our tumble dryer was fixed on two separate visits and it's broken again.",
         "the problem keeps coming back after two fixes"),
    ],
)
def test_a_fault_fixed_again_and_again_keeps_coming_back(message: str, heart: str) -> None:
    assert _reason(message) == heart


@pytest.mark.parametrize(
    ("message", "heart"),
    [
        ("Sat on hold for 90 minutes, then got cut off. Third time this week.",
         "you got cut off after 90 minutes on hold"),
        ("We were kept on hold for 40 mins and then got hung up on!!",
         "you got hung up on after 40 mins on hold"),
    ],
)
def test_being_cut_off_is_the_trouble_not_the_wait_before_it(message: str, heart: str) -> None:
    assert _reason(message) == heart


# 2. What is at stake follows the reason when the message names it and the reason does not.
@pytest.mark.parametrize(
    ("message", "stake"),
    [
        ("The printer driver won't install and my grant application is due on Thursday.",
         "with your grant application due on Thursday"),
        ("The airline sent my guitar to Oslo and I'm playing a wedding tomorrow.",
         "when you're playing a wedding tomorrow"),
        ("The ferry was cancelled, so we'll miss the start of our son's graduation ceremony.",
         "and you'll miss the start of your son's graduation ceremony"),
        ("My disability payment hasn't come through and my savings are nearly gone.",
         "with your savings nearly gone"),
        ("My repeat prescription is lost somewhere and I've only got four tablets left.",
         "with only four tablets left"),
        ("The pendant alarm stopped working on Sunday. My grandmother is 93 and lives on her own.",
         "when your grandmother is 93 and lives alone"),
        ("The hob stopped working on Sunday. Our neighbour set it up for my nan. She's 90 and lives alone.",
         "when your nan is 90 and lives alone"),
        ("Your site took down my craft shop listings. That's how I pay my bills.",
         "when that's how you pay your bills"),
        ("The coach company lost my rucksack and my only pair of hiking boots is in it.",
         "with your only pair of hiking boots in it"),
        ("The heating has been off since Friday and we have a 3-month-old baby.",
         "with a 3-month-old baby at home"),
    ],
)
def test_the_stake_is_said_from_the_agents_side(message: str, stake: str) -> None:
    assert stake_said(message, "the trouble") == stake


def test_no_stake_when_the_message_names_none_or_the_reason_says_it() -> None:
    assert stake_said("The kettle I ordered arrived with a cracked lid.", "the kettle arrived cracked") == ""
    said = "with your visa renewal due on Monday"
    assert stake_said("The upload keeps failing and my visa renewal is due on Monday.",
                      "your visa renewal is due on Monday and the upload fails") != said


def test_a_reflecting_line_carries_the_stake() -> None:
    message = "My laptop won't start since the update and my thesis is due on Friday."
    lines = _reflections(message)
    assert lines and all("thesis due on Friday" in line for line in lines), lines
