"""Evidence ids: the one place where judgement written in Python gets its name.

Every decision empathic reports (finding, pitfall, customer emotion, cause) carries
:class:`~empathic.types.Evidence` naming the rules and heads behind it. Rules that live in data
files are named by their file's own key:

* the ``id`` of a ``[[rule]]`` of the rule pack ``resources/rules/<lang>/`` (:mod:`empathic.rules`),
  e.g. ``reflecting.attribution.3`` (ids that were the n-th pattern of a cue group of the former
  ``strategies.toml`` kept that name);
  the dismissive and overgeneralizing rules of the pitfall checks kept the ids their pitfalls always carried,
  ``<check>:<name>`` (``dismissive:calm_down``); the checks' other rules are ``<check>.<label>[.n]``;
  the customer cues of ``cues.toml``, which the emotion lexicon reads, are ``cue.<label>.<n>``;
* ``emotion_cues:<pattern>``: a row (a feeling word or phrase) of ``emotion_cues.tsv``,
  ``self_criticism:<kind>:<pattern>`` one of ``self_criticism.tsv`` (long regexes shortened to a prefix and a
  hash, see :func:`row_id`);
* ``head:strategy`` and ``head:emotion:<label>``: the learned heads (score: their probability);
  ``head:emotion-local``: a team's local emotion layer (support: an emotion it kept or added; veto: one it dropped);
* ``check:<kind>:<function>``: the registered pitfall check that raised a pitfall;
* ``cause_markers:<kind>``: the rows of one kind of ``cause_markers.tsv`` (they are compiled together).

Judgement that is still written in Python (a confidence or regex in a detector, a gate, a veto)
is registered below with :func:`register`, so an id is never a free-form string: :func:`rule`
refuses an id nobody registered, and ``tests/test_evidence.py`` checks every id a packaged data
set produces.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from empathic.types import Evidence, EvidenceEffect, EvidenceKind

#: Longest data-file pattern used verbatim in an id; longer ones become a prefix and a hash.
ID_PATTERN_CHARS = 40


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule written in Python: its id, whether it is a rule or a predicate, and what it decides."""

    id: str
    kind: EvidenceKind
    what: str


_REGISTRY: dict[str, RuleInfo] = {}


def register(rule_id: str, what: str, *, kind: EvidenceKind = "rule") -> str:
    """Register a rule written in Python under ``rule_id`` (``module.py:name``) and return the id."""
    known = _REGISTRY.get(rule_id)
    if known is not None and (known.kind, known.what) != (kind, what):
        raise ValueError(f"evidence id {rule_id!r} is registered twice with different meanings")
    _REGISTRY[rule_id] = RuleInfo(rule_id, kind, what)
    return rule_id


def registered() -> dict[str, RuleInfo]:
    """Every rule written in Python, by id."""
    return dict(_REGISTRY)


def rule(
    rule_id: str,
    score: float | None = None,
    span: tuple[int, int] | None = None,
    effect: EvidenceEffect = "support",
) -> Evidence:
    """Evidence from the registered Python rule ``rule_id`` (KeyError when nobody registered it)."""
    info = _REGISTRY[rule_id]
    return Evidence(info.kind, rule_id, score, span, effect)


@lru_cache(maxsize=4096)
def row_id(prefix: str, pattern: str) -> str:
    """``prefix:pattern`` for a data-file row, the pattern shortened to a prefix and a hash when long.

    The pattern itself (not a line number) keys the row, so adding a row elsewhere in the file
    renames nothing; the prefix is greppable in the file.
    """
    if len(pattern) <= ID_PATTERN_CHARS:
        return f"{prefix}:{pattern}"
    digest = hashlib.sha1(pattern.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}:{pattern[:24]}…{digest}"


# ---- rules and predicates written in Python -------------------------------------------------------
# Grouped by the module that applies them; each module imports its ids from here.

#: The strategy head's veto of a reflection that sounds clearly happy to an unhappy customer (VADER).
HAPPY_REFLECTION = register(
    "strategy.py:happy_reflection",
    "a 'reflection' that sounds clearly happy (VADER compound >= 0.5) to an unhappy customer names the wrong feeling",
    kind="predicate",
)
#: The strategy head's veto of a question ("What has you so stressed?").
QUESTION = register("strategy.py:question", "a question about feelings alone is no strategy", kind="predicate")

#: A reflection without its reason gets the lower confidence.
WEAK_REFLECTION = register(
    "reflecting.py:weak_reflection", "a feeling named without its reason: the weak_reflection confidence"
)
#: An appraisal counts as reflecting only when it is about the customer's situation or topic.
ABOUT_CUSTOMER = register(
    "reflecting.py:about_customer",
    "an appraisal speaks to the customer, has a gerund subject, points at what they said, or shares their topic",
    kind="predicate",
)

