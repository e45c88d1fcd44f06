"""The strategy head in context: context features, twcs rows, the abstain margin, quiet on procedure."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from empathic.models.encoder import get_encoder
from empathic.models.features import CONTEXT_FEATURES, context_matrix
from empathic.models.linear import LinearHead
from empathic.models.strategy import ABSTAIN, StrategyModel, default_model
from empathic.models.training import conversation_of, read_twcs_rows, train
from empathic.pipeline import Coach, default_coach

COLUMN = {name: i for i, name in enumerate(CONTEXT_FEATURES)}


def _ctx(sentences: list[str], customer: str, **reading: float | bool) -> np.ndarray:
    enc = get_encoder("static-minilm-l6")
    emb = enc.encode([*sentences, customer])
    return context_matrix(sentences, customer, intensity=float(reading.get("intensity", 0.5)),
                          valence=float(reading.get("valence", -0.5)),
                          self_critical=bool(reading.get("self_critical", False)),
                          sentence_vectors=emb[:-1], customer_vector=emb[-1])


def test_overlap_and_similarity_follow_the_customers_words() -> None:
    customer = "The boiler broke on Sunday and the engineer never turned up, my kids are freezing."
    m = _ctx(["An engineer who never turns up while the kids are freezing is maddening.",
              "Our offices open at nine on weekdays."], customer)
    assert m.shape == (2, len(CONTEXT_FEATURES))
    assert m[0, COLUMN["overlap"]] > m[1, COLUMN["overlap"]]
    assert m[0, COLUMN["similarity"]] > m[1, COLUMN["similarity"]]


def test_links_and_routing_neighbours() -> None:
    m = _ctx(["@sam_k Hi Sam, thanks for the message.",
              "You can reset it here: https://help.example/reset",
              "Let us know how it goes."], "my password won't reset")
    # the opening @handle is the addressee, not a link; a URL is
    assert m[:, COLUMN["link"]].tolist() == [0.0, 1.0, 0.0]
    # both sentences next to the routing one read a routing neighbour
    assert m[:, COLUMN["neighbour_routing"]].tolist() == [1.0, 0.0, 1.0]


def test_customer_reading_columns() -> None:
    m = _ctx(["Thanks."], "I'm such an idiot", intensity=0.8, valence=-0.6, self_critical=True)
    assert m[0, COLUMN["customer_intensity"]] == pytest.approx(0.8)
    assert m[0, COLUMN["customer_negative"]] == pytest.approx(0.6)
    assert m[0, COLUMN["customer_self_critical"]] == 1.0


def _twcs(path: Path) -> Path:
    records = [
        {"id": "twdev-AAA-0", "customer": "@Brand my order is late", "reply": "@kim Hi Kim. Sorry for the "
         "frustration of waiting on a late order. You can track it here: https://x.example/t",
         "strategies": ["reflecting_emotion"], "spans": {"reflecting_emotion": ["Sorry for the frustration of "
                                                                               "waiting on a late order."]}},
        {"id": "twdev-AAA-1", "customer": "@Brand still nothing", "reply": "@kim Please DM us your order number.",
         "strategies": [], "spans": {}},
        {"id": "twdev-BBB-0", "customer": "@Brand is the app down", "reply": "@lee Our engineers are on it. "
         "Thanks for bearing with us.", "strategies": [], "spans": {}},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_twcs_rows_are_labelled_by_the_gold_spans_they_overlap(tmp_path: Path) -> None:
    rows = read_twcs_rows(_twcs(tmp_path / "twcs.jsonl"))
    first = [r for r in rows if r.reply == "twdev-AAA-0"]
    assert [r.labels for r in first] == [(), ("reflecting_emotion",), ()]
    assert {r.group for r in rows} == {"twdev-AAA", "twdev-BBB"}
    assert conversation_of("twdev-AAA-1") == "twdev-AAA"


def test_training_with_twcs_stores_context_and_margins(tiny_data: tuple[Path, Path], tmp_path: Path) -> None:
    data, _ = tiny_data
    twcs = _twcs(tmp_path / "twcs.jsonl")
    report = train(data_dir=data, goemotions=None, out_dir=tmp_path / "a", seed=0, twcs=twcs)
    head = LinearHead.load(tmp_path / "a" / "strategy_head.npz")
    assert head.context == list(CONTEXT_FEATURES)
    assert head.w_ctx is not None and head.w_ctx.shape == (len(CONTEXT_FEATURES), 3)
    assert len(head.meta["abstain_margin"]) == 3
    assert report.data["twcs"] == {"sentences": 6, "replies": 3, "positive_sentences": 1}
    # held-out conversations stay out, and the same data and seed give the same bytes
    train(data_dir=data, goemotions=None, out_dir=tmp_path / "b", seed=0, twcs=twcs,
          twcs_exclude=frozenset({"twdev-BBB"}))
    again = train(data_dir=data, goemotions=None, out_dir=tmp_path / "c", seed=0, twcs=twcs)
    assert again.files[0].read_bytes() == report.files[0].read_bytes()
    assert (tmp_path / "b" / "strategy_head.npz").read_bytes() != report.files[0].read_bytes()


def test_the_head_abstains_near_its_threshold_unless_a_rule_agrees() -> None:
    packaged = default_model().head
    # every sentence reaches the threshold, none reaches threshold + margin: only rule-backed candidates stay
    head = replace(packaged, thresholds=np.full(3, 1e-6, dtype=np.float32),
                   meta={**packaged.meta, "abstain_margin": [2.0, 2.0, 2.0]})
    model = StrategyModel()
    model._head = head
    coach = Coach(["segment", "listen.emotions", "listen.self_criticism", "detect.normalizing"])
    a = coach.analyze("I feel so stupid, I typed the wrong card number twice.",
                      "Typing a long card number wrong is an easy slip to make. Your order is now paid.")
    proposed = model.detect(a)
    found = [f for f in proposed if not f.vetoed]
    rules = [c for c in a.candidates if c.source == "rules"]
    assert rules and found
    assert all(any(r.strategy == f.strategy and r.span.overlaps(f.span) for r in rules) for f in found)
    # the others are proposed vetoed, with the abstain predicate as their evidence
    abstained = [f for f in proposed if f.vetoed]
    assert abstained and all(e.id == ABSTAIN for f in abstained for e in f.evidence if e.effect == "veto")
    head_only = replace(head, meta={**packaged.meta, "abstain_margin": [0.0, 0.0, 0.0]})
    model._head = head_only
    assert len([f for f in model.detect(a) if not f.vetoed]) > len(found)


# Written for this test in new words (not from twcs, training data or any dev file): status notices, causes and
# denials that the head trained without real replies read as normalizing.
PROCEDURE = [
    ("My card keeps getting declined at the shops.",
     "Card payments are taking longer than normal to approve today because of high demand."),
    ("The app logs me out all the time.",
     "This usually happens when the app's stored data gets out of date after an update."),
    ("Is this email from you?", "That email isn't genuine, so please delete it."),
    ("Why do I have to enter a code every time I log in?",
     "When you log in from a new phone or network we may ask you to confirm your identity."),
    ("My parcel is late again.", "Don't worry, the courier will deliver it tomorrow before noon."),
    ("My parcel is late again.", "We appreciate your patience while our drivers catch up."),
]


@pytest.mark.parametrize(("customer", "reply"), PROCEDURE)
def test_quiet_on_procedure(customer: str, reply: str) -> None:
    assert default_coach().analyze(customer, reply).findings == []
