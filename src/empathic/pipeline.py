"""Component registry and the :class:`Coach`, the configured pipeline.

A component is a function ``Analysis -> Analysis`` registered under a name with the
attributes it reads (``requires``) and writes (``assigns``). A :class:`Coach` is built
from a list of names, checks that each component's requirements are assigned by an
earlier one, and runs them in order. Built-in components register through the same
decorator that plug-ins use (entry-point group ``empathic.components``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from importlib import metadata
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, get_type_hints

from empathic.catalog import check_same_names, default_registry
from empathic.catalog import registry as language_registry
from empathic.components import ComponentInfo, registered_components
from empathic.errors import (
    ConfigError,
    EmptyTextError,
    InputError,
    TextTooLongError,
    UnknownComponentError,
    WorkBudgetError,
)
from empathic.languages import DEFAULT_LANGUAGE, get_language, using
from empathic.textio import check_text, decode_bytes
from empathic.types import Analysis, Exchange, Turn

#: Default limit on any one text, in characters (configurable per Coach).
DEFAULT_MAX_CHARS = 20_000
#: The work budget: the longest text one analysis takes, whatever limit is configured. Analysis time
#: grows linearly with the text (sentences longer than ``segment.MAX_SENTENCE_CHARS`` are read in
#: windows), so this bounds the time of one request (see README, Speed and memory).
MAX_CHARS_BUDGET = 100_000


_LOADED = threading.Lock()
_loaded = False


def _load_builtins() -> None:
    """Import the modules that register the built-in components, then plug-ins, once."""
    global _loaded
    with _LOADED:
        if _loaded:
            return
        from empathic import checks, listen, models, scoring, segment, strategies  # noqa: F401
        from empathic.facts import sentences  # noqa: F401

        for ep in metadata.entry_points(group="empathic.components"):
            ep.load()
        _loaded = True


def registry() -> dict[str, ComponentInfo]:
    """All registered components by name (built-ins and plug-ins)."""
    _load_builtins()
    return registered_components()


#: The default pipeline, in order.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "segment",
    "listen.emotions",
    "listen.emotion_model",
    "listen.emotion_local",
    "listen.causes",
    "listen.self_criticism",
    "detect.relating_experience",
    "detect.reflecting_emotion",
    "detect.normalizing",
    "detect.model",
    "detect.resolve",
    "check.pitfalls",
    "score",
)


def validate_text(text: Any, *, field: str, max_chars: int = DEFAULT_MAX_CHARS, allow_empty: bool = False) -> str:
    """Return ``text`` if it is a usable message, else raise an :class:`InputError` naming ``field``."""
    if isinstance(text, bytes | bytearray):
        text = decode_bytes(bytes(text), what=field)
    if not isinstance(text, str):
        raise InputError(f"{field} must be a string, got {type(text).__name__}")
    if len(text) > MAX_CHARS_BUDGET and max_chars > MAX_CHARS_BUDGET:
        raise WorkBudgetError(
            f"{field} is {len(text):,} characters; one analysis takes at most {MAX_CHARS_BUDGET:,} "
            "(the work budget), whatever limit is configured"
        )
    if len(text) > max_chars:
        raise TextTooLongError(f"{field} is {len(text):,} characters; the limit is {max_chars:,}")
    check_text(text, what=field)
    if not text.strip():
        if allow_empty:
            return text
        raise EmptyTextError(f"{field} is empty")
    return text


class Coach:
    """A configured pipeline. Thread-safe: components keep no per-call state.

    ``lang`` selects the language: its registry, rule pack, lexicons and heads, each a folder
    ``<kind>/<lang>/`` of the package's resources, or of ``lang_root`` when given (a language kept
    outside the package). An unknown language is an :class:`~empathic.errors.UnknownLanguageError`.

    >>> coach = Coach()
    >>> analysis = coach.analyze("I was charged twice!", "It's frustrating to be charged twice.")
    """

    def __init__(
        self,
        pipeline: Sequence[str] | None = None,
        *,
        max_chars: int = DEFAULT_MAX_CHARS,
        lang: str = DEFAULT_LANGUAGE,
        lang_root: Traversable | Path | str | None = None,
    ) -> None:
        self.pipeline = tuple(pipeline) if pipeline is not None else DEFAULT_PIPELINE
        self.max_chars = max_chars
        self.language = get_language(lang, lang_root)
        with using(self.language):
            # the labels are the schema's: a language names the same strategies and pitfalls
            check_same_names(language_registry(), default_registry())
        if max_chars < 1:
            raise ConfigError("max_chars must be a positive number of characters")
        if max_chars > MAX_CHARS_BUDGET:
            raise ConfigError(
                f"max_chars is {max_chars:,}; one analysis takes at most {MAX_CHARS_BUDGET:,} characters a text "
                "(the work budget)"
            )
        known = registry()
        missing = [n for n in self.pipeline if n not in known]
        if missing:
            raise UnknownComponentError(
                f"unknown component(s) {', '.join(missing)}; known: {', '.join(sorted(known))}"
            )
        self._components = [known[n] for n in self.pipeline]
        self._check_order()

    def _check_order(self) -> None:
        """Every name a component requires or assigns is a real Analysis attribute, and each requirement is
        assigned by an earlier component (the attribute itself, a parent of it, or every part of it)."""
        paths = analysis_attributes()
        assigned: set[str] = {"exchange"}
        for info in self._components:
            unknown = [n for n in (*info.requires, *info.assigns) if n not in paths]
            if unknown:
                raise ConfigError(
                    f"component {info.name!r} names {', '.join(map(repr, unknown))}, which "
                    f"{'is not an attribute' if len(unknown) == 1 else 'are not attributes'} of Analysis"
                )
            missing = [r for r in info.requires if not _assigned(r, assigned, paths)]
            if missing:
                who = sorted({c.name for c in registered_components().values()
                              if any(_covers(a, r, paths) for a in c.assigns for r in missing)})
                raise ConfigError(
                    f"component {info.name!r} requires {', '.join(map(repr, missing))}, which no earlier "
                    f"component assigns" + (f" (add {' or '.join(who)} before it)" if who else "")
                )
            assigned.update(info.assigns)

    def __call__(self, exchange: Exchange) -> Analysis:
        """Analyse one exchange (see :meth:`run`)."""
        return self.run(exchange)

    def run(self, exchange: Exchange) -> Analysis:
        """Validate the exchange's texts and run every component on a fresh Analysis."""
        customer = validate_text(exchange.customer, field="customer message", max_chars=self.max_chars)
        reply = exchange.reply
        if reply is not None:
            reply = validate_text(reply, field="reply", max_chars=self.max_chars, allow_empty=True)
            if not reply.strip():
                reply = None
        for i, turn in enumerate(exchange.context):
            # earlier turns are read too (listen/context.py): the same limits apply to them
            validate_text(turn.text, field=f"context turn {i + 1}", max_chars=self.max_chars, allow_empty=True)
        if customer is not exchange.customer or reply is not exchange.reply:
            exchange = Exchange(customer=customer, reply=reply, context=exchange.context, id=exchange.id)
        analysis = Analysis(exchange=exchange, language=self.language.code)
        # the components' data loaders read the current language (empathic.languages)
        with using(self.language):
            for info in self._components:
                analysis = info.func(analysis)
                analysis.components.append(info.name)
        return analysis

    def analyze(
        self, customer: str, reply: str | None = None, *, id: str | None = None, context: Iterable[Turn] = ()
    ) -> Analysis:
        """Analyse a customer's message and (optionally) the agent's reply.

        ``context`` holds the conversation's earlier turns, oldest first: feelings the customer
        showed before and never closed still call for empathy, and a plain follow-up after the
        problem is solved calls for none (see scoring.py).
        """
        turns = tuple(context)
        for i, t in enumerate(turns):
            if not isinstance(t, Turn):
                raise InputError(f"context[{i}] must be a Turn, got {type(t).__name__}")
        return self.run(Exchange(customer=customer, reply=reply, context=turns, id=id))

    def pipe(self, exchanges: Iterable[Exchange]) -> Iterable[Analysis]:
        """Analyse a stream of exchanges lazily, in order."""
        for ex in exchanges:
            yield self.run(ex)


