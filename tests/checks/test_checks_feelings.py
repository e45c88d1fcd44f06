"""emotion_mismatch, missing_reason and self_criticism_unaddressed."""

from __future__ import annotations

import pytest

from empathic import analyze
from empathic.checks.emotion_mismatch import emotion_mismatch
from empathic.checks.missing_reason import missing_reason
from empathic.checks.self_criticism import self_criticism_unaddressed
from empathic.facts.feelings import family

ANGRY = "You cut off my water with no warning and I have guests arriving. I'm furious."


@pytest.mark.parametrize(
    "reply",
    [
        "Glad you're excited about the new meter! Supply is back at 5pm.",
        "Sounds like you're having a great day! Supply is back at 5pm.",
        "It's completely normal to feel nervous about this. Supply is back at 5pm.",
        "I can tell you're feeling a bit sad about it. Supply is back at 5pm.",
        "Love the enthusiasm! Supply is back at 5pm.",
        "Lots of people feel nervous when this happens. Supply is back at 5pm.",
        "Sounds like you're a bit bored! Supply is back at 5pm.",
    ],
)
def test_feeling_the_customer_does_not_have_is_a_mismatch(make, reply: str) -> None:
    found = emotion_mismatch(make(ANGRY, reply, emotions=["anger"]))
    assert [p.kind for p in found] == ["emotion_mismatch"], reply
    assert found[0].span is not None and found[0].span.text == reply.split(" Supply")[0]


@pytest.mark.parametrize(
    "reply",
    [
        "I'd be livid too if my water went off with guests on the way. Supply is back at 5pm.",
        "Having your water cut off with no warning is infuriating. Supply is back at 5pm.",
        "It's really frustrating to lose your water just as guests arrive. Supply is back at 5pm.",
        "That's a stressful thing to deal with before guests arrive. Supply is back at 5pm.",
        "I'm so sorry for any confusion. Supply is back at 5pm.",
        "We're happy to help. Supply is back at 5pm.",
        "Please don't worry, supply is back at 5pm.",
        "The engineer was probably embarrassed too. Supply is back at 5pm.",
        "Anyone would be furious after that. Supply is back at 5pm.",
        "Are you worried about the guests? Supply is back at 5pm.",
    ],
)
def test_matching_generic_or_agent_feelings_are_fine(make, reply: str) -> None:
    assert emotion_mismatch(make(ANGRY, reply, emotions=["anger"])) == [], reply


def test_families_follow_the_labelling_guide() -> None:
    assert family("impatience") == family("frustration") == family("anger")
    assert family("fear") == family("anxiety")
    assert family("disappointment") == family("sadness")
    assert family("confusion") != family("anger")


def test_same_family_is_not_a_mismatch(make) -> None:
    analysis = make(
        "Still no refund after 3 weeks.",
        "I can see you're frustrated that it's taken this long.",
        emotions=["impatience"],
    )
    assert emotion_mismatch(analysis) == []


def test_agents_own_story_feelings_are_not_the_customers(make) -> None:
    reply = "When my card was swallowed I was terrified and embarrassed. Your new card arrives Monday."
    analysis = make(
        "The ATM ate my card, I'm so angry.",
        reply,
        findings=[("relating_experience", "When my card was swallowed I was terrified and embarrassed.")],
        emotions=["anger"],
    )
    assert emotion_mismatch(analysis) == []


def test_pleasant_reply_to_a_grateful_customer_is_fine(make) -> None:
    analysis = make(
        "Thanks so much for the quick refund!", "Glad you're happy with it! Enjoy your weekend.", emotions=["gratitude"]
    )
    assert emotion_mismatch(analysis) == []


def test_no_customer_emotions_means_nothing_to_compare(make) -> None:
    assert emotion_mismatch(make("Order 123?", "Glad you're excited!")) == []


def test_cheer_for_a_clearly_unhappy_message_is_a_mismatch_without_named_feelings(make) -> None:
    analysis = make("This is terrible, the worst service ever.", "Glad you're enjoying the app!")
    analysis.customer.valence = -0.8
    (pitfall,) = emotion_mismatch(analysis)
    assert "unhappy" in pitfall.message


