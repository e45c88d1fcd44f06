"""listen.self_criticism in the emotional-support register: self-judgements about one's life, not a purchase.

LABELS.md: a customer is self-critical when they blame or belittle themselves; blaming the product or the
business while embarrassed is not. Every message here was written for this file.
"""

from __future__ import annotations

import pytest

from empathic.listen.self_criticism import find_self_criticism


def _critical(text: str) -> bool:
    spans = find_self_criticism(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
    return bool(spans)


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Lost the contract this morning. Honestly I'm a failure at this job.", "I'm a failure"),
        ("I was such a failure to them, the whole family was counting on me.", "I was such a failure"),
        ("Since the divorce I feel completely worthless.", "I feel completely worthless"),
        ("No matter how hard I try I'm never good enough for them.", "I'm never good enough"),
        ("She moved out last week and honestly it's all on me, I'm the one to blame.", "I'm the one to blame"),
        ("I'm so stupid for trusting him with the savings.", "stupid for trusting"),
        ("How could I be so naive to believe every word she said?", "naive to believe"),
        ("Every time I get close to someone I always ruin every relationship.", "I always ruin every relationship"),
        ("I snapped at my kids again tonight. What kind of mother does that, am I a bad parent?", "am I a bad parent"),
        ("There must be something wrong with me, nobody ever calls back.", "something wrong with me"),
        ("I let my whole team down on the presentation.", "I let my whole team down"),
        ("I'm so disappointed in myself for giving up the course.", "disappointed in myself"),
        ("I will never forgive myself for missing the last visit.", "never forgive myself"),
        ("I feel so ashamed that I couldn't pay my sister back.", "I feel so ashamed"),
        ("I'm a burden to everyone around me right now.", "burden to everyone"),
        ("I know I'm far too hard on myself but I can't stop.", "too hard on myself"),
        ("Sometimes I feel like I'm just lazy and useless.", "I feel like I'm just lazy"),
        ("I regret not calling her back that night.", "I regret not"),
    ],
)
def test_general_life_self_criticism(text: str, evidence: str) -> None:
    spans = find_self_criticism(text)
    assert spans, text
    assert any(evidence.lower() in s.text.lower() or s.text.lower() in evidence.lower() for s in spans), spans


@pytest.mark.parametrize(
    ("critical", "not_critical"),
    [
        # someone else's judgement, reported, is not the customer's own
        ("Honestly I feel worthless these days.", "My ex told me I was worthless and I believed it for years."),
        ("I'm the one to blame for the row.", "Will they think I'm to blame for the row?"),
        # a denial is not self-criticism
        ("I'm such a failure.", "I'm not a failure, I just had a bad year."),
        ("I'm so disappointed in myself.", "Well, I'm not disappointed in myself, it's the situation."),
        # ashamed of someone else, or ashamed after the business's failure, is not ashamed of oneself
        ("I feel so ashamed about how I spoke to her.", "I'm ashamed of your company after the way I was treated."),
        (
            "I feel ashamed having to ask for more time again.",
            "Your driver shouted at me in front of the whole street. I was so ashamed.",
        ),
    ],
)
def test_self_judgement_versus_reported_denied_or_aimed_elsewhere(critical: str, not_critical: str) -> None:
    assert _critical(critical), critical
    assert not _critical(not_critical), not_critical


@pytest.mark.parametrize(
    ("own_slip", "business_failure"),
    [
        # LABELS: "I look like a fool in front of my client because your app crashed" is not self-critical
        (
            "I got the date wrong and now I look like a total loser in front of her parents.",
            "Your courier never turned up with the cake and now I look like a total loser in front of her parents.",
        ),
        (
            "Sometimes I felt like I was dumb, I just couldn't follow the lectures.",
            "You had no record of our booking, and I felt like I was dumb standing at the desk with my kids.",
        ),
    ],
)
def test_looking_foolish_is_self_criticism_only_without_business_blame(own_slip: str, business_failure: str) -> None:
    assert _critical(own_slip), own_slip
    assert not _critical(business_failure), business_failure


def test_not_that_i_am_not_is_a_denial() -> None:
    """'it's not that I'm not smart enough' denies the judgement; said plainly, it is one."""
    assert _critical("Maybe I'm just not smart enough for this degree.")
    assert not _critical("The lecturer is hard to follow, it's not that I'm not smart enough to get it.")
