"""Customer side: emotions, their causes and self-criticism (components ``listen.*``).

Importing this package registers the components ``listen.emotions``, ``listen.causes``
and ``listen.self_criticism``. :func:`find_emotion_words` and :func:`emotion_of_word`
are the reusable, negation-aware feeling-word look-ups other components use on replies.
"""

from empathic.listen import causes, emotions, self_criticism
from empathic.listen.lexicon import emotion_of_word, emotions_of_word, find_emotion_words
from empathic.segment import sentences
from empathic.types import CustomerSignals


def read_customer(text: str) -> CustomerSignals:
    """What ``listen.emotions`` and ``listen.self_criticism`` read in a customer's message, without a Coach.

    Emotions, intensity, valence and cue spans from the lexicon; self-criticism spans. Training reads the
    customer side this way (the learned heads need no pipeline), with the current language's lexicons.
    """
    spans = self_criticism.find_self_criticism(text, sentences(text) or None)
    reading = emotions.read_emotions(text, blame=spans)
    return CustomerSignals(
        emotions=list(reading.emotions),
        intensity=reading.intensity,
        valence=reading.valence,
        emotion_spans=list(reading.spans),
        self_critical=bool(spans),
        self_criticism=spans,
    )


__all__ = ["causes", "emotion_of_word", "emotions", "emotions_of_word", "find_emotion_words", "read_customer",
           "self_criticism"]
