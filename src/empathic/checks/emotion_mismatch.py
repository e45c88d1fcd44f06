"""emotion_mismatch: the reply names or normalizes a feeling the customer does not have.

The feeling words of each reply sentence, and whose they are, are facts (:mod:`empathic.facts.feelings`,
shared with the reflecting detector and the resolver). They come from the project's emotion lexicon
(:func:`empathic.listen.lexicon.find_emotion_words`), plus pleasant states the taxonomy has
no label for ("excited", "enjoying", "having fun"). A word counts only when the reply gives
the feeling to the customer ("you're excited", "your frustration", "I'd be livid too",
"it's normal to feel nervous", or a situation called "frustrating"); the agent's own
feelings ("I was gutted", "Glad you ...") and the agent's stories are left alone. The
feeling is then compared with the customer's emotions by family (anger ~ frustration ~
impatience, anxiety ~ fear, sadness ~ disappointment); broad words ("upset",
"stressful") fit any bad feeling, and feelings that usually come together fit each other
(``[compatible]``: "frustrating" for a confused customer, "disappointing" for one angry at a
spoilt order). What the customer feels comes from the listen side, which also reads the
feelings a kind of failure implies (fear and anger after a safety near miss, anxiety before a
deadline with stakes), so a reply naming those is not flagged.
"""

from __future__ import annotations

from empathic.checks.registry import check
from empathic.facts.feelings import sentence_mismatch
from empathic.facts.sentiment import NEGATIVE_VALENCE
from empathic.facts.stories import story_breaks, story_extent
from empathic.facts.text import findings_of, reply_facts
from empathic.types import Analysis, Pitfall, Span, SpanIndex


@check("emotion_mismatch")
def emotion_mismatch(analysis: Analysis) -> list[Pitfall]:
    """A feeling named or normalized in the reply that the customer does not have."""
    labels = analysis.customer.labels
    if not analysis.reply or not (labels or analysis.customer.valence <= NEGATIVE_VALENCE):
        return []
    stories: list[Span] = []
    breaks = story_breaks(analysis)
    for f in findings_of(analysis, "relating_experience"):
        stories.extend(story_extent(analysis, f.span, breaks))
    from empathic.strategies.reflecting import sets_aside_every_feeling

    told = SpanIndex(stories)  # indexed once: every sentence is compared with them
    out = []
    for facts in reply_facts(analysis):
        sent = facts.span
        # A question about feelings names none ("Are you feeling anxious about it?").
        if told.overlaps(sent) or facts.question:
            continue
        wrong = sentence_mismatch(sent, analysis.customer, analysis.customer_facts, named=facts.named)
        if not wrong or (not any(n.positive for n in wrong) and sets_aside_every_feeling(analysis.reply, facts)):
            continue
        said = ", ".join(f'"{n.span.text}"' for n in wrong)
        felt = ", ".join(c for c in labels if c != "neutral") or "unhappy"
        out.append(
            Pitfall(
                kind="emotion_mismatch",
                message=(
                    f"The reply puts a feeling on the customer ({said}) that they do not show; they come across as "
                    f"feeling {felt}. "
                    "Naming the wrong feeling shows you were not listening; name the feeling they showed."
                ),
                span=sent,
                severity="warning",
            )
        )
    return out
