"""Suggestions name the customer's feeling and reason, vary, and pass the analyzer's check."""

from __future__ import annotations

from empathic import analyze
from empathic.perspective import reason_clause, reason_phrase, to_second_person
from empathic.suggest import suggest
from empathic.suggest.verify import MIN_SUGGESTION_SCORE


def test_perspective_swaps_first_person_and_company_voice() -> None:
    assert to_second_person("I was charged twice on my card") == "you were charged twice on your card"
    assert reason_phrase("because you lost my parcel!", company_voice=True) == "we lost your parcel"
    assert reason_phrase("I'm hopeless with computers.") == "you're hopeless with computers"
    # a sentence-initial capital goes, the article "A" too; an acronym keeps its capitals
    assert reason_phrase("A voucher I never asked for turned up in my inbox") == \
        "a voucher you never asked for turned up in your inbox"
    assert reason_phrase("The lift in our block broke again") == "the lift in your block broke again"
    assert reason_phrase("PIN reminders never reach my phone") == "PIN reminders never reach your phone"


def test_reason_clause_takes_only_finite_clauses() -> None:
    assert reason_clause("I was billed for a plan I cancelled") == "you were billed for a plan you cancelled"
    assert reason_clause("Every time I ring I'm put on hold") == "every time you ring you're put on hold"
    # A noun phrase is no clause: "It's frustrating that fourth week without a fridge" is not English.
    assert reason_clause("Fourth week without a working fridge") is None


def test_gap_tip_quotes_the_reason_as_a_clause() -> None:
    from empathic import analyze

    customer = "Fourth week without a working fridge. Every time I ring I'm put on hold for an hour."
    tips = [t.text for t in analyze(customer, "Thanks for your message.").tips if t.target == "reflecting_emotion"]
    assert tips and "that every time you ring you're put on hold for an hour" in tips[0]
    assert "that fourth week" not in tips[0].lower()


def test_angry_customer_gets_verified_reflections_that_quote_the_reason() -> None:
    customer = "I'm furious because I was charged twice for the same order."
    result = suggest(customer)
    assert "reflecting_emotion" in result.called_for
    reflections = [s for s in result.suggestions if s.strategy == "reflecting_emotion"]
    assert reflections, result.to_dict()
    for s in result.suggestions:
        a = analyze(customer, s.text)
        assert s.strategy in a.strategies
        assert not a.pitfalls, (s.text, a.pitfall_kinds)
        assert a.score >= MIN_SUGGESTION_SCORE
    assert any("charged twice" in s.text for s in reflections)


def test_self_critical_customer_gets_reassurance() -> None:
    result = suggest("I'm such an idiot, I paid the wrong account number. Can you help?")
    assert "normalizing" in result.called_for
    assert any(s.strategy == "normalizing" for s in result.suggestions), result.to_dict()


def test_phrasings_vary_between_messages() -> None:
    firsts = set()
    for msg in ["My parcel is a week late and I'm really annoyed.", "I'm so frustrated that my router keeps dropping.",
                "The app logged me out again and I'm fed up.", "I'm angry that my refund still hasn't arrived."]:
        result = suggest(msg)
        firsts.add(next(s.text.split()[0:3].__str__() for s in result.suggestions))
    assert len(firsts) >= 2


def test_neutral_customer_gets_no_empathy_lines() -> None:
    result = suggest("Could you tell me your opening hours on Saturday?")
    assert result.suggestions == []
    assert "no bad feeling" in result.note
