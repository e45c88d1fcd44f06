"""The feelings a reply sentence names, whose they are, and whether they fit the customer's.

Facts the reflecting detector, the resolver and the emotion_mismatch and missing_reason checks all read
(moved here from the emotion_mismatch check, so the detector need not import a check). Feeling words come
from the project's emotion lexicon (:func:`empathic.listen.lexicon.find_emotion_words`) plus pleasant
states the taxonomy has no label for; a word counts when the sentence gives the feeling to the customer.
The comparison is by family (anger ~ frustration ~ impatience, anxiety ~ fear, sadness ~ disappointment),
with broad words fitting any bad feeling and ``[compatible]`` feelings fitting each other
(``rules/<lang>/emotions.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from empathic.facts.sentiment import unhappy
from empathic.listen.lexicon import CueHit, emotions_of_word, find_cues, find_emotion_words, is_negated
from empathic.rules import Groups, RulePack, rule_view
from empathic.textio import straighten
from empathic.types import NEGATIVE_EMOTIONS, POSITIVE, CustomerSignals, MessageFacts, Named, Span


@dataclass(frozen=True, slots=True)
class _Rules:
    """What the feeling facts read of a language's rule pack (emotions.toml)."""

    groups: Groups
    families: Mapping[str, str]
    generic_negative: frozenset[str]
    #: ``[settings.other_feelings]``: bad feelings the taxonomy has no label for, with their family
    other_feelings: Mapping[str, str]
    #: the pattern that finds them
    other_pattern: re.Pattern[str]
    confidence: Mapping[str, Any]
    compatible: Mapping[str, Any]


@rule_view
def _rules(pack: RulePack) -> _Rules:
    """The feeling facts' view of the current language's rule pack."""
    others = pack.setting("emotions", "other_feelings")
    return _Rules(
        groups=pack.groups("emotions"),
        families=pack.setting("emotions", "families"),
        generic_negative=pack.words("emotions", "generic_negative"),
        other_feelings=others,
        other_pattern=re.compile(r"\b(?:" + "|".join(map(re.escape, others)) + r")\b", re.IGNORECASE),
        confidence=pack.setting("emotions", "confidence"),
        compatible=pack.setting("emotions", "compatible"),
    )


def family(label: str) -> str:
    """The family of a taxonomy label (or of "positive"), e.g. "impatience" -> "anger"."""
    if label == POSITIVE:
        return POSITIVE
    return str(_rules().families.get(label, label))


def _is_generic(word: str) -> bool:
    norm = " ".join(straighten(word.lower()).split())
    return norm in _rules().generic_negative or norm.startswith(("not ", "no ", "never "))


#: How many characters before a feeling word are read for who feels it (see _attributed_to_customer).
ATTRIBUTION_REACH = 200


def _reach_start(sentence: str, start: int) -> int:
    """Where reading back from ``start`` begins: the sentence start, or the first word start within reach."""
    # a cut at a word start keeps the patterns' word boundaries as they are in the whole sentence
    if start <= ATTRIBUTION_REACH:
        return 0
    cut = start - ATTRIBUTION_REACH
    while cut < start and not sentence[cut - 1].isspace():
        cut += 1
    return cut if cut < start else start - ATTRIBUTION_REACH  # one long token: cut inside it


def _attributed_to_customer(sentence: str, start: int, *, positive: bool, customer_text: str = "") -> bool:
    """True when the feeling word at ``start`` of ``sentence`` is said of the customer.

    ``customer_text`` (the customer's message) tells whether a "she"/"they" in the reply is one of
    the customer's own people ("my daughter ... she's devastated"): cheer given to them lands on
    the customer too. Only the last :data:`ATTRIBUTION_REACH` characters before the word are read
    (from a word start): the feeler is named within the clause, and reading a long sentence from its
    start for each of its feeling words made it quadratic.
    """
    before = sentence[_reach_start(sentence, start) : start]
    window = before[-40:]
    groups = _rules().groups
    if groups["apology_before"].search(window):
        return False
    if groups["mirror"].search(window):
        return True
    if groups["agent_stance"].pattern.match(sentence[start:]) and not before.strip():
        return False
    if (
        positive
        and customer_text
        and groups["third_person"].search(before)
        and groups["customer_people"].search(customer_text)
    ):
        return True
    if positive:
        you = [m.end() for m in groups["positive_to_customer"].pattern.finditer(before)]
    else:
        you = [m.end() for m in groups["to_customer"].pattern.finditer(before)]
    # "I know / I can tell / I imagine ..." frames the customer's feeling; its "I" is not the feeler.
    unframed = groups["perception"].pattern.sub(lambda m: " " * len(m.group(0)), before)
    me = [m.end() for m in groups["to_agent"].pattern.finditer(unframed)]
    other = [m.end() for m in groups["to_other"].pattern.finditer(before)]
    last_you, last_me, last_other = (you or [-1])[-1], (me or [-1])[-1], (other or [-1])[-1]
    if last_you > max(last_me, last_other):
        return True
    if last_me >= 0 or last_other >= 0:
        return False
    if positive:
        # A pleasant word with no subject is usually the agent's tone ("Fun fact", "Great news"),
        # unless it points at the customer's feeling ("Love the enthusiasm!", "How exciting!").
        if groups["exclamation"].search(before):
            return True
        if groups["appraisal_frame"].search(before):
            return True
        return groups["definite"].search(before) is not None and bool(before.strip())
    # A situation called "frustrating" / "scary" reflects the customer's feeling.
    return True


