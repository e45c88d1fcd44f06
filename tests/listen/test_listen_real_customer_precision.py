"""Precision of the customer reading on real customers (issue 12, item 3): cues that fired on the platform
register and on plain admissions, and the feeling a plainly told problem is given.

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
        "My smart PLUG won't pair with the hub since the update.",
        "the Fire tablet keeps dropping the wifi, tried two routers",
    ],
)
def test_a_plainly_told_problem_reads_as_frustration_not_a_faint_cue(text: str) -> None:
    labels = _labels(text)
    assert labels[0] == "frustration"
    assert not {"anger", "fear"} & set(labels)


@pytest.mark.parametrize(
    "text",
    [
        "The label printer driver won't install on my laptop, please help",
        "My loyalty points vanished after the app update. Please help!",
        "I can't log in to the recipe app since yesterday.",
        "Can't access my photo album on the web version, it just spins.",
    ],
)
def test_a_plea_or_a_locked_door_alone_is_not_anxiety(text: str) -> None:
    assert "anxiety" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Someone hacked my bank login and moved money out, please help",
        "I can't log in and my boarding pass is in the account, the flight is urgent",
    ],
)
def test_a_plea_with_something_at_stake_is_still_anxiety(text: str) -> None:
    assert "anxiety" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "The picture keeps freezing on my Fire TV stick.",
        "Video freezing every few seconds in the tablet app, sound carries on",
        "The bonus level is missing from my game after the patch.",
    ],
)
def test_device_words_are_not_danger(text: str) -> None:
    assert "fear" not in read_emotions(text).evidence


@pytest.mark.parametrize(
    "text",
    [
        "It's freezing in the flat and the boiler is dead.",
        "The socket in the kitchen caught fire this morning.",
        "Our cat is missing since the movers left the door open.",
    ],
)
def test_danger_words_still_count(text: str) -> None:
    assert "fear" in read_emotions(text).evidence


@pytest.mark.parametrize(
    "text",
    [
        "Do you offer any payment relief for people who lost hours at work?",
        "Is the storm relief fund still taking donations through your app?",
        "It worked at first but then the screen went black again.",
        "That worked for a day, then the error came back.",
    ],
)
def test_relief_as_a_noun_of_finance_or_a_fix_that_did_not_last_is_not_relief(text: str) -> None:
    assert "relief" not in read_emotions(text).evidence


@pytest.mark.parametrize(
    "text",
    [
        "What a relief, the parcel turned up at the neighbour's.",
        "It works again after the reset, thank you!",
    ],
)
def test_relief_still_reads(text: str) -> None:
    assert "relief" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my PIN, how do I reset it?",
        "I entered the wrong postcode on the delivery form, can you change it?",
        "omg my order still hasn't shipped",
    ],
)
def test_a_plain_admission_of_a_slip_is_not_embarrassment(text: str) -> None:
    # LABELS.md: a plain admission of a slip is not self-critical, and no embarrassment either
    assert "embarrassment" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my PIN again, I'm hopeless with these things.",
        "I typed the wrong account number, so stupid of me.",
    ],
)
def test_a_slip_with_self_blame_is_embarrassment(text: str) -> None:
    assert "embarrassment" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I returned the jacket three weeks ago and the refund does not show on my card.",
        "Bought the season pass two months ago and it doesn't show in my account.",
    ],
)
def test_when_a_problem_began_is_not_impatience(text: str) -> None:
    assert "impatience" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "It's been three weeks and I'm still waiting for the refund.",
        "Ordered the sofa two months ago, how much longer do I have to wait?",
    ],
)
def test_waiting_for_the_business_is_impatience(text: str) -> None:
    assert "impatience" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "How do you change the billing date in the app?",
        "how do they decide which seats count as extra legroom?",
        "The installer says “disk not found” every time I run it.",
        "I get an alert saying 'account locked' every morning now",
        "Grand Theft Auto keeps crashing on the loading screen",
    ],
)
def test_questions_that_are_just_questions_and_quoted_screens_are_not_anger(text: str) -> None:
    assert "anger" not in read_emotions(text).evidence


@pytest.mark.parametrize(
    "text",
    [
        "How do you expect me to pay for the same order twice?",
        "The agent said “we can't do anything” and hung up on me.",
        "My bike was stolen from your car park last night.",
    ],
)
def test_rhetorical_questions_staff_quoted_and_theft_are_still_anger(text: str) -> None:
    assert "anger" in read_emotions(text).evidence


@pytest.mark.parametrize(
    "text",
    [
        "The courier left my parcel out in the rain even though I paid for signed delivery.",
        "We were moved to a worse room even though I had booked the sea view a year ago.",
    ],
)
def test_a_problem_read_as_frustration_has_its_cause(text: str) -> None:
    from empathic.pipeline import analyze

    a = analyze(text, "Thanks for letting us know.")
    assert a.customer.labels == ["frustration"]
    assert [c.emotion for c in a.customer.causes] == ["frustration"]
    assert a.customer.causes[0].span.start == 0


@pytest.mark.parametrize(
    "text",
    [
        "My card was not accepted at the hotel at 2am.",
        "The app will not load my boarding pass at night.",
    ],
)
def test_a_problem_that_nearly_shows_a_feeling_reads_as_that_feeling(text: str) -> None:
    reading = read_emotions(text)
    assert [e.label for e in reading.emotions] == ["anxiety"]
    assert reading.emotions[0].evidence[0].id == "emotions.py:problem_fallback"


@pytest.mark.parametrize(
    "text",
    [
        "The meter shows two readings for March, what do I do?",
        "Bank app logged me out and now asks for a code I never set up, idk what to do",
        "My plan says unlimited but I got a data warning. Does that mean I'm being charged?",
        "Any idea why my playlist keeps reordering itself?",
        "The speaker just blinks orange and won't pair. Is it broken?",
    ],
)
def test_lost_about_what_to_do_or_what_it_means_is_confusion(text: str) -> None:
    assert "confusion" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I'm moving house next month, what do I need to do to transfer my broadband?",
        "How do I add my partner to the account?",
    ],
)
def test_a_plain_how_to_question_is_not_confusion(text: str) -> None:
    assert "confusion" not in _labels(text)
