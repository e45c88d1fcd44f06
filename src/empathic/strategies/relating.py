"""relating_experience: the agent briefly tells of their own similar situation and feelings.

A story starts at a first-person sentence set in the past that is tied to the customer's case:
it says so outright ("the same thing happened to me"), ties the story to the feeling ("so I get
it", "I remember how helpless it felt"), tells of a hard moment ("I was livid"), or shares the
customer's topic. It runs on through the following sentences that go on telling it (past tense,
the agent's own life) and stops at the first sentence that turns to the customer or to the case
("I've refunded ...", "You can ..."). Personal asides ("I actually just got back from Cornwall,
the weather was unbelievable!") are not relating_experience (LABELS: story_irrelevant).

Peers in forums and chats often relate without a story frame: a similarity marker followed by
their own situation ("Same here, been struggling for 4 years"), or a first-person present-tense
disclosure of the same trouble ("I can't socialize sober either"). :func:`shared_disclosure`
reads those clause by clause; a bare marker ("same", "I feel you") stays bare understanding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from empathic import evidence as ev
from empathic.components import component
from empathic.facts.sentiment import sentiment
from empathic.facts.stories import (
    asks_others,
    customer_trouble_kinds,
    is_case_update,
    is_hypothetical,
    life_stems,
    relevance,
    tells_real_story,
    topic_words,
    trouble_kinds,
)
from empathic.facts.text import reply_facts
from empathic.languages import Language, per_language
from empathic.rules import Groups, RuleGroup, RulePack, load_rule_pack, rule_view
from empathic.strategies.base import DETECT_ASSIGNS, run_detector
from empathic.strategies.feelings import find_feelings
from empathic.strategies.text import SentenceView, normalize, view
from empathic.types import Analysis, Evidence, Finding, MessageFacts, SentenceFacts, Span, SpanIndex

#: The rule file (``resources/rules/<lang>/relating.toml``).
RULES_FILE = "relating"


@rule_view
def _groups(pack: RulePack) -> Groups:
    """The groups of the current language's relating.toml by label."""
    return pack.groups(RULES_FILE)


def _relating(label: str) -> RuleGroup:
    return _groups()[label]


def _relating_setting(key: str) -> Any:
    return load_rule_pack().setting(RULES_FILE, key)

STRATEGY = "relating_experience"

# Mechanics stay here (word shapes, laughter and punctuation stripping, tag tokens, clause breaks, the past-tense
# shape); phrase lists that decide what a sentence means are relating.toml labels (docs/rules.md).
# "our"/"us" alone is the company speaking ("our meter reader"); a shared story has "we" as subject.
_FIRST_PLURAL = re.compile(r"\b(?:we|we'd|we've)\b")
_ANY_PAST = re.compile(
    r"\b(?:was|were|had|did|took|went|came|got|said|spent|felt|found|lost|ran|made|kept|left|sat|saw|"
    r"told|paid|thought|knew|\w+ed|couldn't|didn't|wasn't|weren't|hadn't|still)\b"
)
_DISCLOSURE_BREAK = re.compile(
    r"[,;:\u2014\u2013]|\s-\s|\s(?=(?:and|but|so)\s+(?:i|i'm|i've|im|ive|my)\b)", re.IGNORECASE
)
_RAW_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
_LAUGHTER = re.compile(r"^\s*(?:(?:lol|lmao|haha+|hehe+|ha|hah)\b[\s.,!]*)+", re.I)
_LAUGHTER_END = re.compile(r"(?:[\s.,!]*\b(?:lol|lmao|haha+|hehe+|ha|hah|x+d)\b[\s.,!:()]*)+$", re.I)
_FEELING_TAG = re.compile(r"\b(?:NEGF|APPR|POSF)\b")
#: Fewest words of a calm customer message that can tell of their life rather than make small talk.
_TELLS_OF_LIFE = 8
#: A story sentence that the sentiment model reads as this happy is an aside, not a shared hardship.
_HAPPY_ASIDE = 0.5


def _happy(text: str) -> bool:
    return float(sentiment(text)["compound"]) >= _HAPPY_ASIDE


