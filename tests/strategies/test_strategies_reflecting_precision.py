"""Precision of the reflecting_emotion rules: a feeling word the reply names but does not give the customer.

Each case pairs a sentence the rules must leave alone (a feeling that is the benefit of advice, a
condition, a wish, someone else's, the agent's own, a general remark, effort, a conceded bare
verdict) with a real reflection of a similar shape that must still be found, so tightening the
rules cannot quietly cost recall. Inputs are written by hand for these tests.
"""

from __future__ import annotations

import pytest

from empathic.segment import segment
from empathic.strategies.reflecting import RULES
from empathic.types import Analysis, CustomerSignals, Exchange

CUSTOMER = "My landlord wants me out by the end of the month and I haven't slept properly in days."


def flagged(reply: str, customer: str = CUSTOMER) -> list[str]:
    """The reply sentences the reflecting rules flag (customer side left neutral: no feeling is blocked)."""
    analysis = Analysis(exchange=Exchange(customer=customer, reply=reply))
    segment(analysis)
    analysis.customer = CustomerSignals()
    return [f.span.text for f in RULES.detect(analysis)]


def reflects(reply: str) -> bool:
    """True when the rules flag any sentence of ``reply``."""
    return bool(flagged(reply))


def check(not_reflecting: str, reflecting: str) -> None:
    assert not reflects(not_reflecting), f"flagged: {not_reflecting}"
    assert reflects(reflecting), f"missed: {reflecting}"


@pytest.mark.parametrize(
    ("not_reflecting", "reflecting"),
    [
        ("A short walk every evening can really ease your anxiety.", "Your anxiety makes complete sense."),
        (
            "Writing a list before bed will make you less nervous about the morning.",
            "A letter like that would make anyone lie awake, no wonder you're nervous about the morning.",
        ),
        ("Once the paperwork is signed you will worry less.", "You must be worried sick about the paperwork."),
        ("Breathing slowly for a minute helps with your stress.", "I can hear how stressed you are."),
        ("Your stress levels will drop once the move is behind you.", "Moving at a month's notice is stressful."),
        (
            "Joining a climbing class could help you conquer your fear of heights.",
            "It's frightening to be told to leave your home with a month's notice.",
        ),
    ],
)
def test_feeling_as_the_benefit_of_advice_is_not_reflected(not_reflecting: str, reflecting: str) -> None:
    check(not_reflecting, reflecting)


def test_advice_after_a_real_reflection_keeps_the_reflection() -> None:
    reply = "I can see you're anxious about the eviction, and a walk in the evening might ease the anxiety."
    assert flagged(reply) == [reply]
    assert not reflects("A walk in the evening might ease your anxiety about the eviction.")


@pytest.mark.parametrize(
    ("not_reflecting", "reflecting"),
    [
        ("You can ring the night line any time you're feeling low.", "You're feeling low, and that's understandable."),
        (
            "Even if you're feeling nervous at the viewing, there are ways to come across as calm.",
            "You're nervous about the viewing, which makes sense after this month.",
        ),
        (
            "You could always bring a friend along to the meeting if it's hard for you.",
            "It's hard for you to face that meeting alone after the way he spoke to you.",
        ),
    ],
)
def test_a_feeling_inside_a_condition_is_not_reflected(not_reflecting: str, reflecting: str) -> None:
    check(not_reflecting, reflecting)


@pytest.mark.parametrize(
    ("not_reflecting", "reflecting"),
    [
        (
            "I wish you all the best in getting through this hard stretch with the flat.",
            "This stretch with the flat has been hard on you, with no sleep on top.",
        ),
        ("I hope the next few weeks feel less stressful for you.", "These weeks must be so stressful for you."),
    ],
)
def test_a_wish_is_not_a_reflection(not_reflecting: str, reflecting: str) -> None:
    check(not_reflecting, reflecting)


@pytest.mark.parametrize(
    ("not_reflecting", "reflecting"),
    [
        (
            "It sounds like you have been working really hard to find a new place.",
            "It sounds like finding a new place in a month has been really hard on you.",
        ),
        (
            "You seem like a really hard working tenant who pays on time.",
            "You seem really worn down by all of this.",
        ),
    ],
)
def test_working_hard_is_effort_not_an_appraisal(not_reflecting: str, reflecting: str) -> None:
    check(not_reflecting, reflecting)


@pytest.mark.parametrize(
    ("not_reflecting", "reflecting"),
    [
        (
            "Maybe they were afraid to say anything to you about the landlord.",
            "You must be so worried about your parents driving home in the dark.",
        ),
        (
            "I know some tenants feel awkward about asking the council for help.",
            "I know you feel awkward about asking the council for help.",
        ),
        (
            "I get so nervous myself whenever a brown envelope lands on the mat.",
            "I was scared stiff when it happened to me, so it makes sense that you're feeling this way.",
        ),
        (
            "Your neighbours were upset to hear you are leaving.",
            "Being told to leave by someone you trusted with your home is upsetting.",
        ),
        # a team's own feeling (LABELS.md "The agent's own feelings"): nothing gives it to the customer
        (
            "We're really saddened to hear the removal van never came.",
            "You must be really saddened that the removal van never came.",
        ),
        (
            "We were so disappointed to learn the landlord kept your deposit.",
            "You must be so disappointed that the landlord kept your deposit.",
        ),
    ],
)
def test_someone_elses_feeling_is_not_the_customers(not_reflecting: str, reflecting: str) -> None:
    check(not_reflecting, reflecting)


@pytest.mark.parametrize(
    ("not_reflecting", "reflecting"),
    [
        (
            "You have to be careful, because it is hard to trust anyone these days.",
            "After a landlord lets you down like this, it is hard for you to trust anyone.",
        ),
        (
            "You're thinking this through well, but emotions are hard to process.",
            "You're thinking this through well, and I can tell how anxious you are.",
        ),
        (
            "It will be stressful at first while you learn the new system.",
            "It must have been stressful at first when the new system went live.",
        ),
        (
            "You are doing well by talking to me about your anxiety.",
            "Your anxiety about the move comes through in every line.",
        ),
    ],
)
def test_general_remarks_and_feelings_as_a_topic_are_not_reflected(not_reflecting: str, reflecting: str) -> None:
    check(not_reflecting, reflecting)


@pytest.mark.parametrize(
    ("not_reflecting", "reflecting"),
    [
        (
            "I know it's hard, but you've got this.",
            "I know it's frustrating, but the council has to answer within ten days.",
        ),
        (
            "That is really tough, but I think you can win this one.",
            "That's awful, but we can get an adviser on the phone today.",
        ),
        (
            "It's hard, but you will find somewhere better.",
            "It's hard, but I can tell how exhausted you are by all of this.",
        ),
    ],
)
def test_a_bare_verdict_conceded_before_encouragement_is_not_reflected(not_reflecting: str, reflecting: str) -> None:
    check(not_reflecting, reflecting)


def test_a_difficulty_verdict_is_no_reflection_even_with_its_reason() -> None:
    # LABELS.md "Hard cases, settled": "that sounds hard", "this must be difficult" judge the event and
    # name no feeling, with or without the reason; an effect word ("awful", "upsetting") reflects.
    check("That must be so hard.", "It must be so upsetting to lose the flat you raised your kids in.")
    check("It must be so hard to lose the flat you raised your kids in.", "That's awful.")
    check("Your situation is still tough, with the rent due and no reply.", "No wonder you're worried, rent's due.")
    check("That sounds really tough.", "That must be so stressful.")
