"""The learned emotion reader (component ``listen.emotion_model``): GoEmotions' 28 labels, joined with the lexicon.

The shipped head (static MiniLM vector + word n-gram tf-idf, one logistic regression per
GoEmotions label, each with a threshold tuned on a held-out part of GoEmotions train) scores the
customer's message. Labels at or above their threshold go to ``customer.fine_emotions``
(strongest first), which ``empathic eval goemotions`` scores over all 28 labels. They are mapped
onto the customer-service taxonomy with the project's one mapping table,
``resources/evaluation/goemotions_map.json``, and joined with the lexicon reading of
``listen.emotions``: the lexicon knows customer-service situations ("charged twice"), the model
knows how people put feelings into words; a mapped emotion the lexicon missed is added when the
model is confident, and the lexicon's "neutral" gives way to any feeling the model finds.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from empathic.components import component
from empathic.models.linear import LazyHeadModel
from empathic.resources import resource_json
from empathic.types import EMOTIONS, NEGATIVE_EMOTIONS, Analysis, EmotionScore, Evidence, merge_evidence

#: Evidence id prefix of the emotion head: ``head:emotion:<GoEmotions label>``.
HEAD_ID = "head:emotion"

#: Packaged weight file of the emotion head.
WEIGHTS = "emotion_head.npz"
#: At most this many customer-service emotions are reported after the join (as the lexicon does).
MAX_EMOTIONS = 3
#: Probability a model label needs to add its feeling to the lexicon's (above its own threshold). Measured on
#: cs-dev and 1,500 GoEmotions dev comments: 0 costs cs-dev 0.02 macro-F1; 0.3 keeps cs-dev and lifts the
#: mapped GoEmotions macro-F1 from 0.30 (lexicon alone) to 0.34; higher values only give that gain back.
JOIN_MIN = 0.3


@lru_cache(maxsize=1)
def taxonomy_map() -> dict[str, str | None]:
    """GoEmotions label -> customer-service emotion (None: no counterpart), from the shared mapping table."""
    table = resource_json("evaluation", "goemotions_map.json")["map"]
    return {str(k): (str(v) if v is not None and v in EMOTIONS else None) for k, v in table.items()}


class EmotionModel(LazyHeadModel):
    """Multi-label GoEmotions classifier; weights load on first use, under a lock."""

    WEIGHTS = WEIGHTS

    def read(self, text: str) -> list[EmotionScore]:
        """The GoEmotions labels at or above their tuned thresholds, strongest first."""
        head = self.head
        prob = self.probabilities([text])[0]
        found = [
            EmotionScore(label, round(float(prob[k]), 4))
            for k, label in enumerate(head.labels)
            if prob[k] >= head.thresholds[k]
        ]
        found.sort(key=lambda e: -e.score)
        return found

    def predict(self, text: str) -> list[str]:
        """The GoEmotions labels predicted for ``text`` (what ``empathic eval goemotions`` scores)."""
        return [e.label for e in self.read(text)]


def join(
    lexicon: list[EmotionScore], fine: list[EmotionScore], vetoed: frozenset[str] = frozenset()
) -> list[EmotionScore]:
    """Customer-service emotions from the lexicon reading and the model's fine-grained labels.

    The lexicon's labels stay (it is tuned to customer-service situations); mapped model labels it
    missed are added when their probability reaches ``JOIN_MIN``, except ``neutral``; a lone lexicon
    ``neutral`` gives way to any such model feeling. Each emotion keeps the lexicon's evidence and
    gains ``head:emotion:<label>`` for every model label mapped onto it (with its probability).
    Labels in ``vetoed`` (ones the lexicon found a cue against, such as closing thanks after a request,
    which is politeness) are not added from the model.
    """
    mapping = taxonomy_map()
    mapped: dict[str, float] = {}
    heads: dict[str, list[Evidence]] = {}
    for e in fine:
        target = mapping.get(e.label)
        if target is not None and target != "neutral" and target not in vetoed and e.score >= JOIN_MIN:
            mapped[target] = max(mapped.get(target, 0.0), e.score)
            heads.setdefault(target, []).append(Evidence("head", f"{HEAD_ID}:{e.label}", e.score))
    scores = {e.label: e.score for e in lexicon if not (e.label == "neutral" and mapped)}
    for label, score in mapped.items():
        scores[label] = max(scores.get(label, 0.0), score)
    if not scores:
        return list(lexicon)
    why = {e.label: e.evidence for e in lexicon}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], EMOTIONS.index(kv[0])))
    negatives = [kv for kv in ranked if kv[0] in NEGATIVE_EMOTIONS]
    others = [kv for kv in ranked if kv[0] not in NEGATIVE_EMOTIONS]
    # Feelings that call for empathy first: they are what the reply is judged against.
    return [
        EmotionScore(label, round(score, 4), merge_evidence(why.get(label, ()), heads.get(label, ())))
        for label, score in (negatives + others)[:MAX_EMOTIONS]
    ]


_default: EmotionModel | None = None
_default_lock = threading.Lock()


def default_model() -> EmotionModel:
    """The shared emotion model with the packaged weights."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = EmotionModel()
    return _default


@component(
    "listen.emotion_model",
    requires=("customer.emotions",),
    assigns=("customer.emotions", "customer.fine_emotions"),
)
def listen_emotion_model(analysis: Analysis) -> Analysis:
    """Read GoEmotions' 28 labels in the customer's message and join them with the lexicon's emotions."""
    from empathic.facts.feelings import customer_cues
    from empathic.facts.text import customer_facts
    from empathic.listen.emotions import vetoed_labels

    text = analysis.exchange.customer
    model = default_model()
    fine = model.read(text)
    analysis.heads[HEAD_ID] = model.record
    analysis.customer.fine_emotions = fine
    # the cues the lexicon's reading (listen.emotions) vetoed a label with: the message's cues, read once
    vetoed = vetoed_labels(customer_cues(customer_facts(analysis)))
    analysis.customer.emotions = join(analysis.customer.emotions, fine, vetoed)
    return analysis
