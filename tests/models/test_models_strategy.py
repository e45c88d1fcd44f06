"""The learned strategy detector: valid spans, calibrated confidences, context checks, a held-out floor."""

from __future__ import annotations

import pytest

from empathic.facts.feelings import Named, mismatched
from empathic.facts.sentiment import cheerful_to_unhappy, unhappy
from empathic.models.strategy import StrategyModel, default_model
from empathic.pipeline import Coach
from empathic.types import STRATEGIES, Analysis, CustomerSignals, EmotionScore, Span

# Hand-written for this test (not from any dev or training file): one clear case per line.
HELD_OUT = [
    ("My router has dropped out every evening this week.",
     "Having the connection die every single evening when you need it most is maddening.", "reflecting_emotion"),
    ("I've been on hold for an hour.",
     "An hour on hold when you just want an answer would wear anyone's patience thin, that's really rough.",
     "reflecting_emotion"),
    ("I can't believe my bag was lost again.",
     "Last spring an airline lost my suitcase on the way to my sister's wedding and I was beside myself.",
     "relating_experience"),
    ("The meter reading looks wrong.",
     "When I moved flat my own first bill was triple what it should have been, and I remember panicking.",
     "relating_experience"),
    ("Sorry, I'm probably being dumb but I can't find the settings page.",
     "Loads of people get lost looking for that page, it's really not obvious at all.", "normalizing"),
    ("I feel silly for asking this again.",
     "Please don't feel silly, this is one of the most common questions we get and it trips everyone up.",
     "normalizing"),
    ("Where is my parcel?", "Could you confirm the postcode on the order for me?", None),
    ("Where is my parcel?", "Thanks for getting in touch with us today!", None),
    ("My card was declined.", "I've sent a replacement card, which should arrive within five working days.", None),
    ("The app keeps crashing.", "Please update to version 4.2 from the store and restart your phone.", None),
]


@pytest.fixture(scope="module")
def front() -> Coach:
    """Segmentation and the customer's emotions: what the detector reads."""
    return Coach(["segment", "listen.emotions"])


def _analysis(front: Coach, customer: str, reply: str) -> Analysis:
    return front.analyze(customer, reply)


def test_candidates_are_valid_spans(front: Coach) -> None:
    reply = ("I'm so sorry. Being charged twice when money is tight is really stressful. "
             "My own bank did this to me last year and I was in bits. I've refunded the duplicate now.")
    a = _analysis(front, "You charged me twice and now I'm overdrawn!!", reply)
    found = default_model().detect(a)
    assert found, "expected at least one candidate"
    for f in found:
        assert f.source == "model"
        assert f.strategy in STRATEGIES
        assert 0.0 <= f.confidence <= 1.0
        assert reply[f.span.start:f.span.end] == f.span.text
        assert f.span.text.strip() == f.span.text


def test_no_reply_no_candidates(front: Coach) -> None:
    a = front.analyze("Where is my order?")
    assert default_model().detect(a) == []


def test_probabilities_shape_and_range() -> None:
    probs = default_model().probabilities(["I understand.", "It's normal to feel this way."])
    assert probs.shape == (2, 3)
    assert ((probs >= 0) & (probs <= 1)).all()


def test_happy_reflection_to_an_unhappy_customer_is_vetoed(front: Coach) -> None:
    a = _analysis(front, "This is the third time my order is late and I'm furious.", "Glad you're enjoying the app!")
    assert cheerful_to_unhappy("Glad you're enjoying the app!", a.customer)
    assert not any(f.strategy == "reflecting_emotion" for f in default_model().detect(a))


def test_floor_on_hand_written_held_out_cases(front: Coach) -> None:
    model = default_model()
    right = 0
    for customer, reply, gold in HELD_OUT:
        found = {f.strategy for f in model.detect(_analysis(front, customer, reply))}
        right += found == ({gold} if gold else set())
    assert right >= 8, f"only {right}/{len(HELD_OUT)} hand-written cases right"


def test_a_fresh_instance_loads_the_packaged_weights() -> None:
    model = StrategyModel()
    assert model.head.labels == list(STRATEGIES)


@pytest.mark.parametrize(
    ("labels", "valence", "expected"),
    [
        (["frustration"], 0.2, True),  # a bad feeling read
        ([], -0.6, True),  # no feeling read, a clearly negative message
        ([], -0.1, False),  # no feeling read, only a faintly negative message
        (["gratitude"], -0.2, False),  # a good feeling read: the faint negativity is not unhappiness
        (["neutral"], -0.5, True),  # neutral is no feeling
    ],
)
def test_one_unhappy_customer_test_for_the_check_and_the_head_veto(
    labels: list[str], valence: float, expected: bool
) -> None:
    customer = CustomerSignals(emotions=[EmotionScore(label, 0.8) for label in labels], valence=valence)
    assert unhappy(customer) is expected
    # cheer jars with exactly the customers the head's veto reads as unhappy
    cheer = Named(frozenset({"positive"}), "positive", Span(0, 5, "Great"), False)
    assert mismatched(cheer, customer) is expected
    assert cheerful_to_unhappy("Glad you're loving the new app, enjoy it!", customer) is expected
