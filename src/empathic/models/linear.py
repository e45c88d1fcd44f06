"""A multi-label linear head over sentence-encoder vectors plus word n-gram tf-idf, with calibration.

One logistic regression per label (fitted by ``empathic train``). The raw score of label ``k``
is ``emb @ w_emb[:, k] + tfidf @ w_terms[:, k] + bias[k]``, where ``tfidf`` is the concatenation of
every feature block's L2-normalised row (word n-grams, optionally character n-grams); its calibrated probability is
``sigmoid(platt_a[k] * score + platt_b[k])`` (Platt scaling fitted on held-out predictions), and
the label is predicted when that probability reaches ``thresholds[k]``. A head may also read context
features (``context`` names them, :data:`empathic.models.features.CONTEXT_FEATURES`): then ``ctx @ w_ctx[:, k]``
joins the raw score, where ``ctx`` is the row the caller computed for the text. Heads are stored as
``.npz`` files written byte-for-byte reproducibly (fixed zip timestamps, sorted members).
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from empathic.errors import ResourceError
from empathic.models.encoder import Encoder, get_encoder
from empathic.models.features import TfidfFeatures

#: Zip timestamp of every member: the same weights must give the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function, without overflow warnings for large negative scores."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@dataclass(slots=True)
class LinearHead:
    """Weights of one multi-label head; see the module docstring for the formula."""

    labels: list[str]
    encoder: str
    blocks: list[TfidfFeatures]
    w_emb: np.ndarray
    w_terms: np.ndarray
    bias: np.ndarray
    platt_a: np.ndarray
    platt_b: np.ndarray
    thresholds: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)
    #: Names of the context features the head reads (empty: none), and their weights ``(len(context), labels)``.
    context: list[str] = field(default_factory=list)
    w_ctx: np.ndarray | None = None

    def scores(self, texts: list[str], emb: np.ndarray, ctx: np.ndarray | None = None) -> np.ndarray:
        """Raw (uncalibrated) scores, ``(len(texts), len(labels))``; ``emb`` are the texts' vectors.

        ``ctx``: the texts' context features (``(len(texts), len(context))``), needed when the head has any.
        """
        out = emb.astype(np.float32) @ self.w_emb + self.bias
        if self.context:
            if ctx is None:
                raise ValueError("this head reads context features; pass ctx")
            out += ctx.astype(np.float32) @ self.w_ctx
        for i, text in enumerate(texts):
            offset = 0
            for block in self.blocks:
                idx, vals = block.row(text)
                if len(idx):
                    out[i] += vals @ self.w_terms[idx + offset]
                offset += len(block.vocab)
        return out

    @property
    def n_terms(self) -> int:
        """Rows of ``w_terms``: the summed vocabulary size of the feature blocks."""
        return sum(len(b.vocab) for b in self.blocks)

    def predict_proba(self, texts: list[str], encoder: Encoder, ctx: np.ndarray | None = None) -> np.ndarray:
        """Calibrated probabilities, ``(len(texts), len(labels))``, encoding ``texts`` with ``encoder``."""
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.calibrate(self.scores(texts, encoder.encode(texts), ctx))

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from raw scores (Platt scaling)."""
        return sigmoid(raw * self.platt_a + self.platt_b).astype(np.float32)

    def save(self, path: str | Path) -> None:
        """Write the head as a reproducible ``.npz`` (same weights, same bytes)."""
        arrays: dict[str, np.ndarray] = {
            "w_emb": self.w_emb.astype(np.float32),
            "w_terms": self.w_terms.astype(np.float16),
            "bias": self.bias.astype(np.float32),
            "platt_a": self.platt_a.astype(np.float32),
            "platt_b": self.platt_b.astype(np.float32),
            "thresholds": self.thresholds.astype(np.float32),
        }
        for i, block in enumerate(self.blocks):
            arrays[f"idf_{i}"] = block.idf.astype(np.float32)
        header: dict[str, Any] = {
            "labels": self.labels,
            "encoder": self.encoder,
            "blocks": [{"analyzer": b.analyzer, "vocab": b.vocab} for b in self.blocks],
            "meta": self.meta,
        }
        if self.context and self.w_ctx is not None:
            arrays["w_ctx"] = self.w_ctx.astype(np.float32)
            header["context"] = self.context
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name in sorted(arrays):
                buf = io.BytesIO()
                np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, buf.getvalue())
            info = zipfile.ZipInfo("header.json", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, json.dumps(header, sort_keys=True, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def load(cls, path: str | Path) -> LinearHead:
        """Read a head written by :meth:`save`; ResourceError when it is missing or damaged."""
        try:
            with zipfile.ZipFile(path) as zf:
                header = json.loads(zf.read("header.json").decode("utf-8"))
                arrays = {
                    n[:-4]: np.lib.format.read_array(io.BytesIO(zf.read(n)), allow_pickle=False)
                    for n in zf.namelist()
                    if n.endswith(".npy")
                }
            head = cls(
                labels=list(header["labels"]),
                encoder=str(header["encoder"]),
                blocks=[
                    TfidfFeatures(b["vocab"], arrays[f"idf_{i}"], b["analyzer"])
                    for i, b in enumerate(header["blocks"])
                ],
                w_emb=arrays["w_emb"].astype(np.float32),
                w_terms=arrays["w_terms"].astype(np.float32),
                bias=arrays["bias"],
                platt_a=arrays["platt_a"],
                platt_b=arrays["platt_b"],
                thresholds=arrays["thresholds"],
                meta=dict(header.get("meta", {})),
                context=[str(c) for c in header.get("context", [])],
                w_ctx=arrays.get("w_ctx"),
            )
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise ResourceError(f"cannot read model weights {path}: {exc}") from exc
        n = len(head.labels)
        shapes = [head.w_emb.shape[1], head.w_terms.shape[1], len(head.bias), len(head.thresholds)]
        if head.context and (head.w_ctx is None or head.w_ctx.shape != (len(head.context), n)):
            shapes.append(-1)
        if any(s != n for s in shapes) or head.w_terms.shape[0] != head.n_terms:
            raise ResourceError(f"model weights {path} have inconsistent shapes; retrain with `empathic train`")
        return head


def weights_path(name: str) -> Path:
    """The packaged weight file ``resources/models/<name>``; ResourceError when missing."""
    node = resources.files("empathic.resources").joinpath("models", name)
    if not node.is_file():
        raise ResourceError(f"packaged model weights models/{name} are missing; reinstall empathic")
    return Path(str(node))


class LazyHeadModel:
    """A model around one :class:`LinearHead`, loaded on first use under a lock.

    Afterwards the object is only read, so one instance serves many threads. Subclasses name
    their weight file in ``WEIGHTS``; ``path`` overrides it (tests, freshly trained weights), else the
    configured heads choose the file (:func:`empathic.models.heads.resolve`: shipped, or a local folder).
    """

    WEIGHTS = ""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = path
        self._head: LinearHead | None = None
        self._record = ""
        self._lock = threading.Lock()

    @property
    def head(self) -> LinearHead:
        """The loaded head (loaded on first access)."""
        if self._head is None:
            with self._lock:
                if self._head is None:
                    self._load()
        assert self._head is not None
        return self._head

    def _load(self) -> None:
        from empathic.models import heads

        if self.path is not None:
            path, source = Path(self.path), "path"
        else:
            path, source = heads.resolve(self.WEIGHTS)
        try:
            head = LinearHead.load(path)
        except ResourceError as exc:
            if source != "local":
                raise
            raise ResourceError(f"{exc}; the local head comes from {heads.HEADS_ENV}={heads.current_spec()!r}: "
                                "rerun `empathic train --corrections STORE` or unset it for the shipped heads") \
                from exc
        self._record = f"{source}:{heads.digest(path)}"
        self._head = head

    @property
    def record(self) -> str:
        """Where the head came from and its content: ``<shipped | local | path>:<16 hex digits of its SHA-256>``."""
        if self._head is None:
            _ = self.head
        return self._record

    def reset(self) -> None:
        """Forget the loaded head: the next use loads it again (after :func:`empathic.models.heads.configure`)."""
        with self._lock:
            self._head = None
            self._record = ""

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Probability of each of the head's labels for each text, ``(len(texts), n_labels)``."""
        head = self.head
        return head.predict_proba(texts, get_encoder(head.encoder))
