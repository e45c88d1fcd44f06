"""relating_experience in the peer-support register: the agent's own situation told without a story frame.

Peers relate with a similarity marker and their own case ("Same here, been off work for months"), a
first-person clause with "too"/"either", or a present trouble that shares the other person's topic.
LABELS.md still rules: a bare marker ("same", "I feel you") is bare understanding, and advice,
wishes, offers, opinions, work on the case and asides are not the agent's own similar situation.
Every test pairs a reply that relates with a near miss, so it checks both sides of the line.
All inputs are written for these tests.
"""

from __future__ import annotations

import pytest

from empathic import Coach
from empathic.types import Analysis

STRATEGY = "relating_experience"
LOW = {"sadness": 0.8}


def relating(analysis: Analysis) -> list[str]:
    return [f.span.text for f in analysis.findings if f.strategy == STRATEGY]


@pytest.mark.parametrize(
    ("customer", "relates", "near_miss"),
    [
        (
            "I'm so worn out lately, all I want to do is stay under the duvet.",
            "Same. I just want to hide under the covers until spring.",
            "Same.",
        ),
        (
            "Been awake since 3 again, my head won't switch off.",
            "me too... I keep replaying every conversation from the week",
            "me too",
        ),
        (
            "Two years of this low mood and nothing seems to shift it.",
            "Same here, been stuck in it since my divorce.",
            "Same here, I'll be thinking of you.",
        ),
        (
            "Got made redundant on Friday and I feel like a failure.",
            "I'm in the same boat, lost my warehouse job in October.",
            "I'm in the same boat.",
        ),
        (
            "I feel so lonely since moving to this city.",
            "I know exactly how you feel, I barely speak to anyone outside work.",
            "I know exactly how you feel, I hope it gets easier.",
        ),
        (
            "Anyone else dread Sunday evenings? The whole night is ruined for me.",
            "I do. I spend every Sunday night with a knot in my stomach.",
            "I do. You should try planning something nice for Sunday nights.",
        ),
    ],
)
def test_a_marker_relates_only_with_the_agents_own_situation_after_it(
    run, customer: str, relates: str, near_miss: str
) -> None:
    assert relating(run(relates, customer, emotions=LOW)), relates
    assert not relating(run(near_miss, customer, emotions=LOW)), near_miss


@pytest.mark.parametrize(
    ("customer", "relates", "near_miss"),
    [
        (
            "I can't go to parties unless I've had a few drinks first.",
            "I can't face a party sober either, it's miserable.",
            "I can't see the invite on my side either.",
        ),
        (
            "Lost and scared and I don't know who to talk to.",
            "Happy to listen if you want to vent, I feel lost too.",
            "Happy to listen if you want to vent, DM me anytime.",
        ),
        (
            "I feel like such a burden to everyone around me.",
            "I've felt like a burden for most of this year as well.",
            "I hope you feel better soon as well.",
        ),
        (
            "Feel so disconnected from everyone, like I'm watching life through glass.",
            "I experience this all the time, especially at family dinners.",
            "I get that, it must be exhausting.",
        ),
    ],
)
def test_a_first_person_clause_with_too_or_either_relates(run, customer: str, relates: str, near_miss: str) -> None:
    assert relating(run(relates, customer, emotions=LOW)), relates
    assert not relating(run(near_miss, customer, emotions=LOW)), near_miss


@pytest.mark.parametrize(
    ("customer", "relates", "near_miss"),
    [
        (
            "I haven't had a real friend since school and it's eating me up.",
            "I haven't had a close friend in about six years.",
            "I think you should try a local club, friendships take time.",
        ),
        (
            "My depression makes it impossible to keep on top of the house.",
            "My depression has me leaving dishes for a week at a time.",
            "I would suggest doing one small job a day for the house.",
        ),
        (
            "The factory's closing and I'll be out of a job by March. I'm terrified.",
            "I haven't had steady work since my own plant shut.",
            "I can't get my toddler to sleep past five these days.",
        ),
        (
            "I can't sleep without the telly on, the quiet gets to me.",
            "I can't sleep in silence anymore, the quiet is the worst part.",
            "I'm here if you ever want to talk at night.",
        ),
    ],
)
def test_a_present_trouble_on_the_customers_topic_relates(run, customer: str, relates: str, near_miss: str) -> None:
    """Without a marker the agent's trouble must be the customer's kind of trouble; another is an aside."""
    assert relating(run(relates, customer, emotions=LOW)), relates
    assert not relating(run(near_miss, customer, emotions=LOW)), near_miss


def test_the_span_starts_at_the_disclosure_not_at_the_offer_before_it(run) -> None:
    analysis = run(
        "Happy to chat whenever, I feel invisible at work too.",
        "Nobody at work ever notices me, I feel invisible.",
        emotions=LOW,
    )
    assert relating(analysis) == ["I feel invisible at work too."]


def test_the_span_takes_in_the_marker_sentence(run) -> None:
    customer = "So tired of everything, I'd sleep forever if I could."
    analysis = run("Same. I just want to sleep for a week.", customer, emotions=LOW)
    assert relating(analysis) == ["Same. I just want to sleep for a week."]


