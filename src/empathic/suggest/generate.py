"""``suggest(customer)``: candidate sentences per strategy that name the customer's feeling and its reason."""

from __future__ import annotations

import re
import tomllib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from empathic.pipeline import Coach, default_coach
from empathic.resources import resource_text
from empathic.scoring import called_for
from empathic.suggest.registers import light_words
from empathic.suggest.slots import PUZZLED, Slots, slots_for
from empathic.suggest.stories import Story, fitting_stories
from empathic.suggest.verify import verify
from empathic.types import Analysis, Exchange, Turn

#: The order suggestions are offered in.
SUGGESTION_ORDER = ("reflecting_emotion", "normalizing", "relating_experience")

#: Shown with every relating-experience suggestion: a story must be the agent's own.
RELATING_NOTE = ("A frame for your own story: replace … with a few words about something similar that really "
                 "happened to you. Use it only if it is true for you; keep it to a sentence or two.")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One verified candidate sentence."""

    strategy: str
    text: str
    score: int
    source: str = "templates"
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """``{"strategy", "text", "score", "source", "note"}``."""
        return {"strategy": self.strategy, "text": self.text, "score": self.score, "source": self.source,
                "note": self.note}


@dataclass(slots=True)
class SuggestionSet:
    """Suggestions for one customer message, with the reading of the customer they are built on."""

    analysis: Analysis
    suggestions: list[Suggestion] = field(default_factory=list)
    called_for: list[str] = field(default_factory=list)
    rejected: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The machine contract of ``empathic suggest --json``."""
        return {
            "id": self.analysis.exchange.id,
            "called_for": self.called_for,
            "emotions": [e.label for e in self.analysis.customer.emotions],
            "self_critical": self.analysis.customer.self_critical,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "rejected": self.rejected,
            "note": self.note,
        }


@lru_cache(maxsize=1)
def templates() -> dict[str, dict[str, list[str]]]:
    """The packaged suggestion templates by strategy and emotion family."""
    return tomllib.loads(resource_text("suggest", "templates.toml"))


_SLOT = re.compile(r"\{(\w+)\}")
#: Words that sound like blame turned on a customer who is already blaming themselves.
_HARSH_FOR_SELF_CRITICAL = ("fuming", "infuriating", "maddening", "annoyed", "every right")
#: Words that call the trouble the customer's slip: said only to a customer who admits one (see Slots.own_slip).
_SLIP_WORDS = ("mistake", "slip", "mix this up")
#: What a relating frame's blank is read as when the analyzer checks the frame.
FRAME_BLANK = "…"
FRAME_CHECK_FILL = "went through something like this"


def _fill(template: str, slots: Slots) -> str | None:
    """The template with its slots filled, or None when a slot it names has nothing to say."""
    values = slots.as_dict()
    names = _SLOT.findall(template)
    if any(not values.get(name) for name in names):
        return None
    if ("about" in names or "affairs" in names) and values.get("clause"):
        return None  # "about your X" is the fallback for when no reason reads as a clause, never a rival to it
    text = _SLOT.sub(lambda m: values[m.group(1)], template)
    return text[0].upper() + text[1:] if text else text


