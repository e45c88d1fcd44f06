"""The customer's earlier turns: which feelings are still open when the agent replies.

Within a conversation the latest customer message is not the whole story. Feelings the customer
showed earlier stay open until a customer turn closes them (thanks, a confirmation, "it's working
now"); a plain follow-up after the problem is solved ("Great, thanks. Can you add the family plan?")
calls for no empathy, whatever the customer felt before. The rules are data
(``rules/<lang>/context.toml``); the scorer (scoring.py) reads :func:`read_context`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from empathic.languages import current
from empathic.listen.emotions import read_emotions
from empathic.rules import Groups, RulePack, rule_view
from empathic.segment import sentences
from empathic.types import NEGATIVE_EMOTIONS, Analysis, Span


@rule_view
def _rules(pack: RulePack) -> tuple[Groups, int]:
    """The rules of ``rules/<lang>/context.toml`` by label (closing, closing_short, still_open, past_lead,
    past_marker: any of a label's rules matching is the sign), and its ``short_message_words``."""
    return pack.groups("context"), int(pack.setting("context", "short_message_words"))


@dataclass(frozen=True, slots=True)
class TurnReading:
    """One customer message read for the conversation: its open bad feelings and whether it closes the matter."""

    open: dict[str, float] = field(default_factory=dict)
    closes: bool = False


def _feeling_is_past(text: str, sents: list[Span], cue: Span) -> bool:
    """True when the feeling at ``cue`` is told as over ("I was so stressed", "sorry for shouting earlier")."""
    sent = next((s for s in sents if s.start <= cue.start < s.end), None)
    if sent is None:
        return False
    lead = text[sent.start : cue.start]
    groups = _rules()[0]
    return bool(groups["past_lead"].search(lead) or groups["past_marker"].search(sent.text))


def _closes(text: str, negative: dict[str, float], spans: list[tuple[str, Span]]) -> dict[str, float] | None:
    """The bad feelings still open when ``text`` closes the matter, or None when it does not close it."""
    groups, short_words = _rules()
    short = len(text.split()) <= short_words
    opener = groups["closing_short"].search(text) if short else None
    if not (opener or groups["closing"].search(text)):
        return None
    if groups["still_open"].search(text):
        return None
    if not negative:
        return {}
    sents = sentences(text)
    # a feeling is over when every word that shows it is told as over; one the learned reading
    # found without a cue word is taken as present
    told: dict[str, list[bool]] = {}
    for label, span in spans:
        if opener is not None and span.start < opener.end():
            # the thanks itself ("Cheers,") read as irony next to a past complaint: it closes, it is no feeling
            continue
        if label in negative:
            told.setdefault(label, []).append(_feeling_is_past(text, sents, span))
    return {label: score for label, score in negative.items() if not (told.get(label) and all(told[label]))}


def read_turn(text: str) -> TurnReading:
    """The bad feelings ``text`` leaves open, and whether it closes the matter (thanks, "it's sorted").

    A message closes the matter when it thanks, confirms or says the problem is solved, and neither
    says it is still open ("still not working", "but") nor names a bad feeling in the present; a
    feeling told in the past ("I was so angry before") is over once the matter closes.
    """
    return _read_turn(text, current().key)


# A conversation's earlier turns are read again for each of its agent turns; keyed by language too, since the
# reading is the current language's.
@lru_cache(maxsize=512)
def _read_turn(text: str, lang: str) -> TurnReading:
    reading = read_emotions(text)
    negative = {e.label: e.score for e in reading.emotions if e.label in NEGATIVE_EMOTIONS}
    still = _closes(text, negative, reading.spans)
    if still is None:
        return TurnReading(open=negative, closes=False)
    return TurnReading(open=still, closes=not still)


@dataclass(frozen=True, slots=True)
class ContextReading:
    """What the conversation so far leaves for the agent's reply."""

    #: the latest customer message closes the matter: a plain follow-up after the problem is solved
    resolved: bool = False
    #: bad feelings of earlier customer turns that no later turn closed, strongest score each
    carried: dict[str, float] = field(default_factory=dict)
    #: earlier customer turns about a matter still open (repeat contact)
    earlier_open_turns: int = 0


def read_context(analysis: Analysis) -> ContextReading:
    """Read the earlier customer turns of ``analysis`` against its latest customer message.

    The latest message is read from the analysis itself (its emotions and their cue spans); earlier
    customer turns are read with the emotion lexicon. A turn that closes the matter closes every
    feeling before it.
    """
    cust = analysis.customer
    negative = {e.label: e.score for e in cust.emotions if e.label in NEGATIVE_EMOTIONS}
    if _closes(analysis.exchange.customer, negative, cust.emotion_spans) == {}:
        return ContextReading(resolved=True)
    carried: dict[str, float] = {}
    earlier = 0
    for turn in analysis.exchange.context:
        if turn.role != "customer" or not turn.text.strip():
            continue
        reading = read_turn(turn.text)
        if reading.closes:
            carried, earlier = {}, 0
            continue
        earlier += 1
        for label, score in reading.open.items():
            carried[label] = max(score, carried.get(label, 0.0))
    return ContextReading(resolved=False, carried=carried, earlier_open_turns=earlier)
