"""The data model: what goes into the pipeline and the one object that comes out.

Every offset is a character offset into the original text (``str`` indices), so any
surface can highlight ``text[span.start:span.end]`` and get exactly ``span.text``.
Input objects are frozen; :class:`Analysis` is the one mutable object, filled in by
the pipeline's components in turn (like a spaCy ``Doc``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import accumulate
from typing import Any, Literal

from empathic.catalog import default_registry
from empathic.errors import SchemaError

SCHEMA_VERSION = "1.2"

#: The strategy names in listing order, from the registry (resources/registry/en/strategies/*.toml).
STRATEGIES: tuple[str, ...] = default_registry().strategy_names

#: The pitfall kinds in listing order, from the registry (resources/registry/en/pitfalls/*.toml).
PITFALL_KINDS: tuple[str, ...] = default_registry().pitfall_names

EMOTIONS: tuple[str, ...] = (
    "anger",
    "frustration",
    "anxiety",
    "sadness",
    "disappointment",
    "confusion",
    "embarrassment",
    "impatience",
    "fear",
    "gratitude",
    "relief",
    "neutral",
)

#: Emotions that call for empathy; gratitude, relief and neutral do not.
NEGATIVE_EMOTIONS: frozenset[str] = frozenset(EMOTIONS) - {"gratitude", "relief", "neutral"}

Role = Literal["customer", "agent"]
Severity = Literal["info", "warning", "error"]
OpportunityClass = Literal["needed_and_given", "needed_but_missing", "not_needed"]
EvidenceKind = Literal["rule", "head", "predicate"]
EvidenceEffect = Literal["support", "veto"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """Build a span from ``source`` so that its text always matches its offsets."""
        return cls(start, end, source[start:end])

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        """The span as ``{"start", "end", "text"}``."""
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        """Inverse of :meth:`to_dict`."""
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


class SpanIndex:
    """Spans sorted by start, answering "which of them overlap this span" by bisection.

    Checks and detectors compare every sentence with every finding, story or clause; with a long
    reply of many short sentences that comparison is quadratic. This index answers each question in
    O(log n + k) instead, in start order.
    """

    __slots__ = ("_ends", "_spans", "_starts")

    def __init__(self, spans: Iterable[Span]) -> None:
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self._spans]
        # running maximum of the ends: every span before the first index whose running maximum
        # passes a position ends at or before it
        self._ends = list(accumulate((s.end for s in self._spans), max))

    def overlapping(self, span: Span) -> list[Span]:
        """The indexed spans that share at least one character with ``span``, in start order."""
        lo = bisect_right(self._ends, span.start)
        hi = bisect_left(self._starts, span.end)
        return [s for s in self._spans[lo:hi] if s.overlaps(span)]

    def overlaps(self, span: Span) -> bool:
        """True when any indexed span shares a character with ``span``."""
        lo = bisect_right(self._ends, span.start)
        hi = bisect_left(self._starts, span.end)
        return any(s.overlaps(span) for s in self._spans[lo:hi])

    def within(self, span: Span) -> list[Span]:
        """The indexed spans that lie inside ``span`` (start and end included), in start order."""
        lo = bisect_left(self._starts, span.start)
        hi = bisect_right(self._starts, span.end)
        return [s for s in self._spans[lo:hi] if s.end <= span.end]

    def containing(self, pos: int) -> Span | None:
        """The first indexed span (in start order) with ``start <= pos < end``, else None."""
        for s in self.overlapping(Span(pos, pos + 1, "")):
            return s
        return None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a decision was made: one rule, learned head or named predicate that supported or vetoed it.

    ``id`` names the rule (``reflecting.attribution.3`` for a rule of the rule pack
    ``rules/en/reflecting.toml``, ``dismissive:blame_terms`` for a check rule,
    ``cue.anger.12`` for a customer cue of ``rules/en/cues.toml``, ``emotion_cues:furious|furiously|fury`` for a
    feeling word of the lexicon, ``head:strategy`` for a learned head,
    ``reflecting.py:weak_reflection`` for a rule written in Python, see :mod:`empathic.evidence`). ``span`` is
    ``(start, end)`` into the text the rule read (the reply for findings and pitfalls, the customer's message
    for emotions and causes), when it points at words. ``score`` is the rule's confidence or weight, or the
    head's probability; for a veto, the score of what it vetoed.
    """

    kind: EvidenceKind
    id: str
    score: float | None = None
    span: tuple[int, int] | None = None
    effect: EvidenceEffect = "support"

    def to_dict(self) -> dict[str, Any]:
        """``{"kind", "id", "score", "span", "effect"}`` (``span`` is ``{"start", "end"}`` or null)."""
        return {
            "kind": self.kind,
            "id": self.id,
            "score": None if self.score is None else round(self.score, 4),
            "span": None if self.span is None else {"start": self.span[0], "end": self.span[1]},
            "effect": self.effect,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        """Inverse of :meth:`to_dict`."""
        span = data.get("span")
        return cls(
            kind=data["kind"],
            id=str(data["id"]),
            score=None if data.get("score") is None else float(data["score"]),
            span=None if not span else (int(span["start"]), int(span["end"])),
            effect=data.get("effect", "support"),
        )


def merge_evidence(*groups: tuple[Evidence, ...] | list[Evidence]) -> tuple[Evidence, ...]:
    """The evidence of every group, in order, each entry once."""
    seen: set[Evidence] = set()
    out: list[Evidence] = []
    for group in groups:
        for e in group:
            if e not in seen:
                seen.add(e)
                out.append(e)
    return tuple(out)


def _evidence_list(evidence: tuple[Evidence, ...] | list[Evidence]) -> list[dict[str, Any]]:
    return [e.to_dict() for e in evidence]


def _evidence_of(data: dict[str, Any]) -> tuple[Evidence, ...]:
    # schema 1.0 objects have no evidence: readers get an empty chain
    return tuple(Evidence.from_dict(e) for e in data.get("evidence") or ())


@dataclass(frozen=True, slots=True)
class Turn:
    """One message in a conversation."""

    role: Role
    text: str
    id: str | None = None
    ts: datetime | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Exchange:
    """A customer's message and (optionally) the agent's reply to it, with earlier turns as context."""

    customer: str
    reply: str | None = None
    context: tuple[Turn, ...] = ()
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    """A whole conversation between one customer and one or more agents."""

    id: str
    turns: tuple[Turn, ...]
    agent_id: str | None = None
    meta: tuple[tuple[str, str], ...] = ()

    def exchanges(self) -> list[Exchange]:
        """Each agent turn paired with the customer turns since the previous agent turn.

        Agent turns that come before any customer turn (greetings) are skipped: there is
        nothing yet to respond to.
        """
        out: list[Exchange] = []
        pending: list[str] = []
        history: list[Turn] = []
        for turn in self.turns:
            if turn.role == "customer":
                pending.append(turn.text)
            elif pending:
                out.append(
                    Exchange(
                        customer="\n".join(pending),
                        reply=turn.text,
                        context=tuple(history),
                        id=turn.id or f"{self.id}:{len(history)}",
                    )
                )
                pending = []
            history.append(turn)
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """One strategy found in the reply, with the words that carry it."""

    strategy: str
    span: Span
    confidence: float
    source: str = "rules"
    #: every rule and head that proposed (or vetoed) this finding; ``source`` names only the winner
    evidence: tuple[Evidence, ...] = field(default=(), compare=False)

    @property
    def vetoed(self) -> bool:
        """True when a veto stands in this candidate's evidence: the resolver never accepts such a candidate.

        Meant for candidates; a finding may also hold the veto of an overlapping candidate of its
        strategy that the resolver merged into it (the head proposed it, a veto turned that down).
        """
        return any(e.effect == "veto" for e in self.evidence)

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON form used by the machine contract."""
        return {
            "strategy": self.strategy,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.span.text,
            "confidence": round(self.confidence, 4),
            "source": self.source,
            "evidence": _evidence_list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """Inverse of :meth:`to_dict`."""
        return cls(
            strategy=data["strategy"],
            span=Span(data["start"], data["end"], data["text"]),
            confidence=float(data["confidence"]),
            source=data.get("source", "rules"),
            evidence=_evidence_of(data),
        )


@dataclass(frozen=True, slots=True)
class Pitfall:
    """Something that went wrong in the reply; ``span`` is None when no words show it."""

    kind: str
    message: str
    span: Span | None = None
    severity: Severity = "warning"
    #: the check and the rules that raised it
    evidence: tuple[Evidence, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON form used by the machine contract (``start``/``end``/``text`` null without a span)."""
        return {
            "kind": self.kind,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
            "text": self.span.text if self.span else None,
            "message": self.message,
            "severity": self.severity,
            "evidence": _evidence_list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pitfall:
        """Inverse of :meth:`to_dict`."""
        span = None
        if data.get("start") is not None:
            span = Span(data["start"], data["end"], data.get("text") or "")
        return cls(
            kind=data["kind"],
            message=data["message"],
            span=span,
            severity=data.get("severity", "warning"),
            evidence=_evidence_of(data),
        )


@dataclass(frozen=True, slots=True)
class EmotionScore:
    """One emotion of the customer-service taxonomy with a score in [0, 1]."""

    label: str
    score: float
    #: the lexicon cues, heads and rules behind this emotion (offsets into the customer's message)
    evidence: tuple[Evidence, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """``{"label", "score", "evidence"}``."""
        return {"label": self.label, "score": round(self.score, 4), "evidence": _evidence_list(self.evidence)}


@dataclass(frozen=True, slots=True)
class Cause:
    """The reason behind a feeling: a span of the customer's message, and the feeling it explains."""

    span: Span
    emotion: str | None = None
    #: the marker or rule that found the reason
    evidence: tuple[Evidence, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end", "text", "emotion", "evidence"}``."""
        return {**self.span.to_dict(), "emotion": self.emotion, "evidence": _evidence_list(self.evidence)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cause:
        """Inverse of :meth:`to_dict`."""
        return cls(Span.from_dict(data), data.get("emotion"), _evidence_of(data))


@dataclass(slots=True)
class CustomerSignals:
    """What the customer's message says about how they feel."""

    emotions: list[EmotionScore] = field(default_factory=list)
    intensity: float = 0.0
    valence: float = 0.0
    causes: list[Cause] = field(default_factory=list)
    self_critical: bool = False
    self_criticism: list[Span] = field(default_factory=list)
    emotion_spans: list[tuple[str, Span]] = field(default_factory=list)
    #: Fine-grained emotions (GoEmotions' 27 + neutral) when a learned emotion model ran; else empty.
    fine_emotions: list[EmotionScore] = field(default_factory=list)
    #: Emotions the reading had that a team's local emotion layer dropped (each with its veto evidence); else empty.
    dropped_emotions: list[EmotionScore] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        """Emotion labels, strongest first."""
        return [e.label for e in self.emotions]

    @property
    def negative(self) -> list[str]:
        """The emotions that call for empathy, strongest first."""
        return [e.label for e in self.emotions if e.label in NEGATIVE_EMOTIONS]

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``customer`` in the machine contract); ``dropped_emotions`` only when a local layer drops any."""
        out = {
            "emotions": [e.to_dict() for e in self.emotions],
            "intensity": round(self.intensity, 4),
            "valence": round(self.valence, 4),
            "self_critical": self.self_critical,
            "self_criticism": [s.to_dict() for s in self.self_criticism],
            "causes": [c.to_dict() for c in self.causes],
            "emotion_spans": [{"label": label, **s.to_dict()} for label, s in self.emotion_spans],
            "fine_emotions": [{"label": e.label, "score": round(e.score, 4)} for e in self.fine_emotions],
        }
        if self.dropped_emotions:
            out["dropped_emotions"] = [e.to_dict() for e in self.dropped_emotions]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CustomerSignals:
        """Inverse of :meth:`to_dict`."""
        return cls(
            emotions=[
                EmotionScore(e["label"], float(e["score"]), _evidence_of(e)) for e in data.get("emotions", [])
            ],
            intensity=float(data.get("intensity", 0.0)),
            valence=float(data.get("valence", 0.0)),
            causes=[Cause.from_dict(c) for c in data.get("causes", [])],
            self_critical=bool(data.get("self_critical", False)),
            self_criticism=[Span.from_dict(s) for s in data.get("self_criticism", [])],
            emotion_spans=[(e["label"], Span.from_dict(e)) for e in data.get("emotion_spans", [])],
            fine_emotions=[EmotionScore(e["label"], float(e["score"])) for e in data.get("fine_emotions", [])],
            dropped_emotions=[EmotionScore(e["label"], float(e["score"]), _evidence_of(e))
                              for e in data.get("dropped_emotions", [])],
        )


@dataclass(frozen=True, slots=True)
class Feeling:
    """A feeling named in the text: the emotion label and where its words are."""

    label: str
    span: Span

    @property
    def negative(self) -> bool:
        """True for feelings that call for empathy (anger, anxiety ...), False for gratitude/relief."""
        return self.label in NEGATIVE_EMOTIONS


#: The family of the pleasant feelings a reply may name (facts/feelings.py).
POSITIVE = "positive"


@dataclass(frozen=True, slots=True)
class Named:
    """A feeling the reply gives to the customer: its families (one per sense) and where it is said."""

    families: frozenset[str]
    label: str
    span: Span
    generic: bool

    @property
    def positive(self) -> bool:
        """True for a pleasant feeling."""
        return POSITIVE in self.families


@dataclass(frozen=True, slots=True)
class SentenceView:
    """One sentence (or clause) of the reply with its normalized and tagged forms (strategies/text.py)."""

    span: Span
    norm: str
    tagged: str
    feelings: tuple[Feeling, ...]
    question: bool
    #: the normalized words with feeling words as NEGF / POSF, before the tags rules (what they read)
    feelings_tagged: str = ""

    @property
    def negative_feelings(self) -> tuple[Feeling, ...]:
        """The negative feelings named in the sentence."""
        return tuple(f for f in self.feelings if f.negative)


@dataclass(frozen=True, slots=True)
class Relevance:
    """How a personal sentence relates to the customer's message."""

    similar: bool
    adverse: bool
    overlap: int
    aside: bool
    weak_aside: bool = False
    pleasant: bool = False
    future: bool = False

    @property
    def comparable(self) -> bool:
        """The story shares trouble and topic with the customer's message."""
        return self.adverse and self.overlap >= 1

    @property
    def is_aside(self) -> bool:
        """Told as an aside: a clear aside cue, or a weak one on a story that is not comparable."""
        return not self.similar and (self.aside or (self.weak_aside and not self.comparable))

    @property
    def relevant(self) -> bool:
        """A similar or comparable situation that is not told as an aside."""
        if self.is_aside or (self.future and not self.similar):
            return False
        return self.similar or self.adverse or (self.overlap >= 1 and not self.pleasant)


@dataclass(frozen=True, slots=True)
class Mention:
    """Evidence of an identifiable third party inside one sentence (facts/identifiable.py)."""

    reason: str
    start: int
    end: int


@dataclass(slots=True)
class MessageFacts:
    """What the reply's facts and the customer side read of the customer's message, once per analysis
    (facts/sentences.py).

    The facts every analysis reads are filled at once; the lexicon's reading the listen components share (its cues,
    feeling words, self-criticism) and those only some replies need (a story's relevance, a wrong feeling, a shared
    trouble, an answer to "anyone else?") are None until first read, then kept here by the function that reads them,
    so each is still read at most once per analysis.
    """

    text: str = ""
    #: the message's normalized form (lower case, chat spellings mapped)
    norm: str = ""
    #: its topic words (facts.stories.topic_words: the stems of the normalized form)
    topic: frozenset[str] = frozenset()
    #: its words, lower case: a name or place the customer wrote is their own (facts/identifiable.py)
    words: frozenset[str] = frozenset()
    #: stems of its content words, which a story's relevance compares (facts.stories.customer_stems)
    stems: frozenset[str] | None = None
    #: the emotion lexicon's cues in it, each a ``listen.lexicon.CueHit`` (facts.feelings.customer_cues): what
    #: the emotion reading sums and causes look for the strongest situation cue in
    cues: tuple[Any, ...] | None = None
    #: the feeling words it names, ``(label, span)`` (facts.feelings.customer_feeling_words: causes, cue families)
    feeling_words: tuple[tuple[str, Span], ...] | None = None
    #: where the customer blames or belittles themselves (listen.self_criticism.customer_self_criticism: the
    #: emotion reading's embarrassment and the self-criticism component)
    self_criticism: tuple[Span, ...] | None = None
    #: families of the feeling words in it (facts.feelings.cue_families)
    cue_families: frozenset[str] | None = None
    #: which kinds of trouble of ``[relating.trouble_topics]`` it names, by position (facts.stories)
    trouble_kinds: frozenset[int] | None = None
    #: it asks whether anyone else shares the trouble ("anyone else ...?", facts.stories.asks_others)
    asks_others: bool | None = None


@dataclass(frozen=True, slots=True)
class SentenceFacts(SentenceView):
    """What every later layer reads about one reply sentence, computed once by ``facts.sentences``.

    The view's forms (normalized, tagged, feelings, question) and, on top: the person it speaks in, its tense,
    the feelings it gives the customer (``named``), its topic words, what it tells of the agent's own life (the
    story facts) and which pitfall rules it matches. Detectors, the resolver, the checks and the learned head's
    vetoes read these instead of reading the sentence again (facts/sentences.py).
    """

    #: "you", "your", chat "ya" in the normalized form: the sentence speaks to the customer
    to_customer: bool = False
    #: "I", "me", "my" in the normalized form
    first_person: bool = False
    #: narrated in the past tense (an irregular past or an -ed verb that is not passive), read on the raw text
    past: bool = False
    #: the feelings the sentence gives the customer, and whose (facts.feelings.named_feelings)
    named: tuple[Named, ...] = ()
    #: it says why the feeling it names is felt, or names none (the reason test, facts.reason.has_reason)
    reason: bool = True
    #: stems of the content words of the normalized form (the topic words every overlap test compares)
    topic: frozenset[str] = frozenset()
    #: the agent (or their household) is in it: "I", "my", "we were" (facts.stories.tells_of_agent)
    tells_of_agent: bool = False
    #: it can carry a story on: past tense or first person, no service, not about "you" (facts.stories.narrates)
    narrates: bool = False
    #: about the agent's own life rather than the customer's case (facts.stories.is_personal)
    personal: bool = False
    #: it only imagines the customer's situation ("I'd be furious too if ...", facts.stories.is_hypothetical)
    hypothetical: bool = False
    #: it opens a story of the agent's own life, where a story's extent starts (facts.stories.is_story_seed)
    story_seed: bool = False
    #: the agent acting for the customer or telling the case's state (facts.stories.is_service)
    service: bool = False
    #: one of its clauses (segment's) is about the agent's own life (facts.stories.is_personal)
    personal_part: bool = False
    #: how it relates to the customer's message, read as a story would be (facts.stories.relevance); read only
    #: where a story or aside can be (the sentence narrates or is personal), else None
    relevance: Relevance | None = None
    #: evidence that it tells of another, identifiable customer (facts.identifiable.identifiable_mentions)
    identifiable: tuple[Mention, ...] = ()
    #: (rule id, what it does) of each dismissive rule it matches (facts.matches.dismissive_rules)
    dismissive: tuple[tuple[str, str], ...] = ()
    #: ids of the overgeneralizing rules it matches (facts.matches.overgeneralizing_rules)
    overgeneralizing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tip:
    """One piece of coaching: what to do, and why it matters."""

    kind: str
    text: str
    why: str = ""
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"kind", "text", "why", "target"}``."""
        return {"kind": self.kind, "text": self.text, "why": self.why, "target": self.target}


@dataclass(slots=True)
class Analysis:
    """Everything empathic knows about one exchange; the components fill it in, every surface renders it."""

    exchange: Exchange
    customer_sentences: list[Span] = field(default_factory=list)
    customer_clauses: list[Span] = field(default_factory=list)
    reply_sentences: list[Span] = field(default_factory=list)
    reply_clauses: list[Span] = field(default_factory=list)
    #: one record per reply sentence, in order (facts/sentences.py); not part of to_dict
    reply_facts: list[SentenceFacts] = field(default_factory=list)
    #: what the reply's facts read of the customer's message (facts/sentences.py); not part of to_dict
    customer_facts: MessageFacts = field(default_factory=MessageFacts)
    #: the reply's sentences indexed once for :func:`empathic.facts.text.touching_sentences` (the facts list it
    #: was built from, that list's length, the index, sentence offsets -> position); not part of to_dict
    reply_index: tuple[list[SentenceFacts], int, SpanIndex, dict[tuple[int, int], int]] | None = field(
        default=None, repr=False, compare=False
    )
    customer: CustomerSignals = field(default_factory=CustomerSignals)
    candidates: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: candidates the resolver turned down, each with the veto that did it (for ``analyze --explain``)
    rejected: list[Finding] = field(default_factory=list)
    pitfalls: list[Pitfall] = field(default_factory=list)
    opportunity: float = 0.0
    opportunity_class: OpportunityClass = "not_needed"
    score: int = 0
    breakdown: dict[str, float] = field(default_factory=dict)
    tips: list[Tip] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    #: the learned heads that read this exchange: head id -> ``<shipped | local | path>:<16 hex digits of SHA-256>``
    heads: dict[str, str] = field(default_factory=dict)
    #: The language the Coach read it in (its rule pack, lexicons and heads); not part of to_dict.
    language: str = "en"

    @property
    def reply(self) -> str:
        """The agent's reply ('' when the exchange has none)."""
        return self.exchange.reply or ""

    @property
    def strategies(self) -> list[str]:
        """Strategies found, in the project's canonical order."""
        found = {f.strategy for f in self.findings}
        return [s for s in STRATEGIES if s in found]

    @property
    def pitfall_kinds(self) -> list[str]:
        """Pitfall kinds found, each once, in the project's canonical order."""
        found = {p.kind for p in self.pitfalls}
        return [k for k in PITFALL_KINDS if k in found]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the machine contract (see README, "Machine contract")."""
        return {
            "id": self.exchange.id,
            "schema_version": SCHEMA_VERSION,
            "score": self.score,
            "opportunity": round(self.opportunity, 4),
            "opportunity_class": self.opportunity_class,
            "exchange": {"customer": self.exchange.customer, "reply": self.exchange.reply},
            "customer": self.customer.to_dict(),
            "strategies": self.strategies,
            "findings": [f.to_dict() for f in self.findings],
            "pitfalls": [p.to_dict() for p in self.pitfalls],
            "breakdown": {k: round(v, 4) for k, v in self.breakdown.items()},
            "tips": [t.to_dict() for t in self.tips],
            "components": list(self.components),
            "heads": {k: self.heads[k] for k in sorted(self.heads)},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an analysis from :meth:`to_dict` output (sentence segments are not kept)."""
        version = str(data.get("schema_version", ""))
        if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise SchemaError(f"schema_version {version!r} is not compatible with {SCHEMA_VERSION}")
        ex = data.get("exchange") or {}
        return cls(
            exchange=Exchange(customer=ex.get("customer", ""), reply=ex.get("reply"), id=data.get("id")),
            customer=CustomerSignals.from_dict(data.get("customer", {})),
            findings=[Finding.from_dict(f) for f in data.get("findings", [])],
            pitfalls=[Pitfall.from_dict(p) for p in data.get("pitfalls", [])],
            opportunity=float(data.get("opportunity", 0.0)),
            opportunity_class=data.get("opportunity_class", "not_needed"),
            score=int(data.get("score", 0)),
            breakdown={k: float(v) for k, v in data.get("breakdown", {}).items()},
            tips=[Tip(**t) for t in data.get("tips", [])],
            components=list(data.get("components", [])),
            heads={str(k): str(v) for k, v in (data.get("heads") or {}).items()},
        )
