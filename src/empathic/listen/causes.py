"""The reasons behind the customer's feelings (component ``listen.causes``).

A cause is a span of the customer's message and the emotion it explains. It is found, in
order of preference:

1. after a causal marker that follows a feeling word: "I'm furious **that** you charged me
   twice", "worried **about** the bill", "frustrating **to** be cut off", "upset **because** ...";
2. before one: "**Waiting three weeks** is so frustrating", "**I was charged twice**, so I'm
   furious", "**Since you cancelled**, I've been stressed";
3. in the adjacent sentence when the feeling stands on its own: "**I was charged twice.**
   I'm furious." / "Humiliating." after the event;
4. for an emotion shown only by the situation (no feeling word), the sentence that carries
   the strongest cue of that emotion ("**You charged my card twice for the same booking.**").

The markers are data: ``resources/lexicons/cause_markers.tsv``. Each cause's evidence names the
marker kind that found it (``cause_markers:forward``, ``:near``, ``:leading``, ``:backward``,
``:subject``), or ``causes.py:neighbour`` / ``causes.py:situation`` (with the cue row) for 3 and 4.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from empathic import evidence as ev
from empathic.components import component
from empathic.errors import ResourceError
from empathic.facts.text import customer_facts, is_question
from empathic.languages import Language, per_language
from empathic.listen.lexicon import (
    CueHit,
    emotions_of_word,
    find_cues,
    find_emotion_words,
    required_literals,
)
from empathic.textio import straighten
from empathic.types import NEGATIVE_EMOTIONS, Analysis, Cause, Evidence, MessageFacts, Span

#: Evidence ids of causes found without a marker (the adjacent event sentence; the strongest situation cue).
NEIGHBOUR = ev.register("causes.py:neighbour", "a feeling-only sentence's cause is the event sentence next to it")
SITUATION = ev.register(
    "causes.py:situation", "an emotion shown only by the situation: the sentence with its strongest cue"
)

#: How many characters after a feeling word a forward marker may start (keeps "I'm upset ... when" local).
FORWARD_REACH = 40
#: A sentence of at most this many words that names a feeling is "feeling-only"; its cause is next door.
SHORT_FEELING_SENTENCE = 9
#: How many characters before a feeling word the connector ("..., so I'm") and subject ("... is so")
#: patterns read; a natural connector with its adverbs ("..., and now I'm honestly so") is under 60.
BACKWARD_REACH = 120
#: A situation cue in a sentence this short ("Why?", "She's FOUR.") points back at an earlier sentence.
SHORT_EVENT_SENTENCE = 4
#: A sentence of at most this many words is a fragment ("Just sides."), not an event.
FRAGMENT_WORDS = 3

_WORD = re.compile(r"[A-Za-z0-9']+")


@dataclass(frozen=True, slots=True)
class _Markers:
    forward: re.Pattern[str]  # marker right after a feeling: cause follows
    near: re.Pattern[str]  # prepositions that only count right after the feeling word
    backward: re.Pattern[str]  # connector before the feeling's clause: cause precedes
    subject: re.Pattern[str]  # "<cause> is/was so <feeling>"
    leading: re.Pattern[str]  # "Since/Because/After <cause>, <feeling>"
    anaphora: re.Pattern[str]  # "It's / This is / That's <feeling>": points at the previous sentence
    clause_end: re.Pattern[str]  # where a cause clause stops


@per_language
def _load(lang: Language) -> _Markers:
    """The cause markers of a language, compiled once."""
    parts: dict[str, list[str]] = {}
    for n, line in enumerate(lang.lines("lexicons", "cause_markers.tsv"), 1):
        kind, _, source = line.partition("\t")
        if not source.strip():
            raise ResourceError(f"cause_markers.tsv row {n}: expected 'kind<TAB>regex'")
        parts.setdefault(kind.strip(), []).append(source.strip())
    needed = ("forward", "near", "backward", "subject", "leading", "anaphora", "clause_end")
    missing = [k for k in needed if k not in parts]
    if missing:
        raise ResourceError(f"cause_markers.tsv has no rows of kind {', '.join(missing)}")
    try:
        compiled = {k: re.compile("|".join(f"(?:{p})" for p in parts[k]), re.IGNORECASE) for k in needed}
    except re.error as exc:
        raise ResourceError(f"cause_markers.tsv: bad regex: {exc}") from exc
    return _Markers(**compiled)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """A span without surrounding spaces and end punctuation; None when no word is left."""
    while start < end and (text[start].isspace() or text[start] in ",;:-–—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?-–—"):
        end -= 1
    if start >= end or not _WORD.search(text, start, end):
        return None
    return Span.of(text, start, end)


class _Sentences:
    """The message's sentences with what the cause finder asks about each, computed once.

    A long message names many feelings; finding each one's sentence by a scan, and counting that
    sentence's words again for each, made the finder quadratic in the message length.
    """

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._starts = [s.start for s in spans]
        self._words: dict[int, int] = {}

    def of(self, pos: int) -> int | None:
        """Index of the sentence holding offset ``pos`` (sentences are in text order), else None."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.spans[i].end:
            return i
        return None

    def words(self, idx: int) -> int:
        """How many words sentence ``idx`` has."""
        n = self._words.get(idx)
        if n is None:
            n = self._words[idx] = len(_WORD.findall(self.spans[idx].text))
        return n

    def is_event(self, idx: int) -> bool:
        """Whether sentence ``idx`` can state the event behind a feeling: not a question, not a fragment."""
        return not is_question(self.spans[idx].text) and self.words(idx) > FRAGMENT_WORDS


