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

# A finite clause starts with a subject and has a verb; a subject dropped in chat ("Sent my phone ...") is "you".
_SUBJECT = re.compile(
    r"^(?:you|you're|you've|your|we|we're|our|it|it's|its|this|that|these|those|there|there's|they|their|the|a|an|"
    r"he|he's|she|she's|his|her|nobody|no one|nothing|someone|somebody|everything|my|mine)\b",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|can't|cannot|could|couldn't|won't|wouldn't|"
    r"didn't|doesn't|don't|isn't|aren't|wasn't|weren't|hasn't|haven't|keeps?|kept|got|gets?|said|says|went|"
    r"came|left|lost|made|paid|sent|took|told|\w+ed|'s|'re|'ve|'ll|'d)\b",
    re.IGNORECASE,
)
_DROPPED_SUBJECT_VERB = re.compile(
    r"^(?:sent|got|paid|bought|ordered|tried|moved|made|called|rang|booked|received|waited|lost|spent|had|"
    r"just (?:got|moved|paid|bought|ordered)|been)\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^(?:why|what|how|when|where|who|which|is|are|can|could|will|would|do|does|did)\b", re.I)
_GERUND = re.compile(r"^\w+ing\b")
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
    """The customer's reason as a finite second-person clause, or None when it is not one."""
    raw = text.strip()
    if raw.endswith("?") or _QUESTION.match(raw):
        return None
    phrase = reason_phrase(raw.replace('"', "").replace("“", "").replace("”", ""), company_voice=True)
    if not phrase or len(phrase.split()) < 3:
        return None
    if _DROPPED_SUBJECT_VERB.match(phrase):
        phrase = f"you {phrase}"
    elif _GERUND.match(phrase) and not _SUBJECT.match(phrase):
        phrase = f"you're {phrase}"
    if not _SUBJECT.match(phrase) or not _VERB.search(phrase):
        return None
    return phrase


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
    # Never quote a customer's self-criticism back at them as the reason for their feeling.
    causes = [c for c in cust.causes if not any(c.span.overlaps(s) for s in cust.self_criticism)]
    causes.sort(key=lambda c: (c.emotion != emotion, c.span.start))
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
            if any(sent.overlaps(s) for s in cust.self_criticism):
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
