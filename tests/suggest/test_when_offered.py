"""When each kind of coaching line is offered (issue 13, panel round 6): a story frame only for a personal setback
the agent could have lived, no light normalizing wording where much is at stake, and a rewrite's new line after the
greeting and before the first instruction. Every example is written for these tests (no dev-set or panel sentence).
"""

from __future__ import annotations

import pytest

from empathic.suggest import suggest


def _frames(message: str) -> list[str]:
    return [s.text for s in suggest(message).suggestions if s.strategy == "relating_experience"]


@pytest.mark.parametrize("message", [
    # a bare report that the service is down
    "What's going on with your video app tonight? I can't load any videos and I'm so frustrated.",
    # a calm question about how to set something up
    "Hi, I wanted to link my smart speaker to the music app but the pairing screen closes every time. I'm getting "
    "frustrated. Thanks",
    # annoyed at how the company handled them
    "I emailed about my broken blender a fortnight ago and never got a reply, I'm so frustrated. Can I speak to a "
    "real person?",
    # a bug reported in the third person: no experience of the customer's own
    "There's a bug in the photo editor, the crop button greys out after one use and it's really frustrating.",
])
def test_no_story_frame_where_no_story_fits(message: str) -> None:
    assert not _frames(message), message


def test_a_personal_setback_still_gets_a_story_frame() -> None:
    assert _frames("My tablet stopped charging after the update and I've tried three cables, I'm really frustrated.")


def _lines(message: str, strategy: str = "normalizing") -> list[str]:
    return [s.text for s in suggest(message).suggestions if s.strategy == strategy]


@pytest.mark.parametrize("message", [
    "I'm really worried, my drawing tablet keeps crashing and it wiped all my sketchbook files.",  # data
    "I'm getting anxious, my parcel still hasn't arrived and I've been waiting for six weeks now.",  # a long wait
    "I'm worried because I can't sign in to my email and all my work invoices are in there.",  # a livelihood
])
def test_no_light_normalizing_wording_where_much_is_at_stake(message: str) -> None:
    from empathic.suggest.registers import light_words

    for line in (s.text for s in suggest(message).suggestions):
        assert not any(w in line.lower() for w in light_words()), (message, line)


def test_an_everyday_hitch_is_still_called_common() -> None:
    lines = _lines("I'm a bit worried, I can't sign in to the recipe app again and it keeps saying my password is "
                   "wrong.")
    assert any("common" in line or "crops up" in line for line in lines), lines


def test_a_self_critical_customer_at_stake_is_reassured_without_a_quick_fix_promised() -> None:
    lines = _lines("I typed the wrong sort code and sent £900 to a stranger, so stupid of me. Can you help?")
    assert lines, lines
    assert not any(w in line for line in lines for w in ("easy to put right", "easy to fix", "sorted")), lines


def test_stakes_match_their_examples() -> None:
    from empathic.suggest.registers import at_stake, stakes

    for stake in stakes():
        assert stake.examples_match, stake.id
        for text in stake.examples_match:
            assert stake.matches(text), (stake.id, text)
        for text in stake.examples_no_match:
            assert not at_stake(text), (stake.id, text)


_PAIRING = "My smart bulb app won't pair with the hub and I've reset it four times, I'm so frustrated."


def _added_line(draft: str) -> tuple[str, str]:
    """The rewrite and the line it added (the one that reflects the pairing trouble)."""
    from empathic.suggest import rewrite

    out = rewrite(_PAIRING, draft).rewritten
    added = [s for s in out.replace("?", "?\n").replace(". ", ".\n").splitlines() if "pair with the hub" in s]
    assert added, out
    return out, added[0].strip()


@pytest.mark.parametrize(("draft", "before_line", "after_line"), [
    # a greeting that runs on into a link and a signature: the line goes between them, the signature stays last
    ("@bulbfan22 Hi there, this article walks through pairing step by step: https://example.com/pairing ^TK",
     "@bulbfan22 Hi there.", "This article walks through pairing"),
    # thanks that runs on into a question: the line goes before the question
    ("@bulbfan22 Thanks for the message – which model of hub do you have? We'll check the firmware for you.",
     "@bulbfan22 Thanks for the message.", "Which model of hub do you have?"),
    # an offer to help opens the reply: the line goes after it, before the first instruction
    ("@bulbfan22 Mind if we jump in? Try switching the hub off at the wall for a minute and let us know.",
     "@bulbfan22 Mind if we jump in?", "Try switching the hub off"),
])
def test_rewrite_line_goes_after_the_greeting_and_before_the_first_instruction(
        draft: str, before_line: str, after_line: str) -> None:
    out, line = _added_line(draft)
    assert out.startswith(before_line), out
    assert out.index(before_line) + len(before_line) <= out.index(line) < out.index(after_line), out


@pytest.mark.parametrize(("draft", "signature"), [
    ("@bulbfan22 Hi there, this article walks through pairing step by step: https://example.com/pairing ^TK", "^TK"),
    ("@bulbfan22 Hi there! Thanks for the tag ^LP", "^LP"),
    ("@bulbfan22 Hello! We appreciate the shout -Lou", "-Lou"),
])
def test_rewrite_keeps_the_signature_last(draft: str, signature: str) -> None:
    out, line = _added_line(draft)
    assert out.endswith(signature), out
    assert out.index(line) < out.index(signature), out


def test_rewrite_keeps_an_apology_after_the_greeting_whole_and_never_apologises_twice() -> None:
    draft = "@bulbfan22 Hi Jo, we're sorry to see this. Please send us the hub's serial number by DM."
    out, _line = _added_line(draft)
    assert out.startswith("@bulbfan22 Hi Jo, we're sorry to see this. "), out
    assert out.lower().count("sorry") == 1, out
    assert "Please send us the hub's serial number by DM." in out, out


def test_a_link_is_substance_not_an_opening() -> None:
    out, line = _added_line("@bulbfan22 Here's how: https://example.com/pair Let us know if it works.")
    assert out.index(line) < out.index("Here's how: https://example.com/pair"), out


def test_no_line_added_to_the_last_message_of_a_thread() -> None:
    from empathic.suggest import rewrite

    draft = "@bulbfan22 Here's the fix: https://example.com/pair We're around if you need us. Take care! 2/2"
    out = rewrite(_PAIRING, draft).rewritten
    assert "pair with the hub" not in out and out.endswith("2/2"), out
