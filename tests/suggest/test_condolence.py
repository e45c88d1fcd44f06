"""Condolence for the one who died, before anything else (issue 13, bereavement register; panel round 7: a death
told in the same clause as a second trouble drew no line at all). Messages in words of their own."""

from __future__ import annotations

import pytest

from empathic.perspective import to_second_person
from empathic.suggest.generate import suggest
from empathic.suggest.mechanics import problems
from empathic.suggest.registers import register_for, registers

BEREAVEMENT = next(r for r in registers() if r.id == "bereavement")


@pytest.mark.parametrize(("message", "who"), BEREAVEMENT.examples_who)
def test_who_died_is_read_off_the_cues(message: str, who: str) -> None:
    assert register_for(message).id == "bereavement"
    assert to_second_person(BEREAVEMENT.who(message)) == who


def test_examples_who_cover_people_pets_and_none() -> None:
    said = [w for _m, w in BEREAVEMENT.examples_who]
    assert "" in said and len([w for w in said if w]) >= 4


def _reflecting(message: str) -> list[str]:
    return [s.text for s in suggest(message).suggestions if s.strategy == "reflecting_emotion"]


@pytest.mark.parametrize(("message", "who"), [
    # a person, the death and a second trouble in one clause
    ("my wife passed away in the spring and yet another renewal notice landed in her name", "your wife"),
    # a pet, one clause
    ("our old tabby cat died on monday and the flea treatment parcel still came today", "your old tabby cat"),
    # a person, two sentences
    ("My grandfather died three weeks ago. The bank keeps posting his statements to my address.", "your grandfather"),
    # a pet, two sentences
    ("We had to have our puppy put to sleep. Please cancel the insurance on her.", "your puppy"),
])
def test_condolence_names_who_died_first(message: str, who: str) -> None:
    lines = _reflecting(message)
    assert lines, message
    first = lines[0]
    assert first.startswith("I'm so sorry") and who in first, lines
    # one condolence naming them, then at most one line on the trouble
    assert len(lines) <= 2 and sum(who in line for line in lines) == 1, lines
    for line in lines:
        assert not any(w in line.lower() for w in ("disappoint", "frustrat", "when i ")), line
        assert problems(line) == [], line


def test_no_story_frame_after_a_death() -> None:
    result = suggest("my uncle died on friday and your app still charges his card every week")
    assert not [s for s in result.suggestions if s.strategy == "relating_experience"]
    assert result.suggestions and "your uncle" in result.suggestions[0].text


@pytest.mark.parametrize("message", [
    "Someone broke into the flat and took my late dad's wedding ring, and the alarm you installed never went off.",
    "The movers dropped the crate and smashed my late wife's grandfather clock, and nobody will answer my emails.",
])
def test_a_death_mentioned_in_passing_gets_no_condolence(message: str) -> None:
    texts = [s.text.lower() for s in suggest(message).suggestions]
    assert texts, message
    assert not any("sorry for" in t or "loss" in t or "grieving" in t for t in texts), texts
