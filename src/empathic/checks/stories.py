"""Checks on the agent's own stories: too long (story_too_long) and off the point (story_irrelevant).

A relating_experience finding marks where a story starts; the story then runs on through
the next sentences that still narrate (past tense, the agent's own life) and stops at the
first sentence that speaks to the customer or does something for them ("I've refunded ...").
An irrelevant aside is *not* relating_experience, so that check reads the reply's sentences
itself: a sentence about the agent's own life that neither compares a similar situation nor
shares the customer's topic is an aside.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from empathic.checks import data
from empathic.checks.registry import check
from empathic.checks.text import (
    addresses_customer,
    content_stems,
    findings_of,
    overlaps_any,
    reply_sentences,
    stem,
    words,
)
from empathic.listen.lexicon import find_emotion_words
from empathic.segment import clauses
from empathic.strategies.relating import is_hypothetical
from empathic.types import NEGATIVE_EMOTIONS, Analysis, Pitfall, Span, SpanIndex


@lru_cache(maxsize=1)
def _life_possessive() -> re.Pattern[str]:
    """Pattern for someone or something of the agent's own life: "my brother", "our dog", "my first holiday"."""
    nouns = "|".join(sorted((re.escape(n) for n in data.words("stories", "life_nouns")), key=len, reverse=True))
    return re.compile(rf"\b(?:my|our)\s+(?:own\s+|first\s+|old\s+|little\s+|best\s+|late\s+)?(?:{nouns})\b", re.I)


_ADVERBS = frozenset({"only", "not", "also", "just", "still", "always", "never", "often", "already", "now", "then"})


@lru_cache(maxsize=1)
def _life_stems() -> frozenset[str]:
    """Stems of the life nouns: sharing "family" or "weekend" does not make two texts about one thing."""
    return frozenset(stem(w) for w in data.words("stories", "life_nouns"))


def is_case_update(text: str) -> bool:
    """True when ``text`` tells the case's state now or next ("The order is refunded", "our team is restoring ...")."""
    return data.regex("stories", "case_update").search(text) is not None


def is_service(text: str) -> bool:
    """True when ``text`` is the agent acting for the customer ("I've refunded", "we'll send", "please")."""
    return data.regex("stories", "service").search(text) is not None or is_case_update(text)


def tells_of_agent(text: str) -> bool:
    """True when ``text`` has the agent (or their household) in it: "I", "my", "we were", "our flat"."""
    return data.regex("stories", "first_person").search(text) is not None


def is_past(text: str) -> bool:
    """True when ``text`` narrates in the past tense (an irregular past, or an -ed verb that is not passive)."""
    toks = words(text)
    irregular = data.words("stories", "irregular_past")
    if any(t in irregular for t in toks):
        return True
    passive = data.words("stories", "passive_before")
    for i, tok in enumerate(toks):
        if not tok.endswith("ed") or len(tok) <= 4:
            continue
        j = i - 1
        # "is only covered", "are usually refunded": an adverb between "be" and the -ed form.
        while j >= 0 and (toks[j].endswith("ly") or toks[j] in _ADVERBS):
            j -= 1
        if j < 0 or toks[j] not in passive:
            return True
    return False


def narrates(text: str) -> bool:
    """True when a sentence can carry a story on: past tense or first person, not service, not about 'you'."""
    if is_service(text) or addresses_customer(text):
        return False
    return is_past(text) or data.regex("stories", "first_person").search(text) is not None


# The story detector, resolver and several checks ask this of the same clauses and sentences.
@lru_cache(maxsize=256)
def is_personal(text: str) -> bool:
    """True when ``text`` (a clause) is about the agent's own life rather than the customer's case."""
    if addresses_customer(text) or data.regex("stories", "first_person").search(text) is None:
        return False
    leisure = data.regex("stories", "leisure").search(text) is not None
    if is_service(text) and not leisure:
        # "I've started the refund" is service; "I've just started a new running plan" is a hobby.
        return False
    return bool(
        _life_possessive().search(text)
        or data.regex("stories", "leisure").search(text)
        or data.regex("stories", "narrative").search(text)
        or data.regex("stories", "aside").search(text)
        or data.regex("stories", "weak_aside").search(text)
    )


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


