"""Every positive and negative case of LABELS.md, plus paraphrases and chat register, one by one."""

from __future__ import annotations

import pytest

from empathic.strategies.reflecting import weak_confidence

SELF_CRITICAL = "I sent the money to the wrong account number, I'm such an idiot. Can it be fixed?"
BOILER = "Our boiler broke down this morning and the house is freezing, I'm so worried about the kids."


def found(analysis) -> set[str]:
    return {f.strategy for f in analysis.findings}


# --- relating_experience ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "reply",
    [
        "I went through something similar with my grandmother, and I remember how helpless it felt.",
        "I had the same thing happen with my own bank last year, and I was fuming.",
        "Last month my card was charged twice at a petrol station and I felt sick until it was sorted.",
        "Same thing happened to me last year!",
        "I've been there myself - a double charge on my rent once left me short for a week.",
        "Back when I started here I made the exact same mistake with my own account.",
    ],
)
def test_relating_positive(run, reply: str) -> None:
    a = run(reply)
    assert found(a) == {"relating_experience"}
    assert a.findings[0].span.text == reply


def test_relating_story_in_agent_family_counts(run) -> None:
    reply = "My mum's boiler broke in January too, and she was so cold and fed up. I've booked an engineer."
    a = run(reply, BOILER)
    rel = [f for f in a.findings if f.strategy == "relating_experience"]
    assert [f.span.text for f in rel] == ["My mum's boiler broke in January too, and she was so cold and fed up."]


@pytest.mark.parametrize(
    "reply",
    [
        "I'm off to Japan in April myself!",
        "I actually just got back from a week in Cornwall, the weather was unbelievable!",
        "Fun fact, I started salsa lessons this month and my own calendar is chaos now!",
        "My brother got married last weekend, it was such a fun day!",
        "My grandad used to love watching planes take off when I was a kid.",
    ],
)
def test_unrelated_story_is_not_relating(run, reply: str) -> None:
    assert "relating_experience" not in found(run(reply))


@pytest.mark.parametrize(
    "reply",
    [
        "I've refunded the duplicate charge and it will show in 3-5 days.",
        "I checked your account and the second payment was reversed yesterday.",
        "We had a system outage yesterday that caused duplicate charges.",
        "I've also credited a week's charges to your account.",
        "Thanks, I hope you have a lovely weekend too!",
    ],
)
def test_service_sentences_are_not_relating(run, reply: str) -> None:
    assert "relating_experience" not in found(run(reply))


def test_long_story_is_one_span_and_stops_at_the_agents_action(run) -> None:
    story = (
        "Oh, this happened to me too. I was on holiday and my card was charged twice for the hotel. "
        "I spent the whole weekend ringing the bank and getting nowhere. The whole thing was a mess."
    )
    reply = story + " I've refunded the second charge to your card."
    a = run(reply)
    rel = [f for f in a.findings if f.strategy == "relating_experience"]
    assert [f.span.text for f in rel] == [story]


# --- reflecting_emotion -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "reply",
    [
        "It's really frustrating to be charged twice when you've already paid on time.",
        "No wonder you're upset after waiting three weeks.",
        "It makes sense you'd be worried.",
        "I'd be livid too.",
        "Being charged twice when money is tight is stressful, I get it.",
        "You have every right to be angry about being charged twice.",
        "I completely understand how upsetting it is to see money leave your account twice.",
        "I can't imagine how frustrating it is to be charged twice in one month.",
    ],
)
def test_reflecting_positive(run, reply: str) -> None:
    a = run(reply)
    assert found(a) == {"reflecting_emotion"}
    assert a.findings[0].span.text == reply


@pytest.mark.parametrize("reply", ["I understand your frustration.", "I can tell you're worried."])
def test_feeling_without_reason_is_weak_reflecting(run, reply: str) -> None:
    a = run(reply)
    assert found(a) == {"reflecting_emotion"}
    assert a.findings[0].confidence == pytest.approx(weak_confidence())
    assert a.findings[0].confidence < 0.7


def test_reflection_with_reason_is_strong(run) -> None:
    a = run("It's really frustrating to be charged twice when you've already paid on time.")
    assert a.findings[0].confidence > weak_confidence()


