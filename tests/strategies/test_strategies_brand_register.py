"""Brand replies on a public channel (issue 12): the strategies said in the register real agents use there.

LABELS.md "Hard cases, settled" in the project's own words: an apology that gives the customer the feeling
("sorry for your frustration") reflects, weakly without its reason, while a hedged apology ("sorry for any
frustration") or one for a muddle or bother ("sorry for the confusion", "the hassle") does not; a problem the
company has seen with other users, or one said to be a normal part of how a thing works, is normalized, while
a status notice, a denial or an explanation of a cause is not. The apology reflections and one commonality
fail on the code before; the rest pin the register down whichever of the rules and the head reads it.
"""

from __future__ import annotations

import pytest

from empathic import analyze

CUSTOMER = "@Brand my balance still shows the old amount after I topped up yesterday, what's going on??"


def found(reply: str, customer: str = CUSTOMER) -> list[str]:
    return analyze(customer, reply).strategies


@pytest.mark.parametrize(
    "reply",
    [
        "@kelso_j We're sorry for the stress the missing top-up has caused you. Can you DM us the date?",
        "@kelso_j Really sorry about your frustration here, Kel. Our team is looking into the balance now.",
        "@kelso_j Apologies for the worry over the balance, it should update within the hour.",
        "@kelso_j Sorry for the long wait and annoyance this week, we've passed it to billing.",
    ],
)
def test_an_apology_that_gives_the_customer_the_feeling_reflects(reply: str) -> None:
    assert found(reply) == ["reflecting_emotion"]


def test_an_apology_with_its_reason_is_a_full_reflection() -> None:
    a = analyze(CUSTOMER, "So sorry for the stress of checking a balance that won't move after you paid.")
    assert a.strategies == ["reflecting_emotion"]
    assert "missing_reason" not in {p.kind for p in a.pitfalls}
    assert "reflecting.py:weak_reflection" not in {e.id for f in a.findings for e in f.evidence}


@pytest.mark.parametrize(
    "reply",
    [
        "@kelso_j Apologies for any frustration this may cause, the balance updates overnight.",
        "@kelso_j Sorry for the confusion about the top-up date, it went through on Monday.",
        "@kelso_j Sorry for the hassle with the app, please try logging out and in again.",
        "@kelso_j Sorry for the delay in getting back to you. Could you DM us your number?",
        "@kelso_j We apologise for the inconvenience. Here's how to check a payment: https://example.com/help",
    ],
)
def test_hedged_or_situation_apologies_are_no_strategy(reply: str) -> None:
    assert found(reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "@kelso_j We've seen the same delay with other customers who topped up by card this week.",
        "@kelso_j Other subscribers have reported the same lag after yesterday's update, and we're on it.",
        "@kelso_j It's a normal part of how top-ups clear: the balance can lag for up to a day.",
        "@kelso_j It's perfectly normal for a card top-up to take a few hours to show in the app.",
    ],
)
def test_seen_with_other_users_or_a_normal_part_of_how_it_works_normalizes(reply: str) -> None:
    assert found(reply) == ["normalizing"]


@pytest.mark.parametrize(
    "reply",
    [
        "@kelso_j We're aware of an issue affecting some accounts and are working on a fix.",
        "@kelso_j We haven't seen this with other customers, so could you DM us a screenshot?",
        "@kelso_j This usually means the payment was declined by your bank.",
        "@kelso_j It should not happen, so please send us the reference number.",
        "@kelso_j You can ask other users for tips in our community forum: https://example.com/forum",
        "@kelso_j It's easy to promise a quick fix but harder to deliver one, so we'll check it properly.",
    ],
)
def test_status_notices_denials_causes_and_sayings_are_no_strategy(reply: str) -> None:
    assert found(reply) == []
