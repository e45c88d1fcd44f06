"""Whose story a relating reading tells (LABELS.md: relating needs the agent's own similar situation).

What someone else did to the agent's own things is still the agent's story ("someone kept trying to get into my
email"), while a story told of what the company written to did to the teller ("you guys promised me a callback")
is a customer's grievance, not relating, whatever detector proposed it. Sentences in the project's own words.
"""

from __future__ import annotations

import pytest

from empathic import evidence as ev
from empathic.segment import segment
from empathic.strategies.resolve import follow_conventions
from empathic.types import Analysis, CustomerSignals, Exchange, Finding, Span

CUSTOMER = "Somebody got into my account last night and changed the password, I'm really shaken."


def _learned_story(reply: str, customer: str = CUSTOMER) -> tuple[list[Finding], list[Finding]]:
    """A learned relating candidate over the whole reply, passed through the resolver's conventions."""
    analysis = Analysis(exchange=Exchange(customer=customer, reply=reply))
    segment(analysis)
    analysis.customer = CustomerSignals()
    candidate = Finding("relating_experience", Span.of(reply, 0, len(reply)), 0.9, source="model")
    rejected: list[Finding] = []
    return follow_conventions(analysis, [candidate], rejected), rejected


@pytest.mark.parametrize(
    "reply",
    [
        "Someone from abroad kept trying to get into my email last spring, so I know that sinking feeling.",
        "A stranger in another city used my card details to book flights once, and I was rattled for weeks.",
    ],
)
def test_what_another_did_to_the_agents_own_things_is_the_agents_story(reply: str) -> None:
    kept, rejected = _learned_story(reply)
    assert [f.strategy for f in kept] == ["relating_experience"], [e.id for r in rejected for e in r.evidence]


@pytest.mark.parametrize(
    "reply",
    [
        "A customer in Leeds, Mr. Patel, had the same issue yesterday.",
        "The last customer I spoke to had exactly the same problem.",
    ],
)
def test_another_customers_story_is_still_not_the_agents(reply: str) -> None:
    kept, rejected = _learned_story(reply)
    assert kept == []
    assert ev.SOMEONE_ELSES_STORY in {e.id for r in rejected for e in r.evidence}


@pytest.mark.parametrize(
    "reply",
    [
        "I rang three times last week and you guys promised me a refund by Friday.",
        "I've been with you for six years and your engineer told me the line was fixed, then y'all billed me again.",
    ],
)
def test_a_grievance_against_the_company_written_to_is_no_story(reply: str) -> None:
    kept, rejected = _learned_story(reply, customer="We're proud to support local food banks this winter!")
    assert kept == []
    assert ev.TO_READER in {e.id for r in rejected for e in r.evidence}


@pytest.mark.parametrize(
    "reply",
    [
        "You said you lost your job, and I lost mine last year too, so I know how scary it is.",
        "When my own account was hacked two years ago I felt sick for days.",
    ],
)
def test_the_agents_own_story_with_the_reader_in_its_frame_stays(reply: str) -> None:
    kept, _ = _learned_story(reply)
    assert [f.strategy for f in kept] == ["relating_experience"]
