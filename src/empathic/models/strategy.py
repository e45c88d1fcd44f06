"""The learned strategy detector (component ``detect.model``): candidate spans with calibrated confidences.

Each reply sentence is scored by the shipped strategy head (static MiniLM vector + word n-gram
tf-idf, one calibrated logistic regression per strategy). A sentence whose probability reaches the
strategy's threshold becomes a candidate finding with ``source="model"`` and the probability as its
confidence; ``detect.resolve`` merges these with the rule detectors' candidates. A related story
runs on through the next sentences while they still read as part of it (probability at or above
the head's ``continue`` threshold), since a story's later sentences rarely say "me too" themselves.

One check needs the customer and so cannot be learned from sentences alone: a "reflection" that
sounds clearly happy (:func:`empathic.facts.sentiment.cheerful_to_unhappy`) answering an unhappy
customer ("Glad you're enjoying your flight!" to a complaint) names the wrong feeling, which
LABELS.md says is not reflecting_emotion, so the model's reflecting candidate there is vetoed.
And a sentence the pitfall rules read as dismissive ("Calm down, parcels are late all the time.")
gets no model candidate at all: whether such a sentence also normalizes is a call the labelling
conventions leave to context, so the rules, which own precision, make it. Nor does a question
("What has you so stressed?"): LABELS.md says a question about feelings alone is not reflection,
every question in the training data is a negative, yet a short question is far from anything the
head saw and can score high (measured on ESConv: most of the model's reflecting hits on its
"Question" replies).
Each of these vetoes is named evidence (``strategy.py:happy_reflection``, ``strategy.py:question``
or the dismissive rule's id, effect ``veto``): where the head alone would have proposed a
candidate, :meth:`StrategyModel.detect` proposes it vetoed, so the resolver can show it.

The head reads each sentence in its context (:data:`empathic.models.features.CONTEXT_FEATURES`: the
customer's feelings and self-criticism, the sentence's overlap and similarity with the customer's
words, links in it and routing in its neighbours). Its operating point is set for real customer
care, where about 2 brand replies in 100 use a strategy: each strategy has a threshold and an
abstain margin (both in the head file, chosen by cross-validation, see ``empathic train``). A
sentence whose probability reaches the threshold but not threshold + margin is proposed only where
a rule detector already proposed the same strategy there; alone, the head abstains: the candidate
is proposed vetoed (``strategy.py:abstain``), so it is never shown but its evidence is.
"""

from __future__ import annotations

import threading

import numpy as np

from empathic import evidence as ev
from empathic.errors import ResourceError
from empathic.facts.sentiment import cheerful_to_unhappy
from empathic.facts.text import reply_facts
from empathic.models.encoder import get_encoder
from empathic.models.features import CONTEXT_FEATURES, context_matrix
from empathic.models.linear import LazyHeadModel
from empathic.types import Analysis, Evidence, Finding, Span

#: Evidence id of the strategy head.
HEAD_ID = "head:strategy"
#: The head alone near its threshold abstains (see the module docstring).
ABSTAIN = ev.register(
    "strategy.py:abstain",
    "the strategy head alone, between its threshold and threshold + abstain margin (head file), abstains; "
    "a rule candidate of the same strategy on the sentence keeps it",
    kind="predicate",
)

