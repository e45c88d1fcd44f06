"""empathic: offline coaching for customer-service empathy.

>>> import empathic
>>> a = empathic.analyze("I was charged twice and I'm furious.",
...                      "It's really frustrating to be charged twice when you paid on time.")
>>> a.strategies
['reflecting_emotion']
"""

from empathic.components import component
from empathic.errors import EmpathicError, InputError
from empathic.pipeline import Coach, analyze, default_coach, registry
from empathic.types import (
    EMOTIONS,
    PITFALL_KINDS,
    SCHEMA_VERSION,
    STRATEGIES,
    Analysis,
    Cause,
    Conversation,
    CustomerSignals,
    EmotionScore,
    Exchange,
    Finding,
    Pitfall,
    Span,
    Tip,
    Turn,
)

__version__ = "0.1.0"

__all__ = [
    "EMOTIONS",
    "PITFALL_KINDS",
    "SCHEMA_VERSION",
    "STRATEGIES",
    "Analysis",
    "Cause",
    "Coach",
    "Conversation",
    "CustomerSignals",
    "EmotionScore",
    "EmpathicError",
    "Exchange",
    "Finding",
    "InputError",
    "Pitfall",
    "Span",
    "Tip",
    "Turn",
    "__version__",
    "analyze",
    "component",
    "default_coach",
    "registry",
]
