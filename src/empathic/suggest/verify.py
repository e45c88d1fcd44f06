"""The verification loop: a candidate is offered only if the analyzer agrees it is better."""

from __future__ import annotations

from dataclasses import dataclass

from empathic.pipeline import Coach
from empathic.suggest.mechanics import problems
from empathic.types import Analysis, Exchange, Turn

#: A suggestion must score at least this much, with no pitfall, to be offered.
MIN_SUGGESTION_SCORE = 80


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the analyzer made of a candidate reply."""

    analysis: Analysis
    accepted: bool
    reason: str


def verify(coach: Coach, customer: str, candidate: str, *, strategy: str | None = None,
           must_beat: int | None = None, min_score: int = MIN_SUGGESTION_SCORE,
           context: tuple[Turn, ...] = (), whole_reply: bool = False) -> Verdict:
    """Analyse ``candidate`` as a reply to ``customer`` and accept it only if it is clean and good enough.

    Accepted when: no mechanical problem (pronoun agreement, a repeated sentence or word, a pasted fragment, an
    @handle out of place: see :mod:`empathic.suggest.mechanics`; ``whole_reply`` lets a reply open with
    @handles); no pitfall; the intended ``strategy`` (if given) is found; the score is at least ``min_score``, or
    higher than ``must_beat`` when that is given.
    """
    a = coach.run(Exchange(customer=customer, reply=candidate, context=context))
    wrong = problems(candidate, allow_handles=whole_reply)
    if wrong:
        return Verdict(a, False, "; ".join(wrong))
    if a.pitfalls:
        return Verdict(a, False, "triggers " + ", ".join(a.pitfall_kinds))
    if strategy is not None and strategy not in a.strategies:
        return Verdict(a, False, f"{strategy} not found")
    if must_beat is not None:
        if a.score <= must_beat:
            return Verdict(a, False, f"score {a.score} does not beat {must_beat}")
    elif a.score < min_score:
        return Verdict(a, False, f"score {a.score} below {min_score}")
    return Verdict(a, True, "ok")
