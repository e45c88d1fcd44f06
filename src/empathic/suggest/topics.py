"""The problem a customer writes about, as a noun phrase in their own terms ("a parcel running late"), for
normalizing suggestions about this problem rather than a stock line about feelings.

The topics, their cues and examples are data (``resources/suggest/topics.toml``); this module loads and applies
them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from empathic.errors import ResourceError
from empathic.perspective import clean_message, fix_articles
from empathic.resources import resource_text


@dataclass(frozen=True, slots=True)
class Topic:
    """One kind of problem (see topics.toml for what each field means)."""

    id: str
    cues: tuple[re.Pattern[str], ...]
    phrase: str
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]
    #: False: never called common by a normalizing line (topics.toml ``common``)
    common: bool = True

    def phrase_for(self, text: str) -> str | None:
        """The topic's phrase for the customer's message ``text``, or None when no cue matches it."""
        for cue in self.cues:
            m = cue.search(text)
            if m is None:
                continue
            thing = m.groupdict().get("thing") or ""
            thing = thing if thing.isupper() and len(thing) > 1 else thing.lower()  # "TV" stays, "Parcel" -> "parcel"
            if "{thing}" in self.phrase and not thing:
                continue
            return fix_articles(self.phrase.replace("{thing}", thing))
        return None


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """Every topic, in the order they are tried (the most specific first)."""
    data = tomllib.loads(resource_text("suggest", "topics.toml"))
    out: list[Topic] = []
    for tid, table in data.items():
        if not isinstance(table, dict):
            continue
        try:
            cues = tuple(re.compile(p, re.IGNORECASE) for p in table.get("cues", []))
        except re.error as exc:
            raise ResourceError(f"topics.toml [{tid}]: a cue is not a valid regex: {exc}") from exc
        phrase = table.get("phrase", "")
        if not phrase or not cues:
            raise ResourceError(f"topics.toml [{tid}] needs cues and a phrase")
        examples = table.get("examples", {})
        out.append(Topic(tid, cues, phrase, tuple(examples.get("match", [])), tuple(examples.get("no_match", [])),
                         common=bool(table.get("common", True))))
    return tuple(out)


def matched_topic(text: str) -> tuple[Topic, str] | None:
    """The first topic whose cue matches the customer's message ``text``, with its phrase; None when none does."""
    plain = clean_message(text)
    return next(((t, p) for t in topics() if (p := t.phrase_for(plain))), None)


def problem_phrase(text: str) -> str:
    """The problem the customer's message ``text`` is about, as a noun phrase ("a double charge"), or ""."""
    found = matched_topic(text)
    return found[1] if found else ""
