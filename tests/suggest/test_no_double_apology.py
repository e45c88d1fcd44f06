"""Issue 13: a rewrite never says an apology or a condolence twice in a row (round 8: a condolence added above
the draft's own). Every text here is new wording."""

from __future__ import annotations

import pytest

from empathic.suggest.mechanics import problems
from empathic.suggest.rewrite import rewrite

DOUBLED = "an apology said twice in a row"

GRANDFATHER = ("My grandfather passed away last month and you are still charging his phone contract every week. "
               "Please close it.")
AUNT = ("My aunt died in March and your bank keeps posting her statements to my house with her name on them. "
        "It hurts every time.")


@pytest.mark.parametrize("text", [
    "Sorry about the mix-up. We're sorry it took so long to reply.",
    "We apologise for the delay, and I'm sorry you had to chase us.",
    "I'm so sorry for your loss. Our apologies that the letter went out at all.",
])
def test_two_apologies_in_a_row_are_a_mechanical_problem(text: str) -> None:
    assert DOUBLED in problems(text)


@pytest.mark.parametrize("text", [
    "Sorry for the wait. Your parcel ships today.",
    "We apologise for the delay. Your refund is on its way. Sorry again for the trouble.",
])
def test_one_apology_or_apologies_apart_are_not(text: str) -> None:
    assert DOUBLED not in problems(text)


@pytest.mark.parametrize(("customer", "draft"), [
    (GRANDFATHER, "We're very sorry for your loss. Please send a copy of the death certificate and we will close "
                  "the contract."),
    (AUNT, "Truly sorry to hear it. Send us the death certificate and we will stop the post."),
])
def test_a_bare_condolence_is_replaced_not_stacked(customer: str, draft: str) -> None:
    out = rewrite(customer, draft).rewritten
    assert DOUBLED not in problems(out, allow_handles=True)
    assert draft.split(". ", 1)[0] not in out  # the stock line gave way to the one naming who died
    assert "death certificate" in out


@pytest.mark.parametrize(("customer", "draft", "kept"), [
    (GRANDFATHER, "Hello, I'm sorry to hear about your grandfather. Please send a copy of the death certificate "
                  "and we will close the contract.", "sorry to hear about your grandfather"),
    (AUNT, "We are sorry about your aunt. Send us the death certificate and we will stop the post.",
     "We are sorry about your aunt."),
])
def test_an_apology_with_a_fact_stays_and_the_new_line_adds_none(customer: str, draft: str, kept: str) -> None:
    out = rewrite(customer, draft).rewritten
    assert kept in out
    assert out.lower().count("sorry") == 1
    assert DOUBLED not in problems(out, allow_handles=True)


def test_a_greeting_before_a_bare_apology_stays_and_the_apology_gives_way() -> None:
    draft = "Hey there, so sorry about that. Send us the death certificate and we will stop the post."
    out = rewrite(AUNT, draft).rewritten
    assert out.startswith("Hey there, ")
    assert "sorry about that" not in out
    assert DOUBLED not in problems(out, allow_handles=True)
