"""Copy-editing of the customer's words quoted back as a reason (panel round 5: grammar was the top tag). Every
example is written for these tests (no panel or dev-set sentence)."""

from __future__ import annotations

import pytest

from empathic.perspective import reason_clause
from empathic.resources import resource_lines


@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("my gmail inbox was wiped after the sync", "your Gmail inbox was wiped after the sync"),
        ("my iphone won't talk to my chromebook anymore", "your iPhone won't talk to your Chromebook anymore"),
        ("the faceid on my phone stopped recognising me", "the Face ID on your phone stopped recognising you"),
        ("my playstation keeps logging out of netflix", "your PlayStation keeps logging out of Netflix"),
        ("my XBOX was charged twice for one game", "your Xbox was charged twice for one game"),
    ],
)
def test_brand_names_are_said_in_their_own_spelling(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


def test_a_brand_inside_an_address_or_a_domain_is_left_alone() -> None:
    said = reason_clause("the receipt went to an old hotmail.co.uk inbox")
    assert said is not None and "hotmail.co.uk" in said
    assert "Google" not in (reason_clause("your googleplex tour was cancelled twice") or "")


def test_every_listed_brand_has_its_own_spelling_once() -> None:
    names = [line.split("\t")[0].strip() for line in resource_lines("names", "brands.txt")]
    assert len(names) == len({n.lower() for n in names})
    assert all(n != n.lower() for n in names), "a listed name must carry the spelling it is said in"


@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("its not accepting the voucher code at checkout", "it's not accepting the voucher code at checkout"),
        ("its been nine days since the fridge was collected", "it's been nine days since the fridge was collected"),
        ("its still showing the wrong delivery address", "it's still showing the wrong delivery address"),
        ("its taking forever to cancel the subscription", "it's taking forever to cancel the subscription"),
    ],
)
def test_its_that_means_it_is_gets_its_apostrophe(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


@pytest.mark.parametrize(
    "said",
    ["the blender lost its lid in transit", "the kettle cracked along its handle", "its packaging was torn open"],
)
def test_possessive_its_before_a_noun_stays(said: str) -> None:
    phrase = reason_clause(said)
    assert phrase is not None and "it's" not in phrase and "its" in phrase


@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("my voucher was rejected at the till.please", "your voucher was rejected at the till"),
        ("the parcel went to the wrong flat.thanks", "the parcel went to the wrong flat"),
        ("my loyalty points vanished overnight, thank you", "your loyalty points vanished overnight"),
    ],
)
def test_politeness_glued_or_left_at_the_end_is_dropped(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("there's also a crack in the oven door", "there's a crack in the oven door"),
        ("my second order was also missing the lid", "your second order was missing the lid"),
        ("the spare remote stopped responding as well", "the spare remote stopped responding"),
        ("the tracking page was blank too", "the tracking page was blank"),
    ],
)
def test_also_and_too_that_point_at_nothing_are_dropped(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


def test_too_that_means_excessively_stays() -> None:
    assert reason_clause("the boxes were too heavy for the courier") == "the boxes were too heavy for the courier"


@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("I'm told the technician can't visit before spring",
         "you've been told the technician can't visit before spring"),
        ("I cleared the cache but nothing happens", "you cleared the cache but nothing happened"),
        ("I pressed the reset button but the light changes", "you pressed the reset button but the light changed"),
    ],
)
def test_reported_events_are_told_in_their_tense(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


def test_a_state_that_goes_on_stays_in_the_present() -> None:
    assert reason_clause("I swapped the cable but the screen still doesn't work") \
        == "you swapped the cable but the screen still doesn't work"


def test_as_well_that_compares_stays() -> None:
    phrase = reason_clause("the refurbished blender doesn't work as well")
    assert phrase is None or phrase.endswith("as well")
