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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from empathic.errors import ResourceError
from empathic.languages import current
from empathic.models.encoder import Encoder, get_encoder
from empathic.models.features import TfidfFeatures

#: The encoder a head names when none is given (the shipped heads' own).
DEFAULT_ENCODER = "static-minilm-l6"
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

    def decision_function(self, texts: list[str], *, ctx: np.ndarray | None = None,
                          encoder: Encoder | None = None) -> np.ndarray:
        """Raw scores, ``(len(texts), len(labels))``; ``texts`` encoded with the head's encoder (or ``encoder``)."""
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        enc = encoder if encoder is not None else get_encoder(self.encoder)
        return self.scores(texts, enc.encode(texts), ctx)

    def predict_proba(self, texts: list[str], *, ctx: np.ndarray | None = None,
                      encoder: Encoder | None = None) -> np.ndarray:
        """Calibrated probabilities, ``(len(texts), len(labels))`` (scikit-learn's ``predict_proba``)."""
        return self.calibrate(self.decision_function(texts, ctx=ctx, encoder=encoder))

    def predict(self, texts: list[str], *, ctx: np.ndarray | None = None,
                encoder: Encoder | None = None) -> np.ndarray:
        """Which labels each text has, ``(len(texts), len(labels))`` booleans: probability at or above the
        label's threshold, as stored in the head file."""
        return self.predict_proba(texts, ctx=ctx, encoder=encoder) >= self.thresholds

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
    """The current language's weight file ``resources/models/<lang>/<name>``; ResourceError when missing."""
    return current().file("models", name)


class LazyHeadModel:
    """A model around a :class:`LinearHead` per language, each loaded on first use under a lock.

    Afterwards the object is only read, so one instance serves many threads and languages. Subclasses name
    their weight file in ``WEIGHTS``; ``path`` overrides it for every language (tests, freshly trained weights),
    and so does a head set on ``_head``; else the configured heads choose the file
    (:func:`empathic.models.heads.resolve`: a local folder, or the current language's shipped
    ``models/<lang>/<WEIGHTS>``, :mod:`empathic.languages`).
    """

    WEIGHTS = ""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = path
        self._head: LinearHead | None = None
        self._record = ""
        #: language key -> (head, record) of the configured heads
        self._heads: dict[str, tuple[LinearHead, str]] = {}
        self._lock = threading.Lock()

    @property
    def head(self) -> LinearHead:
        """The loaded head (loaded on first access): ``path``'s, else the current language's."""
        if self._head is not None:
            return self._head
        if self.path is not None:
            with self._lock:
                if self._head is None:
                    path = Path(self.path)
                    head = LinearHead.load(path)
                    from empathic.models import heads

                    self._record = f"path:{heads.digest(path)}"
                    self._head = head
            assert self._head is not None
            return self._head
        key = current().key
        got = self._heads.get(key)
        if got is None:
            with self._lock:
                got = self._heads.get(key)
                if got is None:
                    got = self._load()
                    self._heads[key] = got
        return got[0]

    def _load(self) -> tuple[LinearHead, str]:
        from empathic.models import heads

        path, source = heads.resolve(self.WEIGHTS)
        try:
            head = LinearHead.load(path)
        except ResourceError as exc:
            if source != "local":
                raise
            raise ResourceError(f"{exc}; the local head comes from {heads.HEADS_ENV}={heads.current_spec()!r}: "
                                "rerun `empathic train --corrections STORE` or unset it for the shipped heads") \
                from exc
        return head, f"{source}:{heads.digest(path)}"

    @property
    def record(self) -> str:
        """Where the head came from and its content: ``<shipped | local | path>:<16 hex digits of its SHA-256>``."""
        _ = self.head
        if self._head is not None:
            return self._record
        return self._heads[current().key][1]

    def reset(self) -> None:
        """Forget the loaded heads: the next use loads them again (after :func:`empathic.models.heads.configure`)."""
        with self._lock:
            self._head = None
            self._record = ""
            self._heads = {}

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Probability of each of the head's labels for each text, ``(len(texts), n_labels)``."""
        return self.head.predict_proba(texts)


def fit_blocks(texts: Sequence[str], analyzers: Sequence[str]) -> list[TfidfFeatures]:
    """One fitted tf-idf block per analyzer (character n-grams need more support: min_df 5)."""
    return [TfidfFeatures.fit(texts, analyzer=a, min_df=5 if a == "char" else 2) for a in analyzers]


def design_matrix(blocks: Sequence[TfidfFeatures], texts: Sequence[str], emb: np.ndarray,
                  ctx: np.ndarray | None = None) -> Any:
    """The sparse float64 design matrix ``[emb; ctx; block rows...]`` the heads are fitted on."""
    from scipy.sparse import csr_matrix, hstack

    parts = [csr_matrix(emb.astype(np.float64))]
    if ctx is not None:
        parts.append(csr_matrix(ctx.astype(np.float64)))
    for block in blocks:
        data, indices, indptr = block.transform(texts)
        parts.append(csr_matrix((data, indices, indptr), shape=(len(texts), len(block.vocab)), dtype=np.float64))
    return hstack(parts, format="csr")


