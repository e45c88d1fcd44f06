"""story_too_long and story_irrelevant."""

from __future__ import annotations

import pytest

from empathic.checks.stories import story_irrelevant, story_too_long
from empathic.facts.stories import is_personal, is_service, story_extent

LONG_STORY = (
    "Oh, I know this one. My bike was stolen from outside my flat last spring. I'd only had it a month "
    "and I'd saved for ages. I spent the whole weekend walking round the estate looking for it. "
    "The police never found it. I've reported the theft on your policy and a claim form is in your inbox."
)


def test_long_story_is_flagged_with_the_whole_story_as_span(make) -> None:
    analysis = make(
        "My bike was stolen from my garden last night.",
        LONG_STORY,
        findings=[("relating_experience", "Oh, I know this one. My bike was stolen from outside my flat last spring.")],
        emotions=["anger"],
    )
    (pitfall,) = story_too_long(analysis)
    assert pitfall.span is not None
    assert pitfall.span.text.startswith("Oh, I know this one.")
    assert pitfall.span.text.endswith("The police never found it.")
    assert "5 sentences" in pitfall.message


def test_story_stops_at_the_first_service_sentence(make) -> None:
    analysis = make("x", LONG_STORY, findings=[("relating_experience", "Oh, I know this one.")])
    story = story_extent(analysis, analysis.findings[0].span)
    assert story[-1].text == "The police never found it."


def test_story_extends_backwards_from_a_late_finding(make) -> None:
    analysis = make("x", LONG_STORY, findings=[("relating_experience", "The police never found it.")])
    story = story_extent(analysis, analysis.findings[0].span)
    assert story[0].text == "Oh, I know this one."


def test_short_story_is_fine(make) -> None:
    reply = (
        "Having your bike taken from your own garden is horrible. Mine was stolen last year and I felt "
        "sick for days, so I get it. I've started your claim and emailed you the form."
    )
    analysis = make(
        "My bike was stolen from my garden last night.",
        reply,
        findings=[("relating_experience", "Mine was stolen last year and I felt sick for days, so I get it.")],
    )
    assert story_too_long(analysis) == []
    assert story_irrelevant(analysis) == []


def test_two_sentence_story_that_is_most_of_the_reply_is_too_long(make) -> None:
    reply = (
        "My own car broke down on the motorway last summer with my two kids in the back, and we sat on the "
        "hard shoulder for four hours in thirty-degree heat waiting for a tow truck that went to the wrong "
        "junction. I was so stressed that I still get nervous every time I drive past that spot now. "
        "A recovery van is on its way."
    )
    analysis = make(
        "My car broke down on the motorway.",
        reply,
        findings=[("relating_experience", reply.split(" I was so")[0])],
    )
    assert [p.kind for p in story_too_long(analysis)] == ["story_too_long"]


def test_story_too_long_never_comes_without_relating_experience(make) -> None:
    # LABELS: story_too_long always comes with relating_experience. Without a finding the check
    # stays silent; the relating detector proposes such a cue-less story itself (next test).
    analysis = make("My bike was stolen.", LONG_STORY)
    assert story_too_long(analysis) == []
    # ... and, being about the same trouble, none of its sentences is an irrelevant aside.
    assert story_irrelevant(analysis) == []


def test_long_story_without_a_cue_is_found_by_the_detector_and_too_long(make) -> None:
    from empathic.strategies.relating import detect_relating_experience
    from empathic.strategies.resolve import detect_resolve

    reply = LONG_STORY.replace("Oh, I know this one. ", "")
    analysis = detect_resolve(detect_relating_experience(make("My bike was stolen.", reply)))
    assert [f.strategy for f in analysis.findings] == ["relating_experience"]
    (pitfall,) = story_too_long(analysis)
    assert pitfall.span is not None
    assert pitfall.span.text.startswith("My bike was stolen from outside my flat")
    assert pitfall.span.text.endswith("The police never found it.")


