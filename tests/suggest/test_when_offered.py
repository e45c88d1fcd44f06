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