def analysis_attributes() -> frozenset[str]:
    """The names components may require or assign: every Analysis field, and the fields of those that are
    dataclasses themselves (``customer.self_critical``, ``exchange.reply``)."""
    hints = get_type_hints(Analysis)
    out: set[str] = set()
    for f in fields(Analysis):
        out.add(f.name)
        kind = hints.get(f.name)
        if is_dataclass(kind):
            out.update(f"{f.name}.{g.name}" for g in fields(kind))
    return frozenset(out)


def _assigned(name: str, assigned: set[str], paths: frozenset[str]) -> bool:
    """True when ``name`` itself, a parent of it, or every part of it has been assigned."""
    parts = name.split(".")
    if any(".".join(parts[:i]) in assigned for i in range(1, len(parts) + 1)):
        return True
    children = [p for p in paths if p.startswith(name + ".")]
    return bool(children) and all(_assigned(c, assigned, paths) for c in children)


def _covers(assigns: str, name: str, paths: frozenset[str]) -> bool:
    """True when assigning ``assigns`` sets ``name`` or part of it."""
    return assigns == name or name.startswith(assigns + ".") or assigns.startswith(name + ".")


_default: Coach | None = None
_default_lock = threading.Lock()


def default_coach() -> Coach:
    """The shared default Coach, built on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Coach()
    return _default


def analyze(
    customer: str, reply: str | None = None, *, id: str | None = None, context: Iterable[Turn] = ()
) -> Analysis:
    """Analyse ``reply`` as an answer to ``customer`` with the default pipeline (``context``: earlier turns)."""
    return default_coach().analyze(customer, reply, id=id, context=context)
