"""The customer's emotions over the customer-service taxonomy (component ``listen.emotions``).

Evidence comes from the project's lexicon (:mod:`empathic.listen.lexicon`): words that
name a feeling, situations customers describe when they feel it ("third time I've
called", "charged twice", "I can't afford") or that imply it by the kind of failure
(a near miss caused by the business: fear and anger; a confirmed booking not honoured:
anger; a deadline with stakes: anxiety), and typography ("!!", ALL CAPS). Each label
sums the weights of its cues (self-blame found by :mod:`empathic.listen.self_criticism`
adds to embarrassment); a label is judged present when its evidence is strong in absolute
terms and not dwarfed by the strongest label. Ironic praise ("Oh great.", "Well done,",
"thanks for the 'quick' reply") counts as anger only in a message that also complains, and
then the praise and thanks in it are not read as gratitude. One prior from customer-service
messages completes the reading: a message that clearly reports a problem without naming a
feeling reads as frustration. (An earlier prior that added frustration beside any single
other feeling fitted the dev set but not fresh messages; frustration now needs its own
evidence.) VADER
(vaderSentiment, MIT) gives the valence and part of the intensity: it is tuned for
social-media text and knows "!!", capitals and boosters.

The thresholds below were set on the project's labelled dev set (``cs/cs-dev.jsonl``) and
checked on customer messages written independently of it (``tests/listen/data``);
``tests/listen/dev_eval.py [file]`` prints the per-label scores they give.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from empathic import evidence as rules
from empathic.components import component
from empathic.facts.sentiment import analyzer as vader
from empathic.facts.text import customer_facts
from empathic.listen.lexicon import CueHit, find_cues
from empathic.listen.self_criticism import customer_self_criticism, find_self_criticism, self_criticism_evidence
from empathic.segment import sentences
from empathic.types import EMOTIONS, NEGATIVE_EMOTIONS, Analysis, EmotionScore, Evidence, Span

#: Evidence (summed cue weight) the strongest label needs to count as present.
MIN_EVIDENCE = 0.45
#: Evidence the second and third labels need: customers usually show two feelings at once, rarely three.
SECOND_EVIDENCE = 0.3
THIRD_EVIDENCE = 0.7
#: Every further label also needs at least this share of the strongest label's evidence.
RELATIVE_FLOOR = 0.3
#: At most this many emotions are reported.
MAX_EMOTIONS = 3
#: Texts longer than this get VADER sentence by sentence, averaged by length (VADER's own advice for
#: paragraphs; its whole-text pass also slows down quadratically on long input).
VADER_WHOLE_TEXT_CHARS = 1000
#: Evidence of embarrassment that self-criticism adds (self-blame is embarrassment turned inward).
SELF_CRITICISM_EVIDENCE = 0.6
#: A message with no named feeling that reports a problem (negative cue evidence at least this) is read as
#: frustration, the most common feeling of a customer reporting a problem...
FALLBACK_EVIDENCE = 0.45
#: ... and so is one that VADER finds strongly negative (compound at or below this) with some problem cue.
FALLBACK_VALENCE = -0.5
#: The fallback reads the problem as one particular bad feeling only when that feeling's own evidence nearly reaches
#: MIN_EVIDENCE (a sick relative and a lost job: anxiety); fainter hints leave it frustration.
FALLBACK_OWN_EVIDENCE = 0.4
#: Frustration, the label customers' words hint at most loosely, needs this much evidence when it is not the
#: strongest feeling (other labels need SECOND_EVIDENCE).
FRUSTRATION_SECOND_EVIDENCE = 0.5
#: ... and at least this share of the strongest feeling's evidence (other labels need RELATIVE_FLOOR).
FRUSTRATION_RELATIVE_FLOOR = 0.5
#: Frustration beside a single other bad feeling needs at least this much evidence of its own, even when the
#: other feeling dwarfs it ("still waiting, third time I've called" is impatience and frustration).
COMPANION_EVIDENCE = 0.45
#: Feelings that frustration does not join this way (anger already carries it).
COMPANION_EXCLUDED: frozenset[str] = frozenset({"frustration", "anger"})
#: Evidence is a sum of weights written to two decimals: 0.15 + 0.3 must reach a 0.45 bar, not miss it by 1e-17.
EPSILON = 1e-9
#: Ironic praise counts only in a message whose other cues show at least this much bad feeling (a complaint).
IRONY_COMPLAINT = 0.2
#: Cues lighter than this (a bare "not", "problem") do not make a message a complaint for irony's sake.
IRONY_CUE_WEIGHT = 0.2
#: Positive labels that ironic praise cancels ("Thanks so much." after "Oh brilliant, it deleted everything").
IRONY_CANCELS: frozenset[str] = frozenset({"gratitude", "relief"})

@dataclass(slots=True)
class EmotionReading:
    """What :func:`read_emotions` found: emotions strongest first, intensity, valence, cue spans."""

    emotions: list[EmotionScore]
    intensity: float
    valence: float
    spans: list[tuple[str, Span]]
    evidence: dict[str, float] = field(default_factory=dict)
    #: Labels a cue argued against (a negative weight: closing thanks after a request is politeness, not
    #: gratitude); the learned emotion head must not bring them back.
    vetoed: frozenset[str] = frozenset()


def _evidence(
    hits: list[CueHit], why: dict[str, list[Evidence]] | None = None
) -> tuple[dict[str, float], list[tuple[str, Span]]]:
    """Summed weight per label and the (label, span) of each hit; ``why`` collects each label's cue ids."""
    totals: dict[str, float] = {}
    spans: list[tuple[str, Span]] = []
    for hit in hits:
        weights = hit.weights()
        if not weights:
            continue
        for label, w in weights:
            totals[label] = totals.get(label, 0.0) + w
            if why is not None and w > 0:
                why.setdefault(label, []).append(
                    Evidence("rule", hit.cue.id_of(label), round(w, 4), (hit.span.start, hit.span.end))
                )
        label, w = max(weights, key=lambda lw: lw[1])
        if w > 0:
            spans.append((label, hit.span))
    return {k: v for k, v in totals.items() if v > 0}, spans


