"""Dismissive statements the analyzer does not flag (a flat verdict, a shrug, a rule quoted as the last word), which a
rewrite removes or says more kindly. The statements are data: ``resources/suggest/dismissive.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from empathic.errors import ResourceError
from empathic.resources import resource_text


@dataclass(frozen=True, slots=True)
class DismissiveStatement:
    """One kind of dismissive sentence and what a rewrite does with it."""

    id: str
    why: str
    pattern: re.Pattern[str]
    replace: str | None
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]

    def mend(self, sentence: str) -> str | None:
        """What ``sentence`` becomes when it is this kind of statement: the kinder sentence, or "" to remove it;
        None when it is not one."""
        m = self.pattern.fullmatch(sentence.strip())
        if m is None:
            return None
        if self.replace is None:
            return ""
        return re.sub(r"\{(\d)\}", lambda g: (m.group(int(g.group(1))) or "").lower(), self.replace)


@lru_cache(maxsize=1)
def dismissive_statements() -> tuple[DismissiveStatement, ...]:
    """Every statement kind in dismissive.toml."""
    data = tomllib.loads(resource_text("suggest", "dismissive.toml"))
    out = []
    for sid, table in data.items():
        try:
            pattern = re.compile(rf"(?:{table['pattern']})\s*[.!]*", re.IGNORECASE)
        except (KeyError, re.error) as exc:
            raise ResourceError(f"dismissive.toml [{sid}]: the pattern is missing or not a valid regex: {exc}") \
                from exc
        examples = table.get("examples", {})
        out.append(DismissiveStatement(sid, table.get("why", ""), pattern, table.get("replace"),
                                       tuple(examples.get("match", [])), tuple(examples.get("no_match", []))))
    return tuple(out)


def mend_dismissive(sentence: str) -> tuple[str, str] | None:
    """``(statement id, what the sentence becomes: "" to remove it)`` when ``sentence`` is a dismissive statement."""
    for statement in dismissive_statements():
        mended = statement.mend(sentence)
        if mended is not None:
            return statement.id, mended
    return None
