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
_SECOND = re.compile(r"\b(?:you|your|yours|you're|you've|you'd|ya)\b")
_FUTURE_SERVICE = re.compile(r"\b(?:i'll|we'll|i will|we will|i'm going to|we're going to)\b")
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")
# Where one clause of a sentence ends and the next begins (for reading hypothetical frames).
_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013]|\s-\s")
_IF_WORD = re.compile(r"\b(?:if|unless)\b")
_HAPPENED_TO_ME = re.compile(r"\bhappened to (?:me|us|my)\b")
#: A story sentence that the sentiment model reads as this happy is an aside, not a shared hardship.
_HAPPY_ASIDE = 0.5


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(patterns.setting("relating", "overlap_stopwords"))


@lru_cache(maxsize=1)
def _life_words() -> frozenset[str]:
    return frozenset(_stem(w) for w in patterns.setting("relating", "overlap_life_words"))


def _stem(word: str) -> str:
    return _SUFFIX.sub("", word) if len(word) > 5 else word


def topic_words(text: str) -> frozenset[str]:
    """Content words of ``text`` (stemmed, stopwords dropped) for topic overlap."""
    min_len = int(patterns.setting("relating", "overlap_min_len"))
    stop = _stopwords()
    return frozenset(_stem(w) for w in _WORD.findall(normalize(text)) if len(w) >= min_len and w not in stop)


def _happy(text: str) -> bool:
    return float(sentiment(text)["compound"]) >= _HAPPY_ASIDE


def _tells_real_story(norm: str) -> bool:
    """True when a normalized clause tells of something that happened (a past anchor, a stated similarity, "I lost")."""
    return bool(
        patterns.group("relating", "past_marker").search(norm)
        or patterns.group("relating", "story_stating").search(norm)
        or patterns.group("relating", "past_verb").search(norm)
    )


def _happened(norm: str) -> bool:
    """True when the words after a hypothetical frame still tell of a real event ("... when I was a student")."""
    return bool(
        patterns.group("relating", "past_marker").search(norm)
        or patterns.group("relating", "past_verb").search(norm)
        or _HAPPENED_TO_ME.search(norm)
    )


# Cached: the detector, the resolver and the story checks ask it of the same sentences.
@lru_cache(maxsize=256)
def is_hypothetical(text: str) -> bool:
    """True when ``text`` only imagines the customer's situation ("I'd be furious too if that happened to me").

    LABELS.md: "I'd be livid too" is reflecting and an imagined "I'd ... if" tells no story of the
    agent's own. The sentence is read clause by clause: it is hypothetical when it has a
    hypothetical frame and no clause outside the frame and its "if" clauses tells of something that
    happened ("I'd be livid too, the same thing happened to me last year" is a real story).
    """
    hypothetical = patterns.group("relating", "hypothetical")
    conditional = patterns.group("relating", "conditional_clause")
    lead = patterns.group("relating", "frame_lead")
    framed = False
    for piece in _CLAUSE_BREAK.split(text):
        norm = normalize(piece)
        if not norm:
            continue
        frame = hypothetical.search(norm)
        before = norm[: frame.start()].strip() if frame is not None else ""
        # Only a frame that is the clause's main verb imagines the situation: in "I have nobody I'd
        # be comfortable hugging" the "I'd" sits in a relative clause of a real statement.
        if frame is not None and (not before or lead.search(before) or conditional.search(before)):
            framed = True
            # What follows the frame may still tell a real story ("I would get so anxious when I
            # was younger"); what follows "if" is imagined.
            if _happened(_IF_WORD.split(norm[frame.end() :], maxsplit=1)[0]):
                return False
            continue
        if conditional.search(norm):
            continue
        if _tells_real_story(norm):
            return False
    return framed


