"""LABELS.md "Hard cases, settled": the rules follow each settled case (tested in the project's own words)."""

from __future__ import annotations

import pytest

from empathic import analyze

CUSTOMER = "I'm moving house next week, the kids are ill and now my bank card has stopped working."


def found(reply: str, customer: str = CUSTOMER) -> list[str]:
    return analyze(customer, reply).strategies


@pytest.mark.parametrize(
    "reply",
    [
        "That sounds really hard.",
        "What a tough spot to be in with the move.",
        "It must be difficult juggling a move and poorly kids.",
        "Your situation is still tough, with the card and the move at once.",
    ],
)
def test_difficulty_verdicts_name_no_feeling(reply: str) -> None:
    assert found(reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "That must be so stressful, with the move and the kids ill.",
        "It's never fun when your card stops working in the middle of a move.",
    ],
)
def test_feeling_appraisals_of_the_customers_own_case_reflect(reply: str) -> None:
    assert found(reply) == ["reflecting_emotion"]


@pytest.mark.parametrize(
    "reply",
    [
        "Moving house can be really draining.",
        "A house move can feel overwhelming for anyone.",
        "No one likes their card failing in the middle of a move.",
        "Sometimes we feel like everything goes wrong at once.",
        "Break-ups can be so exhausting.",
    ],
)
def test_feeling_appraisals_of_people_in_general_normalize(reply: str) -> None:
    assert found(reply) == ["normalizing"]


@pytest.mark.parametrize(
    "reply",
    [
        "Don't worry, I've sent a new card today.",
        "No need to worry, your new card is on its way.",
        "Rest assured, your money is safe.",
        "Try not to worry about it, the replacement is already printed.",
    ],
)
def test_stock_reassurance_leading_into_a_fix_is_no_strategy(reply: str) -> None:
    assert found(reply) == []


def test_reassurance_of_a_self_critical_customer_still_normalizes() -> None:
    customer = "I'm such an idiot, I put the card through the wash."
    assert found("Don't be so hard on yourself, it happens. I've ordered a new one.", customer) == ["normalizing"]


@pytest.mark.parametrize(
    "reply",
    [
        "I've been in that spot too. Have you asked your bank for a payment holiday?",
        "Honestly, I have had a very similar experience! What did the bank say?",
        "I find a long walk helps me when I'm worrying about money.",
        "Writing lists was really great for me too when things piled up.",
    ],
)
def test_relating_needs_the_agents_own_situation(reply: str) -> None:
    customer = "I'm so stressed about money since I lost my job, I can't sleep."
    assert "relating_experience" not in found(reply, customer)


def test_a_story_of_the_agents_own_situation_still_relates() -> None:
    customer = "I'm so stressed about money since I lost my job, I can't sleep."
    reply = "I've been there: when I was made redundant two years ago I lay awake every night over the rent."
    assert "relating_experience" in found(reply, customer)


GOOD_NEWS = "I finally got the keys to our new flat today and my daughter got through her driving test too."


@pytest.mark.parametrize(
    "reply",
    [
        "You must be so relieved the test is behind her now.",
        "Sounds like you're really excited about getting the keys to the flat.",
        "It must be lovely to finally have a place of your own after all that searching.",
    ],
)
def test_positive_feelings_reflected_with_their_reason_reflect(reply: str) -> None:
    assert found(reply, GOOD_NEWS) == ["reflecting_emotion"]


@pytest.mark.parametrize(
    "reply",
    [
        "You'll be pleased to hear the transfer to your new address is done.",
        "If you're happy with the new direct debit date, there's nothing else to do.",
        "That sounds lovely, congratulations to you both.",
    ],
)
def test_stock_openers_and_conditions_with_a_good_feeling_do_not_reflect(reply: str) -> None:
    assert found(reply, GOOD_NEWS) == []


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry the last two calls left you feeling fobbed off about the card.",
        "It sounds like being passed between departments has made you feel ignored.",
    ],
)
def test_how_being_treated_feels_is_a_named_feeling(reply: str) -> None:
    assert found(reply) == ["reflecting_emotion"]


LOSS = "My dog died last month and I still can't face walking past the park."


@pytest.mark.parametrize(
    "reply",
    [
        "It's never easy letting go of a companion who was there every single day.",
        "Healing after a loss like that simply takes time.",
        "Loss hits everyone in their own way.",
        "Nothing is harder than coming home to a quiet house.",
    ],
)
def test_hard_experiences_judged_for_anyone_normalize(reply: str) -> None:
    assert found(reply, LOSS) == ["normalizing"]


@pytest.mark.parametrize(
    "reply",
    [
        "It's hard to say when the vet's records will reach us.",
        "Refunds take a few working days to process.",
    ],
)
def test_explanations_with_the_same_words_do_not_normalize(reply: str) -> None:
    assert found(reply, LOSS) == []


def test_no_reason_for_guilt_with_its_reason_normalizes() -> None:
    customer = "I skipped my friend's party to rest and now I feel awful about it."
    reply = "You shouldn't feel guilty for taking a night off because rest matters too."
    assert found(reply, customer) == ["normalizing"]


@pytest.mark.parametrize(
    "reply",
    ["I know it hurts.", "That must have stung, after all the months you waited for the card."],
)
def test_pain_said_of_what_happened_is_a_named_feeling(reply: str) -> None:
    assert found(reply) == ["reflecting_emotion"]


def test_pain_of_a_body_part_is_no_reflection() -> None:
    assert found("Does it hurt your wrist when you type in the card number?") == []


def test_an_empathy_framed_general_appraisal_after_a_story_is_normalizing_not_more_story() -> None:
    customer = "I keep doubting whether moving in with my boyfriend was the right call."
    reply = (
        "I had the same doubts about sharing a flat with my partner a few years ago. "
        "I know these worries can be exhausting."
    )
    a = analyze(customer, reply)
    assert set(a.strategies) == {"relating_experience", "normalizing"}
    assert [f.span.text for f in a.findings if f.strategy == "normalizing"] == [
        "I know these worries can be exhausting."
    ]