def _clause_end(norm: str, start: int, limit: int, markers: _Markers) -> int:
    m = markers.clause_end.search(norm, start, limit)
    return m.start() if m else limit


def _forward(norm: str, text: str, word: Span, sent: Span, markers: _Markers) -> tuple[Span | None, str]:
    """The cause after a marker that follows feeling ``word``, and the marker kind that found it."""
    near = markers.near.match(norm, word.end, sent.end)
    m = near or markers.forward.search(norm, word.end, min(sent.end, word.end + FORWARD_REACH))
    if m is None:
        return None, ""
    end = _clause_end(norm, m.end(), sent.end, markers)
    return _trimmed(text, m.end(), end), "cause_markers:near" if near else "cause_markers:forward"


@lru_cache(maxsize=16)
def _literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case literals one of which every match of ``pattern`` contains (None when unknown)."""
    return required_literals(pattern.pattern)


def _may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when ``text`` lacks every literal a match of ``pattern`` needs (a cheap test before the search)."""
    literals = _literals(pattern)
    if literals is None:
        return True
    low = text.lower()
    return any(lit in low for lit in literals)


def _leading(
    norm: str, sent: Span, head_len: int, markers: _Markers, leads: dict[int, re.Match[str] | None]
) -> re.Match[str] | None:
    """The "Since/Because <cause>," opening of ``sent`` as matched in its first ``head_len`` characters.

    The pattern is anchored at the sentence start and has no look-ahead, so a match within the
    first ``head_len`` characters is the whole sentence's match when that one ends there; the
    whole sentence is matched once (``leads``, by sentence start) and re-read only for a feeling
    word that comes before the end of its match.
    """
    if sent.start not in leads:
        leads[sent.start] = markers.leading.match(norm[sent.start : sent.end])
    whole = leads[sent.start]
    if whole is None:
        return None
    if whole.end() <= head_len:
        return whole
    return markers.leading.match(norm[sent.start : sent.start + head_len])


def _backward(
    norm: str, text: str, word: Span, sent: Span, markers: _Markers, leads: dict[int, re.Match[str] | None]
) -> tuple[Span | None, str]:
    """The cause before feeling ``word`` (leading clause, connector or subject), and the marker kind."""
    head = norm[sent.start : word.start]
    lead = _leading(norm, sent, len(head), markers, leads)
    if lead:
        span = _trimmed(text, sent.start + lead.end("cause"), sent.start + lead.end("cause_end"))
        if span:
            return span, "cause_markers:leading"
    # The connector and subject patterns are anchored at the end of ``head``: only its last
    # BACKWARD_REACH characters are searched, so a sentence full of feeling words is not re-read
    # from its start for each one.
    tail_start = max(0, len(head) - BACKWARD_REACH)
    tail = head[tail_start:]
    conn = markers.backward.search(tail)  # anchored at the end of ``head``, so at most one place matches
    if conn is not None:
        return _trimmed(text, sent.start, sent.start + tail_start + conn.start()), "cause_markers:backward"
    subj = markers.subject.search(tail) if _may_match(markers.subject, tail) else None
    if subj:
        span = _trimmed(text, sent.start, sent.start + tail_start + subj.start())
        # "It's so frustrating" / "I'm so angry": the subject points elsewhere, not a cause
        if span and not markers.anaphora.fullmatch(norm[span.start : span.end]):
            return span, "cause_markers:subject"
    return None, ""


def _neighbour(sents: _Sentences, idx: int, text: str, feeling_only: set[int]) -> Span | None:
    """The event sentence next to a feeling-only sentence: the nearest earlier one, else the next one."""
    for j in (idx - 1, idx - 2, idx + 1):
        if 0 <= j < len(sents.spans) and j not in feeling_only and sents.is_event(j):
            s = sents.spans[j]
            return _trimmed(text, s.start, s.end)
    return None