def story_start(v: SentenceFacts, customer_topic: frozenset[str]) -> tuple[float, str] | None:
    """(confidence, evidence id of the rule that decided it) when reply sentence ``v`` begins (or is) a related
    story."""
    n, t = v.norm, v.tagged
    if v.hypothetical:
        return None
    singular = v.first_person
    if not singular and not _FIRST_PLURAL.search(n):
        return None
    if v.question or _relating("not_own").search(n):
        return None
    marker = _relating("past_marker").search(n)
    stating = _relating("story_stating")
    m = stating.search(t)
    if m and (singular or marker):
        return stating.rule_of(m).confidence or 0.0, stating.match_id(m)
    if _relating("agent_action").search(n) or _relating("aside").search(n):
        return None
    if n.startswith("our ") and not marker and not _relating("own_life").search(n):
        # "Our engineers are ...": the company speaking, not the agent's household.
        return None
    similar = _relating("similar_self")
    m = similar.search(n)
    if m and not _relating("not_similar").search(n):
        return similar.rule_of(m).confidence or 0.0, similar.match_id(m)
    # "I understand how frustrated you are" tells no story: its only "past" word is a feeling
    # said to the customer, so past verbs are read on the tagged form when the customer is addressed.
    past_verb = _relating("past_verb")
    past = marker or past_verb.search(t) or (past_verb.search(n) and not v.to_customer)
    if not past or not (singular or marker):
        return None
    tail = _relating("empathy_tail")
    m = tail.search(t)
    if m:
        return tail.rule_of(m).confidence or 0.0, tail.match_id(m)
    if _relating("future_service").search(n) and not marker:
        # "... fill in the form I've attached, and we'll handle the rest": the case, not a story.
        return None
    if v.to_customer:
        # Talking to the customer about their case in the past tense ("I checked your order").
        return None
    own_life = _relating("own_life").search(n)
    hardship = "NEGF" in t or "APPR" in t
    if hardship and (marker or own_life or singular) and not _happy(v.span.text):
        return float(_relating_setting("own_hardship_confidence")), ev.OWN_HARDSHIP
    overlap = v.topic & customer_topic
    if not overlap - life_stems() and not _relating("struggle").search(n):
        # Sharing only "family" or "friends" with the customer is no shared topic unless the
        # story tells of a struggle ("I spent a whole evening fighting with mine").
        overlap = frozenset()
    if overlap and (marker or own_life) and not _happy(v.span.text):
        return float(_relating_setting("shared_topic_confidence")), ev.SHARED_TOPIC
    return None


def continues_story(v: SentenceFacts) -> bool:
    """True when sentence ``v`` goes on telling a story rather than turning to the customer."""
    n = v.norm
    if v.question or not n:
        return False
    if _relating("address").search(n) or _relating("agent_action").search(n):
        return False
    # Imported here: the checks package builds on the strategies, not the other way round.

    if is_case_update(v.span.text):
        # "The order is refunded in full ...": the reply is back on the case; stories are told in the past.
        return False
    return bool(v.first_person or _FIRST_PLURAL.search(n) or _ANY_PAST.search(n))


def _is_preface(v: SentenceFacts) -> bool:
    return bool(_relating("preface").search(v.norm)) and not v.question


def _seeded_stories(analysis: Analysis, found: list[Finding]) -> list[Finding]:
    """Stories of the agent's past life on the customer's trouble that carry no cue of their own.

    "When my two were little we drove to a campsite that turned out to be waterlogged. We ...":
    a sentence that opens a story in the agent's past (a long-ago anchor, their family, their
    home), the narrating sentences after it, and a story that shares trouble and topic with the
    customer's message. The story checks read stories the same way
    (:func:`is_story_seed`), so a long story is a relating_experience
    finding whenever story_too_long would measure it.
    """
    # Imported here: the checks package builds on the strategies, not the other way round.

    facts = reply_facts(analysis)
    sents = [f.span for f in facts]
    taken = SpanIndex(f.span for f in found)  # indexed once: every sentence is compared with them
    conf = float(_relating_setting("seeded_story_confidence"))
    out: list[Finding] = []
    i = 0
    while i < len(sents):
        if taken.overlaps(sents[i]) or not facts[i].story_seed:
            i += 1
            continue
        last = i
        while last + 1 < len(sents) and facts[last + 1].narrates:
            last += 1
        span = Span.of(analysis.reply, sents[i].start, sents[last].end)
        rel = relevance(span.text, analysis.customer_facts)
        # Without a cue the story must show it is like the customer's: shared trouble and topic.
        if (rel.comparable or (rel.similar and rel.overlap >= 1)) and not rel.is_aside and not rel.future:
            seeded = ev.rule(ev.SEEDED_STORY, conf, (span.start, span.end))
            out.append(Finding(STRATEGY, span, conf, "rules", (seeded,)))
        i = last + 1  # past the story: no later sentence can overlap it, so it need not join ``taken``
    return out


