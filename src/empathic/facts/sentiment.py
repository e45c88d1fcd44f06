"""VADER's sentiment, one analyzer for the whole package (the customer's valence, a reply sentence's tone).

The listen side reads the customer's valence with it and the detectors a sentence's tone ("Glad you're
enjoying ..."); both share this one instance, built on first use (it reads its lexicon from the installed
vaderSentiment package), instead of one each.
"""

from __future__ import annotations

import threading
from typing import Any

from empathic.errors import ResourceError
from empathic.types import CustomerSignals

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


#: VADER compound at or above which a sentence answering an unhappy customer sounds clearly happy.
CHEERFUL = 0.5


def cheerful_to_unhappy(sentence: str, customer: CustomerSignals) -> bool:
    """True when ``sentence`` sounds clearly happy (VADER compound >= :data:`CHEERFUL`) while the customer reads as
    unhappy (negative valence or a bad feeling): the learned head's reflecting candidate there names the wrong
    feeling ("Glad you're enjoying your flight!" to a complaint), which LABELS.md says is not reflecting_emotion."""
    if customer.valence >= 0 and not customer.negative:
        return False
    return float(sentiment(sentence)["compound"]) >= CHEERFUL
