"""Coaching lines that fit the message and the draft they go into (issue 13, panel round 7): a normalizing line names
a specific problem or is not offered; a line a rewrite adds never concedes what the draft denies, nor clears the
customer of a slip whose consequence the draft keeps; a draft's answer to praise stays; a flat refusal or waiting
time to a bereaved, ill or endangered customer keeps its fact, said knowing it is hard to hear. Every example is
written for these tests (no dev-set or panel sentence)."""

from __future__ import annotations

import re

import pytest

from empathic.pipeline import Coach
from empathic.suggest import rewrite
from empathic.suggest.registers import register_for
from empathic.suggest.rewrite import answers_praise, contradicted
from empathic.suggest.slots import slots_for
from empathic.types import Exchange


@pytest.mark.parametrize("message", [
    "My wireless headphones won't pair with anything since yesterday, so annoying.",
    "My gift card shows a zero balance although I never used it, I'm really fed up.",
    "My kettle has stopped heating after two weeks and I'm honestly fed up.",
])
def test_no_normalizing_topic_without_a_named_problem(message: str) -> None:
    # "Trouble with your kettle is a more common snag than you'd think" could be said to anyone (panel rounds 4-7)
    slots = slots_for(Coach().run(Exchange(customer=message)))
    assert slots is not None
    assert slots.topic == "", slots.topic


@pytest.mark.parametrize(("message", "topic"), [
    ("They took the payment twice for my gym class and I'm annoyed.", "a double charge"),
    ("My camera won't charge at all and I'm so frustrated.", "a camera that stops working"),
])
def test_a_named_problem_keeps_its_topic(message: str, topic: str) -> None:
    slots = slots_for(Coach().run(Exchange(customer=message)))
    assert slots is not None and slots.topic == topic


# ---- a rewrite's new line never says what the draft goes on to deny (draft_fit.toml) ------------------------------

@pytest.mark.parametrize(("customer", "draft"), [
    ("My gym membership jumped from 20 to 35 a month and nobody told me the intro rate would end. Really annoyed.",
     "Hi, the introductory rate and its end date are set out in your membership agreement. We can talk you through "
     "the other plans."),
    ("The streaming bundle went up by six pounds this month and it was never mentioned to me. Not happy at all.",
     "Hello, we emailed all subscribers about the new prices in August. You can switch to the basic bundle at any "
     "time."),
])
def test_no_line_agrees_nobody_said_what_the_draft_says_was_said(customer: str, draft: str) -> None:
    out = rewrite(customer, draft).rewritten
    added = [s for s in _sentences(out) if s not in _sentences(draft)]
    # the line reflects the next reason the customer gave (the rise itself), not the one the draft denies
    assert added, out
    assert not any(contradicted(s, _sentences(draft)) for s in added), out
    assert not re.search(r"nobody told|never mentioned", out, re.IGNORECASE), out


@pytest.mark.parametrize(("customer", "draft"), [
    ("I booked the hotel for the wrong weekend, completely my own fault, I'm such an idiot. Can the dates be changed?",
     "Unfortunately prepaid rates can't be changed or refunded. You're welcome to make a new booking for the right "
     "dates."),
    ("Ugh, I forgot to cancel the free trial before it ended, so stupid of me. Can I get the annual fee back?",
     "Hi, the annual fee is non-refundable once the trial has ended. You can turn off auto-renew in your settings."),
])
def test_reassurance_beside_a_kept_consequence_does_not_deny_the_slip(customer: str, draft: str) -> None:
    result = rewrite(customer, draft)
    out = result.rewritten
    assert "self-criticism unaddressed: added reassurance" in result.changes, out
    assert not re.search(r"not on you|not your fault|anything wrong|get this sorted|easy to put right", out,
                         re.IGNORECASE), out


def test_a_draft_that_keeps_nothing_from_the_customer_lets_the_slip_be_cleared() -> None:
    # "it can take a day to reconnect" refuses nothing: clearing the customer of the slip still fits
    assert not contradicted("Please don't be hard on yourself: it's not on you.",
                            ["Once it's paid, the line can take up to a day to come back on."])
    assert contradicted("Please don't be hard on yourself: it's not on you.",
                        ["The booking fee still stays payable."])


