"""Self-criticism in the customer's message (component ``listen.self_criticism``).

A customer is self-critical when they blame or belittle themselves ("I'm such an idiot",
"my fault, I'm hopeless with tech", "is that stupid?", "ashamed to even ask"), judge their
life or worth ("I feel like a failure", "I'm to blame", "what's wrong with me"), or feel bad
about a slip of their own ("I accidentally deleted the folder, I feel terrible"). Blaming
the product while embarrassed is not ("I look like a fool in front of my client because
your app crashed"), nor is a denied or reported judgement ("it's not my fault", "your
agent talked to me like I'm stupid"). Feeling foolish ("I felt ridiculous standing there")
is embarrassment, not self-blame, when the message puts the failure on the business in any
sentence ("you had no record of our booking") and the customer owns no slip of their own. The patterns live in
``resources/lexicons/self_criticism.tsv``, loaded once, lazily, under a lock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from empathic.components import component
from empathic.errors import ResourceError
from empathic.evidence import row_id
from empathic.facts.text import customer_facts
from empathic.languages import Language, per_language
from empathic.listen.lexicon import required_literals
from empathic.segment import sentences
from empathic.textio import straighten
from empathic.types import Analysis, Evidence, MessageFacts, Span, SpanIndex

_KINDS = ("self", "other", "denial", "guilt", "mishap", "felt", "fault", "end")

#: A clause end further than this many characters after a match is not looked for: the match stays as it is.
CLAUSE_REACH = 80

#: A compiled pattern with the literals (lower case) one of which every match contains, or None.
_Rule = tuple[re.Pattern[str], tuple[str, ...] | None]

# Characters whose case-insensitive matches are exactly their lower-case forms: ASCII, plus typographic
# marks that have no case. Other letters can fold across scripts (the long s matches "s"), where a
# lower-cased substring test would not be exact, so such texts skip the prefilter.
_NOT_SIMPLE_CASE = re.compile(r"[^\x00-\x7f‘’“”–—…£€]")


@dataclass(frozen=True, slots=True)
class _Patterns:
    self_blame: tuple[_Rule, ...]
    other_blame: tuple[_Rule, ...]
    denial: tuple[_Rule, ...]
    guilt: tuple[_Rule, ...]
    mishap: tuple[_Rule, ...]
    felt: tuple[_Rule, ...]
    fault: tuple[_Rule, ...]
    clause_end: re.Pattern[str] | None


@per_language
def _load(lang: Language) -> _Patterns:
    """The self-criticism patterns of a language, compiled once."""
    groups: dict[str, list[_Rule]] = {k: [] for k in _KINDS}
    for n, line in enumerate(lang.lines("lexicons", "self_criticism.tsv"), 1):
        kind, _, source = line.partition("\t")
        kind = kind.strip()
        if kind not in groups or not source.strip():
            raise ResourceError(f"self_criticism.tsv row {n}: expected '{'|'.join(_KINDS)}<TAB>regex'")
        try:
            pattern = re.compile(source.strip(), re.IGNORECASE)
        except re.error as exc:
            raise ResourceError(f"self_criticism.tsv row {n}: bad regex: {exc}") from exc
        needed = required_literals(pattern.pattern)
        if needed is not None and any(_NOT_SIMPLE_CASE.search(t) for t in needed):
            needed = None
        groups[kind].append((pattern, needed))
    return _Patterns(
        tuple(groups["self"]),
        tuple(groups["other"]),
        tuple(groups["denial"]),
        tuple(groups["guilt"]),
        tuple(groups["mishap"]),
        tuple(groups["felt"]),
        tuple(groups["fault"]),
        _one_pattern(groups["end"]),
    )


def _one_pattern(rules: list[_Rule]) -> re.Pattern[str] | None:
    """The ``end`` rows as one alternation (the earliest clause end wins), or None without any."""
    if not rules:
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in rules), re.IGNORECASE)


def _clause_end(chunk: str, end: int, pattern: re.Pattern[str] | None) -> int:
    """Where the clause of a self-criticism match ending at ``end`` ends (``end`` itself when it cannot tell).

    A match is the judgement's head ("I'm hopeless with"); what follows up to the next punctuation,
    joining word or new subject is the rest of the judgement ("tech"). Only ``CLAUSE_REACH``
    characters are looked at, so a run-on sentence keeps the match as it is.
    """
    if pattern is None:
        return end
    limit = min(len(chunk), end + CLAUSE_REACH)
    m = pattern.search(chunk, end, limit)
    if m is None:
        return end if limit < len(chunk) else len(chunk)
    return m.start()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ".,!?;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _possible(rules: tuple[_Rule, ...], low: str | None) -> tuple[_Rule, ...]:
    """The rules that can match a text whose simple lower-cased form is ``low`` (all when ``low`` is None)."""
    if low is None:
        return rules
    return tuple(r for r in rules if r[1] is None or any(t in low for t in r[1]))


def find_self_criticism(text: str, sentence_spans: list[Span] | None = None) -> list[Span]:
    """Spans of ``text`` where the customer blames or belittles themselves, in text order.

    Each span's text equals ``text[span.start:span.end]``. A sentence that puts the blame
    on someone else ("... because your app crashed") yields nothing, and neither does a
    denied judgement ("I'm not stupid", "not my fault").
    """
    if not text:
        return []
    return _find(text, tuple(sentence_spans if sentence_spans is not None else sentences(text)))


def customer_self_criticism(said: MessageFacts, sentence_spans: list[Span]) -> tuple[Span, ...]:
    """:func:`find_self_criticism` of the customer's message (its facts; ``sentence_spans``: its sentences), read on
    first use and kept in its facts: the emotion reading (embarrassment) and this component read the same spans."""
    if said.self_criticism is None:
        said.self_criticism = tuple(find_self_criticism(said.text, sentence_spans or None))
    return said.self_criticism


def _find(text: str, sents: tuple[Span, ...]) -> list[Span]:
    pats = _load()
    norm = straighten(text)
    # a rule none of whose required literals occur anywhere in the text cannot match: skip its regex
    low = None if _NOT_SIMPLE_CASE.search(norm) else norm.lower()
    mishap = _possible(pats.mishap, low)
    slipped = any(p.search(norm) for p, _ in mishap)
    # "I feel terrible" is self-blame only when the customer also owns a slip ("I accidentally deleted ...")
    blame_rules = _possible(pats.self_blame, low)
    if pats.guilt and slipped:
        blame_rules = blame_rules + _possible(pats.guilt, low)
    other_blame = _possible(pats.other_blame, low)
    denial = _possible(pats.denial, low)
    felt = _possible(pats.felt, low)
    if not felt:
        return _scan(norm, low, text, sents, blame_rules, other_blame, denial)
    # Feeling foolish is self-blame unless the business's failure caused it: LABELS.md's "I look like a
    # fool in front of my client because your app crashed" is embarrassment, and so it is when the failure
    # is told in another sentence. A slip the customer owns keeps it self-blame.
    if not any(p.search(norm) for p, _ in _possible(pats.fault, low)) or slipped:
        return _scan(norm, low, text, sents, blame_rules + felt, other_blame, denial)
    foolish = _scan(norm, low, text, sents, felt, other_blame, denial)
    # a self-blame pattern inside the feeling ("... like a complete fool.") is that same feeling
    hard = [s for s in _scan(norm, low, text, sents, blame_rules, other_blame, denial) if not _inside_any(s, foolish)]
    if hard:
        return _scan(norm, low, text, sents, blame_rules + felt, other_blame, denial)
    return []


def _inside_any(span: Span, others: list[Span]) -> bool:
    """True when ``span`` overlaps one of ``others``."""
    return any(span.overlaps(o) for o in others)


def _scan(
    norm: str,
    low: str | None,
    text: str,
    sents: tuple[Span, ...],
    blame_rules: tuple[_Rule, ...],
    other_blame: tuple[_Rule, ...],
    denial: tuple[_Rule, ...],
) -> list[Span]:
    """Spans of ``blame_rules`` matches, sentence by sentence, minus blamed-elsewhere and denied ones.

    Each span runs from its match to the end of the match's clause.
    """
    clause_end = _load().clause_end
    out: list[Span] = []
    for sent in sents:
        chunk = norm[sent.start : sent.end]
        # lower() keeps the length of simple-case text, so the sentence's slice of ``low`` lines up
        chunk_low = None if low is None else low[sent.start : sent.end]
        if any(p.search(chunk) for p, _ in _possible(other_blame, chunk_low)):
            continue
        denials = [(m.start(), m.end()) for p, _ in _possible(denial, chunk_low) for m in p.finditer(chunk)]
        found: list[tuple[int, int]] = []
        for p, _ in _possible(blame_rules, chunk_low):
            for m in p.finditer(chunk):
                s, e = _trim(chunk, m.start(), m.end())
                if s >= e or any(ds < e and s < de for ds, de in denials):
                    continue
                s, e = _trim(chunk, s, _clause_end(chunk, e, clause_end))
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


def self_criticism_evidence(text: str, spans: list[Span]) -> list[Evidence]:
    """Evidence for self-criticism ``spans`` of ``text``: the self_criticism.tsv rows whose match lies in each.

    Read back after :func:`find_self_criticism` (rare, so the scan itself stays lean): a row counts
    when one of its matches overlaps a span. Ids are ``self_criticism:<kind>:<pattern>`` (shortened).
    """
    if not spans:
        return []
    pats = _load()
    norm = straighten(text)
    # each row's matches are found once and indexed: a long message with many self-critical spans
    # re-read the whole message for every span and row
    rows = [
        (kind, p, SpanIndex(Span(m.start(), m.end(), "") for m in p.finditer(norm, 0, len(norm))))
        for kind, rules in (("self", pats.self_blame), ("guilt", pats.guilt), ("felt", pats.felt))
        for p, _ in rules
    ]
    out: list[Evidence] = []
    for span in spans:
        for kind, p, matches in rows:
            if matches.overlaps(span):
                out.append(Evidence("rule", row_id(f"self_criticism:{kind}", p.pattern), None,
                                    (span.start, span.end)))
    return out


@component(
    "listen.self_criticism",
    requires=("customer_sentences",),
    assigns=("customer.self_critical", "customer.self_criticism"),
)
def self_criticism(analysis: Analysis) -> Analysis:
    """Find where the customer blames or belittles themselves."""
    spans = list(customer_self_criticism(customer_facts(analysis), analysis.customer_sentences))
    analysis.customer.self_criticism = spans
    analysis.customer.self_critical = bool(spans)
    return analysis
