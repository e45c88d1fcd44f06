"""VADER's sentiment, one analyzer for the whole package (the customer's valence, a reply sentence's tone).

The listen side reads the customer's valence with it and the detectors a sentence's tone ("Glad you're
enjoying ..."); both share this one instance, built on first use (it reads its lexicon from the installed
vaderSentiment package), instead of one each.
"""

from __future__ import annotations

import threading
from typing import Any

from empathic.errors import ResourceError
from empathic.types import NEGATIVE_EMOTIONS, CustomerSignals

_lock = threading.Lock()
_vader: Any = None


def analyzer() -> Any:
    """VADER's ``SentimentIntensityAnalyzer``, built once; ResourceError when vaderSentiment is missing."""
    global _vader
    if _vader is None:
        with _lock:
            if _vader is None:
                try:
                    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
                except ImportError as exc:
                    raise ResourceError(
                        "vaderSentiment is not installed; install it with: pip install vaderSentiment==3.3.2"
                    ) from exc
                _vader = SentimentIntensityAnalyzer()
    return _vader


def sentiment(text: str) -> dict[str, float]:
    """VADER polarity scores of ``text`` (``neg``, ``neu``, ``pos``, ``compound``)."""
    return dict(analyzer().polarity_scores(text))


#: A customer message at or below this valence (VADER compound) is unhappy even with no feeling read.
NEGATIVE_VALENCE = -0.3
#: VADER compound at or above which a sentence answering an unhappy customer sounds clearly happy.
CHEERFUL = 0.5


def unhappy(customer: CustomerSignals) -> bool:
    """True when the customer reads as unhappy: a bad feeling was read, or no feeling at all and the message is
    clearly negative (valence at or below :data:`NEGATIVE_VALENCE`).

    The one test of an unhappy customer for what cheer would jar with: the emotion_mismatch check (a pleasant
    feeling put on such a customer) and the learned head's veto (:func:`cheerful_to_unhappy`) both read it.
    """
    feelings = [c for c in customer.labels if c != "neutral"]
    if feelings:
        return any(c in NEGATIVE_EMOTIONS for c in feelings)
    return customer.valence <= NEGATIVE_VALENCE


def cheerful_to_unhappy(sentence: str, customer: CustomerSignals) -> bool:
    """True when ``sentence`` sounds clearly happy (VADER compound >= :data:`CHEERFUL`) while the customer reads as
    unhappy (:func:`unhappy`): the learned head's reflecting candidate there names the wrong feeling ("Glad you're
    enjoying your flight!" to a complaint), which LABELS.md says is not reflecting_emotion."""
    if not unhappy(customer):
        return False
    return float(sentiment(sentence)["compound"]) >= CHEERFUL
