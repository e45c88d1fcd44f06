"""listen.causes: the reason behind a feeling, as spans into the customer's message."""

from __future__ import annotations


def causes_of(run_listen, text: str) -> list[tuple[str | None, str]]:
    analysis = run_listen(text)
    for cause in analysis.customer.causes:
        assert cause.span.text == text[cause.span.start : cause.span.end]
    return [(c.emotion, c.span.text) for c in analysis.customer.causes]


def test_marker_after_feeling(run_listen) -> None:
    text = "I'm furious that you charged me twice for the same booking."
    assert causes_of(run_listen, text) == [("anger", "you charged me twice for the same booking")]


def test_because_clause(run_listen) -> None:
    text = "Hi. I'm really upset because my parcel was left in the rain, so everything is ruined."
    found = causes_of(run_listen, text)
    assert any(span == "my parcel was left in the rain" for _, span in found)


def test_preposition_after_feeling(run_listen) -> None:
    text = "I'm worried about the letter from your debt team."
    assert causes_of(run_listen, text) == [("anxiety", "the letter from your debt team")]


def test_cause_as_subject(run_listen) -> None:
    text = "Waiting three weeks for a refund is so frustrating."
    assert causes_of(run_listen, text) == [("frustration", "Waiting three weeks for a refund")]


def test_cause_before_so(run_listen) -> None:
    text = "I've been on hold for an hour, so I'm pretty annoyed."
    assert causes_of(run_listen, text) == [("frustration", "I've been on hold for an hour")]


def test_adjacent_event_sentence(run_listen) -> None:
    text = "I was charged twice. I'm furious."
    analysis = run_listen(text)
    (cause,) = analysis.customer.causes
    assert (cause.span.start, cause.span.end) == (0, 19)
    assert cause.span.text == "I was charged twice"
    assert cause.emotion == "anger"


def test_feeling_first_then_event(run_listen) -> None:
    text = "Honestly, I'm mortified. My card was declined in front of my boss."
    found = causes_of(run_listen, text)
    assert ("embarrassment", "My card was declined in front of my boss") in found
    assert {span for _, span in found} == {"My card was declined in front of my boss"}


def test_one_event_can_explain_two_feelings(run_listen) -> None:
    text = "The cake arrived two hours after the party ended. My daughter cried. I paid $80."
    found = causes_of(run_listen, text)
    spans = {span for _, span in found}
    assert spans == {"The cake arrived two hours after the party ended"}
    assert len(found) == len({emotion for emotion, _ in found}) >= 2


def test_situation_only_message_gets_its_event_sentence(run_listen) -> None:
    text = "You charged my card twice for the same booking. Fix it."
    found = causes_of(run_listen, text)
    assert ("anger", "You charged my card twice for the same booking") in found


def test_pronoun_after_preposition_is_not_a_cause(run_listen) -> None:
    text = "They sent pork although I ordered halal. This is really upsetting for me."
    found = causes_of(run_listen, text)
    assert "me" not in {span for _, span in found}
    assert any(span == "They sent pork although I ordered halal" for _, span in found)


def test_no_causes_without_negative_feelings(run_listen) -> None:
    assert causes_of(run_listen, "Thanks so much for your help today!") == []
    assert causes_of(run_listen, "Can I pay by bank transfer?") == []


def test_since_with_a_time_is_not_a_reason(run_listen) -> None:
    text = "I've been furious since Monday because nobody has fixed my boiler."
    assert causes_of(run_listen, text) == [("anger", "nobody has fixed my boiler")]


def test_since_as_a_reason(run_listen) -> None:
    text = "I've been worried since you sent that letter."
    assert causes_of(run_listen, text) == [("anxiety", "you sent that letter")]


def test_event_sentence_skips_questions(run_listen) -> None:
    text = "My refund was sent to a closed account. How could that happen? I'm so stressed."
    found = causes_of(run_listen, text)
    assert ("anxiety", "My refund was sent to a closed account") in found
