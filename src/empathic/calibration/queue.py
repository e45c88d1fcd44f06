"""The review queue: which stored turns a reviewer should look at next, so reviews teach the most.

Four kinds of turn, never one the reviewer already reviewed:

* **disagreement**: turns two reviewers read differently (a label one said yes to and the other no);
* **uncertain**: turns where the strategy head was least sure: a finding whose head probability lies
  nearest the strategy's threshold, measured in units of the head's abstain margin (see
  :mod:`empathic.models.strategy`); a probability inside the margin is the head's own doubt;
* **random**: a share (default 20%) drawn at random from the recent turns, so agreement figures are
  not only measured where the tool is weakest (figures over the queue's picks alone would be biased);
* **second_review**: a share (default 10%) of turns one other reviewer has reviewed, offered again so
  reviewer-against-reviewer agreement has items to rest on.

The draw is seeded from the reviewer's name (or ``seed``), so the same reviewer gets the same queue
from the same store. Only ids, labels and numbers are returned, never message text.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from empathic.calibration.judge import judge_turn
from empathic.calibration.reviews import Review, list_reviews
from empathic.errors import ConfigError
from empathic.store.results import ResultStore

Reason = Literal["uncertain", "disagreement", "random", "second_review"]
#: Recent turns the queue draws from (newest first), so a store of millions stays quick to queue.
POOL = 5000
#: The smallest margin an uncertainty is measured in (a head without an abstain margin).
MIN_MARGIN = 0.1


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One turn to review, why, and a short reason in labels and numbers."""

    conversation_id: str
    turn_index: int
    reason: Reason
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"conversation_id": self.conversation_id, "turn_index": self.turn_index, "reason": self.reason,
                "detail": self.detail}


def _head() -> tuple[dict[str, float], dict[str, float]]:
    """The strategy head's threshold and abstain margin per strategy."""
    from empathic.models.strategy import default_model

    model = default_model()
    labels = list(model.head.labels)
    margins = model.margins()
    return ({s: float(model.head.thresholds[k]) for k, s in enumerate(labels)},
            {s: max(margins[k], MIN_MARGIN) for k, s in enumerate(labels)})


def uncertainty(analysis: dict[str, Any], thresholds: dict[str, float],
                margins: dict[str, float]) -> tuple[float, str] | None:
    """How near the head's least sure finding is to its threshold (in abstain margins), and what it was.

    None when the head scored no finding of the turn.
    """
    best: tuple[float, str] | None = None
    for finding in analysis.get("findings") or []:
        strategy = finding.get("strategy")
        if strategy not in thresholds:
            continue
        for ev in finding.get("evidence") or []:
            if ev.get("kind") != "head" or not isinstance(ev.get("score"), int | float):
                continue
            p = float(ev["score"])
            distance = abs(p - thresholds[strategy]) / margins[strategy]
            if best is None or distance < best[0]:
                best = (distance, f"{strategy} at {p:.2f} (threshold {thresholds[strategy]:.2f})")
    return best


def _disagreements(store: ResultStore, reviews: list[Review]) -> dict[tuple[str, int], str]:
    by_turn: dict[tuple[str, int], list[Review]] = defaultdict(list)
    for review in reviews:
        by_turn[(review.conversation_id, review.turn_index)].append(review)
    out: dict[tuple[str, int], str] = {}
    wanted = [key for key, rs in by_turn.items() if len({r.reviewer for r in rs}) >= 2]
    stored = store.turns_of(sorted({cid for cid, _ in wanted}))
    for key in sorted(wanted):
        record = stored.get(key)
        if record is None:
            continue
        per: dict[str, list[Review]] = defaultdict(list)
        for review in by_turn[key]:
            per[review.reviewer].append(review)
        readings = {name: judge_turn(record.analysis, rs) for name, rs in sorted(per.items())}
        split: list[str] = []
        names = list(readings)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                for part, decided in readings[a].decided.items():
                    other = readings[b].decided.get(part, {})
                    split += [label for label, yes in decided.items() if label in other and other[label] != yes]
        if split:
            out[key] = f"{' and '.join(names[:2])} disagree on {', '.join(sorted(set(split))[:3])}"
    return out


def review_queue(
    store: ResultStore,
    reviewer: str,
    n: int = 20,
    *,
    random_share: float = 0.2,
    second_share: float = 0.1,
    seed: int | None = None,
    pool: int = POOL,
) -> list[QueueItem]:
    """Up to ``n`` turns for ``reviewer`` to review next (see the module docstring), most useful first."""
    if not 1 <= n <= 1000:
        raise ConfigError(f"the queue holds 1 to 1000 turns, asked for {n}")
    if not (0.0 <= random_share <= 1.0 and 0.0 <= second_share <= 1.0 and random_share + second_share <= 1.0):
        raise ConfigError("random_share and second_share are shares from 0 to 1 that add up to at most 1")
    reviewer = reviewer.strip()
    if seed is None:
        seed = int(hashlib.sha256(reviewer.encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)
    reviews = list_reviews(store)
    mine = {(r.conversation_id, r.turn_index) for r in reviews if r.reviewer == reviewer}
    reviewers_of: dict[tuple[str, int], set[str]] = defaultdict(set)
    for r in reviews:
        reviewers_of[(r.conversation_id, r.turn_index)].add(r.reviewer)
    _, recent = store.results(limit=pool)
    candidates = [t for t in recent if (t.conversation_id, t.turn_index) not in mine]
    candidates.sort(key=lambda t: (t.conversation_id, t.turn_index))  # a stable order for the seeded draws

    picked: dict[tuple[str, int], QueueItem] = {}

    def take(key: tuple[str, int], reason: Reason, detail: str) -> None:
        if key not in picked and key not in mine and len(picked) < n:
            picked[key] = QueueItem(key[0], key[1], reason, detail)

    n_random = round(n * random_share)
    n_second = round(n * second_share)
    # second reviews: turns exactly one other reviewer has reviewed
    once = sorted(k for k, who in reviewers_of.items() if len(who) == 1 and reviewer not in who)
    for key in rng.sample(once, min(n_second, len(once))):
        take(key, "second_review", f"reviewed once (by {next(iter(reviewers_of[key]))}): a second review gives "
                                   "inter-rater figures")
    # random share, drawn before the targeted picks so it stays an unbiased sample of the recent turns
    # (turns others reviewed included: they are part of what the figures describe)
    for t in rng.sample(candidates, min(n_random, len(candidates))):
        take((t.conversation_id, t.turn_index), "random", "random share, for unbiased agreement figures")
    for key, detail in _disagreements(store, reviews).items():
        take(key, "disagreement", detail)
    thresholds, margins = _head()
    scored = []
    for t in candidates:
        found = uncertainty(t.analysis, thresholds, margins)
        if found is not None:
            scored.append((found[0], t.conversation_id, t.turn_index, found[1]))
    for distance, cid, index, what in sorted(scored):
        take((cid, index), "uncertain", f"{what}: {distance:.2f} margins from it")
    # not enough of the targeted kinds: top up at random
    rest = [t for t in candidates if (t.conversation_id, t.turn_index) not in picked]
    for t in rng.sample(rest, min(max(0, n - len(picked)), len(rest))):
        take((t.conversation_id, t.turn_index), "random", "random share, for unbiased agreement figures")
    order = {"disagreement": 0, "uncertain": 1, "second_review": 2, "random": 3}
    return sorted(picked.values(), key=lambda q: order[q.reason])
