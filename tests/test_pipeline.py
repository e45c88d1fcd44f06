"""The component registry, Coach construction and input validation."""

from __future__ import annotations

import pytest

from empathic import Analysis, Coach, analyze, component, registry
from empathic.errors import (
    ConfigError,
    EmptyTextError,
    EncodingError,
    InputError,
    TextTooLongError,
    UnknownComponentError,
    WorkBudgetError,
)
from empathic.pipeline import DEFAULT_PIPELINE, MAX_CHARS_BUDGET, validate_text


def test_default_pipeline_components_are_all_registered() -> None:
    known = registry()
    assert set(DEFAULT_PIPELINE) <= set(known)


def test_unknown_component_names_the_known_ones() -> None:
    with pytest.raises(UnknownComponentError, match=r"no\.such\.thing"):
        Coach(["segment", "no.such.thing"])


def test_components_out_of_order_are_refused() -> None:
    with pytest.raises(ConfigError, match="requires"):
        Coach(["detect.resolve", "segment"])


def test_a_pipeline_without_self_criticism_fails_validation_naming_what_is_missing() -> None:
    """Requirements are checked against real attributes, not prefixes: listen.emotions assigning
    customer.emotions does not stand in for customer.self_critical."""
    pipeline = [p for p in DEFAULT_PIPELINE if p != "listen.self_criticism"]
    with pytest.raises(ConfigError, match=r"'detect\.normalizing' requires 'customer\.self_critical'.*"
                                          r"add listen\.self_criticism"):
        Coach(pipeline)
    Coach(DEFAULT_PIPELINE)  # the full pipeline is valid


def test_a_pipeline_without_the_sentence_facts_fails_validation() -> None:
    """The detectors read the reply's sentence facts: a segmenter of one's own that leaves them unread makes a
    pipeline that does not validate, naming the components that read them; with facts.sentences after it, it
    runs and the facts are those the default pipeline reads."""
    from empathic.segment import clauses, sentences

    @component("test.own_segmenter", requires=("exchange",),
               assigns=("customer_sentences", "customer_clauses", "reply_sentences", "reply_clauses"))
    def own(analysis: Analysis) -> Analysis:
        for side, text in (("customer", analysis.exchange.customer), ("reply", analysis.reply)):
            sents = sentences(text)
            setattr(analysis, f"{side}_sentences", sents)
            setattr(analysis, f"{side}_clauses", clauses(text, sents))
        return analysis

    rest = [p for p in DEFAULT_PIPELINE if p != "segment"]
    with pytest.raises(ConfigError, match=r"'detect\.relating_experience' requires 'reply_facts'.*"
                                          r"add facts\.sentences or segment"):
        Coach(["test.own_segmenter", *rest])
    customer, reply = "I was charged twice!", "Being charged twice is so frustrating. I had the same last year."
    own_facts = Coach(["test.own_segmenter", "facts.sentences", *rest]).analyze(customer, reply)
    default = analyze(customer, reply)
    assert own_facts.reply_facts == default.reply_facts
    assert [f.span.text for f in default.reply_facts] == [s.text for s in default.reply_sentences]
    assert default.reply_facts[0].named and default.reply_facts[1].first_person
    assert own_facts.to_dict() | {"components": []} == default.to_dict() | {"components": []}


def test_requires_and_assigns_must_name_real_analysis_attributes() -> None:
    @component("test.misspelt", requires=("customer.self_critcal",), assigns=("breakdown",))
    def misspelt(analysis: Analysis) -> Analysis:
        return analysis

    with pytest.raises(ConfigError, match=r"'customer\.self_critcal', which is not an attribute of Analysis"):
        Coach(["segment", "listen.self_criticism", "test.misspelt"])


def test_a_whole_attribute_is_assigned_only_when_every_part_is() -> None:
    @component("test.reads_customer", requires=("customer",), assigns=("breakdown",))
    def reads(analysis: Analysis) -> Analysis:
        return analysis

    with pytest.raises(ConfigError, match=r"requires 'customer'"):
        Coach(["segment", "listen.emotions", "test.reads_customer"])
    Coach(["segment", "listen.emotions", "listen.emotion_model", "listen.emotion_local", "listen.causes",
           "listen.self_criticism", "test.reads_customer"])


def test_a_plugin_component_runs_in_order() -> None:
    @component("test.count_sentences", requires=("reply_sentences",), assigns=("breakdown",))
    def count(analysis: Analysis) -> Analysis:
        analysis.breakdown["sentences"] = len(analysis.reply_sentences)
        return analysis

    a = Coach(["segment", "test.count_sentences"]).analyze("Hello.", "One. Two. Three.")
    assert a.breakdown["sentences"] == 3
    assert a.components == ["segment", "test.count_sentences"]


@pytest.mark.parametrize(
    ("customer", "error"),
    [("", EmptyTextError), ("   \n\t", EmptyTextError), ("x" * 20_001, TextTooLongError),
     (b"\xff\xfd bad", EncodingError), (b"\xff\xfe\x00\xd8 bad!", EncodingError), ("angry \ud800", EncodingError),
     (123, InputError), (None, InputError)],
)
def test_bad_customer_text_raises_a_named_error(customer, error) -> None:
    with pytest.raises(error) as info:
        analyze(customer, "reply")
    assert "customer message" in str(info.value)


def test_limit_is_configurable() -> None:
    with pytest.raises(TextTooLongError, match="limit is 10"):
        Coach(max_chars=10).analyze("this is longer than ten")


def test_limit_cannot_be_raised_past_the_work_budget() -> None:
    with pytest.raises(ConfigError, match=f"at most {MAX_CHARS_BUDGET:,} characters"):
        Coach(max_chars=MAX_CHARS_BUDGET + 1)
    assert Coach(max_chars=MAX_CHARS_BUDGET).max_chars == MAX_CHARS_BUDGET


def test_text_over_the_work_budget_is_refused_whatever_the_limit() -> None:
    with pytest.raises(WorkBudgetError, match="work budget") as info:
        validate_text("a " * MAX_CHARS_BUDGET, field="reply", max_chars=10 * MAX_CHARS_BUDGET)
    assert isinstance(info.value, TextTooLongError) and info.value.exit_code == 2
    # under the budget, the configured limit speaks
    with pytest.raises(TextTooLongError, match="limit is 10") as small:
        validate_text("a" * 11, field="reply", max_chars=10)
    assert not isinstance(small.value, WorkBudgetError)


def test_empty_reply_is_treated_as_no_reply() -> None:
    a = analyze("My parcel is lost and I'm worried.", "   ")
    assert a.exchange.reply is None
    assert a.findings == [] and a.score == 0


def test_utf8_bytes_are_accepted() -> None:
    a = analyze("Mon colis est perdu, I'm worried 😟".encode(), None)
    assert a.exchange.customer.endswith("😟")
