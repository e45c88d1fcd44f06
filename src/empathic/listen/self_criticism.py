"""Self-criticism in the customer's message (component ``listen.self_criticism``).

A customer is self-critical when they blame or belittle themselves ("I'm such an idiot",
"my fault, I'm hopeless with tech", "is that stupid?", "ashamed to even ask"), or feel bad
about a slip of their own ("I accidentally deleted the folder, I feel terrible"). Blaming
the product while embarrassed is not ("I look like a fool in front of my client because
your app crashed"), nor is a denied or reported judgement ("it's not my fault", "your
agent talked to me like I'm stupid"). The patterns live in
``resources/lexicons/self_criticism.tsv``, loaded once, lazily, under a lock.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from empathic.errors import ResourceError
from empathic.listen.lexicon import normalize
from empathic.pipeline import component
from empathic.resources import resource_lines
from empathic.segment import sentences
from empathic.types import Analysis, Span

_KINDS = ("self", "other", "denial", "guilt", "mishap")


@dataclass(frozen=True, slots=True)
class _Patterns:
    self_blame: tuple[re.Pattern[str], ...]
    other_blame: tuple[re.Pattern[str], ...]
    denial: tuple[re.Pattern[str], ...]
    guilt: tuple[re.Pattern[str], ...]
    mishap: tuple[re.Pattern[str], ...]


_lock = threading.Lock()
_cached: _Patterns | None = None


def _load() -> _Patterns:
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                groups: dict[str, list[re.Pattern[str]]] = {k: [] for k in _KINDS}
                for n, line in enumerate(resource_lines("lexicons", "self_criticism.tsv"), 1):
                    kind, _, source = line.partition("\t")
                    kind = kind.strip()
                    if kind not in groups or not source.strip():
                        raise ResourceError(f"self_criticism.tsv row {n}: expected '{'|'.join(_KINDS)}<TAB>regex'")
                    try:
                        groups[kind].append(re.compile(source.strip(), re.IGNORECASE))
                    except re.error as exc:
                        raise ResourceError(f"self_criticism.tsv row {n}: bad regex: {exc}") from exc
                _cached = _Patterns(
                    tuple(groups["self"]),
                    tuple(groups["other"]),
                    tuple(groups["denial"]),
                    tuple(groups["guilt"]),
                    tuple(groups["mishap"]),
                )
    return _cached


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ".,!?;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def find_self_criticism(text: str, sentence_spans: list[Span] | None = None) -> list[Span]:
    """Spans of ``text`` where the customer blames or belittles themselves, in text order.

    Each span's text equals ``text[span.start:span.end]``. A sentence that puts the blame
    on someone else ("... because your app crashed") yields nothing, and neither does a
    denied judgement ("I'm not stupid", "not my fault").
    """
    if not text:
        return []
    pats = _load()
    norm = normalize(text)
    # "I feel terrible" is self-blame only when the customer also owns a slip ("I accidentally deleted ...")
    blame_patterns = pats.self_blame
    if pats.guilt and any(p.search(norm) for p in pats.mishap):
        blame_patterns = blame_patterns + pats.guilt
    out: list[Span] = []
    for sent in sentence_spans if sentence_spans is not None else sentences(text):
        chunk = norm[sent.start : sent.end]
        if any(p.search(chunk) for p in pats.other_blame):
            continue
        denials = [(m.start(), m.end()) for p in pats.denial for m in p.finditer(chunk)]
        found: list[tuple[int, int]] = []
        for p in blame_patterns:
            for m in p.finditer(chunk):
                s, e = _trim(chunk, m.start(), m.end())
                if s >= e or any(ds < e and s < de for ds, de in denials):
                    continue
                found.append((s, e))
        # merge overlapping matches into one span each
        found.sort()
        merged: list[list[int]] = []
        for s, e in found:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        out.extend(Span.of(text, sent.start + s, sent.start + e) for s, e in merged)
    return out


@component(
    "listen.self_criticism",
    requires=("customer_sentences",),
    assigns=("customer.self_critical", "customer.self_criticism"),
)
def self_criticism(analysis: Analysis) -> Analysis:
    """Find where the customer blames or belittles themselves."""
    spans = find_self_criticism(analysis.exchange.customer, analysis.customer_sentences or None)
    analysis.customer.self_criticism = spans
    analysis.customer.self_critical = bool(spans)
    return analysis
