"""The customer reading on real customers, second round (issue 12, item 3): let-down vocabulary, what is and is
not confusion, impatience and anxiety, anger and gratitude where the platform register misled them.

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
        "Losing the offline maps in the new version is such a bummer.",
        "What a bummer, the concert stream cut out for the whole encore.",
        "Honestly, you can do better than a two-line answer to a billing error.",
        "A bank this size must do much better on card security.",
        "Why did you get rid of the sleep timer? I used it every night.",
        "You've removed the dark theme from the desktop app and the new one hurts my eyes.",
        "The whole reason I subscribed was the family sharing, and it only works on one phone.",
        "Offline playback is exactly why I upgraded, and it won't download a single episode.",
    ],
)
def test_let_down_vocabulary_reads_as_disappointment(text: str) -> None:
    assert "disappointment" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "My appeal was rejected and I don't see why.",
        "Access denied again on the staff portal.",
    ],
)
def test_a_refused_request_alone_is_not_disappointment(text: str) -> None:
    assert "disappointment" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "The refund hasn't appeared and the card shows nothing. What can I do?",
        "my router drops every evening, what can we do about it",
    ],
)
def test_asking_for_options_after_a_failure_is_not_confusion(text: str) -> None:
    assert "confusion" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "the app logs me out every time I open it, what should I do?",
        "My order page shows two addresses and I have no clue, what do I do",
    ],
)
def test_lost_about_the_next_step_is_confusion_not_anxiety(text: str) -> None:
    labels = _labels(text)
    assert "confusion" in labels
    assert "anxiety" not in labels


@pytest.mark.parametrize(
    "text",
    [
        "what is going on with your checkout today?",
        "What's happening with the streaming servers this week",
    ],
)
def test_what_is_going_on_with_the_service_is_a_complaint(text: str) -> None:
    labels = _labels(text)
    assert "confusion" not in labels
    assert "frustration" in labels


def test_what_is_going_on_alone_is_still_confusion() -> None:
    assert "confusion" in _labels("My balance doubled overnight. What is going on?")


@pytest.mark.parametrize(
    "text",
    [
        "I set my display name as a joke and now the team can't find me in the directory.",
        "We renamed the shared folder for a laugh and now the sync has stopped.",
    ],
)
def test_something_done_as_a_joke_is_no_anger(text: str) -> None:
    assert "anger" not in _labels(text)


def test_the_company_called_a_joke_is_still_anger() -> None:
    assert "anger" in _labels("Three missed deliveries in a row. Your courier service is a joke.")


@pytest.mark.parametrize(
    "text",
    [
        "The printer is still broken after the engineer's visit.",
        "still can't get the speaker to pair after the reset",
    ],
)
def test_a_fault_that_persists_is_frustration_not_impatience(text: str) -> None:
    labels = _labels(text)
    assert "impatience" not in labels
    assert "frustration" in labels


@pytest.mark.parametrize(
    "text",
    [
        "Still no engineer and still no call back. Day six.",
        "The refund you promised still hasn't reached my account.",
    ],
)
def test_still_waiting_on_the_business_is_impatience(text: str) -> None:
    assert "impatience" in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I booked a table two hours ago and got no confirmation email.",
        "signed up about an hour ago and the welcome code never came",
    ],
)
def test_hours_ago_is_when_it_began_not_impatience(text: str) -> None:
    assert "impatience" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can I share a playlist with someone on a free plan?",
        "Is there any way to fix the echo on calls without a new headset?",
    ],
)
def test_a_plain_can_i_or_how_to_fix_question_is_not_anxiety(text: str) -> None:
    assert "anxiety" not in _labels(text)


def test_a_way_back_to_what_is_lost_is_still_anxiety() -> None:
    assert "anxiety" in _labels("The update wiped my notes. Is there a way to get them back?")


@pytest.mark.parametrize(
    "text",
    [
        "My premium badge vanished from the profile page. A quick reply would be appreciated.",
        "The invoice shows the wrong company name. I'd really appreciate it if someone corrected it.",
        "please unlock my account 🙏",
        "pls fix the login loop 🙏🙏",
    ],
)
def test_appreciation_promised_or_folded_hands_after_a_plea_are_not_gratitude(text: str) -> None:
    assert "gratitude" not in _labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I really appreciate you sorting the refund so quickly.",
        "Thanks so much for fixing it 🙏",
    ],
)
def test_thanks_for_what_was_done_is_still_gratitude(text: str) -> None:
    assert "gratitude" in _labels(text)


@pytest.mark.parametrize("text", ["It synced the old version back after a restart O_o", "the balance says -0.00 o.O"])
def test_a_puzzled_face_reads_as_confusion(text: str) -> None:
    assert "confusion" in _labels(text)
