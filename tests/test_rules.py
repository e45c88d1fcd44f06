"""The rule pack: one format, one loader, examples that are tests, and no rule that no test needs."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from empathic.listen.lexicon import find_cues
from empathic.rulecheck import matches_near_miss, rule_matches, rule_status, unneeded_predicates
from empathic.rules import RuleContext, RuleFileError, load_rule_pack, parse_rule_pack, phrase_regex, predicates

PACK = load_rule_pack("en")
RULES = list(PACK.rules)


def _id(rule: object) -> str:
    return getattr(rule, "id", str(rule))


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_rule_matches_its_examples_and_not_its_near_misses(rule) -> None:
    missed = [s for s in rule.match if not rule_matches(rule, s)]
    wrong = [s for s in rule.no_match if matches_near_miss(rule, s)]
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
    ("file", "change", "message"),
    [
        ("t", ("{YOU}", "{NOBODY}"), r"rules/xx/t\.toml: rule 't\.cue\.1': unknown slot \{NOBODY\}"),
        ("t", ("confidence = 0.5", 'confidence = 0.5\nwhen = ["no_such_predicate"]'),
         r"rule 't\.cue\.1': unknown predicate 'no_such_predicate'"),
        ("t", ('examples.no_match = ["we are fed up"]', ""), r"rule 't\.cue\.1': needs at least one examples"),
        ("t", ('phrase = "{YOU} (must|might) be [so] fed up"', "regex = '(unclosed'"), r"'t\.cue\.1': bad regex"),
        ("t", ('reads = "normalized"', 'reads = "tweets"'), r"rule 't\.cue\.1': reads must name text forms"),
        ("t", ("confidence = 0.5", "confidence = 1.5"), r"rule 't\.cue\.1': confidence must be a number between 0"),
        ("t", ("confidence = 0.5", 'effect = "veto"\nconfidence = 0.5'), r"'t\.cue\.1': a veto rule or a tag carries"),
        ("t", ('label = "cue"', 'label = "cue"\nlables = "x"'), r"rule 't\.cue\.1': unknown key\(s\) lables"),
        ("t", ('phrase = "{YOU} (must|might) be [so] fed up"', 'phrase = "you (must be fed up"'), r"'\(' without"),
        ("cues", ("weight = 0.8", 'weight = "high"'), r"weight must be a number"),
        ("cues", ("weight = 0.8", "weight = true"), r"weight must be a number"),
        ("cues", ('kind = "cue"', 'kind = "mood"'), r"kind must be one of feeling, cue, style, irony"),
        ("cues", ('label = "anger"', 'label = "rage"'), r"label must be a taxonomy label"),
        ("cues", ('kind = "cue"', 'kind = "cue"\nif_negated = "calm"'), r"if_negated must be a taxonomy"),
        ("cues", ('kind = "cue"', 'kind = "cue"\nreads = "raw"'), r"unknown key\(s\) reads \(a customer cue"),
        ("cues", ('kind = "cue"', 'kind = "cue"\nconfidence = 0.5'), r"unknown key\(s\) confidence"),
        ("cues", ("regex = ", "phrase = "), r"unknown key\(s\) phrase"),
        ("cues", ("weight = 0.8\n", ""), r"weight must be a number"),
        ("cues", ("{NUMBER}", "{NUM}"), r"unknown slot \{NUM\}"),
        ("cues", ('examples.no_match = ["I was charged once, as agreed"]', ""), r"needs at least one"),
        ("cues", ('examples.match = ["you charged me 3 times for one order"]',
          'examples.match = [{text = "charged me 3 times", customer = "x"}]'), r"plain strings"),
    ],
)
def test_a_damaged_rule_names_the_file_the_rule_and_the_problem(
    file: str, change: tuple[str, str], message: str
) -> None:
    # a customer cue (cues.toml) is damaged in its own ways: weight, kind, label, keys the lexicon has no use for
    slots = "[slots]\nYOU = '(?:you|ya)'\nNUMBER = '(?:\\d+|two|three)'\n"
    text = (CUE_RULE if file == "cues" else GOOD_RULE).replace(*change)
    with pytest.raises(RuleFileError, match=message) as info:
        parse_rule_pack("xx", [("slots", slots), (file, text)])
    assert file != "cues" or str(info.value).startswith("rules/xx/cues.toml: rule 'cue.anger.1': ")


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


# ---- customer cues (cues.toml): rules the emotion lexicon reads ---------------------------------------------------

CUE_RULE = """
[[rule]]
id = "cue.anger.1"
label = "anger"
regex = '\\bcharged (?:me )?{NUMBER} times\\b'
weight = 0.8
kind = "cue"
examples.match = ["you charged me 3 times for one order"]
examples.no_match = ["I was charged once, as agreed"]
"""


def _cues(text: str):
    return parse_rule_pack("xx", [("slots", "[slots]\nNUMBER = '(?:\\d+|two|three)'\n"), ("cues", text)])


def test_a_cue_rule_carries_the_lexicons_weight_kind_and_label() -> None:
    rule = _cues(CUE_RULE.replace('kind = "cue"', 'kind = "cue"\nif_negated = "relief"')).by_id()["cue.anger.1"]
    assert (rule.label, rule.weight, rule.kind, rule.if_negated, rule.is_cue) == ("anger", 0.8, "cue", "relief", True)
    assert rule.pattern.search("They CHARGED me three times")  # the message as written, any case, {NUMBER} a slot
    assert rule.reads == ("raw",) and rule.confidence is None


def test_the_cue_keys_belong_to_cues_toml_only() -> None:
    other = GOOD_RULE.replace("confidence = 0.5", "confidence = 0.5\nweight = 0.8")
    with pytest.raises(RuleFileError, match=r"unknown key\(s\) weight \(weight: only customer cues, in cues\.toml"):
        _pack(other)


CUE_RULES = [r for r in RULES if r.is_cue]


def test_the_lexicon_reads_the_cue_rules_and_names_them_in_evidence() -> None:
    from empathic.listen.emotions import read_emotions

    assert len(CUE_RULES) > 400
    rule = PACK.by_id()["cue.anger.1"]
    sentence = rule.match[0]
    hits = [h for h in find_cues(sentence) if rule.id in h.cue.ids]
    assert hits and hits[0].cue.id_of("anger") == "cue.anger.1"
    anger = next(e for e in read_emotions(sentence).emotions if e.label == "anger")
    assert "cue.anger.1" in {e.id for e in anger.evidence}


def test_a_cue_example_is_a_hit_of_exactly_its_rule() -> None:
    rule = PACK.by_id()["cue.anger.1"]  # "how is that fair / legal ...": anger
    assert rule_matches(rule, "so how is that legal? you took the deposit twice")
    # anger read from another cue does not count for this rule
    assert find_cues("I am furious about the deposit") and not rule_matches(rule, "I am furious about the deposit")
    assert not matches_near_miss(rule, "how is it going with the deposit?")


def test_a_cue_rule_is_needed_by_an_example_whose_reading_changes_without_it() -> None:
    rule = PACK.by_id()["cue.anger.1"]
    assert rule_status(PACK, rule).needed_by == rule.match  # its weight goes with it
    # a "-" rule adds nothing: it is needed where it hides a cue ("don't" reporting a problem inside "I don't know
    # where to start", which is overwhelm); an example in which it hides nothing does not need it
    hides = PACK.by_id()["cue.hides.5"]
    status = rule_status(PACK, hides)
    assert status.ok and status.needed_by
    bare = replace(hides, match=tuple(s for s in hides.match if s not in status.needed_by))
    assert bare.match and not rule_status(PACK, bare).needed_by
