"""``suggest(customer)``: candidate sentences per strategy that name the customer's feeling and its reason."""

from __future__ import annotations

import re
import tomllib
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from empathic.pipeline import Coach, default_coach
from empathic.resources import resource_text
from empathic.scoring import called_for
from empathic.suggest.slots import Slots, slots_for
from empathic.suggest.verify import verify
from empathic.types import Analysis, Exchange, Turn

#: The order suggestions are offered in.
SUGGESTION_ORDER = ("reflecting_emotion", "normalizing", "relating_experience")

#: Shown with every relating-experience suggestion: a story must be the agent's own.
RELATING_NOTE = "Use only if it is true for you; tell your own story in a sentence or two."


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


def _fill(template: str, slots: Slots) -> str:
    values = slots.as_dict()
    text = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)
    return text[0].upper() + text[1:] if text else text


def candidates(strategy: str, slots: Slots, *, seed: int = 0) -> list[str]:
    """Every template phrasing for ``strategy`` filled for this customer.

    Reassurance comes first for a self-critical customer (and a reflection for them always carries
    reassurance with it); otherwise the phrasings for the customer's
    emotion and the general ones form one pool whose starting point rotates with ``seed``, so that
    different messages get different first suggestions.
    """
    by_family = templates().get(strategy, {})
    pools: list[list[str]] = []
    if slots.self_critical and "self_critical" in by_family:
        pools.append(list(by_family["self_critical"]))
    if not (slots.self_critical and strategy == "reflecting_emotion"):
        # The customer's own emotion and the general phrasings share one pool, rotated by ``seed``.
        pools.append(list(by_family.get(slots.emotion, [])) + list(by_family.get("any", [])))
    out: list[str] = []
    for group in pools:
        usable = [t for t in group if slots.topic or "{topic}" not in t]
        if not usable:
            continue
        k = seed % len(usable)
        for t in usable[k:] + usable[:k]:
            text = _fill(t, slots)
            if text not in out:
                out.append(text)
    return out


def suggest(
    customer: str,
    *,
    context: tuple[Turn, ...] = (),
    per_strategy: int = 3,
    coach: Coach | None = None,
    backend: Any | None = None,
    id: str | None = None,
) -> SuggestionSet:
    """Suggest sentences for each strategy the customer's message calls for, each verified by the analyzer.

    A candidate is kept only if, analysed as a reply to ``customer``, it shows its strategy, scores at least
    80 and triggers no pitfall. With an LLM ``backend`` (see :mod:`empathic.suggest.llm`) its candidates go
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
    seed = zlib.crc32(customer.encode("utf-8", "replace"))
    # Reflecting first: it is what most customers need most; a story is the last resort.
    for strategy in sorted(wanted, key=SUGGESTION_ORDER.index):
        kept = 0
        for text in candidates(strategy, slots, seed=seed):
            if kept >= per_strategy:
                break
            v = verify(coach, customer, text, strategy=strategy, context=context)
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
