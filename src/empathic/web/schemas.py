"""Pydantic models of the REST API v1: what each endpoint accepts and returns.

The analysis models mirror ``Analysis.to_dict()`` (the machine contract) field by field, so
the OpenAPI document describes exactly what clients receive; ``extra="allow"`` lets a newer
analyzer add fields without the API dropping them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from empathic.web.settings import MAX_TEXT_CHARS, MAX_TURNS

#: A text must have at least one character that is not whitespace (pattern search, not a full match).
#: Python's str.strip(), which the analyzer's empty check uses, also strips the separators U+001C-U+001F,
#: which the pattern engine's \s does not count as whitespace: the class names them so both agree.
HAS_WORDS = r"[^\s\x1c-\x1f]"
#: An agent, conversation or story owner id: letters, digits and _ . : @ -.
AGENT_ID_PATTERN = r"^[A-Za-z0-9_.:@\-]+$"


def _iso_text(value: object) -> object:
    # Lax parsing would take a number (or a string of digits) as a Unix time; a timestamp sent to the
    # API is ISO 8601 text.
    if value is None:
        return value
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date-time string")
    try:  # any number, "1e-115" and "-3.5" included, would be read as a Unix time
        float(value.strip())
    except ValueError:
        return value
    raise ValueError("must be an ISO 8601 date-time, not a number")


def _in_utc_range(value: datetime) -> datetime:
    # Python's datetime holds years 1-9999 in the time's own offset; converting 0001-01-01T00:00+14:00 or
    # 9999-12-31T23:59-14:00 to UTC overflows. Refused here, every later conversion to UTC is safe.
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("is outside the range of dates that can be stored (years 1 to 9999 in UTC)") from exc


#: An ISO 8601 date-time that can be converted to UTC (aware values come back in UTC; naive ones are UTC).
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_in_utc_range)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


# ----- requests ----------------------------------------------------------------------------------


class AnalyzeRequest(_In):
    """A customer's message and the agent's (draft) reply."""

    customer: str = Field(
        min_length=1, max_length=MAX_TEXT_CHARS, pattern=HAS_WORDS, description="The customer's message."
    )
    reply: str | None = Field(
        default=None, max_length=MAX_TEXT_CHARS, description="The agent's reply; omit to read the customer only."
    )
    save: StrictBool = Field(default=False, description="Store the analysis so the dashboard shows it.")
    agent_id: str | None = Field(
        default=None, min_length=1, max_length=200, pattern=AGENT_ID_PATTERN,
        description="Who wrote the reply (stored with the analysis when save is true).",
    )
    conversation_id: str | None = Field(
        default=None, min_length=1, max_length=200, pattern=AGENT_ID_PATTERN,
        description="Store as the next turn of this conversation (a new one when omitted).",
    )


class SuggestRequest(_In):
    """A customer's message (a draft reply is accepted and ignored: suggestions depend on the customer)."""

    customer: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=HAS_WORDS)
    reply: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    agent_id: str | None = Field(
        default=None, min_length=1, max_length=200, pattern=AGENT_ID_PATTERN,
        description="The agent asking: their own stories (/v1/stories) that fit the message are offered for "
                    "relating before the frames.",
    )


class RewriteRequest(_In):
    """A customer's message and the draft reply to mend."""

    customer: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=HAS_WORDS)
    reply: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=HAS_WORDS)


class TurnIn(_In):
    """One message of a conversation."""

    role: Literal["customer", "agent"]
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=HAS_WORDS)
    ts: IsoDateTime | None = Field(default=None, description="When it was sent (ISO 8601).")
    author: str | None = Field(default=None, max_length=200)


class ConversationRequest(_In):
    """A whole conversation; every agent turn that answers a customer is scored."""

    id: str | None = Field(
        default=None, min_length=1, max_length=200, pattern=AGENT_ID_PATTERN,
        description="Conversation id (one is made up when omitted).",
    )
    agent_id: str | None = Field(default=None, min_length=1, max_length=200, pattern=AGENT_ID_PATTERN)
    turns: list[TurnIn] = Field(min_length=1, max_length=MAX_TURNS)
    save: StrictBool = False