#: Packaged weight file of the strategy head.
WEIGHTS = "strategy_head.npz"
#: Probability at which a sentence after a related story still counts as part of it (when the head has none).
CONTINUE_DEFAULT = 0.3
class StrategyModel(LazyHeadModel):
    """Sentence-level strategy classifier and :class:`~empathic.strategies.base.Detector` (``name="model"``).

    Weights load on first use, under a lock; afterwards the object is only read, so one
    instance serves many threads.
    """

    name = "model"
    WEIGHTS = WEIGHTS

    def sentence_scores(self, analysis: Analysis, *, reflecting_floor: float = 0.0) -> np.ndarray:
        """Probability of each strategy for each reply sentence, 0 where a context check vetoes it.

        ``reflecting_floor``: judge the happy-reflection veto only where the reflecting probability
        reaches it (VADER is the costly part; below the detector's threshold the veto changes nothing).
        """
        return self.scores_and_vetoes(analysis, reflecting_floor=reflecting_floor)[0]

    def scores_and_vetoes(
        self, analysis: Analysis, *, reflecting_floor: float = 0.0
    ) -> tuple[np.ndarray, np.ndarray, dict[tuple[int, int], tuple[str, ...]]]:
        """(:meth:`sentence_scores`, the head's probabilities before vetoes, vetoes by (sentence, label)).

        A veto is the tuple of evidence ids that set a probability to 0: ``strategy.py:question``,
        the dismissive rules that matched (``dismissive:<id>``), or ``strategy.py:happy_reflection``.
        """
        sents = analysis.reply_sentences
        if not sents:
            empty = np.zeros((0, len(self.head.labels)), dtype=np.float32)
            return empty, empty, {}
        raw = self.in_context([s.text for s in sents], analysis)
        probs = raw.copy()
        vetoes: dict[tuple[int, int], tuple[str, ...]] = {}
        facts = reply_facts(analysis)
        for i in range(len(sents)):
            if probs[i].max() <= 0:
                continue
            # the sentence's facts: a question, and the dismissive rules it matches
            ids: tuple[str, ...] = (ev.QUESTION,) if facts[i].question else tuple(rid for rid, _ in facts[i].dismissive)
            if ids:
                probs[i] = 0.0
                for k in range(len(self.head.labels)):
                    vetoes[(i, k)] = ids
        if "reflecting_emotion" in self.head.labels:
            k = self.head.labels.index("reflecting_emotion")
            customer = analysis.customer
            for i, sent in enumerate(sents):
                if probs[i, k] > 0 and probs[i, k] >= reflecting_floor and cheerful_to_unhappy(sent.text, customer):
                    probs[i, k] = 0.0
                    vetoes[(i, k)] = (ev.HAPPY_REFLECTION,)
        return probs, raw, vetoes

    def in_context(self, texts: list[str], analysis: Analysis) -> np.ndarray:
        """Probabilities of the reply sentences ``texts`` (in reply order), read with ``analysis``'s customer."""
        c = analysis.customer
        return self._read(texts, analysis.exchange.customer, c.intensity, c.valence, c.self_critical)

    def probabilities(self, texts: list[str], customer: str = "") -> np.ndarray:
        """Probability of each strategy for ``texts`` read as one reply to ``customer`` (no feelings read in it).

        The pipeline uses :meth:`in_context`, which also reads the customer's feelings and self-criticism.
        """
        return self._read(texts, customer, 0.0, 0.0, False)

    def _read(self, texts: list[str], customer: str, intensity: float, valence: float,
              self_critical: bool) -> np.ndarray:
        head = self.head
        if not texts:
            return np.zeros((0, len(head.labels)), dtype=np.float32)
        encoder = get_encoder(head.encoder)
        if not head.context:
            return head.predict_proba(texts, encoder=encoder)
        if head.context != list(CONTEXT_FEATURES):
            raise ResourceError("the strategy head's context features do not match this version; "
                                "retrain with `empathic train`")
        emb = encoder.encode([*texts, customer])
        ctx = context_matrix(texts, customer, intensity=intensity, valence=valence, self_critical=self_critical,
                             sentence_vectors=emb[:-1], customer_vector=emb[-1])
        return head.calibrate(head.scores(texts, emb[:-1], ctx))

    def margins(self) -> list[float]:
        """Each label's abstain margin (0 when the head has none)."""
        head = self.head
        return [float(x) for x in head.meta.get("abstain_margin", [0.0] * len(head.labels))]

    def detect(self, analysis: Analysis) -> list[Finding]:
        """Candidate findings over the reply's sentences (spans are whole sentences or runs of them).

        A sentence only within the abstain margin above its threshold is proposed where a rule
        candidate of the same strategy overlaps it (the rules ran first); else it is proposed vetoed
        (:data:`ABSTAIN`): the head abstains.
        """
        sents = analysis.reply_sentences
        if not sents:
            return []
        head = self.head
        analysis.heads[HEAD_ID] = self.record
        margins = self.margins()
        rules = [c for c in analysis.candidates if c.source == "rules" and not c.vetoed]
        floor = float(head.thresholds[head.labels.index("reflecting_emotion")]) if (
            "reflecting_emotion" in head.labels
        ) else 0.0
        probs, raw, vetoes = self.scores_and_vetoes(analysis, reflecting_floor=floor)
        reply = analysis.reply
        cont = float(head.meta.get("continue_threshold", CONTINUE_DEFAULT))
        out: list[Finding] = []
        for k, strategy in enumerate(head.labels):
            thr = float(head.thresholds[k])
            sure = thr + margins[k]
            i = 0
            while i < len(sents):
                p = float(probs[i, k])
                if p < thr:
                    i += 1
                    continue
                if p < sure and not any(c.strategy == strategy and c.span.overlaps(sents[i]) for c in rules):
                    where = (sents[i].start, sents[i].end)
                    chain = (Evidence("head", HEAD_ID, round(p, 4), where), _veto(ABSTAIN, p, where))
                    out.append(Finding(strategy, sents[i], round(p, 4), source=self.name, evidence=chain))
                    i += 1
                    continue
                j = i
                if strategy == "relating_experience":
                    while j + 1 < len(sents) and float(probs[j + 1, k]) >= cont:
                        j += 1
                span = Span.of(reply, sents[i].start, sents[j].end)
                support = Evidence("head", HEAD_ID, round(p, 4), (span.start, span.end))
                out.append(Finding(strategy, span, round(p, 4), source=self.name, evidence=(support,)))
                i = j + 1
            # where the head alone would have proposed the sentence, a veto is named evidence
            for (i, kk), ids in vetoes.items():
                p = float(raw[i, kk])
                if kk != k or p < thr:
                    continue
                span = sents[i]
                where = (span.start, span.end)
                chain = (
                    Evidence("head", HEAD_ID, round(p, 4), where),
                    *(_veto(rid, p, where) for rid in ids),
                )
                out.append(Finding(strategy, span, round(p, 4), source=self.name, evidence=chain))
        return out


def _veto(rule_id: str, score: float, span: tuple[int, int]) -> Evidence:
    """Veto evidence: a registered predicate, or a dismissive check rule (``dismissive:<id>``)."""
    if rule_id in ev.registered():
        return ev.rule(rule_id, round(score, 4), span, effect="veto")
    return Evidence("rule", rule_id, round(score, 4), span, effect="veto")


_default: StrategyModel | None = None
_default_lock = threading.Lock()


def default_model() -> StrategyModel:
    """The shared strategy model with the packaged weights."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = StrategyModel()
    return _default
