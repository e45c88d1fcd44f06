"""Property tests: any text is handled, and every span the listen side reports points into that text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from empathic import Coach
from empathic.listen.emotions import read_emotions
from empathic.listen.lexicon import find_emotion_words
from empathic.listen.self_criticism import find_self_criticism
from empathic.types import EMOTIONS

COACH = Coach(["segment", "listen.emotions", "listen.causes", "listen.self_criticism"])

# Pieces that trigger cues, negations and modifiers, mixed with arbitrary text.
PIECES = st.sampled_from(
    [
        "I'm not worried",
        "so frustrated",
        "charged twice",
        "!!",
        "STILL",
        "I’m such an idiot",
        "because your app crashed",
        "no wonder",
        "\u0130stanbul",
        "😡",
        "?",
        ". ",
        "\n",
        "thank you so much",
        "what does “APR” mean",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_any_text_gives_consistent_spans(text: str) -> None:
    for _label, span in find_emotion_words(text):
        assert text[span.start : span.end] == span.text
    for span in find_self_criticism(text):
        assert text[span.start : span.end] == span.text
    reading = read_emotions(text)
    assert reading.emotions
    assert all(e.label in EMOTIONS and 0.0 <= e.score <= 1.0 for e in reading.emotions)
    assert 0.0 <= reading.intensity <= 1.0
    assert -1.0 <= reading.valence <= 1.0
    for _label, span in reading.spans:
        assert text[span.start : span.end] == span.text


@settings(max_examples=60, deadline=None)
@given(TEXT.filter(lambda t: t.strip()))
def test_pipeline_causes_point_into_text(text: str) -> None:
    analysis = COACH.analyze(text)
    for cause in analysis.customer.causes:
        assert text[cause.span.start : cause.span.end] == cause.span.text
        assert cause.emotion in EMOTIONS