def _other_feelings() -> re.Pattern[str]:
    """Pattern for the bad feelings of ``[settings.other_feelings]`` of rules/<lang>/emotions.toml."""
    return _rules().other_pattern


def named_feelings(
    sentence: Span, customer_text: str = "", words: Sequence[tuple[str, Span]] | None = None
) -> list[Named]:
    """Feelings that ``sentence`` gives to the customer (``customer_text``: their message, if known).

    A reply sentence's are one of its facts (``SentenceFacts.named``), read once per analysis. ``words``: the
    lexicon's feeling words of the sentence when already read.
    """
    text = sentence.text
    out: list[Named] = []
    taken: list[tuple[int, int]] = []
    for label, span in find_emotion_words(text) if words is None else words:
        taken.append((span.start, span.end))
        positive = family(label) == POSITIVE
        if not _attributed_to_customer(text, span.start, positive=positive, customer_text=customer_text):
            continue
        # Every sense of the word counts ("upset" is sadness, anger or frustration).
        senses = {label, *emotions_of_word(span.text)}
        families = frozenset(family(sense) for sense in senses)
        out.append(Named(families, label, _shift(sentence, span), _is_generic(span.text)))
    rules = _rules()
    others = rules.other_feelings
    if others:
        for m in rules.other_pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken) or is_negated(text, m.start()):
                continue
            taken.append((m.start(), m.end()))
            if _attributed_to_customer(text, m.start(), positive=False, customer_text=customer_text):
                fam = str(others[m.group(0).lower()])
                out.append(Named(frozenset({fam}), fam, _shift(sentence, Span.of(text, m.start(), m.end())), False))
    for m in rules.groups["positive_states"].pattern.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken) or is_negated(text, m.start()):
            continue
        if not _attributed_to_customer(text, m.start(), positive=True, customer_text=customer_text):
            continue
        span = _shift(sentence, Span.of(text, m.start(), m.end()))
        out.append(Named(frozenset({POSITIVE}), POSITIVE, span, False))
    return sorted(out, key=lambda n: n.span.start)


def _shift(sentence: Span, inner: Span) -> Span:
    """``inner`` (offsets into the sentence's text) as a span of the whole reply."""
    return Span(sentence.start + inner.start, sentence.start + inner.end, inner.text)


def _confident_labels(customer: CustomerSignals) -> list[str]:
    """The customer's emotion labels the listen side is sure of.

    A label counts when it scores at least ``label_min_score`` and at least ``label_relative``
    of the strongest one: a faint second reading ("anger 0.45" next to "fear 0.67") must not make
    a wrongly named feeling look right. Hand-built signals without scores keep every label.
    """
    labels = [e for e in customer.emotions if e.label != "neutral"]
    if not labels:
        return []
    settings = _rules().confidence
    floor = float(settings.get("label_min_score", 0.0))
    relative = float(settings.get("label_relative", 0.0))
    top = max(e.score for e in labels)
    return [e.label for e in labels if e.score >= floor and e.score >= relative * top] or [labels[0].label]


def customer_cues(said: MessageFacts) -> tuple[CueHit, ...]:
    """The emotion lexicon's cues (every kind) in the customer's message, read on first use and kept in its facts:
    the emotion reading and the causes read the same hits."""
    if said.cues is None:
        said.cues = tuple(find_cues(said.text)) if said.text else ()
    return said.cues


def customer_feeling_words(said: MessageFacts) -> tuple[tuple[str, Span], ...]:
    """The feeling words of the customer's message (:func:`~empathic.listen.lexicon.find_emotion_words`), read on
    first use and kept in its facts: the causes and the cue families read the same words."""
    if said.feeling_words is None:
        said.feeling_words = tuple(find_emotion_words(said.text))
    return said.feeling_words


