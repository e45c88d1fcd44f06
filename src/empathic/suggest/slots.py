"""What a suggestion can say about this customer: their feeling, its reason, the topic.

Everything here is read off the customer's side of an Analysis (listen components), so a
suggestion names the feeling the customer has and the reason they gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from empathic.perspective import reason_phrase
from empathic.scoring import EMOTION_ADJECTIVE, EMOTION_FEELING
from empathic.types import Analysis

# A finite clause starts with a subject; anything else is re-anchored with "this" or "you're".
_SUBJECT = re.compile(
    r"^(?:you|you're|you've|your|we|we're|our|it|it's|its|this|that|these|those|there|they|their|the|a|an|"
    r"he|she|his|her|nobody|no one|nothing|someone|somebody|everything|[A-Z][a-z]+)\b",
    re.IGNORECASE,
)
_GERUND = re.compile(r"^\w+ing\b")
_TOPIC = re.compile(r"\b(?:my|our|the|your|this)\s+((?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*)", re.IGNORECASE)
_STOP_TOPIC = frozenset("""fault mistake problem issue thing time way day week month year help""".split())
_FEELING_ONLY = re.compile(
    r"^(?:i'?m|i am|i feel|feeling|so|really|very|just|totally|completely|absolutely|\s|,)*"
    r"(?:angry|furious|upset|frustrated|annoyed|worried|anxious|scared|sad|confused|stressed|embarrassed|livid|"
    r"fuming|gutted|devastated|disappointed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Slots:
    """Fillers for suggestion templates."""

    emotion: str
    adj: str
    feeling: str
    clause: str
    topic: str
    self_critical: bool

    def as_dict(self) -> dict[str, str]:
        """Template variables."""
        return {"adj": self.adj, "feeling": self.feeling, "clause": self.clause, "topic": self.topic}


def _clause(text: str) -> str | None:
    phrase = reason_phrase(text, company_voice=True)
    if not phrase or len(phrase.split()) < 2:
        return None
    if _SUBJECT.match(phrase):
        return phrase
    if _GERUND.match(phrase):
        return f"you're {phrase}"
    return None


def _topic(analysis: Analysis, cause: str | None) -> str:
    for source in (cause or "", analysis.exchange.customer):
        for m in _TOPIC.finditer(source):
            words = m.group(1).lower().split()
            if words and words[-1] not in _STOP_TOPIC:
                return "my own " + " ".join(words)
    return "something very similar"


def slots_for(analysis: Analysis) -> Slots | None:
    """Template fillers for the customer's strongest bad feeling, or None when they show none."""
    cust = analysis.customer
    negative = cust.negative
    if not negative and not cust.self_critical:
        return None
    emotion = negative[0] if negative else "embarrassment"
    causes = sorted(cust.causes, key=lambda c: (c.emotion != emotion, c.span.start))
    clause = None
    cause_text = None
    for c in causes:
        clause = _clause(c.span.text)
        if clause:
            cause_text = c.span.text
            break
    if clause is None:
        # No usable cause: fall back to the first sentence that states a problem rather than only a feeling.
        for sent in analysis.customer_sentences:
            if _FEELING_ONLY.match(sent.text) or sent.text.rstrip().endswith("?"):
                continue
            clause = _clause(sent.text)
            if clause:
                cause_text = sent.text
                break
    return Slots(
        emotion=emotion,
        adj=EMOTION_ADJECTIVE.get(emotion, "hard"),
        feeling=EMOTION_FEELING.get(emotion, "upset"),
        clause=clause or "this has happened",
        topic=_topic(analysis, cause_text),
        self_critical=cust.self_critical,
    )