# Asked of the same sentence by the relating detector, the resolver and the story checks;
# Relevance is immutable, so the repeats can share one answer.
@lru_cache(maxsize=128)
def relevance(sentence: str, customer: str) -> Relevance:
    """Measure how a personal sentence relates to the customer's message.

    Trouble in the story (an adversity word, or a bad feeling named with the project's emotion
    lexicon) and shared content words with the customer's message make it comparable.
    """
    return Relevance(
        similar=data.regex("stories", "similarity").search(sentence) is not None,
        adverse=data.regex("stories", "adversity").search(sentence) is not None
        or any(label in NEGATIVE_EMOTIONS for label, _ in find_emotion_words(sentence)),
        overlap=len((content_stems(sentence) & content_stems(customer)) - _life_stems()),
        aside=data.regex("stories", "aside").search(sentence) is not None,
        weak_aside=data.regex("stories", "weak_aside").search(sentence) is not None,
        pleasant=data.regex("stories", "pleasant").search(sentence) is not None,
        future=data.regex("stories", "future_plan").search(sentence) is not None,
    )


def story_extent(analysis: Analysis, seed: Span) -> list[Span]:
    """The sentences of the story that ``seed`` (a relating_experience span) belongs to."""
    sents = reply_sentences(analysis)
    others = [f for f in analysis.findings if f.strategy != "relating_experience"]
    idx = [i for i, s in enumerate(sents) if s.overlaps(seed)]
    if not idx:
        return []
    lo, hi = idx[0], idx[-1]

    def carries(i: int) -> bool:
        s = sents[i]
        return not overlaps_any(s, others) and narrates(s.text)

    start = lo
    while start > 0 and carries(start - 1):
        start -= 1
    # A story opens with its teller in it: sentences before the seed without the agent ("Being left
    # in the lobby at midnight must be infuriating.") are about the customer even when the story
    # then points back at them ("The same thing happened to me ..."), unless an earlier sentence of
    # the run has already begun the story ("I lived with my parents then. It was rough. ...").
    while start < lo and not tells_of_agent(sents[start].text):
        start += 1
    lo = start
    while hi + 1 < len(sents) and carries(hi + 1):
        hi += 1
    return sents[lo : hi + 1]


def is_story_seed(text: str) -> bool:
    """True when a sentence opens a story of the agent's own life ("When I was a student, my landlord ...")."""
    if not narrates(text) or not tells_of_agent(text) or is_hypothetical(text):
        # "I'd be frightened too if my child's meal ...": an imagined situation is no story.
        return False
    return bool(
        data.regex("stories", "long_ago").search(text)
        or _life_possessive().search(text)
        or data.regex("stories", "leisure").search(text)
    )


def undetected_stories(analysis: Analysis) -> list[list[Span]]:
    """Stories about the agent's own similar trouble that no strategy finding covers.

    The detector may miss a long story that has no cue like "the same thing happened to me";
    a run of narrating sentences that opens in the agent's past life and shares trouble or topic
    with the customer's message is one.
    """
    sents = reply_sentences(analysis)
    customer = analysis.exchange.customer
    out: list[list[Span]] = []
    for sent in sents:
        if overlaps_any(sent, analysis.findings) or any(sent.overlaps(s) for story in out for s in story):
            continue
        if not is_story_seed(sent.text):
            continue
        story = story_extent(analysis, sent)
        if any(overlaps_any(s, analysis.findings) for s in story):
            continue
        text = analysis.reply[story[0].start : story[-1].end]
        if relevance(text, customer).relevant:
            out.append(story)
    return out


