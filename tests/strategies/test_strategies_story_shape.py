"""Where a relating_experience story starts and ends, whichever detector proposed it.

An imagined situation ("I'd be livid too if ...") is no story of the agent's own (LABELS.md: it is
reflecting), a story ends before a sentence that is back on the case or that normalizes, and a
learned detector's story guess is held to the same rules as the rule detector's.
"""

from __future__ import annotations

import pytest

from empathic.facts.stories import is_hypothetical
from empathic.segment import segment
from empathic.strategies.normalizing import detect_normalizing
from empathic.strategies.reflecting import detect_reflecting_emotion
from empathic.strategies.relating import detect_relating_experience
from empathic.strategies.resolve import detect_resolve
from empathic.types import Analysis, CustomerSignals, EmotionScore, Exchange, Finding, Span

PARCEL = "The courier left my parcel out in the rain and everything inside is soaked. I'm so angry."


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd be livid too if a courier left my parcel out in a downpour.",
        "If my bike went missing from a locked shed, I'd be beside myself as well.",
        "Honestly, if my bank did that to me I'd be fuming.",
        "I would be scared stiff too if that happened to my daughter.",
        "In your shoes I'd want a straight answer too.",
        "I'd have made exactly the same slip.",
        "I know how anxious I'd feel if I heard nothing for a fortnight.",
    ],
)
def test_imagined_situations_are_hypothetical(sentence: str) -> None:
    assert is_hypothetical(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd be livid too, the same thing happened to me last spring.",
        "I would get so nervous before every driving lesson when I was seventeen.",
        "I'd been saving for that holiday for a year, so losing the deposit hurt.",
        "I was stranded at a station once and I'd have paid anything for a taxi.",
        "If I'm honest, my own bank did this to me last year.",
        "Same, but I have nobody I'd trust with my keys so I just wait in for every delivery.",
        "I've been in your shoes, and it's no fun.",
        "My mum's boiler broke in January too.",
    ],
)
def test_real_experiences_are_not_hypothetical(sentence: str) -> None:
    assert not is_hypothetical(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd be upset as well as that happened to my cousin",
        "I'd be cross too because exactly that happened to us",
    ],
)
def test_happened_to_me_in_the_frame_clause_is_a_real_story(sentence: str) -> None:
    # No comma parts the frame from the event: the stories.toml happened_to_me rule alone tells it happened
    # (no past marker or "I ..." past verb in the clause).
    assert not is_hypothetical(sentence)


def _analysis(reply: str, customer: str, *, extra: list[tuple[str, str, float]] = ()) -> Analysis:
    """Run the rule detectors, add ``extra`` candidates (strategy, exact text, confidence) as a learned
    detector would, then resolve."""
    analysis = Analysis(exchange=Exchange(customer=customer, reply=reply))
    segment(analysis)
    analysis.customer = CustomerSignals(emotions=[EmotionScore("anger", 0.9)])
    for step in (detect_relating_experience, detect_reflecting_emotion, detect_normalizing):
        analysis = step(analysis)
    for strategy, text, confidence in extra:
        start = reply.index(text)
        analysis.candidates.append(Finding(strategy, Span.of(reply, start, start + len(text)), confidence, "model"))
    return detect_resolve(analysis)


def _found(analysis: Analysis) -> list[tuple[str, str]]:
    return [(f.strategy, f.span.text) for f in analysis.findings]


def test_the_rules_seed_no_story_on_an_imagined_situation() -> None:
    mirror = "I'd be livid too if a parcel I'd paid extra for was left out in a downpour."
    analysis = _analysis(mirror + " A replacement is being dispatched today.", PARCEL)
    assert not [c for c in analysis.candidates if c.strategy == "relating_experience"]
    assert ("reflecting_emotion", mirror) in _found(analysis)


def test_a_case_update_after_a_mirror_is_not_a_story() -> None:
    reply = (
        "I'd be fuming as well if a parcel I'd paid extra for arrived soaked through. "
        "The order is refunded in full, and the courier can no longer deliver to that street "
        "until our team has reviewed it."
    )
    analysis = _analysis(reply, PARCEL)
    assert not [c for c in analysis.candidates if c.strategy == "relating_experience"]
    assert not [f for f in analysis.findings if f.strategy == "relating_experience"]


def test_the_mirror_frame_wins_over_a_learned_story_guess_on_a_conditional() -> None:
    mirror = "I'd be livid too if a courier left my parcel out in a downpour."
    reply = mirror + " A replacement is being dispatched today."
    found = _found(_analysis(reply, PARCEL, extra=[("relating_experience", mirror, 0.97)]))
    assert found == [("reflecting_emotion", mirror)]


def test_a_learned_story_keeps_its_real_part_after_a_leading_conditional() -> None:
    mirror = "I'd be livid too if a courier left my parcel out in a downpour."
    story = "My own parcel was left on a wet doorstep last winter and the books inside were ruined."
    reply = f"{mirror} {story} A replacement is being dispatched today."
    found = _found(_analysis(reply, PARCEL, extra=[("relating_experience", f"{mirror} {story}", 0.97)]))
    assert ("relating_experience", story) in found
    assert ("reflecting_emotion", mirror) in found


def test_a_learned_story_ends_at_a_commonality_sentence() -> None:
    story = "I kept an old delivery address on my account after moving flat last year and sent a sofa to it."
    common = "Saved addresses trip up lots of people after a move."
    reply = f"{story} {common} I've changed the address on your account."
    customer = "My order went to my old address because I forgot to change it. So stupid of me."
    found = _found(
        _analysis(
            reply,
            customer,
            # The story guess is the surer one: the commonality sentence must still end it.
            extra=[("relating_experience", f"{story} {common}", 0.999), ("normalizing", common, 0.99)],
        )
    )
    assert ("relating_experience", story) in found
    assert ("normalizing", common) in found


def test_a_learned_story_ends_before_a_case_update() -> None:
    story = "My own parcel was left on a wet doorstep last winter and the books inside were ruined."
    update = "The replacement is being sent by courier today, and the cost is covered by us."
    reply = f"{story} {update}"
    found = _found(_analysis(reply, PARCEL, extra=[("relating_experience", reply, 0.99)]))
    assert ("relating_experience", story) in found
    assert not [f for f in found if f[0] == "relating_experience" and update in f[1]]


def test_a_story_that_carries_on_in_the_agents_own_words_is_not_cut() -> None:
    first = "My own parcel was left on a wet doorstep last winter."
    second = "Everything in it was ruined and I was furious for days."
    reply = f"{first} {second} A replacement is being dispatched today."
    found = _found(_analysis(reply, PARCEL, extra=[("relating_experience", f"{first} {second}", 0.99)]))
    assert ("relating_experience", f"{first} {second}") in found
