"""listen.self_criticism: self-blame and self-belittling, and what is not."""

from __future__ import annotations

import pytest

from empathic.listen.self_criticism import find_self_criticism


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("I'm such an idiot, I deleted the wrong contact.", "I'm such an idiot"),
        ("My fault, I'm hopeless with tech.", "My fault"),
        ("My fault, I'm hopeless with tech.", "I'm hopeless with"),
        ("I want to cancel the add-on I bought. Is that stupid?", "Is that stupid?"),
        ("I'm almost ashamed to even ask, but how do I reset my PIN?", "ashamed to even ask"),
        ("Sorry for being a pain, but the code still fails.", "Sorry for being a pain"),
        ("I feel so dumb, the button was right there.", "I feel so dumb"),
        ("I should have read the small print before renewing.", "I should have read"),
        ("Forgot my password again, I always do this.", "I always do this"),
        ("Silly me, wrong postcode on the order.", "Silly me"),
        ("Apologies, I am not very techy.", "I am not very techy"),
        ("Idiot that I am, I sent it to the old address.", "Idiot that I am"),
        ("I know this is my own stupid fault but can you help?", "my own stupid fault"),
        ("I hate myself for not checking the date.", "hate myself"),
        ("I feel stupid because I forgot my card.", "I feel stupid"),
    ],
)
def test_self_critical_messages(text: str, evidence: str) -> None:
    spans = find_self_criticism(text)
    assert spans, text
    for span in spans:
        assert text[span.start : span.end] == span.text
    assert any(evidence in span.text or span.text in evidence for span in spans)


@pytest.mark.parametrize(
    "text",
    [
        # blaming the product while embarrassed is not self-criticism (LABELS.md)
        "I look like a fool in front of my client because your app crashed.",
        "I felt like an idiot at the till because your card reader failed.",
        "It's not my fault the parcel went to the wrong address.",
        "I'm not stupid, I followed every step in your guide.",
        "Your agent talked to me like I'm stupid.",
        "I should have been told about the fee before I paid.",
        "It's embarrassing that my clients got double-booked.",
        "This stupid app keeps logging me out.",
        "I was charged twice and I'm furious.",
        "I felt so stupid at the checkout when my card was declined.",
        "I feel stupid for trusting your company.",
        "My husband is hopeless with tech, can you walk him through it?",
        "It was your mistake, not mine.",
        "Sorry to bother you, when will my parcel arrive?",
    ],
)
def test_not_self_critical(text: str) -> None:
    assert find_self_criticism(text) == []


def test_component_sets_flag_and_spans(run_listen) -> None:
    text = "Locked out again. I'm useless with passwords, honestly."
    analysis = run_listen(text)
    assert analysis.customer.self_critical is True
    assert [s.text for s in analysis.customer.self_criticism] == ["I'm useless with"]
    assert run_listen("Where is my parcel?").customer.self_critical is False


def test_feeling_bad_counts_only_after_ones_own_slip() -> None:
    own_slip = "I accidentally deleted the team folder. I feel terrible, can it be restored?"
    assert [s.text for s in find_self_criticism(own_slip)] == ["I feel terrible"]
    assert find_self_criticism("My parcel never came and I feel awful.") == []
    assert find_self_criticism("I feel terrible about what happened to my order.") == []