def _clause_spans(reply: str, sentence: Span) -> list[Span]:
    """The clauses of ``sentence``, empty pieces dropped.

    Split at commas, dashes and colons, and before "and"/"but"/"so" that open a new first-person
    clause ("I've dealt with depression myself and I know how isolating it is").
    """
    out: list[Span] = []
    start = sentence.start
    for m in [*_DISCLOSURE_BREAK.finditer(sentence.text), None]:
        end = sentence.start + m.start() if m is not None else sentence.end
        piece = Span.of(reply, start, end)
        if piece.text.strip():
            lead = len(piece.text) - len(piece.text.lstrip())
            tail = len(piece.text.rstrip())
            out.append(Span.of(reply, start + lead, start + tail))
        if m is not None:
            start = sentence.start + m.end()
    return out


def _clause_views(reply: str, sentence: Span) -> list[SentenceView]:
    """The clauses of ``sentence`` (:func:`_clause_spans`) as views."""
    return [view(reply, span) for span in _clause_spans(reply, sentence)]


def _may_disclose(reply: str, sentence: Span) -> bool:
    """False when no clause of ``sentence`` opens with a similarity marker, an answer or a first-person subject.

    Every shape of :func:`shared_disclosure` needs one of those; testing the plain words first
    spares building the tagged view of every clause of every reply sentence.
    """
    groups = [_relating(g) for g in ("similarity_lead", "answer_lead", "disclosure_subject")]
    for span in _clause_spans(reply, sentence):
        norm = normalize(span.text)
        if any(g.search(norm) for g in groups):
            return True
    return False


def _discloses(c: SentenceView, *, elided: bool) -> bool:
    """True when clause ``c`` tells of the agent's own situation or feeling.

    ``elided``: the clause follows a similarity marker, so its subject may be left out ("same
    here, been struggling for years"). Advice, opinions, wishes, offers, reactions to the
    customer's news, work on the case and anything said to the customer tell nothing of the
    agent's own (LABELS: bare understanding is no strategy).
    """
    n = c.norm
    if not n or c.question:
        return False
    # Read on both forms: a feeling word is a tag in the tagged one ("I'm afraid" is "i'm NEGF").
    not_disclosure = _relating("not_disclosure")
    # "my will to draw" is the noun, not the future the address group looks for.
    addressed = _relating("address").search(_relating("noun_will").pattern.sub(" ", n))
    if addressed or not_disclosure.search(n) or not_disclosure.search(c.tagged):
        return False
    # After a marker "just want to ..." is the agent's own wish, not the imperative "Just pop it in the post".
    acting = n[len("just ") :] if elided and n.startswith("just ") else n
    if (
        _relating("agent_action").search(acting)
        or _relating("aside").search(n)
        or _relating("not_own").search(n)
        or is_hypothetical(c.span.text)
    ):
        return False
    if _relating("disclosure_subject").search(n):
        return True
    return elided and bool(_relating("elided_disclosure").search(c.tagged))


@per_language
def _lead_fillers(lang: Language) -> frozenset[str]:
    """The words a bare similarity marker may trail (``[settings] lead_fillers`` of the language's relating.toml)."""
    return frozenset(_relating_setting("lead_fillers"))


def is_bare_marker(text: str) -> bool:
    """True when ``text`` is only a similarity marker ("Me too.", "Same here lol", "I feel you").

    LABELS.md: bare understanding is no strategy; the agent relates only by telling of their own
    situation or feeling, which a marker alone does not.
    """
    norm = normalize(text)
    m = _relating("similarity_lead").search(norm)
    return m is not None and not set(norm[m.end() :].split()) - _lead_fillers()