class LoginRequest(_In):
    """An API key, exchanged for a same-site cookie so the pages can call the API."""

    key: str = Field(min_length=1, max_length=500)


# ----- responses ---------------------------------------------------------------------------------


class ErrorBody(BaseModel):
    """What went wrong: a stable machine code and a sentence for people."""

    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    """Every error of the API has this shape."""

    error: ErrorBody


class SpanOut(_Out):
    start: int
    end: int
    text: str


class OffsetsOut(_Out):
    start: int
    end: int


class EvidenceOut(_Out):
    """One rule, learned head or named predicate behind a decision (schema 1.1)."""

    kind: str
    id: str
    score: float | None = None
    span: OffsetsOut | None = None
    effect: str = "support"


class FindingOut(_Out):
    strategy: str
    start: int
    end: int
    text: str
    confidence: float
    source: str
    evidence: list[EvidenceOut] = []


class PitfallOut(_Out):
    kind: str
    start: int | None
    end: int | None
    text: str | None
    message: str
    severity: str
    evidence: list[EvidenceOut] = []


class EmotionOut(_Out):
    label: str
    score: float
    evidence: list[EvidenceOut] = []


class CauseOut(_Out):
    start: int
    end: int
    text: str
    emotion: str | None
    evidence: list[EvidenceOut] = []


class EmotionSpanOut(_Out):
    label: str
    start: int
    end: int
    text: str


class CustomerOut(_Out):
    emotions: list[EmotionOut]
    intensity: float
    valence: float
    self_critical: bool
    self_criticism: list[SpanOut]
    causes: list[CauseOut]
    emotion_spans: list[EmotionSpanOut]


class TipOut(_Out):
    kind: str
    text: str
    why: str
    target: str | None


class ExchangeOut(_Out):
    customer: str
    reply: str | None


class AnalysisOut(_Out):
    """``Analysis.to_dict()``: the machine contract (see the README)."""

    id: str | None
    schema_version: str
    score: int
    opportunity: float
    opportunity_class: str
    exchange: ExchangeOut
    customer: CustomerOut
    strategies: list[str]
    findings: list[FindingOut]
    pitfalls: list[PitfallOut]
    breakdown: dict[str, float]
    tips: list[TipOut]
    components: list[str]
    #: the learned heads that read the exchange: head id -> "shipped|local|path:<16 hex digits of SHA-256>"
    heads: dict[str, str] = {}


class SavedRef(BaseModel):
    """Where a saved analysis went."""

    conversation_id: str
    turn_index: int


class ScoredTurn(BaseModel):
    """One agent turn of a conversation and its analysis."""

    turn_index: int
    analysis: AnalysisOut


class Coverage(BaseModel):
    """How well the agent met the customer's need for empathy across the conversation."""

    agent_turns: int
    opportunities: int
    opportunities_met: int
    coverage: float | None = Field(description="opportunities_met / opportunities; null when none.")
    mean_score: float | None
    strategies_used: list[str]
    pitfalls: dict[str, int]


class TensionPoint(BaseModel):
    """The customer's negativity (0-1) just before one agent turn and in their next message."""

    turn_index: int
    before: float
    after: float | None = Field(description="Negativity of the customer's next message; null when none followed.")
    strategies: list[str]
    opportunity_class: str


class Tension(BaseModel):
    """The tension trajectory of one conversation, computed as in batch scoring."""

    start: float | None = Field(description="Negativity of the customer's first message; null without agent turns.")
    end: float | None = Field(description="Negativity of the customer's last message.")
    turns: list[TensionPoint]


class ConversationResponse(BaseModel):
    """Per-turn analyses, coverage and tension trajectory of one conversation."""

    id: str
    agent_id: str | None
    turns: list[ScoredTurn]
    coverage: Coverage
    tension: Tension
    saved: bool


class ResultOut(BaseModel):
    """One stored turn analysis."""

    conversation_id: str
    turn_index: int
    agent_id: str | None
    ts: str
    score: int
    opportunity_class: str
    strategies: list[str]
    pitfalls: list[str]
    analysis: AnalysisOut


