"""Hand-written miniature training data for the training tests (no network, no shared data needed)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from empathic.models import heads

_SENTENCES = [
    ("It's so frustrating to be charged twice when you paid on time.", ["reflecting_emotion"]),
    ("No wonder you're upset after waiting three weeks for a refund.", ["reflecting_emotion"]),
    ("It makes sense you'd be worried with the deadline so close.", ["reflecting_emotion"]),
    ("Being cut off in the middle of a work call must have been maddening.", ["reflecting_emotion"]),
    ("I'd be livid too if my flight vanished from the app.", ["reflecting_emotion"]),
    ("Losing a whole day of work to an outage is exhausting.", ["reflecting_emotion"]),
    ("My own boiler died in January and I remember how miserable the cold house felt.", ["relating_experience"]),
    ("The same thing happened to me last year with a lost parcel, and I was gutted.", ["relating_experience"]),
    ("I went through a billing mix-up like this myself and it took ages to sort.", ["relating_experience"]),
    ("When my card was cloned I felt completely panicked, so I get it.", ["relating_experience"]),
    ("My mum's washing machine flooded her kitchen too, so I know how stressful it is.", ["relating_experience"]),
    ("I had the exact same problem with my router when I moved house.", ["relating_experience"]),
    ("Lots of people find the new portal confusing at first.", ["normalizing"]),
    ("You're far from the first to mix up those two settings.", ["normalizing"]),
    ("Feeling nervous about a big payment like this is completely natural.", ["normalizing"]),
    ("That's an easy slip to make, it's not on you.", ["normalizing"]),
    ("Plenty of customers miss that step, it's a common mix-up.", ["normalizing"]),
    ("Anyone would be anxious after a letter like that.", ["normalizing"]),
    ("Thanks for reaching out!", []),
    ("I understand.", []),
    ("Sorry for the inconvenience.", []),
    ("Could you send me your order number?", []),
    ("I've issued a refund of $40 to your card.", []),
    ("Your engineer will arrive between 8 and 12 tomorrow.", []),
    ("Have a great day!", []),
    ("Please restart the router and try again.", []),
    ("I've escalated this to our billing team.", []),
    ("Thanks for your patience.", []),
    ("I can't imagine how stressful it's been to go without heating for a week.", ["reflecting_emotion"]),
    ("We get asked about this a lot, so you're in good company.", ["normalizing"]),
]

_GOEMOTIONS = [
    ("Thank you so much, this helped a lot", "1"),
    ("thanks for the quick reply!", "1"),
    ("I am so angry about this, it's ridiculous", "0"),
    ("This makes me furious, what a joke", "0"),
    ("ok, noted", "2"),
    ("The package arrived on Tuesday.", "2"),
    ("Seriously?! I'm fuming right now", "0"),
    ("Much appreciated, thanks friend", "1"),
    ("It is what it is.", "2"),
    ("Thanks, and I'm also a bit annoyed it took this long", "0,1"),
    ("I can't believe how mad this makes me", "0"),
    ("Grateful for the help today", "1"),
    ("The store opens at nine.", "2"),
    ("What an infuriating mess", "0"),
    ("Cheers, thanks a ton", "1"),
    ("Weather is mild this week.", "2"),
]


@pytest.fixture()
def tiny_data(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with 30 labelled sentences (+ one review) and a 16-row GoEmotions-style TSV."""
    data = tmp_path / "data"
    data.mkdir()
    with (data / "strategy-sentences-part1.jsonl").open("w", encoding="utf-8") as fh:
        for i, (text, labels) in enumerate(_SENTENCES, 1):
            row = {"id": f"t-{i:03d}", "industry": "telecom", "register": "chat", "customer": f"customer {i % 6}",
                   "text": text, "labels": labels, "weak": False, "negative_type": None, "typo": False}
            fh.write(json.dumps(row) + "\n")
    with (data / "reviews.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "t-019", "reviewer_labels": [], "agree": True, "resolved_labels": []}) + "\n")
        fh.write(json.dumps({"id": "t-030", "reviewer_labels": ["normalizing"], "agree": False,
                             "resolved_labels": ["normalizing", "reflecting_emotion"]}) + "\n")
    ge = tmp_path / "goemotions"
    ge.mkdir()
    (ge / "labels.txt").write_text("anger\ngratitude\nneutral\n", encoding="utf-8")
    with (ge / "train.tsv").open("w", encoding="utf-8") as fh:
        for i, (text, labels) in enumerate(_GOEMOTIONS):
            fh.write(f"{text}\t{labels}\tid{i}\n")
    return data, ge / "train.tsv"


@pytest.fixture()
def shipped_heads_after() -> Iterator[None]:
    """Whatever heads a test configures, the next test starts with the shipped ones and EMPATHIC_HEADS as it was."""
    saved = os.environ.pop(heads.HEADS_ENV, None)
    yield
    heads._override = None
    if saved is None:
        os.environ.pop(heads.HEADS_ENV, None)
    else:
        os.environ[heads.HEADS_ENV] = saved
    heads.reset_defaults()
