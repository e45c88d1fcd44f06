"""Which rules of the pitfall data a sentence matches: dismissive phrasing and overgeneralizing claims.

Facts the learned strategy detector (a dismissive sentence gets no learned candidate), the normalizing
detector (an overgeneralizing claim) and the dismissive and overgeneralizing checks all read (moved here
from the checks, so a detector need not import a check). The rules are data
(``resources/patterns/checks_dismissive.toml``, ``checks_overgeneralizing.toml``).
"""

from __future__ import annotations

from functools import lru_cache

from empathic.facts import data


def dismissive_rules(sentence: str) -> list[tuple[str, str]]:
    """``(rule id, what it does)`` for each dismissive rule that matches ``sentence``."""
    return list(_dismissive_hits(sentence))


# The strategy model and this check both ask about every reply sentence, and the ~30 rules cost
# more than anything else per sentence; the rules are read-only data, so the answer can be kept.
@lru_cache(maxsize=1024)
def _dismissive_hits(sentence: str) -> tuple[tuple[str, str], ...]:
    hits = []
    for rid, pattern, entry in data.possible_rules("dismissive", sentence):
        if pattern.search(sentence):
            hits.append((rid, str(entry.get("what", "dismisses the customer"))))
    return tuple(hits)


def overgeneralizing_rules(sentence: str) -> list[str]:
    """Ids of the overgeneralizing rules that match ``sentence`` (hedged claims like "almost everyone" excepted)."""
    return list(_overgeneralizing_hits(sentence))


# Asked by the normalizing detector and by this check about the same reply sentences; the rules are
# read-only data, so the answer can be kept.
@lru_cache(maxsize=1024)
def _overgeneralizing_hits(sentence: str) -> tuple[str, ...]:
    softener = data.regex("overgeneralizing", "softeners")
    hits = []
    for rid, pattern, _ in data.possible_rules("overgeneralizing", sentence):
        for m in pattern.finditer(sentence):
            if softener.search(sentence[max(0, m.start() - 24) : m.start()]):
                continue
            hits.append(rid)
            break
    return tuple(hits)
