"""Clause mechanics that broke reasons in coaching panel round 8: a cut inside a time or a house number, a leading
"since ... " clause losing its joint word, a subject made up for a clause that left it out, a passive made from an
active verb, the customer's shorthand said back, and an "either" that points at a sentence not quoted. Every
example is written for these tests (no panel or dev-set sentence).
"""

from __future__ import annotations

import pytest

from empathic.perspective import customer_reason, points_back_either, reason_clause, reason_phrase
from empathic.pipeline import default_coach
from empathic.suggest.mechanics import problems
from empathic.types import Exchange


def _reason(message: str, emotion: str = "frustration") -> str | None:
    return customer_reason(default_coach().run(Exchange(customer=message)), emotion)[0]


# 1. A time or a house number is never cut at its colon or full stop.
@pytest.mark.parametrize(
    "message",
    [
        "been stuck on the platform for over an hour waiting for the 07:45, no heating in the waiting room, no staff"
        " anywhere, a kid screaming behind me",
        "the 22:10 from the airport got cancelled: no bus, no taxi, nothing",
    ],
)
def test_a_time_is_never_cut_at_its_colon(message: str) -> None:
    reason = _reason(message)
    assert reason is None or not any(reason.endswith(f"the {hh}") for hh in ("07", "22"))


@pytest.mark.parametrize(
    "message",
    [
        "the tracker says 'handed to resident at no. 31' and nobody at this address got it",
        "the label says 'deliver to flat no. 4b' and my flat has a different number",
    ],
)
def test_a_house_number_is_never_cut_at_its_stop(message: str) -> None:
    reason = _reason(message)
    assert reason is None or not reason.rstrip(".").endswith(" no")


# 2. A leading subordinate clause: the main clause is the reason; the joint word is never dropped alone.
@pytest.mark.parametrize(
    ("said", "main"),
    [
        ("since the gym changed its booking app my classes have all vanished", "your classes have all vanished"),
        ("after the router reset my smart lights are all offline", "your smart lights are all offline"),
        ("since I moved house, my letters keep going to the old flat", "your letters keep going to the old flat"),
        ("once the plumber left the kitchen tap started dripping", "the kitchen tap started dripping"),
    ],
)
def test_a_leading_subordinate_clause_gives_its_main_clause(said: str, main: str) -> None:
    assert reason_phrase(said) == main


@pytest.mark.parametrize(
    ("said", "reason"),
    [
        ("because my refund never arrived", "your refund never arrived"),
        ("because the app says my voucher is invalid", "the app says your voucher is invalid"),
    ],
)
def test_a_subordinate_clause_alone_is_the_reason(said: str, reason: str) -> None:
    assert reason_phrase(said) == reason


# 3. A subject the customer left out is "you" only for what a customer goes through.
@pytest.mark.parametrize("said", ["been like that since Wednesday morning", "been broken for nearly a fortnight",
                                  "been going on for most of the month"])
def test_a_dropped_subject_that_is_not_the_customer_is_refused(said: str) -> None:
    assert reason_clause(said) is None


@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("been trying to reach someone for four days", "you've been trying to reach someone for four days"),
        ("been charged for a box that never came", "you've been charged for a box that never came"),
    ],
)
def test_a_dropped_subject_that_is_the_customer_is_you(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


# 4. A person or firm that acts keeps its active verb.
@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("the COURIER cancelled on me an hour before the slot", "the courier cancelled on you an hour before the slot"),
        ("the electrician cancelled at the very last minute", "the electrician cancelled at the very last minute"),
    ],
)
def test_an_actor_is_never_made_passive(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


def test_a_thing_left_without_its_was_still_gets_it() -> None:
    assert reason_clause("my table booking cancelled with no warning") == \
        "your table booking was cancelled with no warning"


# 5. The customer's shorthand is not said back.
@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("the till froze n my card got charged twice", "the till froze and your card got charged twice"),
        ("the heating has been DEAD since tuesday", "the heating has been dead since Tuesday"),
        ("my new sofa is LATE for the third time", "your new sofa is late for the third time"),
        ("the garage moved my MOT to SUNDAY without asking", "the garage moved your MOT to Sunday without asking"),
    ],
)
def test_shorthand_is_said_back_in_plain_words(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


# 6. An "either" that answers an earlier sentence goes; an "either" that is an object stays.
@pytest.mark.parametrize(
    ("said", "agent"),
    [
        ("the replacement card hasn't arrived either", "the replacement card hasn't arrived"),
        ("the second engineer never turned up either", "the second engineer never turned up"),
    ],
)
def test_a_trailing_either_that_points_back_goes(said: str, agent: str) -> None:
    assert reason_clause(said) == agent


def test_either_as_an_object_is_no_pointer() -> None:
    assert not points_back_either("you can't afford either")
    assert points_back_either("nobody wrote back either")


# The verification loop rejects what is mechanically checkable.
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("I can see why you're upset that the van left it at no.", "cut inside"),
        ("No wonder you're annoyed, since you waited for the 19. Let me check.", "cut inside"),
        ("It's really frustrating that the boiler broke n the tank leaked.", "shorthand"),
        ("It's really frustrating that your order moved to thursday.", "shorthand"),
        ("No wonder you're upset, since your photos are GONE.", "shorthand"),
        ("It's really frustrating that nobody emailed back either.", "either"),
    ],
)
def test_mechanics_flag_cuts_shorthand_and_pointers(text: str, problem: str) -> None:
    assert any(problem in p for p in problems(text))


@pytest.mark.parametrize(
    "text",
    [
        "Your parcel is with the neighbour at no. 12, due on Thursday.",
        "Please send a photo, e.g. of the label, and we'll check.",
        "I understand you can't use either of the two codes.",
        "The NHS app and your PIN are fine.",
    ],
)
def test_mechanics_leave_numbers_names_and_objects(text: str) -> None:
    assert problems(text) == []
