"""How far a story runs (story_extent), what seeds one, and asides inside a similar story."""

from __future__ import annotations

import pytest

from empathic.checks.stories import story_irrelevant, story_too_long
from empathic.facts.stories import is_case_update, is_story_seed, narrates, story_extent

FERRY = "We waited two hours at the ferry port because the crossing was cancelled and nobody told us."


def test_a_story_does_not_reach_back_into_a_sentence_about_the_customer(make) -> None:
    reflection = "Two hours at a closed gate with tired kids must have been miserable."
    story = "The same thing happened to me at a ferry port once, and I remember how stuck I felt."
    reply = f"{reflection} {story} I've booked you onto the next crossing."
    analysis = make(FERRY, reply, findings=[("relating_experience", story)], emotions=["frustration"])
    extent = story_extent(analysis, analysis.findings[0].span)
    assert [s.text for s in extent] == [story]
    assert story_too_long(analysis) == []


def test_a_story_still_reaches_back_over_its_own_middle(make) -> None:
    reply = (
        "I lived with my parents again at thirty after a lease fell through. It was rough. "
        "I had two jobs at the time as well. I've extended your deadline by a week."
    )
    analysis = make("x", reply, findings=[("relating_experience", "I had two jobs at the time as well.")])
    extent = story_extent(analysis, analysis.findings[0].span)
    assert extent[0].text.startswith("I lived with my parents")
    assert len(extent) == 3


def test_a_story_does_not_run_into_what_the_company_is_doing(make) -> None:
    story = "Losing a final to a lag spike happened to me in a league game once, and it stung for a week."
    after = "The outage was our fault, so the events team is reinstating every affected player for a replay on Sunday."
    analysis = make(
        "The server crashed in my final and I got knocked out.",
        f"{story} {after}",
        findings=[("relating_experience", story)],
        emotions=["disappointment"],
    )
    assert [s.text for s in story_extent(analysis, analysis.findings[0].span)] == [story]
    assert story_too_long(analysis) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The order is refunded in full.",
        "The events team is reinstating every affected player.",
        "Your new card will be dispatched tomorrow.",
        "That mistake was entirely our fault.",
        "A hotel room is booked for you nearby at our cost.",
    ],
)
def test_case_updates_are_recognised_and_never_narrate(sentence: str) -> None:
    assert is_case_update(sentence)
    assert not narrates(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "My flight was cancelled twice that summer.",
        "I got a full refund in the end, but it took a month.",
        "The driver had already left by the time I got downstairs.",
    ],
)
def test_story_sentences_are_not_case_updates(sentence: str) -> None:
    assert not is_case_update(sentence)
    assert narrates(sentence)


def test_an_imagined_situation_does_not_seed_a_story() -> None:
    assert not is_story_seed("I'd be scared stiff too if my daughter's inhaler went missing on a school trip.")
    assert is_story_seed("My daughter's inhaler went missing on a school trip last year.")


def test_anyway_inside_a_similar_story_is_not_an_aside(make) -> None:
    reply = (
        "My gig tickets were cancelled last summer too. I'd saved for months for them. "
        "We went up to the city anyway and sat in a pub all evening, and then the car got a flat on the way home. "
        "Your refund is on its way."
    )
    analysis = make(
        "The concert I bought tickets for got cancelled and I'm gutted.",
        reply,
        findings=[("relating_experience", "My gig tickets were cancelled last summer too.")],
        emotions=["disappointment"],
    )
    assert story_irrelevant(analysis) == []
    assert len(story_too_long(analysis)) == 1


def test_anyway_opening_an_aside_still_flags_it(make) -> None:
    analysis = make(
        "The concert I bought tickets for got cancelled and I'm gutted.",
        "Your refund is on its way. Anyway, I went to a brilliant folk night in Leeds last weekend!",
        emotions=["disappointment"],
    )
    (pitfall,) = story_irrelevant(analysis)
    assert pitfall.span is not None
    assert pitfall.span.text.startswith("Anyway")
