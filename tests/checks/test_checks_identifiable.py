"""identifiable_customer: names, places, addresses and account details of other customers."""

from __future__ import annotations

import pytest

from empathic.checks.identifiable import identifiable_customer

CUSTOMER = "My broadband has been down since Monday and I work from home."


@pytest.mark.parametrize(
    "reply",
    [
        "Mrs. Patel rang about the same outage this morning. An engineer is booked.",
        "Mrs P from the corner shop had the same fault. An engineer is booked.",
        "Dr Evans had exactly the same fault last week. An engineer is booked.",
        "Funnily enough, Martin Clarke on the next road had the same thing. An engineer is booked.",
        "A lady from Swindon had the same router fail yesterday. An engineer is booked.",
        "The gentleman at 12 Park Avenue had the same fault on Friday. An engineer is booked.",
        "Your next-door neighbour rang about the same thing yesterday. An engineer is booked.",
        "Someone in your building, flat 3C, reported it too. An engineer is booked.",
        "Another customer, account 55102387, had the same fault and she was furious. An engineer is booked.",
        "The manager of the Riverside Cafe had the same problem on Tuesday. An engineer is booked.",
        "Someone else on Maple Drive had the same fault last week. An engineer is booked.",
        "Your neighbour Dave had the same thing last month. An engineer is booked.",
        "The guy from number 12 rang about his router yesterday. An engineer is booked.",
        "One of our other customers, who runs the bakery on the high street, had the same fault. Engineer booked.",
    ],
)
def test_another_identifiable_customer_is_flagged(make, reply: str) -> None:
    found = identifiable_customer(make(CUSTOMER, reply))
    assert [p.kind for p in found] == ["identifiable_customer"], reply
    assert found[0].severity == "error"
    assert found[0].span is not None and found[0].span.text in reply


@pytest.mark.parametrize(
    "reply",
    [
        "Other customers in your area have had the same fault, and we've found the cause. An engineer is booked.",
        "A lot of people working from home have been hit by this outage. An engineer is booked.",
        "Our engineer Sam will be with you between 8 and 12. Go to Settings > Network to check the line.",
        "Hi Priya,\n\nAn engineer is booked for Tuesday morning.\n\nBest wishes,\nTom Baker\nCustomer Care",
        "I'm sorry about the outage. Your account number 40021 has been credited for five days.",
        "I had the same thing in my flat last year, and my neighbour's line went too. An engineer is booked.",
        "Someone from our Manchester team will call you within the hour.",
        "An engineer from Openreach will arrive at 10am.",
    ],
)
def test_generic_or_own_people_are_not_flagged(make, reply: str) -> None:
    assert identifiable_customer(make(CUSTOMER + " Priya", reply)) == [], reply


def test_customers_own_name_is_not_another_customer(make) -> None:
    customer = "Hello, this is Gareth Hughes. My broadband is down."
    reply = "Thanks Gareth. I've checked the line for Gareth Hughes at your address and booked an engineer."
    assert identifiable_customer(make(customer, reply)) == []


def test_message_says_why_it_matters(make) -> None:
    (pitfall,) = identifiable_customer(make(CUSTOMER, "Mr. Okoro at 9 Mill Road had the same problem."))
    assert "privacy" in pitfall.message
    assert "a customer's name" in pitfall.message and "an address" in pitfall.message