@pytest.mark.parametrize(("customer", "draft"), [
    ("I'm hopeless with these apps, I managed to wipe my whole playlist. Can you get it back?",
     "Deleted playlists can't be restored, sorry. You can rebuild it from your listening history."),
])
def test_a_reassurance_is_found_beside_a_refusal_without_clearing_the_customer(customer: str, draft: str) -> None:
    result = rewrite(customer, draft)
    added = [s for s in _sentences(result.rewritten) if s not in _sentences(draft)]
    assert added, result.rewritten
    assert not any(contradicted(s, _sentences(draft)) for s in added), result.rewritten


# ---- a draft's warm answer to praise stays ------------------------------------------------------------------------

@pytest.mark.parametrize(("customer", "draft", "warm"), [
    ("Love the new recipe boxes, but this week's delivery arrived with the chilled bag split open and I'm really "
     "annoyed.",
     "So glad you like the recipes! Please send us a photo of the damaged bag and we'll credit the meals.",
     "So glad you like the recipes!"),
    ("Really enjoying the meditation app so far. Only problem: it logged me out and my 60-day streak vanished, which "
     "is so annoying.",
     "Glad you're enjoying it! Streaks are saved on your device, so please sign in on the same phone.",
     "Glad you're enjoying it!"),
    ("We love the new sofa, honestly. But one of the cushions came with a long tear in the seam and I'm fed up of "
     "waiting for a reply.",
     "Delighted to hear you love the sofa! Please send a photo of the tear to our care team and they'll arrange a "
     "new cover.",
     "Delighted to hear you love the sofa!"),
])
def test_a_rewrite_keeps_the_answer_to_praise_first(customer: str, draft: str, warm: str) -> None:
    result = rewrite(customer, draft)
    assert result.rewritten != draft, "a reflection of the trouble is added"
    assert result.rewritten.startswith(warm + " "), result.rewritten


def test_an_answer_to_praise_the_customer_never_gave_is_not_kept_for_it() -> None:
    assert answers_praise("So glad you like the recipes!", "Loving the recipes, but the box was late.")
    assert not answers_praise("So glad you like the recipes!", "I'd love to know why the box was late again.")


# ---- a flat policy sentence in a grave moment keeps its fact, said knowing it is hard to hear ---------------------

@pytest.mark.parametrize(("customer", "draft", "fact"), [
    ("My wife passed away in June and I need to close her mobile contract. Another bill came this week and it's "
     "really upsetting.",
     "Hello, the final bill cannot be refunded. Please send a copy of the death certificate to close the account.",
     "the final bill cannot be refunded."),
    ("I'm going through chemo and I can't get to the shops. My grocery order has been cancelled twice now and I'm "
     "really worried.",
     "Hi, please allow 5 working days for our team to look into the cancellations. You can rebook a slot in the app.",
     "please allow 5 working days for our team to look into the cancellations."),
    ("My dad died last month and I'm handling his estate, and the letters keep coming addressed to him.",
     "I'm so sorry for the loss of your dad. Accounts of a customer who has died are closed in the order they are "
     "received, and we aim to close them within 4 weeks.",
     "accounts of a customer who has died are closed in the order they are received"),
])
def test_a_hard_fact_in_a_grave_moment_is_kept_and_framed(customer: str, draft: str, fact: str) -> None:
    result = rewrite(customer, draft)
    out = result.rewritten
    frame = register_for(customer).cold_frame
    assert frame, "a grave register"
    assert f"{frame} {fact}" in out, out
    assert out.count(frame) == 1, out


def test_an_everyday_waiting_time_is_not_framed() -> None:
    out = rewrite("Our bin has been missed for three weeks running and it's really annoying.",
                  "Hi, please allow 10 working days for the crew to respond to missed collections.").rewritten
    assert "what you need" not in out, out
    assert "Please allow 10 working days for the crew to respond to missed collections." in out, out


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
