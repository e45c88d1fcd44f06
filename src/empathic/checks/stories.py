"""Checks on the agent's own stories: too long (story_too_long) and off the point (story_irrelevant).

A relating_experience finding marks where a story starts; the story then runs on through
the next sentences that still narrate (past tense, the agent's own life) and stops at the
first sentence that speaks to the customer or does something for them ("I've refunded ...").
An irrelevant aside is *not* relating_experience, so that check reads the reply's sentences
itself: a sentence about the agent's own life that neither compares a similar situation nor
shares the customer's topic is an aside.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from empathic.checks.registry import check
from empathic.facts.stories import relevance, story_breaks, story_extent
from empathic.facts.text import findings_of, reply_facts, words
from empathic.rules import rule_setting
from empathic.types import Analysis, Pitfall, Span, SpanIndex


def undetected_stories(analysis: Analysis) -> list[list[Span]]:
    """Stories about the agent's own similar trouble that no strategy finding covers.

    The detector may miss a long story that has no cue like "the same thing happened to me";
    a run of narrating sentences that opens in the agent's past life and shares trouble or topic
    with the customer's message is one.
    """
    out: list[list[Span]] = []
    # indexed once: every sentence and story is compared with them
    found = SpanIndex(f.span for f in analysis.findings)
    breaks = story_breaks(analysis)
    for facts in reply_facts(analysis):
        sent = facts.span
        if found.overlaps(sent) or any(sent.overlaps(s) for story in out for s in story):
            continue
        if not facts.story_seed:
            continue
        story = story_extent(analysis, sent, breaks)
        if any(found.overlaps(s) for s in story):
            continue
        # a story of one sentence is that sentence, whose relevance is one of its facts
        rel = facts.relevance if story == [sent] else relevance(
            analysis.reply[story[0].start : story[-1].end], analysis.customer_facts
        )
        if rel.relevant:
            out.append(story)
    return out


@check("story_too_long")
def story_too_long(analysis: Analysis) -> list[Pitfall]:
    """The agent's own story runs past about two sentences or dominates the reply.

    Stories are those of the relating_experience findings, so the pitfall never comes without the
    strategy (LABELS.md).
    """
    limits = rule_setting("stories", "limits")
    max_sents = int(limits["max_sentences"])
    max_words = int(limits["max_words"])
    share = float(limits["dominant_share"])
    min_words = int(limits["dominant_min_words"])
    reply_words = max(1, len(words(analysis.reply)))
    out: list[Pitfall] = []
    covered: list[Span] = []
    facts = reply_facts(analysis)
    sents = [f.span for f in facts]
    starts = [x.start for x in sents]
    service: list[int] = []  # running count of service sentences, read once for all stories
    breaks = story_breaks(analysis)
    stories = [story_extent(analysis, f.span, breaks) for f in findings_of(analysis, "relating_experience")]
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
            service = list(accumulate((int(f.service) for f in facts), initial=0))
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
    facts = reply_facts(analysis)
    relating = findings_of(analysis, "relating_experience")
    # The whole of a relating story counts as relating, not just the detector's span of it, and so
    # does a story of similar trouble the detector missed: judge it as a whole, not line by line.
    others = story_breaks(analysis)
    stories = [s for f in relating for s in story_extent(analysis, f.span, others)]
    stories += [s for story in undetected_stories(analysis) for s in story]
    # indexed once: a long reply compares each of its sentences with these
    relating_spans = SpanIndex(f.span for f in relating)
    story_spans = SpanIndex(stories)
    flagged: list[Span] = []
    previous_flagged = False
    for fact in facts:
        sent, rel = fact.span, fact.relevance
        was_flagged, previous_flagged = previous_flagged, False
        if others.overlaps(sent):
            continue
        if was_flagged and fact.narrates and not rel.similar:
            # The aside carries on ("... a week in Crete. The beaches were amazing!").
            flagged[-1] = Span.of(reply, flagged[-1].start, sent.end)
            previous_flagged = True
            continue
        if not fact.personal_part:
            continue
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