def test_agent_telling_what_they_did_today_is_not_a_story(make) -> None:
    reply = (
        "I spoke to the courier this morning and they confirmed the van broke down. They said it would be "
        "redelivered tomorrow. The driver was stuck on the motorway for hours. I've added a credit."
    )
    analysis = make("My parcel hasn't arrived.", reply)
    assert story_too_long(analysis) == []
    assert story_irrelevant(analysis) == []


def test_personal_aside_without_any_finding_is_irrelevant(make) -> None:
    reply = "I'm off to Japan in April myself! I've moved your booking to the 14th."
    analysis = make("My flight to Tokyo was cancelled and I'm furious.", reply, emotions=["anger"])
    (pitfall,) = story_irrelevant(analysis)
    assert pitfall.span is not None and pitfall.span.text == "I'm off to Japan in April myself!"


def test_aside_about_family_or_pets_is_irrelevant(make) -> None:
    reply = (
        "Sorry about that. My dog chewed through my own headphones last week, funnily enough! "
        "A replacement charger is on its way."
    )
    analysis = make("The charger you sent doesn't fit my laptop.", reply)
    assert [p.kind for p in story_irrelevant(analysis)] == ["story_irrelevant"]


def test_adjacent_aside_sentences_become_one_span(make) -> None:
    reply = "I actually just got back from a week in Crete. The beaches were amazing! Your refund is done."
    analysis = make("Where is my refund?", reply)
    (pitfall,) = story_irrelevant(analysis)
    assert pitfall.span is not None
    assert pitfall.span.text == "I actually just got back from a week in Crete. The beaches were amazing!"


def test_similar_experience_outside_a_finding_is_not_irrelevant(make) -> None:
    reply = (
        "My gran's landline used to crackle the same way and I remember how worried I got. An engineer comes tomorrow."
    )
    analysis = make("My mum's landline crackles so she can't hear anyone.", reply)
    assert story_irrelevant(analysis) == []


def test_aside_inside_a_relating_finding_is_still_flagged(make) -> None:
    reply = (
        "Ha, I work from home on Fridays too, my cat sleeps on my keyboard all day, it's the best. You're reconnected."
    )
    analysis = make(
        "You cut off my internet and I work from home!",
        reply,
        findings=[
            (
                "relating_experience",
                "Ha, I work from home on Fridays too, my cat sleeps on my keyboard all day, it's the best.",
            )
        ],
    )
    assert [p.kind for p in story_irrelevant(analysis)] == ["story_irrelevant"]


def test_service_and_courtesy_sentences_are_not_stories(make) -> None:
    reply = "It was my pleasure! I've refunded your card. I'll call you tomorrow. Thanks for your patience."
    analysis = make("Thanks for helping!", reply, emotions=["gratitude"])
    assert story_irrelevant(analysis) == []
    assert is_service("I've refunded your card.")
    assert is_service("We'll send a new one.")
    assert not is_personal("It was my pleasure!")
    assert is_personal("My brother's wedding was in Rome last month.")


@pytest.mark.parametrize(
    "reply",
    [
        "My team will review this today. I'm in the office until 6 on Friday.",
        "I spoke to the warehouse yesterday. I still need your order number.",
        "I checked this morning and your parcel is at the depot.",
    ],
)
def test_the_agents_working_day_is_not_an_aside(make, reply: str) -> None:
    assert story_irrelevant(make("My parcel still hasn't arrived after two weeks.", reply)) == []


def test_pleasant_aside_on_the_customers_topic_is_still_irrelevant(make) -> None:
    reply = "I love Edinburgh, I went to the festival last year and it was amazing! Your ticket is valid tomorrow."
    analysis = make("My Edinburgh hotel is non-refundable and the trains are on strike!", reply)
    assert [p.kind for p in story_irrelevant(analysis)] == ["story_irrelevant"]
