"""The feeling word a suggestion names fits the customer's moment (issue 13, panel round 7: wrong_feeling was the most
frequent tag after grammar): a smoking appliance or water by the electrics is a safety scare, someone in the
customer's account is alarming, a calm, wry or praising customer is not upset or angry, a helpless one is not angry,
and medicine about to run out is a worry. Every message is written for these tests (no dev-set or panel sentence)."""

from __future__ import annotations

import re

import pytest

from empathic.suggest import suggest
from empathic.suggest.registers import register_for, registers
from empathic.suggest.slots import slots_for


def _reflections(message: str) -> list[str]:
    return [s.text for s in suggest(message).suggestions if s.strategy == "reflecting_emotion"]


def _lines(message: str) -> list[str]:
    return [s.text for s in suggest(message).suggestions]


@pytest.mark.parametrize("message", [
    "The hair straighteners I bought from you last week started smoking on the dressing table and the cable has "
    "melted. Not happy at all!!",
    "Water has been dripping through the kitchen light fitting since the upstairs pipe burst, and my toddler is home "
    "with me all day. Nobody has come out yet and I'm fed up.",
    "Our slow cooker left scorch marks on the worktop and the whole house smells of burning. It's two weeks old.",
])
def test_a_safety_scare_reads_as_alarm_not_frustration(message: str) -> None:
    assert register_for(message).id == "safety", message
    lines = _reflections(message)
    assert lines, message
    for text in lines:
        assert not re.search(r"frustrat|upset|disappoint|fed up|annoy", text, re.IGNORECASE), text
        assert re.search(r"alarming|frighten|scared|concerned|worr", text, re.IGNORECASE), text


@pytest.mark.parametrize("message", [
    "There's a payee called 'JT Holdings' on my banking app that I never added. Has someone got into my account?",
    "Somebody logged into my email from another country overnight and changed the recovery phone number.",
    "I think my streaming account got hacked, there are three new profiles in a language I don't speak lol",
])
def test_someone_in_the_account_is_alarming_never_fed_up(message: str) -> None:
    assert register_for(message).id == "fraud", message
    lines = _lines(message)
    assert any(s for s in lines), message
    for text in lines:
        assert not re.search(r"frustrat|fed up|infuriat|angry|upset|annoy", text, re.IGNORECASE), text
    assert all(re.search(r"worr|unsettling|concerned|alarm", t, re.IGNORECASE) for t in _reflections(message))


@pytest.mark.parametrize("message", [
    "Absolutely loved the spa weekend, the therapists were lovely. Only thing is we were charged twice for the dinner "
    "on the Saturday.",
    "No rush on this, but the loyalty points from my last two orders never appeared and the app says I have zero 🙂",
    "how do i turn off the read receipts?? been searching through the settings for ages 😩",
])
def test_a_calm_or_praising_customer_is_never_upset_or_angry(message: str) -> None:
    assert register_for(message).id == "light", message
    for text in _lines(message):
        assert not re.search(r"upset|angry|infuriat|fed up|stressful", text, re.IGNORECASE), text
        assert "When I" not in text and "Something similar" not in text, text  # no story for a light moment


def test_a_calm_customer_with_an_account_at_stake_is_worried_not_annoyed() -> None:
    message = ("Hi, hope you're well 🙂 my seller account has been suspended for a policy check and all my listings "
               "are hidden. Is there anything I can do? Have a good day!")
    slots = slots_for(suggest(message).analysis)
    assert slots is not None and slots.register.id == "light" and slots.emotion == "anxiety"
    lines = _reflections(message)
    assert lines
    for text in lines:
        assert not re.search(r"annoy|frustrat|upset|unhappy", text, re.IGNORECASE), text


@pytest.mark.parametrize("message", [
    "I've lost the phone with my authenticator on it and there's no way to get into my work account now. I don't "
    "know what else to do.",
    "Reset the hub, rang twice, waited in for the engineer. Honestly I'm at a loss, the lights on the box are still "
    "red and I have tried everything!!",
])
def test_a_helpless_customer_is_not_called_angry(message: str) -> None:
    assert register_for(message).id == "stuck", message
    for text in _lines(message):
        assert not re.search(r"angry|infuriat|fuming", text, re.IGNORECASE), text


@pytest.mark.parametrize("message", [
    "My epilepsy medication was due on the 3rd and there's still no sign of it. I've got two days' supply left. When "
    "will it come?",
    "My insulin pens were meant to arrive on Tuesday and I'm down to my last one. Where are they?",
])
def test_medicine_running_out_is_worrying_not_merely_unsettling(message: str) -> None:
    assert register_for(message).id == "health", message
    lines = _reflections(message)
    assert lines, message
    for text in lines:
        assert "unsettling" not in text.lower(), text
        assert re.search(r"worr|concerned", text, re.IGNORECASE), text


def test_a_condition_named_in_passing_is_never_the_reason_said_back() -> None:
    # A register's context cues place the message (health) but, unlike its cues, never name the problem.
    message = ("I'm recovering from a knee operation and the grab rail you fitted last week has come off the bathroom "
               "wall. Nobody is answering the phone and I'm really worried.")
    assert register_for(message).id == "health"
    for text in _reflections(message):
        assert "recovering" not in text, text


def test_register_data_is_well_formed() -> None:
    by_id = {r.id: r for r in registers()}
    # the feeling words a register says instead of the general ones, and the feeling said when something is at stake
    assert by_id["light"].words_for("frustration") == ("annoying", "annoyed")
    assert by_id["light"].words_for("anxiety") is None
    assert by_id["light"].stake_feeling("account") == "anxiety"
    assert by_id["light"].stake_feeling("long_wait") is None  # a fortnight's wait is no reason to be worried
    assert by_id["everyday"].stake_feeling("account") is None
    # context cues place a message but are not cues
    assert by_id["light"].context and not by_id["light"].cues
    assert by_id["light"].no_story
