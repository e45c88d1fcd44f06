"""What a sentence tells of the agent's own life, and how a story relates to the customer's message.

Facts the relating detector, the resolver and the story checks all read (moved here from the story
checks, so the detector need not import a check): service and case updates, the agent in the sentence,
past-tense narration, personal clauses, a story's relevance and extent. Phrases are data
(``rules/<lang>/stories.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from empathic.facts.text import addresses_customer, content_stems, reply_facts, stem, touching_sentences, words
from empathic.listen.lexicon import find_emotion_words
from empathic.rules import RuleGroup, RulePack, rule_view
from empathic.types import NEGATIVE_EMOTIONS, Analysis, MessageFacts, Relevance, Span, SpanIndex


@dataclass(frozen=True, slots=True)
class _Rules:
    """What the story facts read of a language's rule pack (stories.toml, and relating.toml's story markers)."""

    stories: dict[str, RuleGroup]
    relating: dict[str, RuleGroup]
    irregular_past: frozenset[str]
    passive_before: frozenset[str]
    #: someone or something of the agent's own life: "my brother", "our dog", "my first holiday"
    life_possessive: re.Pattern[str]
    #: stems of the life nouns
    life_stems: frozenset[str]


@rule_view
def _rules(pack: RulePack) -> _Rules:
    """The story facts' view of the current language's rule pack."""
    life = pack.words("stories", "life_nouns")
    nouns = "|".join(sorted((re.escape(n) for n in life), key=len, reverse=True))
    return _Rules(
        stories=pack.groups("stories"),
        relating=pack.groups("relating"),
        irregular_past=pack.words("stories", "irregular_past"),
        passive_before=pack.words("stories", "passive_before"),
        life_possessive=re.compile(
            rf"\b(?:my|our)\s+(?:own\s+|first\s+|old\s+|little\s+|best\s+|late\s+)?(?:{nouns})\b", re.I
        ),
        life_stems=frozenset(stem(w) for w in life),
    )


def life_possessive() -> re.Pattern[str]:
    """Pattern for someone or something of the agent's own life: "my brother", "our dog", "my first holiday"."""
    return _rules().life_possessive


_ADVERBS = frozenset({"only", "not", "also", "just", "still", "always", "never", "often", "already", "now", "then"})


def life_stems() -> frozenset[str]:
    """Stems of the life nouns: sharing "family" or "weekend" does not make two texts about one thing."""
    return _rules().life_stems


def is_case_update(text: str) -> bool:
    """True when ``text`` tells the case's state now or next ("The order is refunded", "our team is restoring ...")."""
    return _rules().stories["case_update"].search(text) is not None


def is_service(text: str) -> bool:
    """True when ``text`` is the agent acting for the customer ("I've refunded", "we'll send", "please")."""
    return _rules().stories["service"].search(text) is not None or is_case_update(text)


def tells_of_agent(text: str) -> bool:
    """True when ``text`` has the agent (or their household) in it: "I", "my", "we were", "our flat"."""
    return _rules().stories["first_person"].search(text) is not None


def is_past(text: str) -> bool:
    """True when ``text`` narrates in the past tense (an irregular past, or an -ed verb that is not passive)."""
    toks = words(text)
    rules = _rules()
    irregular = rules.irregular_past
    if any(t in irregular for t in toks):
        return True
    passive = rules.passive_before
    for i, tok in enumerate(toks):
        if not tok.endswith("ed") or len(tok) <= 4:
            continue
        j = i - 1
        # "is only covered", "are usually refunded": an adverb between "be" and the -ed form.
        while j >= 0 and (toks[j].endswith("ly") or toks[j] in _ADVERBS):
            j -= 1
        if j < 0 or toks[j] not in passive:
            return True
    return False


def narrates(text: str) -> bool:
    """True when a sentence can carry a story on: past tense or first person, not service, not about 'you'."""
    if is_service(text) or addresses_customer(text):
        return False
    return is_past(text) or tells_of_agent(text)


