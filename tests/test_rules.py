"""The rule pack: one format, one loader, examples that are tests, and no rule that no test needs."""

from __future__ import annotations

import re

import pytest

from empathic.rulecheck import rule_matches, rule_status, unneeded_predicates
from empathic.rules import RuleContext, RuleFileError, load_rule_pack, parse_rule_pack, phrase_regex, predicates

PACK = load_rule_pack("en")
RULES = list(PACK.rules)


def _id(rule: object) -> str:
    return getattr(rule, "id", str(rule))


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_rule_matches_its_examples_and_not_its_near_misses(rule) -> None:
    missed = [s for s in rule.match if not rule_matches(rule, s)]
    wrong = [s for s in rule.no_match if rule_matches(rule, s)]
    assert not missed, f"{rule.id} ({rule.file}.toml) does not match its examples.match: {missed}"
    assert not wrong, f"{rule.id} ({rule.file}.toml) matches its examples.no_match: {wrong}"


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_deleting_the_rule_fails_one_of_its_examples(rule) -> None:
    # Removing this rule from its file and label must leave at least one of its match examples
    # unmatched: otherwise nothing tests it, and the rule is dead or its examples do not show it.
    status = rule_status(PACK, rule)
    assert status.needed_by, (
        f"{rule.id} ({rule.file}.toml): every examples.match sentence is also matched by another "
        f"{rule.label!r} rule; add an example only this rule matches, or delete the rule"
    )


@pytest.mark.parametrize("rule", [r for r in RULES if r.when or r.unless], ids=_id)
def test_deleting_a_predicate_fails_one_of_its_examples(rule) -> None:
    # Each when / unless must decide at least one example: without it an example would come out the other way.
    idle = unneeded_predicates(rule)
    assert not idle, f"{rule.id} ({rule.file}.toml): no example needs its {', '.join(idle)}; add one that does"


def test_examples_are_read_with_the_predicates_in_the_context_they_name() -> None:
    text = GOOD_RULE.replace("confidence = 0.5\n", 'confidence = 0.5\nwhen = ["self_critical"]\n').replace(
        'examples.match = ["you must be fed up"]',
        'examples.match = [{text = "you must be fed up", customer = "I feel so stupid, I deleted it myself."}]',
    )
    rule = _pack(text).by_id()["t.cue.1"]
    assert rule_matches(rule, "you must be fed up")  # the customer it names criticises themselves
    assert not rule_matches(rule, "you might be fed up")  # no customer named: not self-critical
    assert unneeded_predicates(rule) == ("when self_critical",)


def test_an_example_table_needs_text_and_customer() -> None:
    bad = GOOD_RULE.replace('examples.match = ["you must be fed up"]', 'examples.match = [{text = "you must be"}]')
    with pytest.raises(RuleFileError, match=r"is a string or \{text = \.\.\., customer = \.\.\.\}"):
        _pack(bad)


def test_every_packaged_rule_file_loads_with_rules() -> None:
    assert {"normalizing"} <= set(PACK.files())
    assert len(PACK.by_id()) == len(RULES)
    assert "FEELING" in PACK.slots and "YOU" in PACK.slots


def test_predicates_are_registered_with_what_they_test() -> None:
    known = predicates()
    assert known.get("self_critical")


GOOD_RULE = """
[[rule]]
id = "t.cue.1"
label = "cue"
reads = "normalized"
phrase = "{YOU} (must|might) be [so] fed up"
confidence = 0.5
examples.match = ["you must be fed up"]
examples.no_match = ["we are fed up"]
"""


def _pack(text: str, slots: str = "[slots]\nYOU = '(?:you|ya)'\n"):
    return parse_rule_pack("xx", [("slots", slots), ("t", text)])


