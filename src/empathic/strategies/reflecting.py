"""reflecting_emotion: the agent names the customer's feeling, ideally with the reason behind it.

A sentence reflects when it validates a feeling ("no wonder you're angry", "I'd be livid too"),
attributes a negative feeling to the customer ("I can tell you're worried"), or appraises the
customer's situation as hard ("Being charged twice is infuriating", "ugh, that sucks"). It does
not reflect when it only apologises ("Sorry for the confusion"), only asks ("Are you worried?"),
gives the agent's own good feeling ("Glad you're enjoying ...") or a feeling the customer does not show.
An apology that gives the customer the feeling ("sorry for your frustration") reflects, weakly without its reason.
A good feeling given to the customer with what brought it ("you must be relieved it's sorted") reflects.
Nor does a feeling word the sentence names without giving it to the customer: the benefit of
advice ("it may ease your anxiety"), a condition, a wish, someone else's feeling, a general remark
(:func:`given_to_customer`, rules labelled ``not_given`` in ``rules/en/reflecting.toml``).
A reflection without a reason gets the lower confidence ``weak_reflection``; the reason test is
:mod:`empathic.facts.reason`, which the missing_reason pitfall reads too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from empathic import evidence as ev
from empathic.components import component
from empathic.facts.feelings import names_only_wrong_feelings
from empathic.facts.reason import says_why
from empathic.facts.stories import topic_words
from empathic.facts.text import addresses_customer, customer_facts, first_person_singular, reply_facts
from empathic.languages import Language, per_language
from empathic.rules import Groups, Rule, RuleGroup, RulePack, load_rule_pack, rule_view
from empathic.strategies.base import DETECT_ASSIGNS, run_detector
from empathic.strategies.text import SentenceView, view
from empathic.types import Analysis, CustomerSignals, Evidence, Finding, MessageFacts, SentenceFacts, Span

STRATEGY = "reflecting_emotion"

# Mechanics stay here (sentence-start shapes, gerund shape, tag tokens); phrase lists that decide what a sentence
# means are reflecting.toml labels (conditional, empathy_frame, on_the_person,
# gerund_subject: docs/rules.md).
_GERUND_START = re.compile(r"^(?:and |but |so |oh |ugh |honestly )?\w+ing\b")
_INTERJECTIONS = (
    r"(?:(?:oh|ugh|wow|oof|ouch|yikes|argh|man|god|gosh|aw|aww|yeah|yes|well|honestly|and|but|so|okay|ok|no|"
    r"jeez|geez|damn|dang|omg|sorry|ah|hmm)\s)*"
)
_DEICTIC_START = re.compile(rf"^{_INTERJECTIONS}(?:that|that's|this|what|how|sounds|seems|such)\b")
_IT_START = re.compile(rf"^{_INTERJECTIONS}(?:it|it's|its)\b")


#: The rule file (``resources/rules/<lang>/reflecting.toml``).
RULES_FILE = "reflecting"


@rule_view
def _groups(pack: RulePack) -> Groups:
    """The groups of the current language's reflecting.toml by label."""
    return pack.groups(RULES_FILE)


def _group(label: str) -> RuleGroup:
    return _groups()[label]


def _setting(key: str) -> Any:
    return load_rule_pack().setting(RULES_FILE, key)


def weak_confidence() -> float:
    """The confidence of a reflection that names a feeling without its reason."""
    return float(load_rule_pack().setting("resolve", "weak_reflection"))


_FEELING_TAG = re.compile(r"\b(?:NEGF|APPR)\b")
#: What a feeling tag becomes when the sentence names that feeling without giving it to the customer.
_SET_ASIDE = "OTHERF"


def _set_aside(text: str) -> str:
    return _FEELING_TAG.sub(_SET_ASIDE, text)