@check("story_too_long")
def story_too_long(analysis: Analysis) -> list[Pitfall]:
    """The agent's own story runs past about two sentences or dominates the reply.

    Stories are those of the relating_experience findings, so the pitfall never comes without the
    strategy (LABELS.md).
    """
    limits = data.table("stories")["limits"]
    max_sents = int(limits["max_sentences"])
    max_words = int(limits["max_words"])
    share = float(limits["dominant_share"])
    min_words = int(limits["dominant_min_words"])
    reply_words = max(1, len(words(analysis.reply)))
    out: list[Pitfall] = []
    covered: list[Span] = []
    sents = reply_sentences(analysis)
    starts = [x.start for x in sents]
    service: list[int] = []  # running count of service sentences, read once for all stories
    stories = [story_extent(analysis, f.span) for f in findings_of(analysis, "relating_experience")]
    # Only stories that are relating_experience findings: LABELS says story_too_long always comes
    # with relating_experience (the relating detector proposes the stories this module can seed).
    for story in stories:
        if not story or any(story[0].overlaps(c) for c in covered):
            continue
        span = Span.of(analysis.reply, story[0].start, story[-1].end)
        covered.append(span)
        n_words = len(words(span.text))
        # A story dominates a reply that is at work for the customer ("I'll check your line") when it
        # takes most of its words, in one long sentence or two (LABELS.md). A peer's reply may be all
        # story: without service in it, only the sentence and word limits apply.
        if not service:
            service = list(accumulate((int(is_service(x.text)) for x in sents), initial=0))
        # the story's sentences are a run of the reply's: service sentences outside it are the rest
        first = bisect_left(starts, story[0].start)
        last = bisect_left(starts, story[-1].start)
        at_work = service[-1] - (service[last + 1] - service[first]) > 0
        dominates = at_work and n_words >= min_words and n_words / reply_words > share
        if len(story) > max_sents or n_words > max_words or dominates:
            out.append(
                Pitfall(
                    kind="story_too_long",
                    message=(
                        f"Your own story runs to {len(story)} sentences ({n_words} of the reply's "
                        f"{reply_words} words). Keep it to a sentence or two that shows you have been "
                        "there, then get back to the customer and their problem."
                    ),
                    span=span,
                    severity="warning",
                )
            )
    return out


@check("story_irrelevant")
def story_irrelevant(analysis: Analysis) -> list[Pitfall]:
    """A personal story or aside that has nothing to do with the customer's problem or feelings."""
    reply = analysis.reply
    if not reply:
        return []
    sents = reply_sentences(analysis)
    relating = findings_of(analysis, "relating_experience")
    # The whole of a relating story counts as relating, not just the detector's span of it, and so
    # does a story of similar trouble the detector missed: judge it as a whole, not line by line.
    stories = [s for f in relating for s in story_extent(analysis, f.span)]
    stories += [s for story in undetected_stories(analysis) for s in story]
    # indexed once: a long reply compares each of its sentences with these
    others = SpanIndex(f.span for f in analysis.findings if f.strategy != "relating_experience")
    parts = SpanIndex(analysis.reply_clauses or clauses(reply, sents))
    relating_spans = SpanIndex(f.span for f in relating)
    story_spans = SpanIndex(stories)
    flagged: list[Span] = []
    previous_flagged = False
    for sent in sents:
        was_flagged, previous_flagged = previous_flagged, False
        if others.overlaps(sent):
            continue
        if was_flagged and narrates(sent.text) and not relevance(sent.text, analysis.exchange.customer).similar:
            # The aside carries on ("... a week in Crete. The beaches were amazing!").
            flagged[-1] = Span.of(reply, flagged[-1].start, sent.end)
            previous_flagged = True
            continue
        sent_clauses = parts.within(sent) or [sent]
        if not any(is_personal(c.text) for c in sent_clauses):
            continue
        rel = relevance(sent.text, analysis.exchange.customer)
        # When the detector took it for a similar experience, overrule it only on clear signs of an aside.
        told = relating_spans.overlaps(sent) or story_spans.overlaps(sent)
        irrelevant = rel.is_aside if told else not rel.relevant
        if irrelevant:
            if was_flagged:
                flagged[-1] = Span.of(reply, flagged[-1].start, sent.end)
            else:
                flagged.append(sent)
            previous_flagged = True
    return [
        Pitfall(
            kind="story_irrelevant",
            message=(
                "This is about your own life, not the customer's problem or how they feel. Leave it out, "
                "or share only an experience that is like theirs."
            ),
            span=span,
            severity="warning",
        )
        for span in flagged
    ]