def _lead(c: SentenceView, reply: str, customer: MessageFacts) -> tuple[SentenceView | None, float, str] | None:
    """(what follows the marker in clause ``c``, confidence, rule id) when ``c`` opens with a similarity marker.

    An answer that only affirms ("I do.", "Yep") is a marker when the customer asked whether
    others share their trouble ("anyone else ...?").
    """
    rest = _lead_rest(c, reply)
    if rest is not None:
        lead = _relating("similarity_lead")
        m = lead.search(c.norm)
        return rest, lead.rule_of(m).confidence or 0.0, lead.match_id(m) if m else f"relating.{lead.name}"
    answer = _relating("answer_lead")
    m = None if c.question else answer.search(c.norm)
    if m and asks_others(customer):
        return None, answer.rule_of(m).confidence or 0.0, answer.match_id(m)
    return None


def _lead_rest(c: SentenceView, reply: str) -> SentenceView | None:
    """What follows a similarity marker inside clause ``c`` ("same here been struggling ..."), if anything."""
    m = _relating("similarity_lead").search(c.norm)
    if m is None:
        return None
    # The marker is matched on the normalized clause: the shortest original prefix that normalizes
    # to at least the marker ends it (chat spellings may change the words).
    text = c.span.text
    for w in _RAW_WORD.finditer(text):
        if len(normalize(text[: w.end()])) >= m.end():
            rest = len(text) - len(text[w.end() :].lstrip(" \t\n.!…-~"))
            return view(reply, Span.of(reply, c.span.start + rest, c.span.end))
    return view(reply, Span.of(reply, c.span.end, c.span.end))


def _off_topic(c: SentenceView, customer: MessageFacts, *, clause: bool = True) -> bool:
    """True when a disclosure clause is a pleasant or passing aside, not the customer's trouble (story_irrelevant).

    ``clause``: ``c`` is one clause, so a happy sound must be outweighed by a trouble in words; a
    whole sentence may weigh a named bad feeling against the reassurance that follows it ("my first
    bill confused me too, it's super common").
    """
    # Imported here: the checks package builds on the strategies, not the other way round.

    rel = relevance(c.span.text, customer)
    # "in the summer" is a plan only when nothing in the clause has already happened.
    future = rel.future and not rel.similar and not tells_real_story(c.norm)
    if rel.is_aside or future:
        return True
    # "I'm only happy when I'm drunk" shares a trouble however happy it sounds; "I love a wedding"
    # is a pleasure whatever else the clause says.
    if rel.pleasant:
        return "NEGF" not in c.tagged
    glad = _relating("glad").search(c.tagged) is not None and "NEGF" not in c.tagged
    # A happy-sounding clause needs a trouble in its words: a feeling tag alone may be a look-alike
    # the lexicon reads as a typo ("I'm reading a great thriller").
    return (_happy(c.span.text) or glad) and not _troubled(c, customer, feelings=not clause)


def _troubled(c: SentenceView, customer: MessageFacts, *, feelings: bool = True) -> bool:
    """True when a clause tells of a trouble (or, with ``feelings``, a bad feeling) of the agent's."""

    tagged = c.tagged if feelings else _FEELING_TAG.sub(" ", c.tagged)
    if _relating("own_trouble").search(tagged):
        return True
    return feelings and relevance(c.span.text, customer).adverse


def _without_laughter(reply: str, sentence: Span) -> SentenceView:
    """Sentence ``sentence`` without the laughter that opens or closes it ("LOL I feel like this every day").

    Peers laugh at their own troubles; in that place "lol" is tone, not the aside cue it is mid-sentence.
    """
    text = sentence.text
    m = _LAUGHTER.match(text)
    start = sentence.start + (m.end() if m else 0)
    end = sentence.start + len(_LAUGHTER_END.sub("", text))
    return view(reply, Span.of(reply, start, end) if start < end else sentence)


def _customer_feelings(analysis: Analysis) -> frozenset[str]:
    """The bad feelings the customer shows: read by the listen step and named in their words."""
    named = {f.label for f in find_feelings(analysis.exchange.customer) if f.negative}
    return frozenset(named | set(analysis.customer.negative))