def cue_families(text: str, words: Sequence[tuple[str, Span]] | None = None) -> frozenset[str]:
    """Families of the feeling words in the customer's own message ("I'm shaking", "baffling"): one of the
    message's facts (``MessageFacts.cue_families``). ``words``: its feeling words when already read."""
    out: set[str] = set()
    for label, span in find_emotion_words(text) if words is None else words:
        for sense in {label, *emotions_of_word(span.text)}:
            if sense != "neutral":
                out.add(family(sense))
    return frozenset(out)


def _cues_of(text: str | MessageFacts) -> frozenset[str]:
    """:func:`cue_families` of the customer's message, from its facts when given."""
    if isinstance(text, MessageFacts):
        # read on first use and kept in the message's facts (most replies name no feeling to compare)
        if text.cue_families is None:
            text.cue_families = cue_families(text.text, customer_feeling_words(text)) if text.text else frozenset()
        return text.cue_families
    return cue_families(text) if text else frozenset()


def customer_families(customer: CustomerSignals, text: str | MessageFacts = "") -> set[str]:
    """The emotion families the customer shows.

    These are the families of their confident emotions and of the feeling words in their message
    ``text`` (or its facts: a reply may name a feeling the emotion reading missed when the customer's own words
    show it), see :func:`compatible_labels` for the feelings that usually come with them.
    """
    families = {family(c) for c in _confident_labels(customer)} | _cues_of(text)
    families.discard("neutral")
    return families


def compatible_labels(customer: CustomerSignals) -> set[str]:
    """Labels a reply may name besides the customer's families (``[settings.compatible]`` of emotions.toml)."""
    compatible = _rules().compatible
    out: set[str] = set()
    for label in _confident_labels(customer):
        out.update(compatible.get(label, []))
    return out


def mismatched(named: Named, customer: CustomerSignals, text: str | MessageFacts = "") -> bool:
    """True when ``named`` is not a feeling the customer has (by family).

    ``text`` is the customer's message (or its facts): its feeling words widen what the customer may be told
    they feel, never narrow it. Nothing is judged when the customer side read no feeling at all.
    """
    feelings = [c for c in customer.labels if c != "neutral"]
    if named.positive:
        # Cheer for a customer who complains jars even when no feeling was named: a clearly
        # negative message (VADER valence) counts as unhappy.
        return unhappy(customer) and POSITIVE not in {family(c) for c in feelings}
    if not feelings:
        return False
    negative = any(c in NEGATIVE_EMOTIONS for c in feelings)
    if named.generic:
        return not negative
    if not any(c in NEGATIVE_EMOTIONS for c in _confident_labels(customer)):
        # Only a confident reading of a bad feeling can make a named bad feeling the wrong one.
        return False
    if named.label in compatible_labels(customer):
        return False
    return not named.families & customer_families(customer, text)


def sentence_mismatch(
    sentence: Span, customer: CustomerSignals, text: str | MessageFacts = "", *, named: Sequence[Named] | None = None
) -> list[Named]:
    """The feelings ``sentence`` gives the customer that they do not have (empty when none or all fit).

    The strategy detector asks this too, so a reflection naming the wrong feeling is never
    counted as reflecting_emotion while this check flags it (LABELS: a mismatched reflection is
    not reflecting). ``named``: the feelings the sentence gives the customer when already read (a reply
    sentence's :class:`~empathic.types.SentenceFacts`); ``text``: the customer's message or its facts.
    """
    given = named_feelings(sentence, _said(text)) if named is None else named
    return [n for n in given if mismatched(n, customer, text)]


def _said(text: str | MessageFacts) -> str:
    return text.text if isinstance(text, MessageFacts) else text


def names_only_wrong_feelings(
    sentence: Span,
    customer: CustomerSignals,
    text: str | MessageFacts = "",
    *,
    positive: bool = False,
    named: Sequence[Named] | None = None,
) -> bool:
    """True when ``sentence`` gives the customer bad feelings and every one is foreign to what they feel.

    What makes a reflection no reflection (LABELS: a mismatched reflection is not reflecting): the reflecting
    detector drops such a candidate and the resolver vetoes it, with the same judgement as emotion_mismatch
    (:func:`mismatched`). ``text`` is the customer's message. An empty or neutral reading never blocks one.
    ``positive`` asks the same of the good feelings the sentence gives (a reflection of a good feeling, "you
    must be relieved it's sorted", to a customer who is unhappy). ``named``: the feelings the sentence gives the
    customer when already read (a reply sentence's :class:`~empathic.types.SentenceFacts`).
    """
    given = named_feelings(sentence, _said(text)) if named is None else named
    chosen = [n for n in given if n.positive is positive]
    return bool(chosen) and all(mismatched(n, customer, text) for n in chosen)