@per_language
def _bare_verdict(lang: Language) -> re.Pattern[str]:
    """Pattern for the bare verdicts ("hard", "tough") of ``[settings] bare_verdicts`` of reflecting.toml."""
    words = sorted(_setting("bare_verdicts"), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")  # an empty list turns the verdict rules off
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _only_verdict(norm: str, conjunction: str) -> bool:
    """True when the words before ``conjunction`` in ``norm`` appraise with a bare verdict ("hard")."""
    head = re.split(rf"\b{re.escape(conjunction)}\b", norm, maxsplit=1)[0]
    return bool(_bare_verdict().search(head))


def given_to_customer(tagged: str, norm: str = "") -> str:
    """``tagged`` with the feelings it names but does not give the customer set aside (``OTHERF``).

    A feeling that is the benefit of advice ("it may ease your anxiety", "you'll worry less"),
    the topic of talk or a wish ("talking about your anxiety", "best wishes through this hard
    time"), a condition ("call them any time you're sad"), someone else's ("maybe they were
    afraid"), the agent's own ("I find it annoying"), a general remark ("it's hard to trust anyone
    these days") or effort ("working hard") is not reflected back to the customer. Neither is a
    bare verdict conceded before encouragement ("I know it's hard, but you've got this"), which
    per training/data/REVIEW.md judges the event, not its effect on the person; ``norm`` (the
    sentence's normalized words) tells such a verdict from "that's awful, but ...". The other
    feelings of the sentence stay.
    """
    for pattern in _group("not_given").patterns:
        if "NEGF" not in tagged and "APPR" not in tagged:
            return tagged
        tagged = pattern.sub(lambda m: _set_aside(m.group()), tagged)
    m = _group("concession").search(tagged)
    if m is not None:
        head = m.group("head")
        conjunction = tagged[m.end("head") : m.end()].strip()
        if (
            "NEGF" not in head
            and not says_why(head)
            and _only_verdict(norm or tagged, conjunction)
        ):
            tagged = _set_aside(head) + tagged[m.end("head") :]
    return tagged


def sets_aside_every_feeling(source: str, span: Span | SentenceView) -> bool:
    """True when ``source[span]`` names bad feelings and :func:`given_to_customer` sets all of them aside.

    The pitfall check (emotion_mismatch) and the resolver ask this, so a feeling that is only the
    benefit of advice, a condition or a wish is never the customer's anywhere in empathic. ``span`` may be
    the sentence's view already read (a reply sentence's facts).
    """
    v = span if isinstance(span, SentenceView) else view(source, span)
    if "NEGF" not in v.tagged and "APPR" not in v.tagged:
        return False
    left = given_to_customer(v.tagged, v.norm)
    return "NEGF" not in left and "APPR" not in left

def _about_customer(v: SentenceView) -> bool:
    """A situation appraisal counts when it is about the customer's situation.

    That is: it speaks to the customer ("... when you've already paid"), has a gerund subject
    ("Losing calls for a morning is ..."), points at what the customer said ("That sounds ...",
    "ugh, that sucks"), or is an "it's ..." sentence naming a feeling. General remarks ("Friends
    are hard to come by") and the agent's own life ("my week was awful") do not count.
    """
    if addresses_customer(v.norm):
        return True
    own = " ".join(_group("empathy_frame").pattern.sub(" ", v.norm).split())
    if first_person_singular(own) and not _GERUND_START.search(v.norm):
        return False
    if _group("gerund_subject").search(own) or _DEICTIC_START.search(own):
        return True
    return bool(_IT_START.search(own)) and "NEGF" in v.tagged


def without_empathy_frame(norm: str) -> str:
    """``norm`` (a normalized sentence) without its empathy frame ("i know", "i understand", "i'm sure"): the frame
    makes an appraisal no story of the agent's own."""
    return " ".join(_group("empathy_frame").pattern.sub(" ", norm).split())


def _on_customer_topic(v: SentenceView, customer_text: str | MessageFacts) -> bool:
    """True when an impersonal appraisal is about what the customer wrote.

    "Three hours in a queue only to get kicked at the end is soul-destroying" names no "you" and
    no gerund subject, yet shares the customer's own words ("queue", "hours"); a general remark
    ("friends are hard to come by") or the agent's own life ("my week was awful") does not.
    """
    said = customer_text.text if isinstance(customer_text, MessageFacts) else customer_text
    if not said or first_person_singular(_group("empathy_frame").pattern.sub(" ", v.norm)):
        return False
    topic = v.topic if isinstance(v, SentenceFacts) else topic_words(v.span.text)
    theirs = customer_text.topic if isinstance(customer_text, MessageFacts) else topic_words(customer_text)
    return len(topic & theirs) >= 2


def reflection_confidence(
    v: SentenceView, customer: CustomerSignals | None = None, customer_text: str = ""
) -> float | None:
    """The confidence that sentence ``v`` reflects the customer's feeling, or None when it does not.

    ``customer`` and ``customer_text`` (the customer's message) let a reflection that names the
    wrong feeling be turned down.
    """
    found = reflection_evidence(v, customer, customer_text)
    return None if found is None else found[0]


def _apology(v: SentenceView) -> Rule | None:
    """The apology rule that gives the customer the feeling it names ("sorry for your frustration"), if any.

    Read on the feelings form (the tags rules make any apology one APOLOGY word); an apology for a muddle or a
    bother ("sorry for the confusion", "sorry for the hassle": label ``apology_situation``) names none.
    """
    hit = _group("apology").first({"feelings": v.feelings_tagged})
    if hit is None or _group("apology_situation").search(v.norm) is not None:
        return None
    return hit[0]


def _first(label: str, norm: str, tagged: str) -> Rule | None:
    """The first rule of ``label`` that matches the form it reads: ``norm`` (normalized) or ``tagged``."""
    hit = _group(label).first({"normalized": norm, "tagged": tagged})
    return None if hit is None else hit[0]


def reflection_evidence(
    v: SentenceView, customer: CustomerSignals | None = None, customer_text: str | MessageFacts = ""
) -> tuple[float, tuple[Evidence, ...]] | None:
    """:func:`reflection_confidence` with the rules that decided it (pattern ids, weak reflection, topic gate).

    ``customer_text``: the customer's message, or its facts (what an analysis has read of it once).
    """
    if v.question or _group("conditional").search(v.norm):
        return None
    where = (v.span.start, v.span.end)
    rule = _first("mirror", v.norm, v.tagged)
    # a reply sentence's facts hold the feelings it gives the customer; a clause or a draft is read here
    named = v.named if isinstance(v, SentenceFacts) else None
    wrong = customer is not None and names_only_wrong_feelings(v.span, customer, customer_text, named=named)
    if rule is not None and not wrong:
        return rule.confidence or 0.0, (Evidence("rule", rule.id, rule.confidence, where),)
    rule = _first("condolence", v.norm, v.tagged)
    if rule is not None:
        return rule.confidence or 0.0, (Evidence("rule", rule.id, rule.confidence, where),)
    rule = _apology(v)
    if rule is not None:
        # "sorry for your frustration": weak without its reason, full with one ("... of three missed deliveries")
        return _with_reason(v, v.tagged, rule.confidence or 0.0, Evidence("rule", rule.id, None, where))
    rule = _first("positive", v.norm, v.tagged)
    if rule is not None and not (
        customer is not None and names_only_wrong_feelings(
            v.span, customer, customer_text, positive=True, named=named
        )
    ):
        # a good feeling and what brought it ("you must be relieved it's sorted"): full with its reason
        return _with_reason(v, v.tagged, rule.confidence or 0.0, Evidence("rule", rule.id, None, where))
    # The gate reads every feeling word: the agent's own ("I was terrified too, so it makes sense
    # that you're feeling this way") lets the validation through even though it is set aside below.
    if "NEGF" not in v.tagged and "APPR" not in v.tagged and "no wonder" not in v.tagged:
        return None
    tagged = given_to_customer(v.tagged, v.norm)
    if wrong:
        return None
    rule = _first("validation", v.norm, tagged)
    if rule is not None:
        return rule.confidence or 0.0, (Evidence("rule", rule.id, rule.confidence, where),)
    rule = _first("attribution", v.norm, tagged)
    if rule is not None:
        return _with_reason(v, tagged, rule.confidence or 0.0, Evidence("rule", rule.id, None, where))
    if _about_customer(v) or _on_customer_topic(v, customer_text):
        rule = _first("situation", v.norm, tagged)
        if rule is not None:
            gate = ev.rule(ev.ABOUT_CUSTOMER, span=where)
            found = Evidence("rule", rule.id, None, where)
            return _with_reason(v, tagged, rule.confidence or 0.0, found, gate)
    return None


def _with_reason(
    v: SentenceView, tagged: str, confidence: float, *evidence: Evidence
) -> tuple[float, tuple[Evidence, ...]] | None:
    """``confidence`` with a reason, else the weak confidence, or None for a difficulty verdict.

    "That must be so hard." and "It must be hard to lose someone you planned a future with" judge
    the event and name no feeling: per LABELS.md ("Hard cases, settled") no reflection, which the
    rules follow when the setting ``bare_verdict_reflects`` is false (true keeps them reflections,
    weak without a reason). "That's awful." names the effect and reflects weakly. ``evidence`` (the
    matching pattern first) gets the confidence given; a weak reflection adds
    ``reflecting.py:weak_reflection``.
    """
    rule, *rest = evidence
    if not _setting("bare_verdict_reflects") and _bare_verdict_only(v.norm, tagged):
        # a difficulty verdict names no feeling, with or without its reason (LABELS.md)
        return None
    if says_why(tagged):
        return confidence, (replace(rule, score=confidence), *rest)
    weak = weak_confidence()
    where = (v.span.start, v.span.end)
    return weak, (replace(rule, score=confidence), *rest, ev.rule(ev.WEAK_REFLECTION, weak, where))


def names_no_feeling(source: str, span: Span | SentenceView) -> bool:
    """True when ``source[span]`` carries no feeling word, appraisal or apology for a feeling (tagged form) and
    no emotion cue of the customer-side lexicon ("painful", "ruined").

    "It sounds like you've tried everything.", "That makes sense." (LABELS.md: reflecting names the customer's
    feeling; a frame without one is no strategy). The resolver asks this of learned reflections only: the head
    learns "sounds like" frames, which on human peer support it also gives to sentences naming no feeling.
    """
    v = span if isinstance(span, SentenceView) else view(source, span)
    if any(tag in v.tagged for tag in ("NEGF", "POSF", "APPR", "APOLOGY")):
        return False
    from empathic.listen.lexicon import find_cues

    return not find_cues(v.span.text, kinds=("feeling", "cue"))


def difficulty_verdict_only(source: str, span: Span | SentenceView) -> bool:
    """True when the rules read ``source[span]`` as a difficulty verdict that names no feeling.

    "That sounds really hard.", "What a tough spot to be in." (LABELS.md, "Hard cases, settled"): only
    while the setting ``bare_verdict_reflects`` is false, as for the rules themselves; the resolver asks
    this of learned reflections so the head and the rules agree.
    """
    if _setting("bare_verdict_reflects"):
        return False
    v = span if isinstance(span, SentenceView) else view(source, span)
    return _bare_verdict_only(v.norm, v.tagged)


def _bare_verdict_only(norm: str, tagged: str) -> bool:
    """True when every appraisal of the sentence is a bare verdict ("hard", "tough") and it names no feeling.

    A verdict given to the person ("it's been hard on you", "hard for you to face him") tells the effect
    on them and is no bare verdict.
    """
    if "NEGF" in tagged or _group("on_the_person").search(norm):
        return False
    found = [m.group() for p in load_rule_pack().group("tags", "appraisal").patterns for m in p.finditer(norm)]
    verdict = _bare_verdict()
    return bool(found) and all(verdict.fullmatch(f) for f in found)


class ReflectingRules:
    """Rule detector for reflecting_emotion: one candidate per reflecting sentence."""

    name = "rules.reflecting_emotion"

    def detect(self, analysis: Analysis) -> list[Finding]:
        """Candidate reflecting_emotion findings, one per sentence that reflects a feeling."""
        out: list[Finding] = []
        for facts in reply_facts(analysis):
            found = reflection_evidence(facts, analysis.customer, customer_facts(analysis))
            if found is not None:
                out.append(Finding(STRATEGY, facts.span, found[0], source="rules", evidence=found[1]))
        return out


RULES = ReflectingRules()


@component(
    "detect.reflecting_emotion",
    requires=("reply_facts", "reply_clauses", "customer.emotions", "customer.valence"),
    assigns=DETECT_ASSIGNS,
)
def detect_reflecting_emotion(analysis: Analysis) -> Analysis:
    """Propose reflecting_emotion candidates: sentences naming the customer's feeling."""
    return run_detector(RULES, analysis)