def test_missing_reason_flags_the_weak_reflection_only(make) -> None:
    reply = "I understand your frustration. Being billed twice for one month is maddening. I've refunded you."
    analysis = make(
        "You billed me twice!",
        reply,
        findings=[
            ("reflecting_emotion", "I understand your frustration."),
            ("reflecting_emotion", "Being billed twice for one month is maddening."),
        ],
    )
    (pitfall,) = missing_reason(analysis)
    assert pitfall.span is not None and pitfall.span.text == "I understand your frustration."


SELF_CRITICAL = "I booked the wrong dates, I'm such an idiot. Can you change it?"


def test_self_criticism_without_reassurance(make) -> None:
    analysis = make(SELF_CRITICAL, "I've changed your booking to the 12th.", self_critical=True)
    (pitfall,) = self_criticism_unaddressed(analysis)
    assert pitfall.span is None


def test_reflection_alone_does_not_reassure(make) -> None:
    reply = "I can tell you're stressed. I've changed your booking to the 12th."
    analysis = make(
        SELF_CRITICAL, reply, findings=[("reflecting_emotion", "I can tell you're stressed.")], self_critical=True
    )
    assert [p.kind for p in self_criticism_unaddressed(analysis)] == ["self_criticism_unaddressed"]


@pytest.mark.parametrize(
    ("reply", "findings"),
    [
        ("You're not an idiot at all - the date picker is fiddly. I've changed it to the 12th.", []),
        ("That's such an easy mistake to make. I've changed it to the 12th.", []),
        ("Please don't be hard on yourself. I've changed it to the 12th.", []),
        (
            "The calendar starts on Sunday, which catches lots of people out. I've changed it to the 12th.",
            [("normalizing", "The calendar starts on Sunday, which catches lots of people out.")],
        ),
        (
            "I've done exactly the same with my own holiday booking. I've changed it to the 12th.",
            [("relating_experience", "I've done exactly the same with my own holiday booking.")],
        ),
    ],
)
def test_reassurance_answers_self_criticism(make, reply: str, findings: list[tuple[str, str]]) -> None:
    analysis = make(SELF_CRITICAL, reply, findings=findings, self_critical=True)
    assert self_criticism_unaddressed(analysis) == []


def test_customer_who_is_not_self_critical_needs_no_reassurance(make) -> None:
    analysis = make("You booked the wrong dates for me.", "I've changed your booking to the 12th.")
    assert self_criticism_unaddressed(analysis) == []


def test_bare_reflection_the_detector_left_out_still_misses_its_reason(make) -> None:
    analysis = make("You charged me twice!", "I can tell you're upset. I've refunded the second charge.")
    (pitfall,) = missing_reason(analysis)
    assert pitfall.span is not None and pitfall.span.text == "I can tell you're upset."


@pytest.mark.parametrize(
    "reply",
    [
        "I understand your concern. I've refunded the second charge.",
        "Are you feeling anxious about the payment? I've refunded the second charge.",
        "I can tell you're upset about being charged twice for one order. I've refunded it.",
        "Sounds like you're relieved it's sorted. I've refunded the second charge.",
    ],
)
def test_no_weak_reflection_without_a_clear_bad_feeling_or_with_a_reason(make, reply: str) -> None:
    assert missing_reason(make("You charged me twice!", reply)) == []


# "Fed up" names frustration, as "sick of" and "had enough" do: it fits an angry, impatient or disappointed
# customer, not a frightened one (it used to be read as fitting any bad feeling, like "upset").
SCARED = "There's a strong smell of gas in my kitchen and my baby is asleep upstairs. I'm terrified."
CROSS = "Fourth time I've chased this refund and still nothing. I'm sick of being ignored."


@pytest.mark.parametrize(
    ("customer", "reply", "fits"),
    [
        (SCARED, "I can tell you're fed up with the wait. An engineer is on the way now.", False),
        (SCARED, "Sounds like you're sick of all this. An engineer is on the way now.", False),
        (CROSS, "You must be fed up with chasing us for the same refund four times. It's been sent today.", True),
        (CROSS, "No wonder you're fed up after being ignored four times. The refund has been sent today.", True),
    ],
)
def test_a_frustration_word_reflects_for_a_cross_customer_and_jars_for_a_frightened_one(
    customer: str, reply: str, fits: bool
) -> None:
    a = analyze(customer, reply)
    assert ("reflecting_emotion" in a.strategies) is fits, reply
    assert ("emotion_mismatch" in a.pitfall_kinds) is not fits, reply
    assert "missing_reason" not in a.pitfall_kinds, reply
