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
    assert [s.text for s in analysis.customer.self_criticism] == ["I'm useless with passwords"]
    assert run_listen("Where is my parcel?").customer.self_critical is False


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # the judgement's head runs on to the end of its clause ...
        ("Honestly I'm hopeless with spreadsheets. Can you export it for me?", ["I'm hopeless with spreadsheets"]),
        ("I'm rubbish at remembering renewal dates!", ["I'm rubbish at remembering renewal dates"]),
        ("I always lose these little return labels; where can I print another?",
         ["I always lose these little return labels"]),
        ("Sorry, I made a silly mistake on the order form yesterday.",
         ["I made a silly mistake on the order form yesterday"]),
        # ... and stops at a joining word, a new subject or a dash
        ("I'm so clueless with the thermostat and the manual is no help.", ["I'm so clueless with the thermostat"]),
        ("I'm such a dope I booked the shuttle for Tuesday.", ["I'm such a dope"]),
        ("I'm useless at the self-checkout - can someone show me?", ["I'm useless at the self-checkout"]),
        ("I feel so stupid that I paid the deposit twice.", ["I feel so stupid"]),
    ],
)
def test_spans_run_to_the_end_of_the_clause(text: str, spans: list[str]) -> None:
    found = find_self_criticism(text)
    assert [s.text for s in found] == spans
    for span in found:
        assert text[span.start : span.end] == span.text


def test_a_run_on_sentence_keeps_the_match() -> None:
    # no clause end within reach: the span is the match, not the rest of an unpunctuated sentence
    text = "I always forget " + " ".join(["the"] + ["very"] * 30 + ["long", "list"])
    (span,) = find_self_criticism(text)
    assert span.text == "I always forget"


def test_feeling_bad_counts_only_after_ones_own_slip() -> None:
    own_slip = "I accidentally deleted the team folder. I feel terrible, can it be restored?"
    assert [s.text for s in find_self_criticism(own_slip)] == ["I feel terrible"]
    assert find_self_criticism("My parcel never came and I feel awful.") == []
    assert find_self_criticism("I feel terrible about what happened to my order.") == []


# Real customers (LABELS.md, "Hard cases, settled"): a plain admission of a slip is not self-criticism; judging
# one's own act as foolish is, and so is owning a slip with a facepalm or as a habit.
@pytest.mark.parametrize(
    "text",
    [
        "I did a silly thing and paid the gas bill into the electricity account. Can it be moved?",
        "Made such a daft mistake with my booking dates, can you help me swap them?",
        "went and did something stupid: unsubscribed from the plan I actually use",
        "Left my bank card in the cash machine 🤦 can you freeze it please",
        "I can't recall the memorable word I set up 🙈",
        "As usual I forgot to cancel the trial before it renewed.",
        "locked myself out of the app yet again, how do I reset it",
        "Paid the wrong invoice twice. How daft am I?",
        "how could I have been so careless with the delivery address",
    ],
)
def test_self_belittling_shapes_on_real_text(text: str) -> None:
    assert find_self_criticism(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I entered the wrong sort code on the transfer, can it be recalled?",
        "Perhaps I'm using the filter wrong, but it shows no results at all.",
        "I think I typed my email address with a typo when I signed up.",
        "I can't remember which email the account is under.",
        "Your update wiped my playlists 🤦 how do I get them back",
        "Tried to sign in again after the reset and it still fails.",
    ],
)
def test_plain_admissions_and_facepalms_at_the_business_are_not_self_criticism(text: str) -> None:
    assert not find_self_criticism(text), text
