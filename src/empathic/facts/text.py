"""Small text helpers the checks share: words, crude stems, the reply's sentences, findings."""

from __future__ import annotations

import re

from empathic.rules import RulePack, rule_view
from empathic.segment import sentences
from empathic.textio import straighten
from empathic.types import Analysis, Finding, MessageFacts, SentenceFacts, Span, SpanIndex

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# The person tests every layer shares, on raw text or a normalized form alike (case aside; "you're", "I've" are
# found by their "you", "I": an apostrophe ends a word). "ya" is the chat spelling the normalized form keeps.
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|yourselves|ya)\b", re.IGNORECASE)
_FIRST_SINGULAR = re.compile(r"\b(?:i|me|my|mine|myself)\b", re.IGNORECASE)


@rule_view
def _unmarked_question(pack: RulePack) -> re.Pattern[str]:
    """A question typed without its question mark (``unmarked`` of question.toml): judgement, so a rule file's."""
    return pack.group("question", "unmarked").pattern


def is_question(sentence: str) -> bool:
    """True when ``sentence`` ends with a question mark (closing quotes and brackets aside), or is a question
    typed without one (question.toml ``unmarked``): the one question test the detectors, the learned head's
    veto, the checks and the customer reading share."""
    text = sentence.strip()
    return text.rstrip("\"'”’)]").endswith("?") or bool(_unmarked_question().match(text))


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (apostrophes kept inside words: "don't", "customer's")."""
    return [straighten(w.lower()) for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A crude stem that makes plurals and -ed/-ing forms meet ("charged", "charges" -> "charg")."""
    w = straighten(word.lower())
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + keep
            break
    return w


@rule_view
def _stopwords(pack: RulePack) -> frozenset[str]:
    """The stop words of the current language's rule pack (``[settings] stopwords`` of stories.toml)."""
    return pack.words("stories", "stopwords")


def content_stems(text: str) -> set[str]:
    """Stems of the content words of ``text`` (stop words and very short words dropped)."""
    stop = _stopwords()
    return {stem(w) for w in words(text) if len(w) > 2 and w not in stop}


def addresses_customer(text: str) -> bool:
    """True when ``text`` speaks to the customer ("you", "your", "yourself", chat "ya")."""
    return _SECOND_PERSON.search(text) is not None


def first_person_singular(text: str) -> bool:
    """True when ``text`` has I / me / my / mine / myself."""
    return _FIRST_SINGULAR.search(text) is not None


def reply_facts(analysis: Analysis) -> list[SentenceFacts]:
    """The facts of the reply's sentences: the pipeline's (``analysis.reply_facts``), or read here once when no
    segmenter ran (an Analysis built by hand), kept on the analysis like the pipeline's."""
    if analysis.reply_facts or not analysis.reply.strip():
        return analysis.reply_facts
    # Imported here: the sentence facts are read with this module's helpers.
    from empathic.facts.sentences import read_facts

    if not analysis.reply_sentences:
        analysis.reply_sentences = sentences(analysis.reply)
    return read_facts(analysis).reply_facts


def customer_facts(analysis: Analysis) -> MessageFacts:
    """The facts of the customer's message: the pipeline's (``analysis.customer_facts``), or read here once when no
    segmenter ran (an Analysis built by hand), kept on the analysis like the pipeline's."""
    said = analysis.customer_facts
    if said.text == analysis.exchange.customer:
        return said
    # Imported here: the message facts are read with this module's helpers.
    from empathic.facts.sentences import message_facts

    said = analysis.customer_facts = message_facts(analysis.exchange.customer)
    return said


def touching_sentences(analysis: Analysis, span: Span) -> list[int]:
    """The positions in :func:`reply_facts` of the reply sentences that share a character with ``span``, in order.

    Asked once per finding or story, a scan of every sentence makes a long reply quadratic; the
    sentences are indexed once per analysis instead (kept on it, rebuilt if its facts change).
    """
    facts = reply_facts(analysis)
    kept = analysis.reply_index
    if kept is None or kept[0] is not facts or kept[1] != len(facts):
        where = {(f.span.start, f.span.end): i for i, f in enumerate(facts)}
        kept = analysis.reply_index = (facts, len(facts), SpanIndex(f.span for f in facts), where)
    return [kept[3][(s.start, s.end)] for s in kept[2].overlapping(span)]


def sentences_touching(analysis: Analysis, span: Span) -> list[Span]:
    """The reply sentences that share at least one character with ``span``, in order."""
    facts = reply_facts(analysis)
    return [facts[i].span for i in touching_sentences(analysis, span)]


def findings_of(analysis: Analysis, strategy: str) -> list[Finding]:
    """The analysis' findings of one strategy, in reply order."""
    return sorted((f for f in analysis.findings if f.strategy == strategy), key=lambda f: f.span.start)