def story_start(v: SentenceView, customer_topic: frozenset[str]) -> float | None:
    """The confidence that sentence ``v`` begins (or is) a related story, or None."""
    n, t = v.norm, v.tagged
    if is_hypothetical(v.span.text):
        return None
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
    if n.startswith("our ") and not marker and not patterns.group("relating", "own_life").search(n):
        # "Our engineers are ...": the company speaking, not the agent's household.
        return None
    similar = patterns.group("relating", "similar_self")
    if similar.search(n) and not patterns.group("relating", "not_similar").search(n):
        return similar.confidence
    # "I understand how frustrated you are" tells no story: its only "past" word is a feeling
    # said to the customer, so past verbs are read on the tagged form when the customer is addressed.
    past_verb = patterns.group("relating", "past_verb")
    past = marker or past_verb.search(t) or (past_verb.search(n) and not _SECOND.search(n))
    if not past or not (singular or marker):
        return None
    tail = patterns.group("relating", "empathy_tail")
    if tail.search(t):
        return tail.confidence
    if _FUTURE_SERVICE.search(n) and not marker:
        # "... fill in the form I've attached, and we'll handle the rest": the case, not a story.
        return None
    if _SECOND.search(n):
        # Talking to the customer about their case in the past tense ("I checked your order").
        return None
    own_life = patterns.group("relating", "own_life").search(n)
    hardship = "NEGF" in t or "APPR" in t
    if hardship and (marker or own_life or singular) and not _happy(v.span.text):
        return 0.85
    overlap = topic_words(v.span.text) & customer_topic
    if not overlap - _life_words() and not patterns.group("relating", "struggle").search(n):
        # Sharing only "family" or "friends" with the customer is no shared topic unless the
        # story tells of a struggle ("I spent a whole evening fighting with mine").
        overlap = frozenset()
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
    # Imported here: the checks package builds on the strategies, not the other way round.
    from empathic.checks.stories import is_case_update

    if is_case_update(v.span.text):
        # "The order is refunded in full ...": the reply is back on the case; stories are told in the past.
        return False
    return bool(_FIRST_SINGULAR.search(n) or _FIRST_PLURAL.search(n) or _ANY_PAST.search(n))


def _is_preface(v: SentenceView) -> bool:
    return bool(patterns.group("relating", "preface").search(v.norm)) and not v.question


def _seeded_stories(analysis: Analysis, found: list[Finding]) -> list[Finding]:
    """Stories of the agent's past life on the customer's trouble that carry no cue of their own.

    "When my two were little we drove to a campsite that turned out to be waterlogged. We ...":
    a sentence that opens a story in the agent's past (a long-ago anchor, their family, their
    home), the narrating sentences after it, and a story that shares trouble and topic with the
    customer's message. The story checks read stories the same way
    (:func:`empathic.checks.stories.is_story_seed`), so a long story is a relating_experience
    finding whenever story_too_long would measure it.
    """
    # Imported here: the checks package builds on the strategies, not the other way round.
    from empathic.checks.stories import is_story_seed, narrates, relevance

    sents = analysis.reply_sentences
    taken = [f.span for f in found]
    conf = float(patterns.setting("relating", "seeded_story_confidence"))
    customer = analysis.exchange.customer
    out: list[Finding] = []
    i = 0
    while i < len(sents):
        if any(sents[i].overlaps(t) for t in taken) or not is_story_seed(sents[i].text):
            i += 1
            continue
        last = i
        while last + 1 < len(sents) and narrates(sents[last + 1].text):
            last += 1
        span = Span.of(analysis.reply, sents[i].start, sents[last].end)
        rel = relevance(span.text, customer)
        # Without a cue the story must show it is like the customer's: shared trouble and topic.
        if (rel.comparable or (rel.similar and rel.overlap >= 1)) and not rel.is_aside and not rel.future:
            out.append(Finding(STRATEGY, span, conf, "rules"))
            taken.append(span)
        i = last + 1
    return out


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
        return out + _seeded_stories(analysis, out)


RULES = RelatingRules()


@component("detect.relating_experience", requires=DETECT_REQUIRES, assigns=DETECT_ASSIGNS)
def detect_relating_experience(analysis: Analysis) -> Analysis:
    """Propose relating_experience candidates: the agent's own similar stories."""
    return run_detector(RULES, analysis)
