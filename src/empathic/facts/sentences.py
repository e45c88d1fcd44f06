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

from empathic.components import component
from empathic.facts.feelings import named_feelings
from empathic.facts.matches import dismissive_rules, overgeneralizing_rules
from empathic.facts.stories import (
    is_hypothetical,
    is_past,
    is_personal,
    is_service,
    opens_story,
    tells_of_agent,
    topic_words,
)
from empathic.facts.text import addresses_customer, first_person_singular
from empathic.strategies.text import view
from empathic.types import Analysis, SentenceFacts, Span


def sentence_facts(source: str, span: Span, customer_text: str = "") -> SentenceFacts:
    """The facts of sentence ``source[span]`` of a reply to ``customer_text`` (the customer's message)."""
    v = view(source, span)
    text = span.text
    past = is_past(text)
    agent = tells_of_agent(text)
    # facts.stories.narrates, from the facts already read
    narrates = not (is_service(text) or addresses_customer(text)) and (past or agent)
    hypothetical = is_hypothetical(text)
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
        named=tuple(named_feelings(span, customer_text)),
        topic=topic_words(text),
        tells_of_agent=agent,
        narrates=narrates,
        personal=is_personal(text),
        hypothetical=hypothetical,
        # facts.stories.is_story_seed, from the facts already read
        story_seed=narrates and agent and not hypothetical and opens_story(text),
        dismissive=tuple(dismissive_rules(text)),
        overgeneralizing=tuple(overgeneralizing_rules(text)),
    )


def read_facts(analysis: Analysis) -> Analysis:
    """Set ``analysis.reply_facts``: the facts of each reply sentence, in order (none without a reply)."""
    reply = analysis.reply
    customer = analysis.exchange.customer
    analysis.reply_facts = (
        [sentence_facts(reply, s, customer) for s in analysis.reply_sentences] if reply.strip() else []
    )
    return analysis


@component("facts.sentences", requires=("exchange", "reply_sentences"), assigns=("reply_facts",))
def facts_sentences(analysis: Analysis) -> Analysis:
    """Read the facts of every reply sentence once (what ``segment`` does too: for a segmenter of one's own)."""
    return read_facts(analysis)


def facts_at(analysis: Analysis, span: Span) -> SentenceFacts | None:
    """The facts of the reply sentence that is exactly ``span``, or None when ``span`` is no reply sentence."""
    facts = analysis.reply_facts
    i = bisect_left(facts, span.start, key=lambda f: f.span.start)
    if i < len(facts) and facts[i].span.start == span.start and facts[i].span.end == span.end:
        return facts[i]
    return None
