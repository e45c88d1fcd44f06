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
)
from empathic.pipeline import DEFAULT_PIPELINE


def test_default_pipeline_components_are_all_registered() -> None:
    known = registry()
    assert set(DEFAULT_PIPELINE) <= set(known)


def test_unknown_component_names_the_known_ones() -> None:
    with pytest.raises(UnknownComponentError, match=r"no\.such\.thing"):
        Coach(["segment", "no.such.thing"])


def test_components_out_of_order_are_refused() -> None:
    with pytest.raises(ConfigError, match="requires"):
        Coach(["detect.resolve", "segment"])


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


def test_empty_reply_is_treated_as_no_reply() -> None:
    a = analyze("My parcel is lost and I'm worried.", "   ")
    assert a.exchange.reply is None
    assert a.findings == [] and a.score == 0


def test_utf8_bytes_are_accepted() -> None:
    a = analyze("Mon colis est perdu, I'm worried 😟".encode(), None)
    assert a.exchange.customer.endswith("😟")
