"""The strategy rule files and the chat map: present, well-formed, and failing loudly when damaged."""

from __future__ import annotations

import re

import pytest

from empathic.errors import ResourceError
from empathic.rules import RuleFileError, expand_slots, load_rule_pack
from empathic.strategies import patterns
from empathic.strategies.feelings import misspelt_feeling
from empathic.strategies.text import normalize


def test_every_strategy_file_compiles_and_has_cues() -> None:
    pack = load_rule_pack()
    for file in ("normalizing", "reflecting", "relating", "tags"):
        labels = pack.labels(file)
        assert labels, file
        for label in labels:
            group = pack.group(file, label)
            assert group.patterns
            assert all(isinstance(p, re.Pattern) for p in group.patterns)


def test_missing_label_names_the_file_and_label() -> None:
    with pytest.raises(RuleFileError, match=r"rules/en/relating\.toml has no rule labelled 'no_such_label'"):
        load_rule_pack().group("relating", "no_such_label")


def test_missing_setting_is_a_resource_error() -> None:
    with pytest.raises(ResourceError, match="no_such_key"):
        load_rule_pack().setting("relating", "no_such_key")


def test_unknown_slot_is_reported() -> None:
    with pytest.raises(ResourceError, match="NOPE"):
        expand_slots("{NOPE}", {}, "test")


def test_chat_map_is_lower_case_and_has_no_identity_rows() -> None:
    chat = patterns.chat_map()
    assert chat["u"] == "you" and chat["thta"] == "that"
    for spelling, standard in chat.items():
        assert spelling == spelling.lower() and spelling != standard


def test_normalize_maps_chat_and_apostrophes() -> None:
    assert normalize("I get how annoying thta is, u know") == "i get how annoying that is you know"
    assert normalize("You\u2019re right") == "you're right"


@pytest.mark.parametrize(
    ("word", "label"),
    [("frustating", "frustration"), ("anoying", "frustration"), ("worreid", "anxiety"), ("lovely", None),
     ("danger", None), ("wonder", None), ("table", None), ("issued", None)],
)
def test_misspelt_feeling_words(word: str, label: str | None) -> None:
    assert misspelt_feeling(word) == label
