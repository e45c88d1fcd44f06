"""listen.emotions: the customer's emotions, intensity and valence."""

from __future__ import annotations

from empathic.listen.emotions import read_emotions
from empathic.types import EMOTIONS


def labels(text: str) -> list[str]:
    return [e.label for e in read_emotions(text).emotions]


def test_named_feelings() -> None:
    assert labels("I'm really worried I won't be able to pay this.")[0] == "anxiety"
    assert "anger" in labels("This is outrageous, I'm furious with your company.")
    assert "confusion" in labels("I don't understand what this charge is for.")


def test_customer_service_cues() -> None:
    assert "frustration" in labels("This is the third time I've called about the same fault.")
    assert "impatience" in labels("Still waiting for my refund, it's been two weeks.")
    assert "anger" in labels("You charged me twice for one order!!")
    assert "anxiety" in labels("I can't afford another bill like this.")
    assert "confusion" in labels('What does "pending authorisation" mean?')
    assert "gratitude" in labels("Thank you so much for sorting that out.")


def test_negation() -> None:
    assert "anxiety" not in labels("I'm not worried about it, just curious how the plan works.")
    assert "disappointment" in labels("I'm not happy with the service I got.")
    assert labels("No problem, just a quick question about my plan.") == ["neutral"]


def test_neutral_alone_when_nothing_else() -> None:
    reading = read_emotions("Can I change the delivery address on my order?")
    assert [e.label for e in reading.emotions] == ["neutral"]
    assert reading.intensity < 0.2


def test_scores_and_order() -> None:
    reading = read_emotions("I'm absolutely furious!! You cut off my internet and I'm worried about work.")
    scores = [e.score for e in reading.emotions]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert all(e.label in EMOTIONS for e in reading.emotions)
    assert "neutral" not in [e.label for e in reading.emotions]


def test_intensity_ranks_angry_over_calm() -> None:
    angry = read_emotions("This is UNACCEPTABLE!! Third time you've cut me off. I'm furious.")
    calm = read_emotions("Hi, could you tell me when my next bill is due?")
    mild = read_emotions("It's a bit annoying that the app logs me out.")
    assert 0.0 <= calm.intensity < mild.intensity < angry.intensity <= 1.0
    assert angry.valence < 0 < read_emotions("Thanks so much, that's brilliant!").valence


def test_emotion_spans_point_into_text() -> None:
    text = "I\u2019m so frustrated \u2014 still waiting for the engineer!!"
    reading = read_emotions(text)
    assert reading.spans
    for label, span in reading.spans:
        assert label in EMOTIONS
        assert text[span.start : span.end] == span.text
    assert ("frustration", "frustrated") in [(label, s.text) for label, s in reading.spans]


def test_long_messages_are_read_sentence_by_sentence() -> None:
    calm = "Could you tell me when my next bill is due? " * 40
    text = calm + "I'm absolutely furious that you charged me twice!!"
    reading = read_emotions(text)
    assert len(text) > 1000
    assert "anger" in [e.label for e in reading.emotions]
    assert -1.0 <= reading.valence <= 1.0


def test_plain_problem_reads_as_frustration_not_neutral() -> None:
    assert "frustration" in labels("Ordered a large pizza, got a medium. Paid for large.")
    assert "neutral" not in labels("The seller sent me an empty box and never replied to my messages.")


def test_thanks_are_not_read_as_a_problem() -> None:
    assert labels("Thanks so much, I couldn't have done it without you!") == ["gratitude"]