def _customer_troubled(analysis: Analysis) -> bool:
    """True unless the customer is calmly asking the business for something.

    A customer who shows a bad feeling or tells of a trouble ("nobody in my life gets it") is
    troubled, and so is one who tells of their life without a request ("I moved back to my
    hometown and feel out of place"); "Could you tell me whether the kettle has a UK plug?" is not.
    """
    if analysis.customer.negative or analysis.customer.valence < 0:
        return True
    text = analysis.exchange.customer
    if not text.strip():
        return False
    whole = view(text, Span.of(text, 0, len(text)))
    if _relating("own_trouble").search(whole.tagged):
        return True
    # A short turn or one that asks about the agent ("How about you?") tells no trouble of its own.
    if len(whole.norm.split()) < _TELLS_OF_LIFE or _relating("asks_agent").search(whole.norm):
        return False
    return not _relating("service_request").search(whole.norm)


def shared_disclosure(
    reply: str,
    sents: list[Span],
    i: int,
    customer: MessageFacts,
    *,
    troubled: bool = True,
    feelings: frozenset[str] | Callable[[], frozenset[str]] = frozenset(),
) -> tuple[int, int, float, str] | None:
    """A peer's own disclosure of the customer's trouble that begins in sentence ``i``, without a story frame.

    Returns (start offset, index of the sentence it ends in, confidence, evidence id of the rule
    that decided it) or None. The shapes:

    - a similarity marker with the agent's own situation after it in the same or the next
      sentence ("Same. I just want to sleep all the time.", "I'm in the same boat, lost my job in
      June"), or an answer ("I do.") to a customer who asked whether anyone else shares it;
    - a first-person clause that points back at the customer's state ("I experience this all
      the time", "I used to feel like that too"), or answers their "anyone else?" question;
    - a first-person clause with a similarity word and a trouble ("I feel lost too", "I can't
      face parties sober either");
    - a first-person clause telling of a present trouble of the customer's kind: a shared
      topic word, kind of trouble ([relating.trouble_topics]) or bad feeling ("I haven't had a
      real friend in years" to a lonely customer).

    A marker alone stays bare understanding (LABELS.md), and an own trouble of another kind is
    an aside. ``troubled``: the customer shows a trouble (:func:`_customer_troubled`); without
    one only a marker ties the agent's life to theirs ("I'm flat-hunting too, it's a nightmare"
    to a customer calmly asking how to set up an account is small talk). ``feelings``: the bad
    feelings the customer shows, or a function that reads them (called only when needed).
    """
    if not _may_disclose(reply, sents[i]):
        return None
    clauses = _clause_views(reply, sents[i])
    fillers = _lead_fillers()

    def own(c: SentenceView, *, elided: bool) -> bool:
        return _discloses(c, elided=elided) and not _off_topic(c, customer)

    for k, c in enumerate(clauses):
        found = _lead(c, reply, customer)
        if found is None:
            continue
        rest, confidence, lead_id = found
        said = rest is not None and bool(set(rest.norm.split()) - fillers)
        following = ([rest] if rest is not None and said else []) + clauses[k + 1 :]
        if following and own(following[0], elided=True):
            return c.span.start, i, confidence, lead_id
        if any(own(f, elided=False) for f in following[1:]):
            return c.span.start, i, confidence, lead_id
        # "I hear you. After 20 years of dealing with it, so tired of it.": anywhere in the next sentence.
        nxt = _clause_views(reply, sents[i + 1]) if not following and i + 1 < len(sents) else []
        if any(own(d, elided=True) for d in nxt):
            return c.span.start, i + 1, confidence, lead_id
        break
    # Every shape below needs a clause of the agent's own; most reply sentences have none, and the
    # checks after this one (aside, pleasure, topic) cost far more than this test.
    if not troubled or not any(_discloses(c, elided=False) for c in clauses):
        return None
    whole = _without_laughter(reply, sents[i])
    asks = whole.question and not _relating("tag_question").search(whole.span.text)
    if asks or _off_topic(whole, customer, clause=False):
        # Without a marker, an aside cue or a pleasure anywhere in the sentence makes it an aside
        # ("Oh I love a wedding, I haven't got an outfit yet!", "by the way, I'm moving too").
        return None
    similar = _relating("similarity_word")
    anaphora = _relating("shared_anaphora")
    # "Not me. I hate the cold." answers the customer's "anyone else?" with no.
    no = _relating("answers_no")
    said_no = any(no.search(v.norm) for j in range(max(i - 1, 0), i + 1) for v in _clause_views(reply, sents[j]))
    answer = i <= 1 and asks_others(customer) and not said_no
    for k, c in enumerate(clauses):
        if not own(c, elided=False):
            continue
        m = anaphora.search(c.norm)
        if m:
            return c.span.start, i, anaphora.rule_of(m).confidence or 0.0, anaphora.match_id(m)
        if answer:
            # "Do you eat when you're depressed?" - "I don't eat, I just drink soda."
            return c.span.start, i, _relating("answer_lead").confidence, "relating.answer_lead"
        # Without a marker the sentence must go on to a trouble, not just share the customer's
        # situation: "I work from home on Fridays too" to a customer cut off while working from
        # home is an aside; "I'm burnt out too, been on 55 hours a week" shares the trouble.
        if not any(_troubled(d, customer) for d in clauses[k:]):
            continue
        m = similar.search(c.norm)
        if m and not _relating("not_similar").search(c.norm):
            return c.span.start, i, similar.rule_of(m).confidence or 0.0, similar.match_id(m)
        own_trouble = _relating("own_trouble").search(c.tagged)
        if own_trouble and _shares_trouble(c, customer, feelings):
            return c.span.start, i, float(_relating_setting("shared_trouble_confidence")), ev.SHARED_TROUBLE
    return None