def is_personal(text: str) -> bool:
    """True when ``text`` (a clause) is about the agent's own life rather than the customer's case."""
    rules = _rules()
    stories = rules.stories
    if addresses_customer(text) or stories["first_person"].search(text) is None:
        return False
    leisure = stories["leisure"].search(text) is not None
    if is_service(text) and not leisure:
        # "I've started the refund" is service; "I've just started a new running plan" is a hobby.
        return False
    return bool(
        rules.life_possessive.search(text)
        or leisure
        or stories["narrative"].search(text)
        or stories["aside"].search(text)
        or stories["weak_aside"].search(text)
    )


def relevance(
    sentence: str, customer: str | MessageFacts, words: Sequence[tuple[str, Span]] | None = None
) -> Relevance:
    """Measure how a personal sentence relates to the customer's message (its text, or its facts).

    Trouble in the story (an adversity word, or a bad feeling named with the project's emotion
    lexicon) and shared content words with the customer's message make it comparable. A reply
    sentence's relevance is one of its facts (``SentenceFacts.relevance``).
    """
    stems = customer_stems(customer) if isinstance(customer, MessageFacts) else frozenset(content_stems(customer))
    rules = _rules()
    stories = rules.stories
    return Relevance(
        similar=stories["similarity"].search(sentence) is not None,
        adverse=stories["adversity"].search(sentence) is not None
        or any(label in NEGATIVE_EMOTIONS for label, _ in (find_emotion_words(sentence) if words is None else words)),
        overlap=len((content_stems(sentence) & stems) - rules.life_stems),
        aside=stories["aside"].search(sentence) is not None,
        weak_aside=stories["weak_aside"].search(sentence) is not None,
        pleasant=stories["pleasant"].search(sentence) is not None,
        future=stories["future_plan"].search(sentence) is not None,
    )


# Where one clause of a sentence ends and the next begins (for reading hypothetical frames): mechanics; the words
# that open an imagined clause or tell a real event are stories.toml labels (if_word, happened_to_me).
_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013]|\s-\s")


def _normalize(text: str) -> str:
    # Imported here: importing strategies.text runs the strategies package, whose detectors import this module.
    from empathic.strategies.text import normalize

    return normalize(text)


def topic_words(text: str) -> frozenset[str]:
    """Content words of ``text`` (stemmed, stopwords dropped) for topic overlap: :func:`content_stems` of its
    normalized form, the topic words the relating detector, the reflecting topic gate and the story checks compare."""
    return frozenset(content_stems(_normalize(text)))


def tells_real_story(norm: str) -> bool:
    """True when a normalized clause tells of something that happened (a past anchor, a stated similarity, "I lost")."""
    relating = _rules().relating
    return bool(
        relating["past_marker"].search(norm)
        or relating["story_stating"].search(norm)
        or relating["past_verb"].search(norm)
    )


def _happened(norm: str) -> bool:
    """True when the words after a hypothetical frame still tell of a real event ("... when I was a student")."""
    rules = _rules()
    relating = rules.relating
    return bool(
        relating["past_marker"].search(norm)
        or relating["past_verb"].search(norm)
        or rules.stories["happened_to_me"].search(norm)
    )


def is_hypothetical(text: str) -> bool:
    """True when ``text`` only imagines the customer's situation ("I'd be furious too if that happened to me").

    LABELS.md: "I'd be livid too" is reflecting and an imagined "I'd ... if" tells no story of the
    agent's own. The sentence is read clause by clause: it is hypothetical when it has a
    hypothetical frame and no clause outside the frame and its "if" clauses tells of something that
    happened ("I'd be livid too, the same thing happened to me last year" is a real story).
    """
    relating = _rules().relating
    hypothetical = relating["hypothetical"]
    conditional = relating["conditional_clause"]
    lead = relating["frame_lead"]
    if_word = _rules().stories["if_word"].pattern
    framed = False
    for piece in _CLAUSE_BREAK.split(text):
        norm = _normalize(piece)
        if not norm:
            continue
        frame = hypothetical.search(norm)
        before = norm[: frame.start()].strip() if frame is not None else ""
        # Only a frame that is the clause's main verb imagines the situation: in "I have nobody I'd
        # be comfortable hugging" the "I'd" sits in a relative clause of a real statement.
        if frame is not None and (not before or lead.search(before) or conditional.search(before)):
            framed = True
            # What follows the frame may still tell a real story ("I would get so anxious when I
            # was younger"); what follows "if" is imagined.
            if _happened(if_word.split(norm[frame.end() :], maxsplit=1)[0]):
                return False
            continue
        if conditional.search(norm):
            continue
        if tells_real_story(norm):
            return False
    return framed