def find_causes(
    text: str,
    sentence_spans: list[Span],
    emotions: list[str],
    said: MessageFacts | None = None,
) -> list[Cause]:
    """The causes of the customer's negative ``emotions`` in ``text``, in text order.

    ``sentence_spans`` are the message's sentences (see :func:`empathic.segment.sentences`).
    Each cause's span text equals ``text[span.start:span.end]``. A span can explain more than
    one emotion (one Cause each); no two causes share both span and emotion. ``said``: the facts of the message
    ``text`` when there are some, whose lexicon reading (feeling words, cues) is read once per analysis: the
    emotion reading read the same cues.
    """
    negatives = [e for e in emotions if e in NEGATIVE_EMOTIONS]
    if not negatives or not sentence_spans:
        return []
    markers = _load()
    norm = straighten(text)
    # Imported here: facts.feelings reads the lexicon, whose package imports this module.
    from empathic.facts.feelings import customer_cues, customer_feeling_words

    named = find_emotion_words(text) if said is None else customer_feeling_words(said)
    feelings = [(label, span) for label, span in named if label in NEGATIVE_EMOTIONS]

    sents = _Sentences(sentence_spans)
    feeling_only: set[int] = set()
    for _label, span in feelings:
        idx = sents.of(span.start)
        if idx is not None and sents.words(idx) <= SHORT_FEELING_SENTENCE:
            feeling_only.add(idx)

    found: dict[tuple[int, int, str], Cause] = {}
    explained: set[str] = set()
    leads: dict[int, re.Match[str] | None] = {}

    def add(span: Span | None, label: str, why: tuple[Evidence, ...]) -> bool:
        if span is None:
            return False
        emotion = label if label in negatives else _closest(label, negatives)
        key = (span.start, span.end, emotion)
        if key not in found:
            found[key] = Cause(span, emotion, why)
        explained.add(emotion)
        return True

    for label, word in feelings:
        idx = sents.of(word.start)
        if idx is None:
            continue
        sent = sentence_spans[idx]
        span, how = _forward(norm, text, word, sent, markers)
        if span is None:
            span, how = _backward(norm, text, word, sent, markers, leads)
        if span is None:
            head = norm[sent.start : word.start]
            if idx in feeling_only or markers.anaphora.match(head):
                feeling_only.add(idx)
                span, how = _neighbour(sents, idx, text, feeling_only), NEIGHBOUR
        if span is None:
            continue
        kind = "predicate" if how == NEIGHBOUR else "rule"
        why = (Evidence(kind, how, None, (span.start, span.end)),)
        add(span, label, why)
        # a broad word ("upsetting") explains each of its senses the customer shows
        for other in emotions_of_word(word.text):
            if other != label and other in negatives:
                add(span, other, why)

    # Emotions shown by the situation alone: the sentence with the strongest cue of each one.
    missing = [e for e in negatives if e not in explained]
    if missing:
        best: dict[str, tuple[float, int, CueHit]] = {}
        for hit in find_cues(text) if said is None else customer_cues(said):
            if hit.cue.kind == "feeling":
                continue
            idx = sents.of(hit.span.start)
            if idx is None or idx in feeling_only:
                continue
            for label, weight in hit.weights():
                if label in missing and (label not in best or weight > best[label][0]):
                    best[label] = (weight, idx, hit)
                # a feeling read from the problem alone (listen.emotions' problem fallback) has no cue of its own:
                # the problem is where the strongest cue of any bad feeling is
                if label in NEGATIVE_EMOTIONS and weight > 0 and (ANY not in best or weight > best[ANY][0]):
                    best[ANY] = (weight, idx, hit)
        for label in missing:
            if label not in best and ANY in best:
                best[label] = best[ANY]
            if label in best:
                idx = best[label][1]
                for _ in range(2):
                    if idx > 0 and sents.words(idx) <= SHORT_EVENT_SENTENCE:
                        idx -= 1
                s = sentence_spans[idx]
                span = _trimmed(text, s.start, s.end)
                # a sentence that holds a finer cause adds nothing new; the same sentence may explain two feelings
                if span and not any(
                    span.overlaps(c.span) and (c.span.start, c.span.end) != (span.start, span.end)
                    for c in found.values()
                ):
                    weight, _, hit = best[label]
                    cue = Evidence("rule", hit.cue.id_of(label), round(weight, 4), (hit.span.start, hit.span.end))
                    add(span, label, (ev.rule(SITUATION, span=(span.start, span.end)), cue))
    return sorted(found.values(), key=lambda c: (c.span.start, c.span.end))


#: Key of the strongest cue of any bad feeling, for a feeling without a cue of its own.
ANY = ""


def _closest(label: str, negatives: list[str]) -> str:
    """Attribute a cause found for a feeling word the customer-level reading did not keep to the strongest one."""
    return negatives[0] if negatives else label


@component(
    "listen.causes",
    requires=("customer_sentences", "customer.emotions"),
    assigns=("customer.causes",),
)
def causes(analysis: Analysis) -> Analysis:
    """Find the reasons behind the customer's negative feelings."""
    said = customer_facts(analysis)
    analysis.customer.causes = find_causes(
        said.text, analysis.customer_sentences, analysis.customer.labels, said
    )
    return analysis