def _shares_trouble(
    c: SentenceView,
    customer: MessageFacts,
    customer_feelings: frozenset[str] | Callable[[], frozenset[str]],
) -> bool:
    """True when clause ``c`` is on the customer's trouble: a shared word, kind of trouble or bad feeling."""
    if topic_words(c.span.text) & customer.topic:
        return True
    if trouble_kinds(c.norm) & customer_trouble_kinds(customer):
        return True
    mine = {f.label for f in c.negative_feelings}
    if not mine:
        return False
    return bool(mine & (customer_feelings() if callable(customer_feelings) else customer_feelings))


def _evidence(rule_id: str, score: float, span: tuple[int, int]) -> Evidence:
    """Evidence of a data-file rule (``relating.<group>.<n>``) or a registered Python one (``relating.py:...``)."""
    if rule_id in ev.registered():
        return ev.rule(rule_id, score, span)
    return Evidence("rule", rule_id, score, span)


class RelatingRules:
    """Rule detector for relating_experience: one candidate per story (a run of sentences)."""

    name = "rules.relating_experience"

    def detect(self, analysis: Analysis) -> list[Finding]:
        """Candidate relating_experience findings, each spanning one whole story."""
        reply = analysis.reply
        vs = reply_facts(analysis)
        sents = [f.span for f in vs]
        said = analysis.customer_facts
        troubled = _customer_troubled(analysis)
        # Read only if a disclosure needs comparing with the customer's feelings (rare, and costly).
        feelings = cache(lambda: _customer_feelings(analysis))
        out: list[Finding] = []
        i, used = 0, -1
        while i < len(vs):
            opened = story_start(vs[i], said.topic)
            if opened is not None:
                conf, rule_id = opened
                first = i - 1 if i - 1 > used and _is_preface(vs[i - 1]) else i
                start, last = sents[first].start, i
            else:
                shared = shared_disclosure(reply, sents, i, said, troubled=troubled, feelings=feelings)
                if shared is None:
                    i += 1
                    continue
                start, last, conf, rule_id = shared
            opening = (sents[i].start, sents[i].end)
            chain = [_evidence(rule_id, conf, opening)]
            while last + 1 < len(vs) and continues_story(vs[last + 1]):
                last += 1
                chain.append(ev.rule(ev.STORY_CONTINUES, span=(sents[last].start, sents[last].end)))
            out.append(Finding(STRATEGY, Span.of(reply, start, sents[last].end), conf, "rules", tuple(chain)))
            used = last
            i = last + 1
        return out + _seeded_stories(analysis, out)


RULES = RelatingRules()


@component(
    "detect.relating_experience",
    requires=("reply_facts", "reply_clauses", "customer.emotions", "customer.valence"),
    assigns=DETECT_ASSIGNS,
)
def detect_relating_experience(analysis: Analysis) -> Analysis:
    """Propose relating_experience candidates: the agent's own similar stories."""
    return run_detector(RULES, analysis)