@pytest.mark.parametrize(
    "reply",
    [
        "I understand.",
        "I understand your concern.",
        "Sorry for the inconvenience.",
        "Sorry for any confusion.",
        "Thanks for your patience.",
        "We apologize for the inconvenience.",
        "I'm so sorry about this.",
        "Are you feeling frustrated about the charge?",
        "How are you feeling about all this?",
        "I hear you.",
    ],
)
def test_no_strategy_phrases(run, reply: str) -> None:
    assert found(run(reply)) == set()


@pytest.mark.parametrize(
    "reply",
    [
        "Glad you're enjoying the new plan!",
        "Sounds like you're excited for your trip!",
        "I can tell you're feeling really hopeful about this!",
    ],
)
def test_positive_feeling_for_an_upset_customer_is_not_reflecting(run, reply: str) -> None:
    assert "reflecting_emotion" not in found(run(reply, emotions={"anger": 0.9}))


def test_mismatched_negative_feeling_is_not_reflecting(run) -> None:
    reply = "I can see you're feeling a bit overwhelmed by all the jargon on the bill."
    assert "reflecting_emotion" not in found(run(reply, emotions={"anger": 0.93}))
    # Without a confident reading of the customer, the same sentence is not called a mismatch.
    assert "reflecting_emotion" in found(run(reply))


@pytest.mark.parametrize(
    "reply",
    [
        "i get how annoying thta is",
        "ugh that sucks, sorry!",
        "omg that's so frustating, being charged twice is the worst",
        "u must be so fed up with all this",
        "ur totally right to be annoyed tbh",
    ],
)
def test_chat_register_and_typos(run, reply: str) -> None:
    assert "reflecting_emotion" in found(run(reply))


# --- normalizing --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "reply",
    [
        "Lots of people find the new portal confusing at first - you haven't done anything wrong.",
        "Feeling scared is completely natural.",
        "You're far from the first to mix those two up.",
        "Honestly, most customers run into this at some point.",
        "Double charges like this are more common than you'd think.",
        "You're definitely not the only one this has happened to today.",
    ],
)
def test_normalizing_positive(run, reply: str) -> None:
    a = run(reply)
    assert found(a) == {"normalizing"}
    assert a.findings[0].span.text == reply


@pytest.mark.parametrize(
    "reply",
    [
        "Anyone would be anxious after a letter like that.",
        "Lots of people feel frustrated when a payment goes out twice.",
    ],
)
def test_commonality_naming_a_feeling_is_normalizing(run, reply: str) -> None:
    assert found(run(reply)) == {"normalizing"}


@pytest.mark.parametrize(
    "reply",
    [
        "That's an easy slip, it's not on you.",
        "You're not an idiot at all.",
        "Please don't beat yourself up about it.",
        "Honestly, it's so easy to mix up account numbers.",
    ],
)
def test_reassurance_for_self_critical_customer(run, reply: str) -> None:
    assert found(run(reply, SELF_CRITICAL, self_critical=True)) == {"normalizing"}


def test_praise_is_normalizing_only_for_a_self_critical_customer(run) -> None:
    reply = "You've done exactly the right thing."
    assert found(run(reply)) == set()
    assert found(run(reply, SELF_CRITICAL, self_critical=True)) == {"normalizing"}


@pytest.mark.parametrize(
    "reply",
    [
        "Late orders happen to literally every customer, so it's nothing personal.",
        "We get hundreds of these a day.",
    ],
)
def test_overgeneralizing_is_still_normalizing(run, reply: str) -> None:
    assert found(run(reply)) == {"normalizing"}


@pytest.mark.parametrize(
    "reply",
    [
        "A lot of people will just blame others.",
        "Our new plan has helped a lot of customers save money.",
        "Don't worry, I've sorted it for you.",
        # a bare "no need to worry" / "don't panic" leading into a fix (LABELS.md "Reassurance")
        "No need to worry, the replacement card is already in the post.",
        "Don't panic, we'll rebook you on the evening train.",
        "There's no need to stress since your files are backed up every night.",
    ],
)
def test_not_normalizing(run, reply: str) -> None:
    assert "normalizing" not in found(run(reply))