def _pools(strategy: str, slots: Slots) -> list[list[str]]:
    """Template groups to draw from, most specific first: the register's own, then reassurance for a
    self-critical customer (the phrasings that promise no quick fix first when much is at stake), then the
    customer's emotion family with the general phrasings."""
    all_templates = templates()
    by_family = all_templates.get(strategy, {})
    own = all_templates.get("register", {}).get(slots.register.id, {}).get(strategy, {})
    pools: list[list[str]] = []
    if own and slots.who and strategy == "reflecting_emotion":
        # Condolence for the one who died comes before anything else (round 7: a death told in the same clause as
        # a second trouble drew no line at all, since the register never quotes the loss as the reason).
        pools.append(list(own.get("who", [])))
    if own:
        pools.append(list(own.get(slots.family, [])) + list(own.get("any", [])))
        if not slots.clause and not (slots.affairs if slots.register.affairs else slots.about):
            pools.append(list(own.get("alone", [])))  # nothing to sort out and no reason: the condolence alone
    if own and not slots.register.general and strategy in {"reflecting_emotion", "normalizing"}:
        # After a death only condolence fits: no stock "you're right to raise it" beside it (round 2: tone).
        return pools
    if slots.self_critical and slots.stakes and "self_critical_at_stake" in by_family:
        pools.append(list(by_family["self_critical_at_stake"]))
    if slots.self_critical and "self_critical" in by_family:
        pools.append(list(by_family["self_critical"]))
    if not (slots.self_critical and strategy == "reflecting_emotion"):
        pools.append(list(by_family.get(slots.family, [])) + list(by_family.get("any", [])))
    # The register's lines in a broad word that fits any bad feeling the reading has ("concerned"), after every line
    # that names the feeling (round 7: where "worrying" does not verify, "unsettling" understated a health worry).
    pools.append(list(own.get("fallback", [])))
    if strategy == "reflecting_emotion" and not slots.clause and not slots.self_critical:
        pools.append(list(by_family.get("topic", [])))
    return pools


def condolences(slots: Slots) -> list[str]:
    """The register's condolence lines that name the one who died (templates ``register.<id>.reflecting_emotion``
    family ``who``), filled for this customer; empty when the message tells no death with who died."""
    if not slots.who:
        return []
    own = templates().get("register", {}).get(slots.register.id, {}).get("reflecting_emotion", {})
    return [t for t in (_fill(t, slots) for t in own.get("who", [])) if t]


def reflecting_limit(slots: Slots, per_strategy: int) -> int:
    """How many reflecting lines to offer: variants of a clean reason clause, else one that names the topic (three
    rephrasings of a line with no reason of its own are one line said three times). After a death told with who
    died, the condolence and at most one line on the trouble (a clean one)."""
    if slots.who:
        return min(per_strategy, 2 if slots.clause else 1)
    return per_strategy if slots.clause else min(per_strategy, 1)


def candidates(strategy: str, slots: Slots, *, seed: int = 0, also: tuple[str, ...] = ()) -> list[str]:
    """Every template phrasing for ``strategy`` filled for this customer, in the order to try them.

    The customer's situation comes first (a bereaved customer hears condolence, a customer after a safety
    incident hears that their safety comes first), and words the situation rules out are never used, nor light words
    ("a common snag", "sorted quickly") where data, money, an account or weeks of waiting are at stake; a relating
    frame is not offered where a story would turn the moment to the agent, nor where the feeling is unsure.
    Reassurance comes first for a self-critical customer (and a reflection for them always carries reassurance
    with it); otherwise the phrasings for the customer's emotion and the general ones form one pool whose starting
    point rotates with ``seed``, so that different messages get different first suggestions. A template whose
    slots have nothing to say for this customer (no reason clause, no topic) is skipped. The template families
    ``also`` of ``strategy`` come last (a rewrite's own lines), under the same rules.
    """
    if strategy == "relating_experience" and (slots.no_story or not slots.named or not slots.clause):
        # A frame says "I felt just as ...": without a feeling the reading is sure of, it claims one the customer
        # may not have (round 2: calm questions and unsure readings drew "story too heavy" and wrong_feeling). A
        # story answers an experience the customer told: with no reason that reads as one (a question, a request)
        # there is nothing for it to be similar to (round 3: "simple question; a story does not belong").
        return []
    out: list[str] = []
    by_family = templates().get(strategy, {})
    for group in [*_pools(strategy, slots), *(list(by_family.get(f, [])) for f in also)]:
        filled = [t for t in (_fill(t, slots) for t in group) if t]
        usable = [t for t in filled if slots.register.allows(t)]
        if slots.stakes:
            # A year-long suspension or a lost server is no "common snag" to be "sorted quickly" (round 6: tone).
            usable = [t for t in usable if not any(w in t.lower() for w in light_words())]
        if slots.self_critical:
            usable = [t for t in usable if not any(w in t.lower() for w in _HARSH_FOR_SELF_CRITICAL)]
            if not slots.own_slip:
                usable = [t for t in usable if not any(w in t.lower() for w in _SLIP_WORDS)]
        if not usable:
            continue
        k = seed % len(usable)
        for text in usable[k:] + usable[:k]:
            if text not in out:
                out.append(text)
    return out


