"""missing_reason: a reflection that names the customer's feeling but not the reason behind it.

"I understand your frustration." names a feeling; "It's frustrating to be charged twice when
you've already paid" names it with its reason. For each reflecting_emotion finding the check
asks the one reason test (:func:`empathic.facts.reason.has_reason`), the one the reflecting
detector reads to tell a full reflection from a weak one.
"""

from __future__ import annotations

from empathic.checks.registry import check
from empathic.facts.feelings import sentence_mismatch
from empathic.facts.reason import has_reason
from empathic.facts.sentences import facts_at
from empathic.facts.text import findings_of, is_question, reply_facts, sentences_touching
from empathic.listen.lexicon import find_emotion_words
from empathic.perspective import customer_reason
from empathic.rules import RuleGroup, RulePack, rule_view
from empathic.types import NEGATIVE_EMOTIONS, Analysis, Pitfall, Span, SpanIndex


@rule_view
def _rules(pack: RulePack) -> tuple[RuleGroup, frozenset[str]]:
    """The perception frames of a weak reflection and the feelings too vague for one (reason.toml)."""
    return pack.group("reason", "weak_frame"), pack.words("reason", "vague_feelings")


def is_weak_reflection(sentence: str) -> bool:
    """True when ``sentence`` puts a clear bad feeling on the customer through a perception frame.

    "I can tell you're upset" / "Sounds like you're annoyed"; not "I understand your concern"
    (too vague to be a reflection), not a pleasant feeling (a reflection of one is a mismatch
    for an unhappy customer, not a reflection) and not a question.
    """
    weak_frame, vague = _rules()
    if is_question(sentence) or not weak_frame.search(sentence):
        return False
    return any(
        label in NEGATIVE_EMOTIONS and span.text.lower() not in vague for label, span in find_emotion_words(sentence)
    )


@check("missing_reason")
def missing_reason(analysis: Analysis) -> list[Pitfall]:
    """A reflection that names the customer's feeling without its reason.

    Reflections are the reflecting_emotion findings, plus bare perception frames the detector
    left out ("I can tell you're upset.").
    """
    facts = reply_facts(analysis)
    spans: list[Span] = []
    for finding in findings_of(analysis, "reflecting_emotion"):
        around = sentences_touching(analysis, finding.span) or [finding.span]
        spans.append(Span.of(analysis.reply, around[0].start, around[-1].end))
    found = SpanIndex(f.span for f in analysis.findings)  # indexed once: every sentence is compared with them
    # A frame naming the wrong feeling is emotion_mismatch, not a reflection (LABELS), so it lacks no reason.
    spans += [
        f.span
        for f in facts
        if not found.overlaps(f.span)
        and is_weak_reflection(f.span.text)
        and not sentence_mismatch(f.span, analysis.customer, analysis.customer_facts, named=f.named)
    ]
    spans = [span for span in spans if not _has_reason(analysis, span)]
    if not spans:
        return []
    return [
        Pitfall(
            kind="missing_reason",
            message=_message(analysis),
            span=span,
            severity="info",
        )
        for span in sorted(spans, key=lambda s: s.start)
    ]


def _has_reason(analysis: Analysis, span: Span) -> bool:
    """The reason test of ``span``: one of its facts when it is one reply sentence, else read here."""
    facts = facts_at(analysis, span)
    return facts.reason if facts is not None else has_reason(analysis.reply, span)


def _message(analysis: Analysis) -> str:
    """The advice, with this customer's own reason as the example when one reads as a clause."""
    negative = analysis.customer.negative
    clause = customer_reason(analysis, negative[0])[0] if negative else None
    if clause:
        return ("You name the customer's feeling but not why they feel it. Add the reason in their own terms, "
                f"e.g. \"... that {clause}.\"")
    return "You name the customer's feeling but not why they feel it. Add the reason they gave you, in their terms."