@pytest.mark.parametrize(
    ("customer", "relates", "near_miss"),
    [
        (
            "The app logged me out three times today and I'm so fed up with it.",
            "I never manage to stay logged in on my phone either, it's infuriating.",
            "I've logged a ticket with our developers too, it should be fixed soon.",
        ),
        (
            "Your engineer didn't turn up and I took the day off work for nothing. Furious.",
            "Same here, I lost a day's pay waiting for a plumber last month.",
            "Same here, I'll call the engineer's manager now.",
        ),
        (
            "Do you realise how long I've been waiting for this refund? Six weeks!",
            "I end up chasing refunds from shops constantly too, it wears me down.",
            "I work on the refunds team and I sit right by the payments desk.",
        ),
        (
            "I can't get through to anyone on the phone, I've been on hold for an hour.",
            "I can't stand being stuck on hold either, it's maddening.",
            "I can't find your account on the phone system either, could you confirm your postcode?",
        ),
    ],
)
def test_customer_service_shared_troubles_relate_but_agent_work_does_not(
    run, customer: str, relates: str, near_miss: str
) -> None:
    signals = {"frustration": 0.8}
    assert relating(run(relates, customer, emotions=signals)), relates
    assert not relating(run(near_miss, customer, emotions=signals)), near_miss


@pytest.mark.parametrize(
    ("customer", "relates", "near_miss"),
    [
        (
            "Hi, I'm moving house next week, how do I move my broadband?",
            "Same here, been without internet for a week after every move.",
            "I'm moving flat this month too, it's a nightmare round here.",
        ),
        (
            "Hello, can you tell me if the blender comes with a spare jug?",
            "Me too, my old one has been missing its lid for ages.",
            "I'm a smoothie person myself, I can't start a day without one.",
        ),
    ],
)
def test_a_calm_customer_gets_no_unmarked_shared_trouble(run, customer: str, relates: str, near_miss: str) -> None:
    """A calm customer makes "too"/"myself" small talk an aside (story_irrelevant); a marker still relates."""
    assert relating(run(relates, customer, emotions={"neutral": 0.9})), relates
    assert not relating(run(near_miss, customer, emotions={"neutral": 0.9})), near_miss


@pytest.mark.parametrize(
    ("relates", "near_miss"),
    [
        ("I get so lonely at weekends too, you know?", "Do you get lonely at weekends too?"),
        ("I hardly talk to anyone some weeks either, right?", "Do you hardly talk to anyone some weeks?"),
    ],
)
def test_a_tag_question_ends_a_disclosure_but_a_real_question_asks(run, relates: str, near_miss: str) -> None:
    """"..., you know?" ends a statement (relating.toml tag_question); a question of the customer tells nothing."""
    customer = "I've been so lonely since my divorce, I barely talk to anyone all week and it's getting to me."
    assert relating(run(relates, customer, emotions=LOW)), relates
    assert not relating(run(near_miss, customer, emotions=LOW)), near_miss


@pytest.fixture(scope="module")
def coach() -> Coach:
    return Coach()


@pytest.mark.parametrize(
    ("customer", "said_no", "without_no"),
    [
        (
            "Does anyone else's phone die by lunchtime? Mine is useless and I'm sick of it.",
            "Nope. I charge mine every night.",
            "My phone lasts two days.",
        ),
        (
            "Is anyone else's train late every single morning? I'm fed up with it.",
            "Nah. I take the bus into town.",
            "I take the bus into town.",
        ),
    ],
)
def test_no_to_anyone_else_shares_nothing(coach: Coach, customer: str, said_no: str, without_no: str) -> None:
    """A "no" before the agent's own habit answers "anyone else?" (relating.toml answers_no): nothing shared."""
    assert not relating(coach.analyze(customer, said_no)), said_no
    assert relating(coach.analyze(customer, without_no)), without_no


@pytest.mark.parametrize(
    "reply",
    [
        "Same here. I've lost my will to unpack anything.",
        "Same here, I'm so tired I have no will to open a single box.",
    ],
)
def test_will_the_noun_is_no_future_said_to_the_customer(coach: Coach, reply: str) -> None:
    """"my will to ..." is the noun (relating.toml noun_will), so the clause stays the agent's own and relates."""
    customer = "I've been so tired since the move and I can't face unpacking."
    assert relating(coach.analyze(customer, reply)), reply


def _rule_ids(analysis: Analysis) -> set[str]:
    return {e.id for f in analysis.findings if f.strategy == STRATEGY for e in f.evidence if e.kind == "rule"}


@pytest.mark.parametrize(
    "reply",
    ["Me too, I feel relieved now mine works.", "Same here, I feel relieved now."],
)
def test_the_agents_own_good_feeling_after_a_marker_is_no_shared_trouble(coach: Coach, reply: str) -> None:
    """"I feel relieved" after "me too" is the agent's own good feeling (relating.toml glad): no relating rule
    proposes it (the strategy head may still; the rules must not vouch for it)."""
    customer = "My boiler broke in the cold snap and I'm so stressed out."
    assert not {i for i in _rule_ids(coach.analyze(customer, reply)) if i.startswith("relating.")}, reply
