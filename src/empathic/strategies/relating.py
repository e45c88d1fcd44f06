"""relating_experience: the agent briefly tells of their own similar situation and feelings.

A story starts at a first-person sentence set in the past that is tied to the customer's case:
it says so outright ("the same thing happened to me"), ties the story to the feeling ("so I get
it", "I remember how helpless it felt"), tells of a hard moment ("I was livid"), or shares the
customer's topic. It runs on through the following sentences that go on telling it (past tense,
the agent's own life) and stops at the first sentence that turns to the customer or to the case
("I've refunded ...", "You can ..."). Personal asides ("I actually just got back from Cornwall,
the weather was unbelievable!") are not relating_experience (LABELS: story_irrelevant).
"""

from __future__ import annotations

import re
from functools import lru_cache

from empathic.pipeline import component
from empathic.strategies import patterns
from empathic.strategies.base import DETECT_ASSIGNS, DETECT_REQUIRES, run_detector
from empathic.strategies.feelings import sentiment
from empathic.strategies.text import SentenceView, normalize, view
from empathic.types import Analysis, Finding, Span

STRATEGY = "relating_experience"

_FIRST_SINGULAR = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|mine|myself)\b")
# "our"/"us" alone is the company speaking ("our meter reader"); a shared story has "we" as subject.
_FIRST_PLURAL = re.compile(r"\b(?:we|we'd|we've)\b")
_ANY_PAST = re.compile(
    r"\b(?:was|were|had|did|took|went|came|got|said|spent|felt|found|lost|ran|made|kept|left|sat|saw|"
    r"told|paid|thought|knew|\w+ed|couldn't|didn't|wasn't|weren't|hadn't|still)\b"
)
_WORD = re.compile(r"[a-z]+")
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")
#: A story sentence that the sentiment model reads as this happy is an aside, not a shared hardship.
_HAPPY_ASIDE = 0.5


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(patterns.setting("relating", "overlap_stopwords"))


def _stem(word: str) -> str:
    return _SUFFIX.sub("", word) if len(word) > 5 else word


def topic_words(text: str) -> frozenset[str]:
    """Content words of ``text`` (stemmed, stopwords dropped) for topic overlap."""
    min_len = int(patterns.setting("relating", "overlap_min_len"))
    stop = _stopwords()
    return frozenset(_stem(w) for w in _WORD.findall(normalize(text)) if len(w) >= min_len and w not in stop)


def _happy(text: str) -> bool:
    return float(sentiment(text)["compound"]) >= _HAPPY_ASIDE


def story_start(v: SentenceView, customer_topic: frozenset[str]) -> float | None:
    """The confidence that sentence ``v`` begins (or is) a related story, or None."""
    n, t = v.norm, v.tagged
    singular = bool(_FIRST_SINGULAR.search(n))
    if not singular and not _FIRST_PLURAL.search(n):
        return None
    if v.question or patterns.group("relating", "not_own").search(n):
        return None
    marker = patterns.group("relating", "past_marker").search(n)
    stating = patterns.group("relating", "story_stating")
    if stating.search(t) and (singular or marker):
        return stating.confidence
    if patterns.group("relating", "agent_action").search(n) or patterns.group("relating", "aside").search(n):
        return None
    similar = patterns.group("relating", "similar_self")
    if similar.search(n) and not patterns.group("relating", "not_similar").search(n):
        return similar.confidence
    past = marker or patterns.group("relating", "past_verb").search(n)
    if not past or not (singular or marker):
        return None
    tail = patterns.group("relating", "empathy_tail")
    if tail.search(t):
        return tail.confidence
    if re.search(r"\b(?:you|your|yours|you're|you've|you'd|ya)\b", n):
        # Talking to the customer about their case in the past tense ("I checked your order").
        return None
    own_life = patterns.group("relating", "own_life").search(n)
    hardship = "NEGF" in t or "APPR" in t
    if hardship and (marker or own_life or singular) and not _happy(v.span.text):
        return 0.85
    overlap = topic_words(v.span.text) & customer_topic
    if overlap and (marker or own_life) and not _happy(v.span.text):
        return 0.75
    return None


def continues_story(v: SentenceView) -> bool:
    """True when sentence ``v`` goes on telling a story rather than turning to the customer."""
    n = v.norm
    if v.question or not n:
        return False
    if patterns.group("relating", "address").search(n) or patterns.group("relating", "agent_action").search(n):
        return False
    return bool(_FIRST_SINGULAR.search(n) or _FIRST_PLURAL.search(n) or _ANY_PAST.search(n))


def _is_preface(v: SentenceView) -> bool:
    return bool(patterns.group("relating", "preface").search(v.norm)) and not v.question


class RelatingRules:
    """Rule detector for relating_experience: one candidate per story (a run of sentences)."""

    name = "rules.relating_experience"

    def detect(self, analysis: Analysis) -> list[Finding]:
        """Candidate relating_experience findings, each spanning one whole story."""
        reply = analysis.reply
        sents = analysis.reply_sentences
        vs = [view(reply, s) for s in sents]
        topic = topic_words(analysis.exchange.customer)
        out: list[Finding] = []
        i, used = 0, -1
        while i < len(vs):
            conf = story_start(vs[i], topic)
            if conf is None:
                i += 1
                continue
            first = i - 1 if i - 1 > used and _is_preface(vs[i - 1]) else i
            last = i
            while last + 1 < len(vs) and continues_story(vs[last + 1]):
                last += 1
            out.append(Finding(STRATEGY, Span.of(reply, sents[first].start, sents[last].end), conf, "rules"))
            used = last
            i = last + 1
        return out


RULES = RelatingRules()


@component("detect.relating_experience", requires=DETECT_REQUIRES, assigns=DETECT_ASSIGNS)
def detect_relating_experience(analysis: Analysis) -> Analysis:
    """Propose relating_experience candidates: the agent's own similar stories."""
    return run_detector(RULES, analysis)