def checked_text(text: str) -> str:
    """The text the analyzer reads for a candidate: a relating frame with its blank filled in plain words."""
    return text.replace(FRAME_BLANK, FRAME_CHECK_FILL)


def suggest(
    customer: str,
    *,
    context: tuple[Turn, ...] = (),
    per_strategy: int = 3,
    coach: Coach | None = None,
    backend: Any | None = None,
    id: str | None = None,
    stories: Sequence[Story] = (),
) -> SuggestionSet:
    """Suggest sentences for each strategy the customer's message calls for, each verified by the analyzer.

    A candidate is kept only if, analysed as a reply to ``customer``, it shows its strategy, scores at least
    80 and triggers no pitfall. Where relating fits, the agent's own ``stories`` that fit the message come before
    the frames (source "my stories"). With an LLM ``backend`` (see :mod:`empathic.suggest.llm`) its candidates go
    through the same check.
    """
    coach = coach or default_coach()
    base = coach.run(Exchange(customer=customer, context=context, id=id))
    wanted = called_for(base)
    result = SuggestionSet(analysis=base, called_for=wanted)
    slots = slots_for(base)
    if slots is None:
        result.note = "The customer shows no bad feeling and no self-criticism: a clear, friendly answer is enough."
        return result
    if base.opportunity_class == "not_needed" and not slots.self_critical and base.customer.negative == [PUZZLED]:
        # A calm question read with a trace of puzzlement and nothing else ("I can't tell whether it applies to me")
        # shows no bad feeling and calls for a clear answer: a line telling them they're upset puts a feeling on
        # them (round 7: "plain question"). A trouble read too weakly to need empathy (a lost purchase) keeps its
        # lines: the reading may be short of the customer's feeling there.
        result.called_for = []
        result.note = ("The customer's message calls for no empathy line (a calm question or request): "
                       "a clear, friendly answer is enough.")
        return result
    if "relating_experience" in wanted and slots.no_story:
        wanted = [s for s in wanted if s != "relating_experience"]
        result.called_for = wanted
        result.note = slots.no_story
    seed = zlib.crc32(customer.encode("utf-8", "replace"))
    # Reflecting first: it is what most customers need most; a story is the last resort.
    for strategy in sorted(wanted, key=SUGGESTION_ORDER.index):
        kept = 0
        if strategy == "relating_experience":
            for match in fitting_stories(customer, stories):
                v = verify(coach, customer, match.story.text, strategy=strategy, context=context)
                if not v.accepted:
                    result.rejected += 1
                    continue
                note = "From your stories (shares: " + ", ".join(match.shared) + ")."
                result.suggestions.append(Suggestion(strategy, match.story.text, v.analysis.score,
                                                     source="my stories", note=note))
                kept += 1
        limit = reflecting_limit(slots, per_strategy) if strategy == "reflecting_emotion" else per_strategy
        # One condolence naming who died, then the trouble: two condolences would be one line said twice.
        condolence = set(condolences(slots)) if strategy == "reflecting_emotion" else set()
        for text in candidates(strategy, slots, seed=seed):
            if kept >= limit:
                break
            if text in condolence and any(s.text in condolence for s in result.suggestions):
                continue
            v = verify(coach, customer, checked_text(text), strategy=strategy, context=context)
            if not v.accepted:
                result.rejected += 1
                continue
            note = RELATING_NOTE if strategy == "relating_experience" else ""
            result.suggestions.append(Suggestion(strategy, text, v.analysis.score, note=note))
            kept += 1
    if backend is not None:
        for strategy, text in backend.suggest(customer, strategies=wanted, emotion=slots.emotion):
            v = verify(coach, customer, text, strategy=strategy, context=context)
            if v.accepted:
                result.suggestions.append(Suggestion(strategy, text, v.analysis.score, source="llm"))
            else:
                result.rejected += 1
    return result
