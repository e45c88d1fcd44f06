"""Which learned heads the analyzer uses: the shipped ones, or a team's local heads.

``empathic train --corrections STORE`` refits the strategy head with a team's reviewed corrections and
writes it to a folder of its own (default ``<data folder>/heads``, the data folder being ``$EMPATHIC_HOME`` or
``~/.local/share/empathic``); the shipped weights in the package never change. The analyzer uses that
folder when ``EMPATHIC_HEADS`` (or ``--heads`` of ``analyze``, ``score`` and ``serve``, or
:func:`configure`) says so:

- unset, empty or ``shipped``: the packaged heads;
- ``local``: the folder ``<data folder>/heads``;
- anything else: a folder path.

A head file the folder does not hold (``emotion_head.npz`` after a strategy-only refit) is the shipped one; the
local emotion layer (``emotion_local.json``, :mod:`empathic.models.emotion_local`) exists only in a local folder,
and without it the emotions are the shipped reading's. The choice is process-wide, like the default models it
selects, and :func:`configure` also writes the environment variable so worker processes started afterwards (``score
--workers``) inherit it. Every analysis records the heads that produced it (``Analysis.heads``: head id ->
``source:hash``), so a stored analysis says whether the shipped or a local head made it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from empathic.errors import ResourceError

#: Environment variable naming the heads to use (see the module docstring).
HEADS_ENV = "EMPATHIC_HEADS"
#: Folder under the data folder that ``local`` means.
LOCAL_DIR = "heads"
#: The head files a local folder may hold.
HEAD_FILES: tuple[str, ...] = ("strategy_head.npz", "emotion_head.npz", "emotion_local.json")
#: What ``train --corrections`` writes beside the heads: data, seed and before/after numbers.
MANIFEST = "heads.json"
#: Hex digits of the content hash recorded per head (64 bits: enough to tell two files apart).
DIGEST_CHARS = 16

_override: str | None = None


def current_spec() -> str:
    """The configured heads: :func:`configure`'s value, else ``$EMPATHIC_HEADS``, else '' (shipped)."""
    if _override is not None:
        return _override
    return os.environ.get(HEADS_ENV, "").strip()


def local_dir(spec: str | None = None) -> Path | None:
    """The folder ``spec`` names (default: the configured one), or None for the shipped heads."""
    from empathic.store.url import data_home

    spec = current_spec() if spec is None else spec.strip()
    if spec in ("", "shipped"):
        return None
    if spec == "local":
        return data_home() / LOCAL_DIR
    return Path(spec).expanduser()


def check_dir(folder: Path, spec: str) -> None:
    """ResourceError, saying what to do, unless ``folder`` exists and holds at least one head file."""
    hint = (f"run `empathic train --corrections STORE` to write local heads there, or unset {HEADS_ENV} "
            "to use the shipped heads")
    if not folder.is_dir():
        raise ResourceError(f"{HEADS_ENV}={spec!r}: the local heads folder {folder} does not exist; {hint}")
    if not any((folder / name).is_file() for name in HEAD_FILES):
        raise ResourceError(f"{HEADS_ENV}={spec!r}: the local heads folder {folder} holds no head file "
                            f"({', '.join(HEAD_FILES)}); {hint}")


def resolve(weights: str) -> tuple[Path, str]:
    """The file of head ``weights`` (``strategy_head.npz``) under the configured heads, and its source.

    The source is ``local`` for a file of the local folder, ``shipped`` for the packaged one.
    ResourceError when a configured local folder is missing or holds no head at all.
    """
    from empathic.models.linear import weights_path

    spec = current_spec()
    folder = local_dir(spec)
    if folder is None:
        return weights_path(weights), "shipped"
    check_dir(folder, spec)
    path = folder / weights
    if path.is_file():
        return path, "local"
    return weights_path(weights), "shipped"


def digest(path: Path) -> str:
    """The first :data:`DIGEST_CHARS` hex digits of the file's SHA-256."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_CHARS]
    except OSError as exc:
        raise ResourceError(f"cannot read model weights {path}: {exc}") from exc


def configure(spec: str | None) -> None:
    """Use the heads ``spec`` names in this process and in processes it starts afterwards.

    ``None`` goes back to ``$EMPATHIC_HEADS`` as the process found it. The default models reload
    on their next use; a local folder is checked now (ResourceError when unusable).
    """
    global _override
    if spec is not None:
        spec = spec.strip()
        folder = local_dir(spec)
        if folder is not None:
            check_dir(folder, spec)
        os.environ[HEADS_ENV] = spec or "shipped"
    _override = spec
    reset_defaults()


@contextmanager
def using(spec: str) -> Iterator[None]:
    """Use the heads ``spec`` names inside the ``with`` block, then go back to the previous choice."""
    global _override
    saved_override, saved_env = _override, os.environ.get(HEADS_ENV)
    configure(spec)
    try:
        yield
    finally:
        _override = saved_override
        if saved_env is None:
            os.environ.pop(HEADS_ENV, None)
        else:
            os.environ[HEADS_ENV] = saved_env
        reset_defaults()


def reset_defaults() -> None:
    """Make the default strategy and emotion models load their heads again on next use."""
    from empathic.models import emotion_local, emotions, strategy

    strategy.default_model().reset()
    emotions.default_model().reset()
    emotion_local.reset()


def in_use() -> dict[str, str]:
    """Load the default heads now and return their records (head id -> ``source:hash``).

    ``serve`` and ``score`` call this before they start, so a bad local head file is one clear error
    at start-up rather than a failure per request or per conversation.
    """
    from empathic.models import emotion_local, emotions, strategy

    out: dict[str, str] = {}
    for model, head_id in ((strategy.default_model(), strategy.HEAD_ID), (emotions.default_model(), emotions.HEAD_ID)):
        out[head_id] = model.record
    layer = emotion_local.current_layer()
    if layer is not None:
        out[emotion_local.HEAD_ID] = layer[1]
    return out
