"""Every evidence id that exists: the rules registered in Python, and every rule, row and head the data files name.

For tests and tools (``analyze --explain`` readers, the evidence coverage test), not the hot path. It reads
the loaders of every layer, so it sits above them; :mod:`empathic.evidence`, which every loader imports to
name its rules, stays below.
"""

from __future__ import annotations

from empathic import evidence as ev
from empathic.checks.registry import registered_checks
from empathic.evidence import row_id
from empathic.languages import Language, per_language
from empathic.listen.lexicon import _load as load_lexicon
from empathic.models.emotion_local import HEAD_ID as EMOTION_LOCAL
from empathic.models.emotions import HEAD_ID as EMOTION_HEAD
from empathic.models.emotions import default_model
from empathic.models.strategy import HEAD_ID as STRATEGY_HEAD
from empathic.rules import load_rule_pack


def known(rule_id: str) -> bool:
    """True when ``rule_id`` names a rule that exists: registered in Python, or a row or pattern of a data file.

    Reads the packaged rule files (cached by their loaders); for tests and tools, not the hot path.
    """
    if rule_id in ev.registered():
        return True
    return rule_id in _data_ids()


def _data_ids() -> frozenset[str]:
    """Every evidence id the current language's data files and heads name."""
    return _language_ids()


@per_language
def _language_ids(lang: Language) -> frozenset[str]:
    ids: set[str] = {STRATEGY_HEAD, EMOTION_LOCAL}
    ids.update(f"{EMOTION_HEAD}:{label}" for label in default_model().head.labels)
    ids.update(r.id for r in load_rule_pack().rules)
    ids.update(f"check:{c.name}" for c in registered_checks())
    ids.update(cue.id for cue in load_lexicon().cues)
    for line in lang.lines("lexicons", "self_criticism.tsv"):
        kind, _, source = line.partition("\t")
        ids.add(row_id(f"self_criticism:{kind.strip()}", source.strip()))
    for line in lang.lines("lexicons", "cause_markers.tsv"):
        ids.add(f"cause_markers:{line.partition(chr(9))[0].strip()}")
    return frozenset(ids)
