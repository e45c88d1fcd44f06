"""Earlier turns (issue 12, Build item 4): open feelings carry over, a solved matter calls for no empathy.

Coach.analyze takes the earlier turns; the conversation scorer and POST /v1/conversations/score pass them.
"""

from __future__ import annotations

import pytest

from empathic import Coach, analyze
from empathic.batch.conversation import analyse_conversation
from empathic.batch.records import conversation_record
from empathic.errors import InputError
from empathic.listen.context import read_turn
from empathic.types import Turn

ANGRY = "I've been billed for two broadband lines I never ordered and I'm livid."
FIXED = "I've removed both lines and refunded the charges."
PLAIN = "Done, you're on the family plan."


def history(*texts: str) -> list[Turn]:
    """Alternating customer/agent turns, customer first."""
    return [Turn(role="customer" if i % 2 == 0 else "agent", text=t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    "follow_up",
    [
        "Thanks, that's sorted then. Can you also put me on the family plan?",
        "Great, thank you! Family plan next please.",
        "Ok it's working now. Could you move me to the family plan?",
        "Brilliant, the refund came through. Now the family plan, please.",
        "Cheers, all sorted. I was so angry earlier, sorry. Family plan please.",
        "Yes please, go ahead with the family plan.",
    ],
)
def test_a_plain_follow_up_after_the_problem_is_solved_is_not_needed(follow_up: str) -> None:
    a = analyze(follow_up, PLAIN, context=history(ANGRY, FIXED))
    assert a.opportunity_class == "not_needed"
    assert a.score >= 90
    assert not [t for t in a.tips if t.kind == "gap"]


@pytest.mark.parametrize(
    "follow_up",
    [
        "Thanks, but it's still showing both lines on my bill.",
        "Ok, but I'm still furious it took three calls.",
        "The refund hasn't come through and I'm fed up.",
    ],
)
def test_a_follow_up_that_keeps_the_matter_open_still_needs_empathy(follow_up: str) -> None:
    a = analyze(follow_up, PLAIN, context=history(ANGRY, FIXED))
    assert a.opportunity_class == "needed_but_missing"


@pytest.mark.parametrize(
    "answer", ["It's 55512345.", "The account is in my wife's name, Jo Smith.", "Postcode is AB1 2CD."]
)
def test_feelings_of_earlier_turns_stay_open_until_closed(answer: str) -> None:
    alone = analyze(answer, "I've refunded the second charge.")
    later = analyze(
        answer, "I've refunded the second charge.", context=history(ANGRY, "Can you send me your account number?")
    )
    assert alone.opportunity_class == "not_needed"
    assert later.opportunity_class == "needed_but_missing"
    assert later.opportunity > alone.opportunity
    # the tip names the feeling the customer showed earlier, not a stock one
    assert any(t.kind == "gap" and "angry" in t.text for t in later.tips)


def test_a_closing_turn_closes_the_feelings_before_it() -> None:
    ctx = history(ANGRY, FIXED, "Thanks, that's all working now.", "Anything else I can help with?")
    a = analyze("What's the cheapest plan with unlimited data?", "Unlimited Lite, at £15 a month.", context=ctx)
    assert a.opportunity_class == "not_needed"


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("Thanks, that's sorted.", True),
        ("Ok, that works.", True),
        ("It's working again now.", True),
        ("No thanks, I still want a refund.", False),
        ("How do I change my email? Thanks!", False),
        ("Thanks in advance for sorting this.", False),
        ("Yes. It's still showing an error.", False),
    ],
)
def test_which_messages_close_the_matter(text: str, closes: bool) -> None:
    assert read_turn(text).closes is closes


def test_context_must_be_turns() -> None:
    with pytest.raises(InputError, match="context"):
        Coach().analyze("Hello", "Hi", context=["not a turn"])  # type: ignore[list-item]


def test_the_conversation_scorer_passes_earlier_turns(coach) -> None:  # type: ignore[no-untyped-def]
    turns = [
        ("customer", ANGRY),
        ("agent", FIXED),
        ("customer", "Thanks, that's sorted. Can you put me on the family plan?"),
        ("agent", PLAIN),
    ]
    rec = conversation_record(
        id="c1", agent_id="a", source="test", file="in.jsonl", line=1, default_ts="2024-01-01T00:00:00Z",
        turns=[{"role": r, "text": t} for r, t in turns],
    )
    out = analyse_conversation(rec, coach)
    classes = [t["analysis"]["opportunity_class"] for t in out["turns"]]
    assert classes[1] == "not_needed"
    assert out["turns"][1]["analysis"]["score"] >= 90
