"""Languages as folders: which rule pack, lexicons, heads and registry a Coach reads.

A language is a code (``"en"``) and the resource root that holds its folders, one per kind of data:
``registry/<lang>/`` (strategies and pitfalls, :mod:`empathic.catalog`), ``rules/<lang>/`` (the rule
pack), ``lexicons/<lang>/`` (emotion cues, modifiers, cause markers, self-criticism) and ``models/<lang>/``
(the strategy and emotion heads; the encoders they name stay shared in ``models/``). A second language is
a second set of folders: in the package, or under any directory passed as ``root``. A language exists
when its registry folder does.

:class:`~empathic.pipeline.Coach` runs its components with its language made *current* (a context
variable, so threads and async tasks each see their own); the loaders of language data read
:func:`current` and keep one parsed copy per language (:func:`per_language`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from empathic.errors import ResourceError, UnknownLanguageError

T = TypeVar("T")

#: The language of the packaged data, and of every Coach that names none.
DEFAULT_LANGUAGE = "en"
#: The folder whose presence makes a language exist (every language has a registry).
MARKER_KIND = "registry"


def packaged_root() -> Traversable:
    """The package's own resource root (``empathic/resources``)."""
    return resources.files("empathic.resources")


@dataclass(frozen=True, slots=True)
class Language:
    """A language's code and the resource root holding its folders (``<root>/<kind>/<code>/``)."""

    code: str
    root: Traversable
    #: What caches of language data are keyed by: the code and where its folders are (computed once: the
    #: hot look-ups read it on every call).
    key: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.code}@{self.root}")

    def path(self, kind: str, *parts: str) -> Traversable:
        """The node ``<root>/<kind>/<code>/<parts...>`` (it may not exist)."""
        node = self.root.joinpath(kind, self.code)
        for p in parts:
            node = node.joinpath(p)
        return node

    def text(self, kind: str, *parts: str) -> str:
        """The text of one of the language's files; ResourceError naming it when it is missing."""
        node = self.path(kind, *parts)
        try:
            return node.read_text(encoding="utf-8")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise ResourceError(
                f"language {self.code!r} has no {kind}/{self.code}/{'/'.join(parts)} (under {self.root})"
            ) from exc

    def lines(self, kind: str, *parts: str) -> list[str]:
        """Non-blank lines of one of the language's text files, ``#`` comment lines dropped."""
        return [
            line.rstrip("\n")
            for line in self.text(kind, *parts).splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]

    def file(self, kind: str, *parts: str) -> Path:
        """A filesystem path to one of the language's files (weights); ResourceError when it is missing."""
        node = self.path(kind, *parts)
        if not node.is_file():
            raise ResourceError(f"language {self.code!r} has no {kind}/{self.code}/{'/'.join(parts)} "
                                f"(under {self.root}); reinstall empathic or add the file")
        return Path(str(node))


def available(root: Traversable | Path | None = None) -> list[str]:
    """The language codes with a folder under ``root`` (default: the package's), sorted."""
    base = (packaged_root() if root is None else _traversable(root)).joinpath(MARKER_KIND)
    if not base.is_dir():
        return []
    return sorted(n.name for n in base.iterdir() if n.is_dir() and not n.name.startswith(("_", ".")))


def _traversable(root: Traversable | Path | str) -> Traversable:
    return Path(root) if isinstance(root, str | Path) else root


def get_language(code: str = DEFAULT_LANGUAGE, root: Traversable | Path | str | None = None) -> Language:
    """The language ``code`` under ``root`` (default: the package's resources).

    Raises :class:`UnknownLanguageError` naming the languages that exist when ``code`` has no folder.
    """
    if not isinstance(code, str) or not code or "/" in code or "\\" in code or code.startswith("."):
        raise UnknownLanguageError(f"language must be a folder name such as 'en', got {code!r}")
    base = packaged_root() if root is None else _traversable(root)
    if not base.joinpath(MARKER_KIND, code).is_dir():
        known = available(base)
        where = "" if root is None else f" under {root}"
        raise UnknownLanguageError(
            f"unknown language {code!r}{where}: no {MARKER_KIND}/{code}/ folder; "
            f"known: {', '.join(known) or 'none'}"
        )
    return Language(code, base)


_DEFAULT = Language(DEFAULT_LANGUAGE, packaged_root())
_current: ContextVar[Language] = ContextVar("empathic_language", default=_DEFAULT)


def current() -> Language:
    """The language the running analysis reads (the packaged English outside any Coach)."""
    return _current.get()


@contextmanager
def using(language: Language) -> Iterator[Language]:
    """Make ``language`` current for the ``with`` block (what a Coach does around its components)."""
    token = _current.set(language)
    try:
        yield language
    finally:
        _current.reset(token)


def per_language(load: Callable[[Language], T]) -> Callable[[], T]:
    """Wrap ``load(language)`` so it runs once per language and returns that language's copy.

    The loaders of lexicons, heads and registries use it: data parsed once, one copy per language.
    """
    cache: dict[str, T] = {}
    lock = threading.Lock()

    def get() -> T:
        lang = _current.get()
        try:
            return cache[lang.key]
        except KeyError:
            pass
        with lock:
            if lang.key not in cache:
                cache[lang.key] = load(lang)
            return cache[lang.key]

    get.__doc__ = load.__doc__
    get.__name__ = getattr(load, "__name__", "get")
    get.cache = cache  # type: ignore[attr-defined]
    return get