def test_a_good_rule_loads_and_its_phrase_matches_whole_words() -> None:
    rule = _pack(GOOD_RULE).by_id()["t.cue.1"]
    assert rule.search("oh you must be so fed up with it")
    assert rule.search("ya might be fed up")
    assert not rule.search("you must be fed upset")
    assert not rule.search("you must befed up")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("{YOU}", "{NOBODY}"), r"rules/xx/t\.toml: rule 't\.cue\.1': unknown slot \{NOBODY\}"),
        (("confidence = 0.5", 'confidence = 0.5\nwhen = ["no_such_predicate"]'),
         r"rule 't\.cue\.1': unknown predicate 'no_such_predicate'"),
        (('examples.no_match = ["we are fed up"]', ""), r"rule 't\.cue\.1': needs at least one examples\.match"),
        (('phrase = "{YOU} (must|might) be [so] fed up"', "regex = '(unclosed'"), r"rule 't\.cue\.1': bad regex"),
        (('reads = "normalized"', 'reads = "tweets"'), r"rule 't\.cue\.1': reads must name text forms"),
        (("confidence = 0.5", "confidence = 1.5"), r"rule 't\.cue\.1': confidence must be a number between 0 and 1"),
        (("confidence = 0.5", 'effect = "veto"\nconfidence = 0.5'), r"'t\.cue\.1': a veto rule or a tag carries no"),
        (('label = "cue"', 'label = "cue"\nlables = "x"'), r"rule 't\.cue\.1': unknown key\(s\) lables"),
        (('phrase = "{YOU} (must|might) be [so] fed up"', 'phrase = "you (must be fed up"'), r"'\(' without '\)'"),
    ],
)
def test_a_damaged_rule_names_the_file_the_rule_and_the_problem(change: tuple[str, str], message: str) -> None:
    with pytest.raises(RuleFileError, match=message):
        _pack(GOOD_RULE.replace(*change))


def test_a_finding_rule_without_confidence_is_refused() -> None:
    text = GOOD_RULE.replace("confidence = 0.5\n", "")
    _pack(text)  # a cue in another file may carry none
    with pytest.raises(RuleFileError, match=r"rules/xx/normalizing\.toml: rule 't\.cue\.1': a support rule of"):
        parse_rule_pack("xx", [("slots", "[slots]\nYOU = 'you'\n"), ("normalizing", text)])


def test_a_duplicate_id_is_refused() -> None:
    with pytest.raises(RuleFileError, match=r"rule 't\.cue\.1': duplicate id"):
        _pack(GOOD_RULE + GOOD_RULE)


def test_a_missing_language_is_a_rule_file_error() -> None:
    with pytest.raises(RuleFileError, match="no rule pack for language 'zz'"):
        load_rule_pack("zz")


@pytest.mark.parametrize(
    ("phrase", "text", "hit"),
    [
        ("no wonder", "well no wonder you are cross", True),
        ("no wonder", "no wonderful", False),
        ("[so] sorry", "so sorry", True),
        ("[so] sorry", "sorry", True),
        ("what a ... mess", "what a total and utter mess", True),
        ("what a ... mess", "what a one two three four five mess", False),
        ("(kick in the teeth|slap in the face)", "a slap in the face", True),
    ],
)
def test_phrase_syntax(phrase: str, text: str, hit: bool) -> None:
    assert bool(re.search(phrase_regex(phrase, {}, "test"), text)) is hit


def test_predicates_gate_a_rule() -> None:
    praise = PACK.group("normalizing", "praise")
    sentence = "You did exactly the right thing by calling us."
    from empathic.strategies.text import sentence_forms

    forms = sentence_forms(sentence)
    assert praise.first(forms, RuleContext(None, self_critical=True)) is not None
    assert praise.first(forms, RuleContext(None, self_critical=False)) is None


def test_a_rule_another_rule_covers_is_reported_as_not_needed() -> None:
    covered = GOOD_RULE + GOOD_RULE.replace("t.cue.1", "t.cue.2").replace(
        'phrase = "{YOU} (must|might) be [so] fed up"', 'phrase = "{YOU} must be fed up"'
    ).replace('examples.no_match = ["we are fed up"]', 'examples.no_match = ["you might be fed up"]')
    pack = _pack(covered)
    assert not rule_status(pack, pack.by_id()["t.cue.1"]).needed_by  # both match "you must be fed up"
    assert not rule_status(pack, pack.by_id()["t.cue.2"]).needed_by


def test_rules_report_command(capsys: pytest.CaptureFixture[str]) -> None:
    from empathic.cli.main import main

    with pytest.raises(SystemExit) as done:
        main(["rules", "report"])
    assert done.value.code == 0
    assert "rules/en/normalizing.toml" in capsys.readouterr().out