def is_story_seed(text: str) -> bool:
    """True when a sentence opens a story of the agent's own life ("When I was a student, my landlord ...")."""
    # "I'd be frightened too if my child's meal ...": an imagined situation is no story.
    return narrates(text) and tells_of_agent(text) and not is_hypothetical(text) and opens_story(text)


def opens_story(text: str) -> bool:
    """True when ``text`` has what opens a story of the agent's life: long ago, their people, a pastime."""
    rules = _rules()
    return bool(
        rules.stories["long_ago"].search(text)
        or rules.life_possessive.search(text)
        or rules.stories["leisure"].search(text)
    )


def trouble_kinds(norm: str) -> frozenset[int]:
    """Which kinds of trouble ([relating.trouble_topics], by position) a normalized text names."""
    kinds = _rules().relating["trouble_topics"].patterns
    return frozenset(k for k, pattern in enumerate(kinds) if pattern.search(norm))


def customer_stems(said: MessageFacts) -> frozenset[str]:
    """Stems of the content words of the customer's message, read on first use and kept in its facts."""
    if said.stems is None:
        said.stems = frozenset(content_stems(said.text))
    return said.stems


def customer_trouble_kinds(said: MessageFacts) -> frozenset[int]:
    """:func:`trouble_kinds` of the customer's message, read on first use and kept in its facts."""
    if said.trouble_kinds is None:
        said.trouble_kinds = trouble_kinds(said.norm)
    return said.trouble_kinds


def asks_others(said: MessageFacts) -> bool:
    """True when the customer asks whether anyone else shares their trouble ("anyone else ...?",
    ``[relating.asks_others]``), read on first use and kept in its facts."""
    if said.asks_others is None:
        said.asks_others = _rules().relating["asks_others"].search(said.norm) is not None
    return said.asks_others


def story_breaks(analysis: Analysis) -> SpanIndex:
    """The spans of the findings of other strategies than relating_experience, indexed: where a story stops."""
    return SpanIndex(f.span for f in analysis.findings if f.strategy != "relating_experience")


def story_extent(analysis: Analysis, seed: Span, breaks: SpanIndex | None = None) -> list[Span]:
    """The sentences of the story that ``seed`` (a relating_experience span) belongs to.

    ``breaks`` is :func:`story_breaks` of the analysis, read here when not given: a caller reading
    many stories of one analysis indexes them once, so a long reply is not quadratic.
    """
    facts = reply_facts(analysis)
    if breaks is None:
        breaks = story_breaks(analysis)
    idx = touching_sentences(analysis, seed)
    if not idx:
        return []
    lo, hi = idx[0], idx[-1]

    def carries(i: int) -> bool:
        return not breaks.overlaps(facts[i].span) and facts[i].narrates

    start = lo
    while start > 0 and carries(start - 1):
        start -= 1
    # A story opens with its teller in it: sentences before the seed without the agent ("Being left
    # in the lobby at midnight must be infuriating.") are about the customer even when the story
    # then points back at them ("The same thing happened to me ..."), unless an earlier sentence of
    # the run has already begun the story ("I lived with my parents then. It was rough. ...").
    while start < lo and not facts[start].tells_of_agent:
        start += 1
    lo = start
    while hi + 1 < len(facts) and carries(hi + 1):
        hi += 1
    return [f.span for f in facts[lo : hi + 1]]