def _score(evidence: float) -> float:
    """Map summed evidence onto [0, 1): 0.55 -> 0.42, 1 -> 0.63, 2 -> 0.86."""
    return 1.0 - math.exp(-evidence)


def _arousal(text: str) -> float:
    """Typographic arousal in [0, 1]: runs of ! and ?, and shouted words."""
    bangs = text.count("!!") + text.count("?!") + text.count("!?") + text.count("??")
    words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 4]
    shouted = sum(1 for w in words if all(c.isupper() for c in w if c.isalpha()))
    return min(1.0, 0.35 * bangs + 0.3 * shouted + 0.1 * text.count("!"))


def _valence(text: str) -> float:
    """VADER's compound score of ``text`` in [-1, 1]."""
    analyzer = vader()
    if len(text) <= VADER_WHOLE_TEXT_CHARS:
        return float(analyzer.polarity_scores(text)["compound"])
    total = weight = 0.0
    for sent in sentences(text):
        total += len(sent) * float(analyzer.polarity_scores(sent.text)["compound"])
        weight += len(sent)
    return total / weight if weight else 0.0


def vetoed_labels(hits: Sequence[CueHit]) -> frozenset[str]:
    """Labels a cue of ``hits`` argues against (a negative weight; irony aside): :attr:`EmotionReading.vetoed`."""
    return frozenset(label for h in hits if h.cue.kind != "irony" for label, w in h.weights() if w < 0)


