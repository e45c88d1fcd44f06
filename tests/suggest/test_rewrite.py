"""Rewrites mend pitfalls, keep the draft's content and never come out worse."""

from __future__ import annotations

from empathic.suggest import rewrite
from empathic.suggest.rewrite import word_diff


def test_word_diff_marks_removed_and_added_words() -> None:
    assert word_diff("calm down it is fine", "it is fine now") == "[-calm down-] it is fine {+now+}"


def test_dismissive_and_identifying_words_are_removed_and_facts_kept() -> None:
    customer = "My flight was cancelled and I'm stuck at the airport with two kids. I'm so worried."
    draft = ("Calm down, cancellations happen. Mrs. Jones from Leeds had the same thing last week. "
             "I've booked you on the 18:40 flight and sent a hotel voucher to your email.")
    result = rewrite(customer, draft)
    assert "dismissive" in result.before.pitfall_kinds
    assert not result.after.pitfalls, result.to_dict()
    assert "Jones" not in result.rewritten and "Calm down" not in result.rewritten
    assert "18:40" in result.rewritten and "hotel voucher" in result.rewritten
    assert result.kept >= 0.7
    assert result.after.score > result.before.score
    assert "[-" in result.diff()


def test_missing_reflection_is_added_for_an_upset_customer() -> None:
    customer = "I've been waiting three weeks for my refund and I'm really frustrated."
    result = rewrite(customer, "Your refund was issued today and should reach your bank in 3-5 working days.")
    assert "reflecting_emotion" in result.after.strategies
    assert "refund was issued today" in result.rewritten


def test_a_good_reply_is_left_alone() -> None:
    customer = "Could you tell me how to change my address?"
    draft = "Of course! Go to Settings > Profile and choose Edit next to your address."
    result = rewrite(customer, draft)
    assert result.rewritten == draft and result.changes == []
