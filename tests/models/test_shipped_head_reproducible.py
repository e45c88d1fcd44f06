"""The shipped strategy head was trained on exactly what the current code and data give it.

The head reads more than its training sentences: the customer-side reading (``listen.emotions``,
``listen.self_criticism`` and the lexicons and rule files behind them) feeds its context features, the
segmenter cuts twcs replies into its rows, the dismissive rules veto its cs-dev scores when its thresholds
are chosen. A change to any of them changes what ``empathic train --seed 0`` builds. Rebuilding the head here
would prove it byte for byte, but takes 25 s on 2 idle cores and 7 minutes on this shared machine, so instead
``empathic train`` records a digest of everything the head is fitted and tuned on in the head file
(:func:`empathic.models.training.inputs_digest`), and this test recomputes it from the current code and data
(about 2.5 s of CPU): it fails until someone retrains with the documented command and commits the new weights.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from empathic.models.encoder import get_encoder
from empathic.models.linear import LinearHead
from empathic.models.training import StrategyRow, inputs_digest, strategy_inputs_digest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "empathic" / "resources" / "models" / "en" / "strategy_head.npz"

FIX = (
    "The shipped strategy head ({shipped}) was trained on other inputs than the current code and data give it "
    "(recorded inputs digest {recorded}, now {now}). Something the head reads changed: its training data "
    "(training/data, twcs dev, cs-dev), the customer-side reading (listen.emotions / listen.self_criticism and "
    "their lexicons or rule files), the dismissive rules, the context features, the segmenter or the encoder. "
    "From the repository root run\n"
    "    .venv/bin/empathic train --seed 0 --no-emotions\n"
    "(the documented `.venv/bin/empathic train --seed 0` refits the emotion head too; the strategy head is the "
    "same), then\n"
    "    .venv/bin/python tests/golden/golden_snapshots.py --write\n"
    "and commit the new strategy_head.npz with its measured before/after (`.venv/bin/empathic train --cv 5`, "
    "`make eval`), and the regenerated golden snapshots in a commit of their own that lists what changed."
)


def test_shipped_strategy_head_was_trained_on_the_current_inputs(shared_data: Path) -> None:
    # the same paths as the documented command's defaults (training/data, ../shared/data/...)
    now = strategy_inputs_digest(data_dir=ROOT / "training" / "data", twcs=shared_data / "twcs" / "dev.jsonl",
                                 dev=shared_data / "cs" / "cs-dev.jsonl", seed=0)
    recorded = LinearHead.load(SHIPPED).meta.get("inputs_sha256")
    if recorded != now:
        pytest.fail(FIX.format(shipped=SHIPPED.relative_to(ROOT), recorded=recorded, now=now), pytrace=False)


def _rows() -> list[StrategyRow]:
    return [
        StrategyRow("a", "That must be so frustrating.", "I was charged twice!", ("reflecting_emotion",)),
        StrategyRow("b", "I've refunded the second charge.", "I was charged twice!", ()),
    ]


@pytest.mark.parametrize("change", ["customer reading", "sentence vector", "label", "seed"])
def test_the_digest_moves_with_each_kind_of_input(change: str) -> None:
    encoder = get_encoder("static-minilm-l6")
    rows = _rows()
    emb = encoder.encode([r.text for r in rows])
    ctx = np.zeros((2, 8), dtype=np.float32)
    before = inputs_digest(rows, emb, ctx, None, encoder, seed=0)
    assert inputs_digest(rows, emb.copy(), ctx.copy(), None, encoder, seed=0) == before
    seed = 0
    if change == "customer reading":
        ctx[0, 0] = 0.5  # e.g. the customer's intensity read differently
    elif change == "sentence vector":
        emb = emb.copy()
        emb[1, 3] += 0.01
    elif change == "label":
        rows[1].labels = ("normalizing",)
    else:
        seed = 1
    assert inputs_digest(rows, emb, ctx, None, encoder, seed=seed) != before


def test_the_digest_ignores_float_noise_below_its_rounding() -> None:
    encoder = get_encoder("static-minilm-l6")
    rows = _rows()
    emb = encoder.encode([r.text for r in rows]).astype(np.float64)
    ctx = np.full((2, 8), 0.25)
    noisy = emb + 1e-9
    assert inputs_digest(rows, noisy, ctx + 1e-9, None, encoder, seed=0) == inputs_digest(
        rows, emb, ctx, None, encoder, seed=0)
