"""Round 8 (issue 13): which moments take no story frame, good news or a neutral fact is never the reason said back,
and a bereavement names a pet by its name. Every example is written for these tests (no panel or dev sentence)."""

from __future__ import annotations

import pytest

from empathic import analyze
from empathic.perspective import customer_reason
from empathic.suggest import suggest
from empathic.suggest.registers import register_for, story_unfit
from empathic.suggest.slots import slots_for


def _reflections(message: str) -> list[str]:
    return [s.text for s in suggest(message).suggestions if s.strategy == "reflecting_emotion"]


# 1. No story frame beside a danger, a vulnerable person, a chase for the third time, a debt threat, a how-to
# question or an exasperated outburst.
@pytest.mark.parametrize(
    "message",
    [
        "Your crew left the manhole by the bus stop wide open overnight and someone could fall in. I'm furious.",
        "The carer missed my grandmother's tea-time visit and she can't stand up on her own. I'm so upset.",
        "This is the fourth time I'm emailing about my broken fridge and I'm fed up.",
        "I'm on a pension and the new bill leaves me short for the rent, I'm really worried.",
        "A letter came saying bailiffs will call about a fine I paid in March. I'm frightened.",
        "I'm mailing a toy to my godson. Do I need the green form or is the barcode enough? Bit confused.",
        "Booked the taxi twice and it never showed, are you kidding me?? So annoyed.",
    ],
)
def test_no_story_in_these_moments(message: str) -> None:
    assert story_unfit(message, register_for(message))
    assert not [s for s in suggest(message).suggestions if s.strategy == "relating_experience"]


@pytest.mark.parametrize(
    "message",
    [
        "My new headphones arrived with the left ear dead and I'm so frustrated.",
        "My flat-pack desk came without its screws, really annoying.",
    ],
)
def test_a_personal_setback_still_takes_a_story(message: str) -> None:
    assert story_unfit(message, register_for(message)) is None


# 2. Good news or a neutral fact is never the reason said back.
@pytest.mark.parametrize(
    ("message", "not_said"),
    [
        ("The dashboard light came on and smoke came out of the bonnet. I haven't driven the car since. I'm scared.",
         "driven the car"),
        ("My heating bill tripled this month and my usage hasn't changed at all. I'm worried.", "usage"),
        ("I've flown with you for twelve years and never had a reason to complain. I'm really upset about the new "
         "seat charge.", "never had a reason"),
        ("I'm expecting twins and the doctor said no flying after May, so I'm anxious about the refund.", "expecting"),
        ("It's not a lot of money but I'm annoyed that the fee was added.", "not a lot"),
        ("I only paid because the man at the door scared me and now I'm frightened.", "only paid"),
    ],
)
def test_good_news_or_a_plain_fact_is_not_the_reason(message: str, not_said: str) -> None:
    a = analyze(message)
    emotion = (a.customer.negative or ["frustration"])[0]
    reason = customer_reason(a, emotion)[0] or ""
    assert not_said not in reason
    assert not any(not_said in s for s in _reflections(message))


# 3. A pet named by its name is a bereavement, and the condolence names it; a degree word is no "about".
@pytest.mark.parametrize(
    ("message", "who"),
    [
        ("We had to have our hamster Nibbles put to sleep, and the insurance still renewed. I'm so sad.",
         "your hamster Nibbles"),
        ("Our spaniel Bramble died at the weekend and you charged for her grooming again. Heartbroken.",
         "your spaniel Bramble"),
    ],
)
def test_a_pet_named_by_name_is_mourned_by_name(message: str, who: str) -> None:
    register = register_for(message)
    assert register.id == "bereavement"
    slots = slots_for(analyze(message))
    assert slots is not None and slots.who == who


@pytest.mark.parametrize(
    "message",
    [
        "The recap email said my most played song was the one from her funeral. She passed away in June. Please stop.",
        "Your app said my most ordered meal was his favourite. My husband passed away in May and it hurt to see.",
    ],
)
def test_a_degree_word_is_never_what_the_trouble_is_with(message: str) -> None:
    slots = slots_for(analyze(message))
    assert slots is None or "most" not in slots.about
    assert not any("your most" in s.text for s in suggest(message).suggestions)


@pytest.mark.parametrize(
    ("message", "who"),
    [
        ("My partner and I had a joint gym pass. She died in the spring and the app still greets me with her name.",
         "your partner"),
        ("Dad's broadband bill arrived again. He died last month and I'm the only one sorting things.", "your dad"),
    ],
)
def test_a_pronoun_after_the_one_named_is_mourned_by_name(message: str, who: str) -> None:
    slots = slots_for(analyze(message))
    assert slots is not None and slots.who == who


@pytest.mark.parametrize(
    "message",
    [
        "Mum passed away in March. I'm driving to my brother's for the funeral and I'm heartbroken.",
        "Our neighbour passed away and I missed my neighbour's funeral. I'm so sad.",
    ],
)
def test_a_funeral_is_nothing_to_sort_out(message: str) -> None:
    texts = [s.text for s in suggest(message).suggestions]
    assert texts and not any("sort out" in t or "Dealing with" in t for t in texts)


def test_an_account_of_the_one_who_died_is_still_something_to_sort_out() -> None:
    slots = slots_for(analyze("My husband passed away last week. Please close my husband's account, I can't face it."))
    assert slots is not None and slots.affairs == "your husband's account"
