"""Sentence facts, computed once per reply sentence and kept on the Analysis (``analysis.reply_facts``).

Every later layer asks the same questions of a reply sentence: its normalized and tagged forms, whether it
is a question, whom it speaks of, its tense, the feelings it gives the customer, its topic words, what it tells
of the agent's own life, which pitfall rules it matches. :func:`read_facts` answers them once, right after
segmentation (the ``segment`` component calls it; ``facts.sentences`` runs it after a segmenter of one's
own), and the detectors, the resolver, the checks and the learned head's vetoes read the
:class:`~empathic.types.SentenceFacts` instead of reading the sentence again. Each fact is the one function of
the facts layer that defines it, so a sentence that is not a reply sentence (a clause, a story of several
sentences) is read by calling the same function.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from empathic.components import component
from empathic.facts.feelings import named_feelings
from empathic.facts.identifiable import customer_words, identifiable_mentions
from empathic.facts.matches import dismissive_rules, overgeneralizing_rules
from empathic.facts.reason import gives_reason
from empathic.facts.stories import (
    is_hypothetical,
    is_past,
    is_personal,
    is_service,
    opens_story,
    relevance,
    tells_of_agent,
)
from empathic.facts.text import addresses_customer, content_stems, first_person_singular, reply_facts
from empathic.listen.lexicon import find_emotion_words
from empathic.segment import clauses
from empathic.types import Analysis, MessageFacts, SentenceFacts, SentenceView, Span, SpanIndex

# Imported in the functions below: importing empathic.strategies.text runs the strategies package, whose
# detectors and resolver import this module.


def message_facts(customer: str) -> MessageFacts:
    """What the reply's facts read of the customer's message ``customer``."""
    from empathic.strategies.text import normalize

    norm = normalize(customer)
    return MessageFacts(
        text=customer,
        norm=norm,
        topic=frozenset(content_stems(norm)),
        words=customer_words(customer),
    )


def sentence_facts(
    source: str, span: Span, customer: str | MessageFacts = "", clauses: Sequence[Span] = ()
) -> SentenceFacts:
    """The facts of sentence ``source[span]`` of a reply to ``customer`` (the customer's message or its facts).

    ``clauses``: the segmenter's clauses of the sentence (the sentence is read whole when none are given).
    """
    from empathic.strategies.text import view

    said = customer if isinstance(customer, MessageFacts) else message_facts(customer)
    text = span.text
    # the lexicon's feeling words, read once for the view, the named feelings and the relevance
    words = find_emotion_words(text)
    v = view(source, span, words)
    past = is_past(text)
    agent = tells_of_agent(text)
    service = is_service(text)
    # facts.stories.narrates, from the facts already read
    narrates = not (service or addresses_customer(text)) and (past or agent)
    hypothetical = is_hypothetical(text)
    personal = is_personal(text)
    personal_part = any(is_personal(c.text) for c in clauses) if clauses else personal
    return SentenceFacts(
        span=v.span,
        norm=v.norm,
        tagged=v.tagged,
        feelings=v.feelings,
        question=v.question,
        feelings_tagged=v.feelings_tagged,
        to_customer=addresses_customer(v.norm),
        first_person=first_person_singular(v.norm),
        past=past,
        named=tuple(named_feelings(span, said.text, words)),
        reason=gives_reason(v),
        # facts.stories.topic_words, from the normalized form already read
        topic=frozenset(content_stems(v.norm)),
        tells_of_agent=agent,
        narrates=narrates,
        personal=personal,
        hypothetical=hypothetical,
        # facts.stories.is_story_seed, from the facts already read
        story_seed=narrates and agent and not hypothetical and opens_story(text),
        service=service,
        personal_part=personal_part,
        relevance=relevance(text, said, words) if narrates or personal or personal_part else None,
        identifiable=tuple(identifiable_mentions(source, span, said)),
        dismissive=tuple(dismissive_rules(text)),
        overgeneralizing=tuple(overgeneralizing_rules(text)),
    )


def read_facts(analysis: Analysis) -> Analysis:
    """Set ``analysis.customer_facts`` and ``analysis.reply_facts`` (the facts of each reply sentence, in order;
    none without a reply)."""
    reply = analysis.reply
    said = message_facts(analysis.exchange.customer)
    analysis.customer_facts = said
    if not reply.strip():
        analysis.reply_facts = []
        return analysis
    sents = analysis.reply_sentences
    parts = SpanIndex(analysis.reply_clauses or clauses(reply, sents))
    analysis.reply_facts = [sentence_facts(reply, s, said, parts.within(s)) for s in sents]
    return analysis


@component("facts.sentences", requires=("exchange", "reply_sentences"), assigns=("reply_facts", "customer_facts"))
def facts_sentences(analysis: Analysis) -> Analysis:
    """Read the facts of every reply sentence once (what ``segment`` does too: for a segmenter of one's own)."""
    return read_facts(analysis)


def facts_at(analysis: Analysis, span: Span) -> SentenceFacts | None:
    """The facts of the reply sentence that is exactly ``span``, or None when ``span`` is no reply sentence."""
    facts = reply_facts(analysis)
    i = bisect_left(facts, span.start, key=lambda f: f.span.start)
    if i < len(facts) and facts[i].span.start == span.start and facts[i].span.end == span.end:
        return facts[i]
    return None


def view_at(analysis: Analysis, span: Span) -> SentenceView:
    """The view of ``span`` of the reply: its sentence facts when it is one reply sentence, else read here."""
    from empathic.strategies.text import view

    facts = facts_at(analysis, span)
    return facts if facts is not None else view(analysis.reply, span)
