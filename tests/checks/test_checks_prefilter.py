"""The required-literal prefilters skip a regex only when it could not have matched.

Every rule group (the checks' dismissive and overgeneralizing rules, the strategy cues) tests cheap ``literal in text``
conditions before running their regexes; these tests compare them with running every regex.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from empathic.facts.matches import dismissive_rules, overgeneralizing_rules
from empathic.listen.lexicon import required_literals
from empathic.rules import load_rule_pack, rule_group, simple_lower
from empathic.segment import sentences

HAND_MADE = [
    "Calm down, parcels are late all the time.",
    "CALM DOWN, it's not a big deal.",
    "You should have read the terms before you bought it.",
    "As I already said, that's just how it works.",
    "Everyone gets this wrong, you're not special.",
    "It happens to everyone at some point, honestly.",
    "I know how stressful that is; it happened to me last year too.",
    "It’s completely normal to feel worried when a payment goes missing.",
    "So you ſhould have read it.",  # long s: matches "s" case-insensitively
    "I'm sorry, I've refunded the charge and it will arrive tomorrow.",
]


@pytest.fixture(scope="module")
def dev_sentences(shared_data: Path) -> list[str]:
    """Every reply sentence of the labelled dev set (read when a test asks, so collection never needs it)."""
    out: list[str] = []
    for line in (shared_data / "cs" / "cs-dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out += [s.text for s in sentences(row["reply"])]
    return out


def _brute(name: str, sentence: str) -> list[str]:
    return [rule.id for rule in rule_group(name, name).rules if rule.pattern.search(sentence)]


def _dismissive_mismatches(texts: list[str]) -> list[str]:
    return [s for s in texts if [rid for rid, _ in dismissive_rules(s)] != _brute("dismissive", s)]


def _cue_group_mismatches(texts: list[str]) -> list[tuple[str, str, str]]:
    wrong = []
    pack = load_rule_pack()
    groups = [(f, label, pack.group(f, label)) for f in pack.files() for label in pack.labels(f)]
    for section, name, group in groups:
        for sentence in texts:
            for text in (sentence, sentence.lower()):
                expected = next((m for p in group.patterns if (m := p.search(text))), None)
                got = group.search(text)
                same = (got is None) == (expected is None) and (
                    got is None or expected is None or (got.span() == expected.span() and got.re is expected.re))
                if not same:
                    wrong.append((section, name, text))
    return wrong


@pytest.mark.parametrize("sentence", HAND_MADE)
def test_dismissive_prefilter_matches_brute_force(sentence: str) -> None:
    assert not _dismissive_mismatches([sentence])


def test_dismissive_prefilter_matches_brute_force_on_dev(dev_sentences: list[str]) -> None:
    assert len(dev_sentences) > 100
    assert not _dismissive_mismatches(dev_sentences)


@pytest.mark.parametrize("sentence", HAND_MADE[4:6])
def test_overgeneralizing_finds_rules(sentence: str) -> None:
    assert overgeneralizing_rules(sentence)


def test_cue_groups_prefilter_matches_brute_force() -> None:
    assert not _cue_group_mismatches(HAND_MADE)


def test_cue_groups_prefilter_matches_brute_force_on_dev(dev_sentences: list[str]) -> None:
    assert not _cue_group_mismatches(dev_sentences)


def test_required_literals_are_required() -> None:
    assert required_literals(r"\bcalm\s+down\b") in (("calm",), ("down",))
    assert required_literals(r"(?:foo)?bar|baz") == ("bar", "baz")
    assert required_literals(r"\w+|abc") is None  # one branch needs no literal
    assert required_literals(r"(?i:Calm) down", ignore_case=False) is None  # inline case-folding
    assert required_literals(r"Calm down", ignore_case=False) == ("Calm down",)
    assert simple_lower("ſo") is None and simple_lower("It’s OK") == "it’s ok"
