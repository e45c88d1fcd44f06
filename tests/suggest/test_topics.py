"""Coaching text about THIS problem (issue 13, panel round 3 categories): normalizing lines that name the customer's
problem or none at all, reasons without hedges, news or narrative scraps, no filler add-ons, story frames only for
everyday hitches, rewrite lines after the reply's opening sentences. Every example is written for these tests (no
dev-set or panel sentence)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from empathic.perspective import reason_clause
from empathic.suggest import rewrite, suggest
from empathic.suggest.mechanics import problems
from empathic.suggest.registers import at_stake, light_words
from empathic.suggest.topics import problem_phrase, topics

ROOT = Path(__file__).resolve().parents[2]

#: What round 3 tagged generic or filler: never offered any more.
STOCK_NORMALIZING = re.compile(r"completely normal to feel|completely natural, and you're right|most people would",
                               re.IGNORECASE)
FILLER = re.compile(r"especially when you're travelling|last thing you need on a trip|counting on us|"
                    r"chase their own money|money at stake|shouldn't have had to deal with it|"
                    r"on top of everything else",
                    re.IGNORECASE)


def test_topics_match_their_examples() -> None:
    for topic in topics():
        assert len(topic.examples_match) >= 2, topic.id
        for text in topic.examples_match:
            assert topic.phrase_for(text), (topic.id, text)
        for text in topic.examples_no_match:
            assert topic.phrase_for(text) is None, (topic.id, text)


def test_problem_phrase_uses_the_customers_own_word_with_its_article() -> None:
    assert problem_phrase("@Shop my package is four days late now") == "a package running late"
    assert problem_phrase("the game keeps freezing on the loading screen") == "a game that keeps crashing"
    assert problem_phrase("the internet keeps cutting out at night") == "an internet dropout"
    assert problem_phrase("What time do you open on Sunday?") == ""


@pytest.mark.parametrize(
    ("message", "names"),
    [
        ("I'm really worried, my card keeps getting declined at the pump and I don't know why.",
         "a payment that won't go through"),
        ("I'm so confused, your app keeps freezing whenever I try to view my tickets.", "an app that keeps crashing"),
    ],
)
def test_a_normalizing_line_names_this_problem(message: str, names: str) -> None:
    result = suggest(message)
    assert "normalizing" in result.called_for
    lines = [s.text for s in result.suggestions if s.strategy == "normalizing"]
    assert lines, result.to_dict()
    assert all(names in line.lower() for line in lines), lines
    assert not any(STOCK_NORMALIZING.search(line) for line in lines), lines


def test_no_stock_normalizing_line_when_no_topic_reads_well() -> None:
    # Anxious, no product or problem this project knows a name for: no line rather than a generic one.
    result = suggest("I'm honestly scared about what the letter from your office means for us.")
    assert "normalizing" in result.called_for
    assert not [s for s in result.suggestions if s.strategy == "normalizing"], result.to_dict()


def test_a_self_critical_customer_still_hears_reassurance_first() -> None:
    result = suggest("I'm such a fool, I booked the parking for the wrong Saturday.")
    lines = [s.text for s in result.suggestions if s.strategy == "normalizing"]
    assert lines and re.search(r"easy|not on you|hard on yourself|wrong|first", lines[0], re.IGNORECASE), lines


@pytest.mark.parametrize(
    "said",
    [
        "my tablet reset itself overnight as far as I can tell",
        "the invoice got sent to the old address idk",
        "I keep seeing reports online about the bridge being shut",
        "the screen went black, then I pressed the power button twice",
    ],
)
def test_a_reason_with_a_hedge_a_report_or_a_retold_sequence_is_not_quoted(said: str) -> None:
    assert reason_clause(said) is None


def test_a_reason_drops_a_feeling_remark_or_a_verbless_note_after_a_comma() -> None:
    assert reason_clause("the blender still hasn't been collected, I'm so fed up") == (
        "the blender still hasn't been collected")
    assert reason_clause("my licence renewal was refused at the counter, no explanation at all") == (
        "your licence renewal was refused at the counter")
    assert reason_clause("my scarf I ordered in March never came") == "the scarf you ordered in March never came"
    # A short tail with a verb of its own is part of the complaint; what came instead, after a bare comma, is
    # joined by "but" (a comma splice reads as a run-on).
    assert reason_clause("Booked a double room, got a single") == "you booked a double room but got a single"


def test_the_heart_of_the_complaint_is_what_is_at_stake() -> None:
    # Both sentences name a problem; the one with something at stake (a missed birthday) is the heart, not the
    # incidental detail that comes first.
    result = suggest("The driver didn't knock. The parcel went back to the depot and I've missed my sister's "
                     "birthday because of it. I'm fed up.")
    reflecting = [s.text for s in result.suggestions if s.strategy == "reflecting_emotion"]
    assert reflecting and all("missed your sister's birthday" in t for t in reflecting), reflecting


def test_no_story_frame_for_fear_high_stakes_or_a_bare_question() -> None:
    for message in ("I'm terrified, there's someone following me home from your station every night.",
                    "If this permit isn't approved by Monday I lose my job, I'm so frustrated.",
                    "Do you still sell the blue kettle? I'm a bit frustrated I can't find it."):
        result = suggest(message)
        assert not [s for s in result.suggestions if s.strategy == "relating_experience"], (message, result.to_dict())
    # An everyday hitch the agent may have lived: the frame is still offered.
    ok = suggest("My coffee machine stopped working after two weeks and I'm really frustrated.")
    assert [s for s in ok.suggestions if s.strategy == "relating_experience"], ok.to_dict()


def _messages(path: Path) -> list[str]:
    return [json.loads(line)["customer"] for line in path.open(encoding="utf-8") if line.strip()]


def test_no_filler_add_on_or_stock_normalizing_line_for_the_golden_messages() -> None:
    golden = ROOT / "tests" / "golden" / "data"
    bad = []
    for message in _messages(golden / "twcs-dev.jsonl")[:200] + _messages(golden / "cs-dev.jsonl"):
        for s in suggest(message).suggestions:
            if FILLER.search(s.text) or STOCK_NORMALIZING.search(s.text) or problems(s.text):
                bad.append(s.text)
            elif at_stake(message) and any(w in s.text.lower() for w in light_words()):
                bad.append(s.text)  # round 6: "crops up" beside a channel suspended for a year
    assert not bad, bad[:5]


def test_a_rewrite_line_goes_after_the_opening_sentences_never_inside_one() -> None:
    customer = "My package has been stuck at the depot for nine days and I'm fed up."
    r = rewrite(customer, "@ana_p Hello, I saw your tweet. Please DM us your tracking number and we'll chase it.")
    assert r.rewritten != r.original, r.changes
    assert r.rewritten.startswith("@ana_p Hello, I saw your tweet. "), r.rewritten
    assert r.rewritten.endswith("Please DM us your tracking number and we'll chase it."), r.rewritten
    r = rewrite(customer, "Thanks for the details! Please DM us your tracking number and we'll chase it.")
    assert r.rewritten.startswith("Thanks for the details! ") and r.rewritten != r.original, r.rewritten
    # A greeting that runs on into the request becomes a sentence of its own, and the line goes between them, never
    # inside a sentence nor after the request (round 6: placement).
    r = rewrite(customer, "Hi Sam, please DM us your tracking number and we'll chase it.")
    assert r.rewritten.startswith("Hi Sam. "), r.rewritten
    assert r.rewritten.endswith(" Please DM us your tracking number and we'll chase it."), r.rewritten


def test_a_long_story_that_opens_with_an_exclamation_is_removed_not_left_as_a_stub() -> None:
    r = rewrite("My new headset was meant to ship last week and now it just says backordered. Gutted.",
                "Oh wow, same here. Last spring I ordered a bike for my birthday and it was pushed back four times. "
                "I refreshed the tracking page every morning for a month. In the end it came two weeks after my "
                "birthday and I had already bought another one. Your headset ships from our warehouse on the 14th.")
    assert "Oh wow" not in r.rewritten, r.rewritten
    assert r.rewritten.endswith("Your headset ships from our warehouse on the 14th."), r.rewritten


def test_a_reason_keeps_the_customers_quotation_marks_and_skips_a_bare_no_idea_why() -> None:
    assert reason_clause('my card was frozen for "unusual spending" overnight') == (
        'your card was frozen for "unusual spending" overnight')
    assert reason_clause('they sold me a "brand new" kettle that was used') is not None
    assert '"brand new"' in (reason_clause('they sold me a "brand new" kettle that was used') or "")
    assert reason_clause("I honestly have no idea why") is None


def test_a_rewrite_reassures_a_self_critical_customer_once() -> None:
    r = rewrite("my allotment application got returned as \"incomplete\" after 5 weeks of waiting. which bit?? "
                "probably skipped a box, typical me",
                "I can tell you're really frustrated. Box 4, your plot preference, was left empty. You can fill it in "
                "online with your reference and you'll keep your place in the queue.")
    sentences = re.split(r"(?<=[.!?])\s+", r.rewritten)
    reassuring = [x for x in sentences
                  if re.search(r"easy (?:slip|mistake)|not on you|anything wrong|hard on yourself|trips a lot", x)]
    assert r.rewritten != r.original and len(reassuring) == 1, r.rewritten
    assert r.rewritten.endswith("you'll keep your place in the queue."), r.rewritten


def test_a_rewrite_drops_blame_and_the_companys_right_quoted_as_the_last_word() -> None:
    r = rewrite("My 12 year old ran up a $95 bill on in-app purchases and I had no warning at all. I'm furious.",
                "It's the account holder's responsibility to set spending limits. The charge is valid.")
    assert "responsibility" not in r.rewritten and "valid" in r.rewritten, r.rewritten
    r = rewrite("Your courier left my new desk in the rain and the box is soaked. Really annoyed.",
                "Our couriers reserve the right to leave parcels outside. I've booked a collection for Monday.")
    assert "reserve the right" not in r.rewritten, r.rewritten
    assert r.rewritten.endswith("I've booked a collection for Monday."), r.rewritten


def test_no_sentence_is_added_to_a_later_message_of_a_thread() -> None:
    customer = "My loyalty card balance vanished after the app update, 4,000 points gone. Gutted."
    later = rewrite(customer, "@jo_r (3/3) Please send us the card number and we'll restore the points.")
    assert later.rewritten == later.original, later.rewritten
    first = rewrite(customer, "@jo_r (1/3) Please send us the card number and we'll restore the points.")
    assert first.rewritten.startswith("@jo_r (1/3) ") and first.rewritten != first.original, first.rewritten
    # Not a thread marker: a reply that opens with "24/7" still gets its line.
    plain = rewrite(customer, "24/7 support is here for you. Please send us the card number and we'll restore it.")
    assert plain.rewritten != plain.original and not plain.rewritten.startswith("24/7 It"), plain.rewritten


def test_a_reason_with_a_pasted_question_or_filler_is_not_quoted_and_leading_joints_go() -> None:
    assert reason_clause("my tablet stopped charging, why is this happening") is None
    assert reason_clause("the game froze and where is my progress now") is None
    assert reason_clause("the upgrade failed halfway and everything") is None
    assert reason_clause("And so my parcel never came") == "your parcel never came"
    # Not a pasted question: what the customer does not know is their trouble.
    assert reason_clause("I don't know what is happening with my pension") == (
        "you don't know what is happening with your pension")


def test_a_reason_that_is_already_put_right_is_not_quoted() -> None:
    assert reason_clause("my heating is working again after a week without it") is None
    assert reason_clause("my boiler got fixed on Monday") is None
    assert reason_clause("the leak still hasn't been fixed") == "the leak still hasn't been fixed"
    assert reason_clause("the fault was never fixed properly") == "the fault was never fixed properly"


def test_that_ending_a_phrase_as_an_object_is_no_fragment() -> None:
    assert problems("Sorry about that.") == []
    assert problems("We can help with that! Send us your order number.") == []
    assert problems("It's really upsetting that.") == ["a fragment cut off mid-phrase"]


def test_rewrites_of_the_golden_replies_keep_handles_first_and_add_no_mechanical_problem() -> None:
    """Every rewrite of a cs-dev reply and of the first 120 twcs dev replies: the @handles and thread marker that
    open the draft open the rewrite, unchanged; no mechanical problem the draft did not have; no stock normalizing
    line or filler add-on."""
    import re as _re

    from empathic.suggest.rewrite import _LEADING_HANDLES

    golden = ROOT / "tests" / "golden" / "data"
    rows = [json.loads(line) for line in (golden / "cs-dev.jsonl").open(encoding="utf-8") if line.strip()]
    rows += [json.loads(line) for line in (golden / "twcs-dev.jsonl").open(encoding="utf-8") if line.strip()][:120]
    bad = []
    for row in rows:
        if not row.get("reply"):
            continue
        r = rewrite(row["customer"], row["reply"])
        if r.rewritten == r.original:
            continue
        m = _LEADING_HANDLES.match(r.original)
        if m and not r.rewritten.startswith(m.group(0).strip()):
            bad.append(("handles", r.rewritten))
        new = set(problems(r.rewritten, allow_handles=True)) - set(problems(r.original, allow_handles=True))
        if new:
            bad.append((sorted(new), r.rewritten))
        if FILLER.search(r.rewritten) or STOCK_NORMALIZING.search(r.rewritten):
            bad.append(("stock", r.rewritten))
        assert not _re.search(r"\{\w+\}", r.rewritten), r.rewritten
    assert not bad, bad[:3]


@pytest.mark.parametrize("message", [
    "Someone hacked into my cloud photo account last night and changed the recovery email.",
    "Why has my streaming account been suspended? I never shared it and I need it tonight",
])
def test_a_break_in_or_a_shut_account_is_never_called_a_common_snag(message: str) -> None:
    # panel rounds 5 and 6: "a hacked account is a more common snag" made light of it (topics.toml common = false)
    lines = [s.text for s in suggest(message).suggestions if s.strategy == "normalizing"]
    assert not any(re.search(r"common|crops up|more often", line, re.IGNORECASE) for line in lines), lines


def test_an_everyday_sign_in_problem_is_still_called_common() -> None:
    message = "I can't log in to my banking app again, locked out for the second time this month"
    lines = [s.text for s in suggest(message).suggestions if s.strategy == "normalizing"]
    assert any("common" in line or "crops up" in line for line in lines), lines
