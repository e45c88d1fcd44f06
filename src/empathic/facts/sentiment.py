"""VADER's sentiment, one analyzer for the whole package (the customer's valence, a reply sentence's tone).

The listen side reads the customer's valence with it and the detectors a sentence's tone ("Glad you're
enjoying ..."); both share this one instance, built on first use (it reads its lexicon from the installed
vaderSentiment package), instead of one each.
"""

from __future__ import annotations

import threading
from typing import Any

from empathic.errors import ResourceError

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
