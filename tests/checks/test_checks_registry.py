"""The check registry, the runner and the check.pitfalls component."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from empathic.checks import check, registered_checks, run_checks, unregister
from empathic.checks.component import check_pitfalls
from empathic.errors import ConfigError
from empathic.pipeline import registry
from empathic.types import PITFALL_KINDS, Analysis, Pitfall, Span


@pytest.fixture()
def temporary() -> Iterator[list[str]]:
    """Names registered by a test, removed again afterwards."""
    names: list[str] = []
    yield names
    for name in names:
        unregister(name)


def test_every_pitfall_kind_has_a_builtin_check() -> None:
    kinds = {info.kind for info in registered_checks()}
    assert kinds == set(PITFALL_KINDS)


def test_builtin_checks_have_docs_and_unique_names() -> None:
    infos = registered_checks()
    assert all(info.doc for info in infos)
    assert len({info.name for info in infos}) == len(infos)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown pitfall kind"):
        check("rude_words")


def test_component_is_registered_with_its_contract() -> None:
    info = registry()["check.pitfalls"]
    assert set(info.requires) == {"reply_facts", "customer_facts", "findings", "customer.emotions",
                                  "customer.valence", "customer.self_critical", "customer.self_criticism"}
    assert info.assigns == ("pitfalls",)


def test_plugin_check_runs_and_its_pitfalls_are_ordered(make, temporary) -> None:
    @check("dismissive", name="test:shouting")
    def shouting(analysis: Analysis) -> list[Pitfall]:
        reply = analysis.reply
        start = reply.index("WAIT")
        return [Pitfall("dismissive", "All capitals read as shouting.", Span.of(reply, start, start + 4))]

    temporary.append("test:shouting")
    analysis = make("Where is my order?", "Thanks for asking. Please WAIT. Calm down, it is coming.")
    found = run_checks(analysis, kinds=["dismissive"])
    assert [p.span.text for p in found if p.span] == ["WAIT", "Calm down, it is coming."]


def test_a_check_reporting_another_kind_is_an_error(make, temporary) -> None:
    @check("dismissive", name="test:wrong-kind")
    def wrong(analysis: Analysis) -> list[Pitfall]:
        return [Pitfall("story_too_long", "not mine to report")]

    temporary.append("test:wrong-kind")
    with pytest.raises(ConfigError, match="test:wrong-kind"):
        run_checks(make("Hi", "Hello there."), kinds=["dismissive"])


def test_same_pitfall_from_two_checks_is_reported_once(make, temporary) -> None:
    @check("dismissive", name="test:calm-again")
    def again(analysis: Analysis) -> list[Pitfall]:
        sent = analysis.reply_sentences[0]
        return [Pitfall("dismissive", "Telling someone to calm down inflames them.", sent)]

    temporary.append("test:calm-again")
    found = run_checks(make("This is a joke.", "Calm down, sir."), kinds=["dismissive"])
    assert len(found) == 1


def test_registering_a_name_again_replaces_the_check(make, temporary) -> None:
    @check("dismissive", name="test:replace")
    def first(analysis: Analysis) -> list[Pitfall]:
        return [Pitfall("dismissive", "first")]

    @check("dismissive", name="test:replace")
    def second(analysis: Analysis) -> list[Pitfall]:
        return [Pitfall("dismissive", "second")]

    temporary.append("test:replace")
    messages = [p.message for p in run_checks(make("Hi", "Hello."), kinds=["dismissive"])]
    assert messages == ["second"]


def test_unregister_unknown_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no check named"):
        unregister("test:never-registered")


def test_run_checks_refuses_unknown_kinds(make) -> None:
    with pytest.raises(ConfigError):
        run_checks(make("Hi", "Hello."), kinds=["nope"])


def test_component_keeps_earlier_pitfalls_and_adds_its_own(make) -> None:
    analysis = make("The app crashed.", "Calm down. It works now.")
    earlier = Pitfall("missing_reason", "from an earlier component")
    analysis.pitfalls = [earlier]
    check_pitfalls(analysis)
    assert analysis.pitfalls[0] is earlier
    assert "dismissive" in analysis.pitfall_kinds


def test_component_without_a_reply_reports_nothing(make) -> None:
    analysis = make("I'm such an idiot, I locked myself out.", "", self_critical=True)
    check_pitfalls(analysis)
    assert analysis.pitfalls == []


def test_messages_are_plain_words(make) -> None:
    analysis = make(
        "My parcel was stolen and I'm an idiot for not getting it delivered to work.",
        "Calm down. Everyone says that. Mrs. Jones at 4 Oak Road had the same. I can tell you're excited! "
        "I'm off to Spain on holiday actually!",
        findings=[("reflecting_emotion", "I can tell you're excited!")],
        emotions=["anger", "embarrassment"],
        self_critical=True,
    )
    found = run_checks(analysis)
    assert {p.kind for p in found} >= {
        "dismissive",
        "overgeneralizing",
        "identifiable_customer",
        "emotion_mismatch",
        "story_irrelevant",
        "self_criticism_unaddressed",
    }
    for pitfall in found:
        assert "_" not in pitfall.message, pitfall.message
        assert pitfall.severity in ("info", "warning", "error")
        if pitfall.span is not None:
            assert analysis.reply[pitfall.span.start : pitfall.span.end] == pitfall.span.text