def read_emotions(
    text: str, hits: Sequence[CueHit] | None = None, blame: Sequence[Span] | None = None
) -> EmotionReading:
    """Read the emotions of a customer's message.

    Returns the emotions judged present (strongest first, scores in [0, 1]; "neutral"
    alone when nothing else), the intensity in [0, 1] (how strongly negative and aroused
    the message is), VADER's compound valence in [-1, 1], and (label, span) for each
    cue found. ``hits`` (the lexicon's cues in ``text``) and ``blame`` (its self-criticism spans) when already
    read: an analysis reads them once, in the message's facts.
    """
    hits = find_cues(text) if hits is None else list(hits)
    why: dict[str, list[Evidence]] = {}
    evidence, spans = _evidence([h for h in hits if h.cue.kind != "irony"], why)
    irony = [h for h in hits if h.cue.kind == "irony"]
    if irony:
        # the complaint must show in words that say something bad on their own, not only in faint hints
        complaint = sum(
            w
            for h in hits
            if h.cue.kind in ("feeling", "cue")
            for label, w in h.weights()
            if label in NEGATIVE_EMOTIONS and w >= IRONY_CUE_WEIGHT
        )
        # sincere praise comes with thanks; praise heaped up with none ("Brilliant. Just brilliant.") is irony
        thanked = any(label in evidence for label in IRONY_CANCELS)
        if complaint >= IRONY_COMPLAINT or (len(irony) >= 2 and not thanked):
            ironic, ironic_spans = _evidence(irony, why)
            for label, weight in ironic.items():
                evidence[label] = evidence.get(label, 0.0) + weight
            for label in IRONY_CANCELS:
                evidence.pop(label, None)
                why.pop(label, None)
            spans = sorted(
                [ls for ls in spans if ls[0] not in IRONY_CANCELS] + ironic_spans,
                key=lambda ls: (ls[1].start, ls[1].end),
            )
    blame = find_self_criticism(text) if blame is None else list(blame)
    if blame:
        evidence["embarrassment"] = evidence.get("embarrassment", 0.0) + SELF_CRITICISM_EVIDENCE
        added = rules.rule(rules.SELF_CRITICISM_EMBARRASSMENT, SELF_CRITICISM_EVIDENCE)
        why.setdefault("embarrassment", []).extend((added, *self_criticism_evidence(text, blame)))
        known = {(s.start, s.end) for _, s in spans}
        spans.extend(("embarrassment", s) for s in blame if (s.start, s.end) not in known)
        spans.sort(key=lambda ls: (ls[1].start, ls[1].end))
    valence = _valence(text)

    strongest = max(evidence.values(), default=0.0)
    ranked = sorted(evidence.items(), key=lambda lv: (-lv[1], EMOTIONS.index(lv[0])))
    chosen: list[tuple[str, float]] = []
    for label, ev in ranked:
        if len(chosen) == MAX_EMOTIONS:
            break
        need = (MIN_EVIDENCE, SECOND_EVIDENCE, THIRD_EVIDENCE)[len(chosen)]
        floor = RELATIVE_FLOOR
        if chosen and label == "frustration":
            need = max(need, FRUSTRATION_SECOND_EVIDENCE)
            floor = FRUSTRATION_RELATIVE_FLOOR
        if ev < need - EPSILON or (chosen and ev < floor * strongest - EPSILON):
            continue
        chosen.append((label, ev))

    negative_evidence = sum(v for k, v in evidence.items() if k in NEGATIVE_EMOTIONS)
    pleased = any(label not in NEGATIVE_EMOTIONS for label, _ in chosen) and valence > 0
    if (
        not any(label in NEGATIVE_EMOTIONS for label, _ in chosen)
        and not pleased
        and (
            negative_evidence >= FALLBACK_EVIDENCE - EPSILON
            or (valence <= FALLBACK_VALENCE and negative_evidence > 0)
        )
    ):
        # A problem told plainly ("Ordered a large, got a medium.") still carries a feeling: a feeling the problem
        # nearly shows on its own, else frustration, never the label of whichever faint cue is strongest (a
        # product called "Fire" read as fear, one shouted word as anger; twcs dev: 10 of 13 such angers wrong).
        # Embarrassment is no feeling a problem causes: a slip admitted plainly is not self-blame (LABELS.md).
        best = max(
            ((k, v) for k, v in evidence.items() if k in NEGATIVE_EMOTIONS and k != "embarrassment"),
            key=lambda kv: kv[1],
            default=("frustration", 0.0),
        )
        label = best[0] if best[1] >= FALLBACK_OWN_EVIDENCE - EPSILON else "frustration"
        chosen.append((label, max(evidence.get(label, 0.0), MIN_EVIDENCE)))
        chosen.sort(key=lambda lv: -lv[1])
        why[label] = [rules.rule(rules.PROBLEM_FALLBACK, MIN_EVIDENCE), *why.get(label, [])]

    negatives = [label for label, _ in chosen if label in NEGATIVE_EMOTIONS]
    if (
        len(negatives) == 1
        and not pleased
        and negatives[0] not in COMPANION_EXCLUDED
        and "frustration" not in {label for label, _ in chosen}
        and evidence.get("frustration", 0.0) >= COMPANION_EVIDENCE
        and len(chosen) < MAX_EMOTIONS
    ):
        chosen.append(("frustration", min(evidence["frustration"], chosen[0][1])))
        chosen.sort(key=lambda lv: -lv[1])
        why["frustration"] = [rules.rule(rules.FRUSTRATION_COMPANION, COMPANION_EVIDENCE), *why.get("frustration", [])]

    emotions = [EmotionScore(label, round(_score(w), 4), tuple(why.get(label, ()))) for label, w in chosen]
    if not emotions:
        score = round(max(0.5, 1.0 - _score(strongest)), 4)
        emotions = [EmotionScore("neutral", score, (rules.rule(rules.NEUTRAL, score),))]

    lexical = 1.0 - math.exp(-0.5 * negative_evidence)
    intensity = 0.5 * lexical + 0.3 * max(0.0, -valence) + 0.2 * _arousal(text)
    intensity = min(1.0, max(0.0, intensity))
    return EmotionReading(emotions, round(intensity, 4), round(valence, 4), spans, evidence, vetoed_labels(hits))


@component(
    "listen.emotions",
    requires=("customer_sentences", "customer_clauses"),
    assigns=("customer.emotions", "customer.intensity", "customer.valence", "customer.emotion_spans"),
)
def emotions(analysis: Analysis) -> Analysis:
    """Read the customer's emotions, intensity and valence, with the cue spans behind them."""
    # Imported here: facts.feelings reads the lexicon, whose package imports this module.
    from empathic.facts.feelings import customer_cues

    said = customer_facts(analysis)
    reading = read_emotions(
        said.text, customer_cues(said), customer_self_criticism(said, analysis.customer_sentences)
    )
    analysis.customer.emotions = list(reading.emotions)
    analysis.customer.intensity = reading.intensity
    analysis.customer.valence = reading.valence
    analysis.customer.emotion_spans = list(reading.spans)
    return analysis