#: A shrug (overgeneralizing rule) read as normalizing gone wrong.
SHRUG = register("normalizing.py:shrug", "an overgeneralizing shrug is normalizing (shrug_confidence)")

#: relating.py: a past, first-person sentence telling of a hard moment of the agent's own (confidence 0.85).
OWN_HARDSHIP = register(
    "relating.py:own_hardship", "a past, first-person sentence of the agent's own life naming a hardship (0.85)"
)
#: relating.py: a past sentence of the agent's own life sharing the customer's topic words (confidence 0.75).
SHARED_TOPIC = register(
    "relating.py:shared_topic", "a past sentence of the agent's own life sharing the customer's topic words (0.75)"
)
#: relating.py: a story seeded by a preface ("Funny story:") and told in the next sentences.
SEEDED_STORY = register("relating.py:seeded_story", "a story opened by a preface and told in the next sentence")
#: relating.py: a story runs on through the sentences that go on telling it.
STORY_CONTINUES = register(
    "relating.py:continues_story", "a later sentence in the past, of the agent's own life, goes on with the story",
    kind="predicate",
)
#: relating.py: a present trouble of the customer's kind told by a peer ("I can't sleep either").
SHARED_TROUBLE = register(
    "relating.py:shared_trouble",
    "a first-person disclosure of the customer's kind of trouble (shared_trouble_confidence)",
)

#: The resolver's labelling conventions, each a veto of a candidate.
WRONG_FEELING = register(
    "resolve.py:wrong_feeling", "a reflection whose every feeling the customer does not show (emotion_mismatch)",
    kind="predicate",
)
SET_ASIDE = register(
    "resolve.py:feelings_set_aside",
    "a learned reflection whose every feeling the rules set aside (advice, condition, wish, someone else's)",
    kind="predicate",
)
BARE_MARKER = register(
    "resolve.py:bare_marker", "a learned 'story' that is only a similarity marker ('Me too.')", kind="predicate"
)
ASIDE = register(
    "resolve.py:aside", "a learned 'story' that is a personal aside unrelated to the customer's issue", kind="predicate"
)
STOCK_REASSURANCE = register(
    "resolve.py:stock_reassurance",
    "a learned 'normalizing' sentence whose only reassurance is a stock 'don't worry' / 'rest assured'",
    kind="predicate",
)
NO_NORMALIZING_CUE = register(
    "resolve.py:no_normalizing_cue",
    "a learned 'normalizing' sentence, for a customer who is not self-critical, with no word saying the problem or "
    "feeling is common or normal (rules/<lang>/resolve.toml, label normalizing_cue)",
    kind="predicate",
)
DIFFICULTY_VERDICT = register(
    "resolve.py:difficulty_verdict",
    "a learned 'reflection' that only appraises the situation as hard or tough and names no feeling (LABELS.md)",
    kind="predicate",
)
NO_FEELING = register(
    "resolve.py:no_feeling",
    "a learned 'reflection' that names no feeling at all: no feeling word, appraisal or apology for one (LABELS.md)",
    kind="predicate",
)
NO_OWN_SITUATION = register(
    "resolve.py:no_own_situation",
    "a 'story' that only says the agent has been there, or gives a tip from the agent's habits",
    kind="predicate",
)
SOMEONE_ELSES_STORY = register(
    "resolve.py:someone_elses_story",
    "a 'story' about someone else (another customer, named or not), not the agent's own situation",
    kind="predicate",
)
TO_READER = register(
    "resolve.py:told_to_reader",
    "a 'story' whose other party is the company written to ('you guys promised me'): a grievance, not the agent's own",
    kind="predicate",
)
STORY_SHAPE = register(
    "resolve.py:not_own_story",
    "what is left of a story after an imagined opening, a case update or a commonality sentence is cut off",
    kind="predicate",
)

#: The customer's emotions: rules of listen/emotions.py.
NEUTRAL = register("emotions.py:neutral", "no feeling evidence reaches MIN_EVIDENCE: the message reads as neutral")
PROBLEM_FALLBACK = register(
    "emotions.py:problem_fallback",
    "a problem told plainly without a named feeling reads as frustration, or as a feeling it nearly shows",
)
FRUSTRATION_COMPANION = register(
    "emotions.py:frustration_companion", "frustration beside a single other bad feeling, with evidence of its own"
)
SELF_CRITICISM_EMBARRASSMENT = register(
    "emotions.py:self_criticism", "self-blame adds embarrassment (SELF_CRITICISM_EVIDENCE)"
)
