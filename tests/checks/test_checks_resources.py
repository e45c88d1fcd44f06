"""The checks' rule files: in the rule pack, recorded in PROVENANCE.md, and the old pattern files gone."""

from __future__ import annotations

from importlib import resources

import pytest

from empathic.rules import RuleFileError, load_rule_pack, rule_group, rule_setting, rule_words

CHECK_FILES = [
    "context", "dismissive", "emotions", "identifiable", "overgeneralizing", "reason", "reassurance", "stories"
]
RULES = resources.files("empathic.resources").joinpath("rules")


@pytest.mark.parametrize("name", CHECK_FILES)
def test_every_check_file_is_in_the_rule_pack(name: str) -> None:
    pack = load_rule_pack("en")
    assert name in pack.files()
    assert all(r.id.startswith(name) for r in pack.rules if r.file == name)


@pytest.mark.parametrize("name", CHECK_FILES)
def test_every_check_file_has_provenance(name: str) -> None:
    provenance = RULES.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    assert f"`en/{name}.toml`" in provenance


def test_the_old_pattern_files_are_gone() -> None:
    patterns = resources.files("empathic.resources").joinpath("patterns")
    assert not [p.name for p in patterns.iterdir() if p.name.startswith("checks_")]


def test_names_list_has_provenance_and_skips_everyday_words() -> None:
    from empathic.facts.identifiable import given_names

    folder = resources.files("empathic.resources").joinpath("names")
    assert "given_names.txt" in folder.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    names = given_names()
    assert {"Rachel", "Angela", "Kofi", "Priya"} <= names
    assert not {"Will", "May", "Grant", "Hope"} & names


def test_missing_labels_and_settings_are_rule_file_errors() -> None:
    with pytest.raises(RuleFileError, match="has no rule labelled 'no_such_label'"):
        rule_group("stories", "no_such_label")
    # a component's view of a file's groups (rules.rule_view) names the file too
    groups = load_rule_pack().groups("stories")
    assert groups["service"] is rule_group("stories", "service")
    with pytest.raises(RuleFileError, match=r"rules/en/stories\.toml has no rule labelled 'no_such_label'"):
        groups["no_such_label"]
    with pytest.raises(RuleFileError, match=r"stories\.toml has no 'no_such_list' in \[settings\]"):
        rule_words("stories", "no_such_list")
    with pytest.raises(RuleFileError, match=r"\[settings\] limits must be a list of strings"):
        rule_words("stories", "limits")
    assert rule_setting("stories", "limits")["max_sentences"] == 2


def test_a_label_read_for_positions_has_one_rule() -> None:
    assert rule_group("emotions", "to_customer").pattern.search("you are")
    with pytest.raises(RuleFileError, match="label 'service' has 8 rules, not one pattern"):
        rule_group("stories", "service").pattern  # noqa: B018
