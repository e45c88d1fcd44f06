"""Whether a sentence that names a feeling also says why it is felt: the one reason test.

"I understand your frustration." names a feeling and no reason; "It's frustrating to be charged twice when
you've already paid on time." names both. The reflecting detector reads it to tell a full reflection from a weak
one (and a bare verdict conceded before encouragement from a reflection), the missing_reason check to flag a
reflection without its reason; both read this module (``rules/<lang>/reason.toml``), not each other.

The test reads the tagged form of the sentence (:func:`empathic.strategies.text.view`: feeling words are
``NEGF`` / ``POSF``, appraisals ``APPR``): what is left once the frame words of a reflection
(``[settings] reason_fillers``: "I can tell you're ...", "it sounds like ...") are taken away is the reason, and
it takes at least ``min_reason_words`` words to be one. A frame that points back at a reason already given ("no
wonder you're angry", "I'd be livid too": the ``backward`` rules) has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from empathic.rules import RuleGroup, RulePack, rule_view
from empathic.types import SentenceView, Span

#: The file of the rule pack the reason test reads (``rules/<lang>/reason.toml``).
RULES_FILE = "reason"

# The words of a tagged sentence: its lower-case words and its tags (tags count as words, the fillers drop them).
_CONTENT = re.compile(r"[a-z0-9']+|NEGF|POSF|APPR|APOLOGY")
_FEELING_TAGS = ("NEGF", "POSF", "APPR")


@dataclass(frozen=True, slots=True)
class _Rules:
    """What the reason test reads of a language's rule pack (reason.toml)."""

    backward: RuleGroup
    fillers: frozenset[str]
    min_words: int


@rule_view
def _rules(pack: RulePack) -> _Rules:
    """The reason test's view of the current language's rule pack."""
    return _Rules(
        backward=pack.group(RULES_FILE, "backward"),
        fillers=pack.words(RULES_FILE, "reason_fillers"),
        min_words=int(pack.setting(RULES_FILE, "min_reason_words")),
    )


def reason_words(tagged: str) -> list[str]:
    """The words of the tagged sentence ``tagged`` that are neither a feeling nor the frame of a reflection."""
    fillers = _rules().fillers
    return [w for w in _CONTENT.findall(tagged) if w.lower() not in fillers]


def min_reason_words() -> int:
    """How many words beyond the feeling and its frame make a reason (``[settings] min_reason_words``)."""
    return _rules().min_words


def says_why(tagged: str) -> bool:
    """True when the tagged sentence ``tagged`` has words enough beyond its feelings and frame to be a reason."""
    return len(reason_words(tagged)) >= min_reason_words()


def has_reason(text: str, span: Span | None = None) -> bool:
    """True when the sentence ``text`` (or ``text[span]``) gives a reason for the feeling it names, or names none.

    "I understand your frustration." / "I can tell you're really frustrated." have none; "I can see you're upset
    about the late delivery fee." has one, and so do "No wonder you're angry." and "I'd be livid too." (they point
    back at the reason the customer gave). A sentence naming no feeling ("I understand.") has nothing to lack.
    """
    if span is None:
        span = Span.of(text, 0, len(text))
    if _rules().backward.search(span.text):
        return True
    # Imported here: importing empathic.strategies loads the detectors, and the reflecting one reads this module.
    from empathic.strategies.text import view

    return gives_reason(view(text, span))


def gives_reason(v: SentenceView) -> bool:
    """:func:`has_reason` of a sentence already read (its view): a reply sentence's is one of its facts
    (``SentenceFacts.reason``)."""
    if _rules().backward.search(v.span.text):
        return True
    if not any(tag in v.tagged for tag in _FEELING_TAGS):
        return True
    return says_why(v.tagged)