def fit_logistic(x: Any, y: np.ndarray, c: float, balanced: bool) -> tuple[np.ndarray, float]:
    """One label's logistic regression (lbfgs, no randomness): its coefficients and intercept."""
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():
        # A label with no positives (tiny subsets): a constant, very unlikely score.
        return np.zeros(x.shape[1]), -10.0 if y.max() == 0 else 10.0
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    clf.fit(x, y)
    return clf.coef_[0].copy(), float(clf.intercept_[0])


class LinearHeadClassifier:
    """Fits a :class:`LinearHead` the scikit-learn way: ``fit(X, y)`` returns the estimator, then
    ``decision_function(X)``, ``predict_proba(X)`` and ``predict(X)``; ``head_`` is the fitted head.

    ``X`` is a list of texts; ``y`` a ``(len(X), len(labels))`` 0/1 matrix. The texts' encoder vectors
    (``emb``) and context features (``ctx``, when ``context`` names any) may be passed to ``fit`` and
    ``decision_function`` (they are computed from ``encoder`` otherwise; context features cannot be).
    The head's Platt scaling starts as the identity and its thresholds at 0.5: the training code sets
    both from held-out predictions, and the thresholds are stored in the head file. No Coach is needed.
    """

    def __init__(self, labels: Sequence[str], *, analyzers: Sequence[str] = ("word",), C: float = 1.0,
                 class_weight: str | None = None, encoder: str = DEFAULT_ENCODER,
                 context: Sequence[str] = ()) -> None:
        self.labels = list(labels)
        self.analyzers = tuple(analyzers)
        self.C = C
        self.class_weight = class_weight
        self.encoder = encoder
        self.context = list(context)

    def _inputs(self, texts: Sequence[str], emb: np.ndarray | None,
                ctx: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
        if emb is None:
            emb = get_encoder(self.encoder).encode(list(texts))
        if self.context and ctx is None:
            raise ValueError("this head reads context features; pass ctx")
        return emb, (ctx if self.context else None)

    def fit(self, texts: Sequence[str], y: np.ndarray, *, emb: np.ndarray | None = None,
            ctx: np.ndarray | None = None) -> LinearHeadClassifier:
        """Fit one logistic regression per label on ``[emb; ctx; tf-idf blocks]``; returns ``self``."""
        emb, ctx = self._inputs(texts, emb, ctx)
        self.blocks_ = fit_blocks(texts, self.analyzers)
        x = design_matrix(self.blocks_, texts, emb, ctx)
        balanced = self.class_weight == "balanced"
        self.coefs_ = [fit_logistic(x, y[:, k], self.C, balanced) for k in range(len(self.labels))]
        w = np.stack([c for c, _ in self.coefs_], axis=1).astype(np.float32)
        dim, n_ctx, n = emb.shape[1], (ctx.shape[1] if ctx is not None else 0), len(self.labels)
        self.head_ = LinearHead(
            labels=list(self.labels),
            encoder=self.encoder,
            blocks=self.blocks_,
            context=list(self.context) if n_ctx else [],
            w_ctx=w[dim : dim + n_ctx] if n_ctx else None,
            w_emb=w[:dim],
            w_terms=w[dim + n_ctx :],
            bias=np.array([b for _, b in self.coefs_], dtype=np.float32),
            platt_a=np.ones(n, dtype=np.float32),
            platt_b=np.zeros(n, dtype=np.float32),
            thresholds=np.full(n, 0.5, dtype=np.float32),
        )
        return self

    def decision_function(self, texts: Sequence[str], *, emb: np.ndarray | None = None,
                          ctx: np.ndarray | None = None) -> np.ndarray:
        """Raw float64 scores of the fitted regressions, ``(len(texts), len(labels))`` (before calibration)."""
        emb, ctx = self._inputs(texts, emb, ctx)
        x = design_matrix(self.blocks_, texts, emb, ctx)
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float64)
        for k, (coef, bias) in enumerate(self.coefs_):
            out[:, k] = x @ coef + bias
        return out

    def predict_proba(self, texts: Sequence[str], *, emb: np.ndarray | None = None,
                      ctx: np.ndarray | None = None) -> np.ndarray:
        """The fitted head's calibrated probabilities."""
        emb, ctx = self._inputs(texts, emb, ctx)
        return self.head_.calibrate(self.head_.scores(list(texts), emb, ctx))

    def predict(self, texts: Sequence[str], *, emb: np.ndarray | None = None,
                ctx: np.ndarray | None = None) -> np.ndarray:
        """Labels at or above the fitted head's thresholds."""
        return self.predict_proba(texts, emb=emb, ctx=ctx) >= self.head_.thresholds