class ResultsPage(BaseModel):
    """A page of stored results, newest first."""

    total: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[ResultOut]


class SuggestionOut(_Out):
    """One verified sentence to add to a reply."""

    strategy: str
    text: str
    score: int
    source: str
    note: str


class SuggestOut(_Out):
    """``empathic.suggest(...).to_dict()``: sentences for the strategies the customer's message calls for."""

    id: str | None
    called_for: list[str]
    emotions: list[str]
    self_critical: bool
    suggestions: list[SuggestionOut]
    rejected: int
    note: str


class RewriteOut(_Out):
    """``empathic.rewrite(...).to_dict()``: the mended reply, never scoring worse than the draft."""

    id: str | None
    original: str
    rewritten: str
    pitfalls_fixed: list[str]
    pitfalls_left: list[str]
    score_before: int
    score_after: int
    kept: float
    changes: list[str]
    diff: str


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready", "not_ready"]
    checks: dict[str, str]


# ----- calibration: reviews ------------------------------------------------------------------------

ReviewItem = Literal["finding", "pitfall", "emotion", "self_criticism", "missed_span", "comment", "turn"]
ReviewVerdict = Literal["confirm", "reject", "add", "correct"]


class ReviewIn(_In):
    """A reviewer's verdict on one item of a stored turn; the reviewer is whoever sends it (key or name).

    Which verdicts, labels and spans each item takes is in the README ("Calibrate on your own data").
    Sending ``id`` changes that review (it must be the sender's own).
    """

    id: int | None = Field(default=None, ge=1, description="Change this review (one of the sender's own).")
    conversation_id: str = Field(min_length=1, max_length=200)
    turn_index: int = Field(ge=0, le=10_000_000)
    item: ReviewItem
    label: str | None = Field(default=None, max_length=100,
                              description="The strategy, pitfall kind or emotion (the corrected one for 'correct'); "
                              "for 'turn', the part confirmed (strategies, pitfalls, emotions, self_criticism).")
    span: list[int] | None = Field(default=None, min_length=2, max_length=2,
                                   description="[start, end] character offsets: in the reply for findings, pitfalls "
                                   "and missed spans, in the customer's message for emotions and self-criticism.")
    verdict: ReviewVerdict
    evidence_ids: list[str] = Field(default_factory=list, max_length=100,
                                    description="The evidence ids the reviewed item carried (filled in from the "
                                    "stored analysis when left empty).")
    comment: str | None = Field(default=None, max_length=5000)
    analysis_version: str | None = Field(default=None, max_length=500,
                                         description="Filled in from the stored analysis when left empty.")


class ReviewOut(BaseModel):
    """A stored review."""

    id: int
    reviewer: str
    created_at: str
    conversation_id: str
    turn_index: int
    analysis_version: str
    item: ReviewItem
    label: str | None
    span: list[int] | None
    verdict: ReviewVerdict
    evidence_ids: list[str]
    comment: str | None


class ReviewList(BaseModel):
    """The sender's reviews (a reviewer sees only their own)."""

    reviewer: str
    items: list[ReviewOut]


class QueueItem(BaseModel):
    """A stored turn offered for review, and why."""

    conversation_id: str
    turn_index: int
    reason: Literal["uncertain", "disagreement", "random", "second_review"]
    detail: str


class ReviewQueue(BaseModel):
    """Turns to review next, for the sender."""

    reviewer: str
    items: list[QueueItem]


class CalibrationOut(_Out):
    """The calibrate report (``empathic calibrate --json``): every figure with its interval and decision count."""

    reviews: int
    reviewers: list[str]
    turns: int
    judgements: int
    stale_judgements: int
    since: str | None
    bootstrap: dict[str, Any]
    labels: list[dict[str, Any]]
    reviewer_agreement: list[dict[str, Any]]
    spans: list[dict[str, Any]]
    trend: list[dict[str, Any]]
    confusions: list[dict[str, Any]]
    rejected_rules: list[dict[str, Any]]
