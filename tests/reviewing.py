"""Exchanges and a helper for the calibration tests (a module beside needs.py, importable from any test folder)."""

from __future__ import annotations

from typing import Any

from empathic.store import ResultStore

#: Exchanges written for these tests (not from any data set): what the tool finds in them is what is reviewed.
EXCHANGES: tuple[tuple[str, str], ...] = (
    ("I'm so frustrated, I was charged twice and I feel stupid for not noticing.",
     "I can see how frustrating that must be. Many customers have had the same issue. I'll refund you now."),
    ("My parcel never arrived and the tracking page just says 'pending' for a week.",
     "Please allow 10 working days. Tracking updates can be slow."),
    ("The app crashed and I lost my whole shopping list, I'm really annoyed.",
     "I had the same thing happen to me last month, it's maddening. Let's get your list back from the sync log."),
)


def save(store: ResultStore, coach: Any, customer: str, reply: str, cid: str) -> tuple[str, int]:
    """Analyse one exchange with the default pipeline and store it as turn 1 of ``cid``."""
    analysis = coach.analyze(customer, reply)
    store.save_conversation(cid, agent_id="agent-a", source="test")
    store.save_turns(cid, [(1, analysis, "2026-03-02T10:00:00Z")], agent_id="agent-a")
    return cid, 1
