"""A reply sentence as the rule patterns see it.

The patterns match a *normalized* form of each sentence: lower case, straight apostrophes, one
space between words, chat spellings and typos mapped to standard words ("u" -> "you", "thta" ->
"that"), and every feeling word replaced by a tag: ``NEGF`` (a negative feeling such as
"frustrated"), ``POSF`` (a positive one such as "glad"). Appraisals of a situation that name no
feeling themselves ("awful", "a nightmare", "that sucks") become ``APPR``, and how being treated
feels, said with a feel verb ("feel ignored"), ``NEGF`` (the rules of ``rules/en/tags.toml``). Patterns thus say
"no wonder you're NEGF" once instead of listing every feeling, and the lexicon stays in one place.
Spans always come from the original text, never from the normalized form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from empathic.facts.text import is_question
from empathic.rules import RulePack, rule_view
from empathic.strategies import patterns
from empathic.strategies.feelings import Feeling, emotion_of_word, find_feelings, misspelt_feeling
from empathic.textio import straighten
from empathic.types import SentenceView, Span

#: The labels of ``rules/<lang>/tags.toml`` in the order they apply, and the tag each match becomes.
_TAGS: tuple[tuple[str, str], ...] = (("feeling", "NEGF"), ("appraisal", "APPR"), ("apology", "APOLOGY"))
# Mechanics (the word shape); phrase lists that decide a reading are rule labels.
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


#: Words that may stand between a negator and the feeling it negates ("not so stressful", "don't be worried").
_NEGATION_BRIDGE = frozenset(
    "is are was were be been being am feel feeling felt get getting got so very too that really all at overly "
    "particularly a bit that's it's".split()
)
#: How many words before a feeling word are read for its negator: a run of bridge words longer than
#: this ("so so so ... upset") is not negation, and reading it all made a long sentence quadratic.
_NEGATION_LOOKBACK = 12
_NEGATORS = frozenset(
    "not no never don't doesn't didn't isn't wasn't aren't weren't won't nothing hardly without".split()
)


def _locally_negated(before: list[str], end: int) -> bool:
    """True when the words just before a feeling word (``before[:end]``) negate it ("not", "don't be", "never so")."""
    for word in reversed(before[max(0, end - _NEGATION_LOOKBACK) : end]):
        if word in _NEGATORS or word.endswith("n't"):
            return True
        if word not in _NEGATION_BRIDGE:
            return False
    return False


def normalize(text: str) -> str:
    """Lower-case words of ``text`` joined by single spaces, chat spellings and typos mapped."""
    chat = patterns.chat_map()
    words = _WORD.findall(straighten(text.lower()))
    return " ".join(chat.get(w, w) for w in words)


@dataclass(frozen=True, slots=True)
class _Rules:
    """What a sentence's view reads of a language's rule pack."""

    #: words the lexicon counts as feelings that name none in a reply (``[settings] not_feelings`` of reflecting.toml)
    not_feelings: frozenset[str]
    #: the tags rules' patterns, each with the tag it writes, in the order they apply
    tags: tuple[tuple[re.Pattern[str], str], ...]


@rule_view
def _rules(pack: RulePack) -> _Rules:
    """The view's reading of the current language's rule pack."""
    return _Rules(
        not_feelings=frozenset(pack.setting("reflecting", "not_feelings")),
        tags=tuple((pattern, tag) for label, tag in _TAGS for pattern in pack.group("tags", label).patterns),
    )


def view(source: str, span: Span, words: Sequence[tuple[str, Span]] | None = None) -> SentenceView:
    """Build the :class:`SentenceView` of ``source[span.start:span.end]``.

    A reply sentence's view is read once per analysis, as part of its facts (``analysis.reply_facts``,
    facts/sentences.py); this reads a clause, a part of one, or a text outside an analysis. ``words``: the
    lexicon's feeling words of the text when already read (a sentence's facts read them once for every use).
    """
    text = source[span.start : span.end]
    lowered = straighten(text.lower())
    rules = _rules()
    ignored = rules.not_feelings
    feelings = [
        Feeling(f.label, Span.of(source, span.start + f.span.start, span.start + f.span.end))
        for f in find_feelings(text, words)
        if f.span.text.lower() not in ignored
    ]
    chat = patterns.chat_map()
    # the first feeling (in list order) covering each character, so each word finds its feeling
    # in one look-up instead of a scan of all the sentence's feelings
    covering: dict[int, Feeling] = {}
    for f in feelings:
        for pos in range(f.span.start - span.start, f.span.end - span.start):
            covering.setdefault(pos, f)
    norm_words: list[str] = []
    tagged_words: list[str] = []
    last_tagged: Feeling | None = None
    for m in _WORD.finditer(lowered):
        word = chat.get(m.group(), m.group())
        norm_words.append(word)
        hit = covering.get(m.start())
        if hit is not None:
            if hit is not last_tagged:
                tagged_words.append("NEGF" if hit.negative else "POSF")
            last_tagged = hit
            continue
        last_tagged = None
        # A chat spelling mapped to a standard word ("dissapointed") is looked up again, and so is a
        # feeling word the lexicon's search left out only because a negator stood somewhere before
        # it ("... with no letter to explain it is unsettling"); otherwise a long unknown word may
        # be a typo of a feeling word ("frustating").
        negated = word == m.group() and _locally_negated(norm_words, len(norm_words) - 1)
        typo = emotion_of_word(word) if not negated else None
        if typo is None and word.isalpha() and word not in ignored:
            typo = misspelt_feeling(word)
        if typo is not None:
            feeling = Feeling(typo, Span.of(source, span.start + m.start(), span.start + m.end()))
            feelings.append(feeling)
            tagged_words.append("NEGF" if feeling.negative else "POSF")
            continue
        tagged_words.append(word)
    tagged = feelings_tagged = " ".join(tagged_words)
    for pattern, tag in rules.tags:
        tagged = pattern.sub(tag, tagged)
    return SentenceView(
        span=span,
        norm=" ".join(norm_words),
        tagged=tagged,
        feelings=tuple(sorted(feelings, key=lambda f: f.span.start)),
        question=is_question(text),
        feelings_tagged=feelings_tagged,
    )


def sentence_forms(sentence: str) -> dict[str, str]:
    """The text forms the rules read of one sentence: raw, normalized, feelings (before the tags rules), tagged.

    For rule examples and tools (``empathic rules report``); the detectors read :func:`view`.
    """
    v = view(sentence, Span.of(sentence, 0, len(sentence)))
    return {"raw": sentence, "normalized": v.norm, "feelings": v.feelings_tagged, "tagged": v.tagged}


def views(source: str, spans: list[Span]) -> list[SentenceView]:
    """:func:`view` of each span."""
    return [view(source, s) for s in spans]
