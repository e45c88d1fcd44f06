"""What a suggestion can say about this customer: their feeling, its reason, the topic.

Everything here is read off the customer's side of an Analysis (listen components), so a
suggestion names the feeling the customer has and the reason they gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from empathic.perspective import customer_reason
from empathic.scoring import EMOTION_ADJECTIVE, EMOTION_FEELING
from empathic.types import Analysis

_DETERMINER_NOUN = re.compile(r"\b(?:my|our|the|your)\s+([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)", re.IGNORECASE)
# Words that end a noun phrase, and nouns that make no sense as "trouble with my own X".
_NOT_NOUN = frozenset(
    """is are was were has have had be been can can't could will won't would do does did don't doesn't didn't
    and but or so for to with from of on in at by about after before since because when that which who said
    says keeps just still again now also really very not no wrong new old right""".split()
)
_BAD_TOPIC = frozenset(
    """fault mistake problem issue thing time way day week month year help dad mum mom mother father son daughter
    wife husband kids kid children child partner family friend boss own hotel name life money""".split()
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


def _topic(analysis: Analysis, cause: str | None) -> str:
    """A noun phrase for the problem ("my own phone bill"), or "" when none reads well."""
    for source in (cause or "", analysis.exchange.customer):
        for m in _DETERMINER_NOUN.finditer(source):
            words: list[str] = []
            for w in m.group(1).lower().split():
                if w in _NOT_NOUN:
                    break
                words.append(w)
            if words and words[-1] not in _BAD_TOPIC and not words[-1].endswith(("ed", "ing", "ly")):
                return "my own " + " ".join(words)
    return ""


def slots_for(analysis: Analysis) -> Slots | None:
    """Template fillers for the customer's strongest bad feeling, or None when they show none."""
    cust = analysis.customer
    negative = cust.negative
    if not negative and not cust.self_critical:
        return None
    emotion = negative[0] if negative else "embarrassment"
    clause, cause_text = customer_reason(analysis, emotion)
    return Slots(
        emotion=emotion,
        adj=EMOTION_ADJECTIVE.get(emotion, "hard"),
        feeling=EMOTION_FEELING.get(emotion, "upset"),
        clause=clause or "this has happened",
        topic=_topic(analysis, cause_text),
        self_critical=cust.self_critical,
    )
