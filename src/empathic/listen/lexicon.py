"""The project's emotion lexicon: cue patterns -> taxonomy labels, with negation, intensifiers and contrast.

The data lives in ``resources/lexicons/<lang>/emotion_cues.tsv`` (feeling words and phrases, in its
small phrase syntax), the rules of the rule pack's ``rules/<lang>/cues.toml`` (the cues written as
regexes: situations, typography, emoji, irony; each with examples, read by :func:`empathic.rules.load_rule_pack`)
and ``modifiers.tsv`` (negators, intensifiers, diminishers, contrast words); all are written by the
project, see the PROVENANCE.md files beside them. They are parsed once, lazily, under a lock.

Two public entry points serve other components:

* :func:`find_emotion_words` finds the words in any text (an agent's reply, typically)
  that *name* a feeling ("frustrating", "worried", "fuming", "nightmare"), skipping
  negated ones ("not worried", "no need to worry", "don't worry").
* :func:`emotion_of_word` / :func:`emotions_of_word` map one word or phrase to its
  taxonomy label(s).

:func:`find_cues` is the richer form used on the customer's message: every cue (feeling
words, customer-service situations like "charged twice", typography like "!!", ironic
praise like "Oh great."), each with its labels, weight multiplier and negation flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from empathic.errors import ResourceError
from empathic.languages import Language, current, per_language
from empathic.rules import CUE_FILES, Rule, load_rule_pack
from empathic.textio import straighten
from empathic.types import EMOTIONS, Span

#: Kinds of cues (rows of emotion_cues.tsv, rules of cues.toml).
CUE_KINDS: tuple[str, ...] = ("feeling", "cue", "style", "irony")
# Kinds that stack on top of word cues: they never hide a word cue nor are hidden by one, and take no
# negation or modifiers ("!!", ALL CAPS; ironic praise like "Oh great," whose words must not read as praise).
_STACKING: frozenset[str] = frozenset({"style", "irony"})

# Curly quotes become straight ones; a 1:1 character map keeps every offset valid.

# Words (with inner apostrophes/hyphens) or single punctuation marks.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*|[^\w\s]")

# Contracted negations written without an apostrophe are common in chat.
_BARE_NEGATIONS = frozenset(
    "dont didnt doesnt isnt wasnt arent werent havent hasnt hadnt cant couldnt wouldnt shouldnt wont aint".split()
)

# Punctuation that does not end a negation scope.
_SCOPE_PUNCT_OK = frozenset("'\"-")

#: The slot of the rule pack's slots.toml that "#" of the phrase syntax stands for (a number, in digits or words);
#: the regexes of cues.toml write it ``{NUMBER}``.
NUMBER_SLOT = "NUMBER"

_NEGATION_WINDOW = 4  # tokens looked back from a cue for a negator
_BUCKET = 64  # characters per bucket when checking hits for overlaps
_MODIFIER_WINDOW = 2  # tokens looked back for an intensifier or diminisher


@dataclass(frozen=True, slots=True)
class Cue:
    """One pattern of the lexicon with every (label, weight) it carries.

    ``pattern`` is the row's pattern column of emotion_cues.tsv, or the regex of a cues.toml rule as
    written; rows (rules) with the same pattern and kind are one cue with several labels.
    ``triggers``: lower-case strings of which every match contains at least one (None when
    unknown); a text that holds none of them is not searched, which skips most patterns.
    ``ids``: for a cue of cues.toml, the id of the rule behind each of ``labels`` (empty for a row).
    """

    pattern: str
    regex: re.Pattern[str]
    labels: tuple[tuple[str, float], ...]
    kind: str
    if_negated: str | None
    triggers: tuple[str, ...] | None = None
    ids: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The evidence id of this cue: its heaviest label's rule id (cues.toml), or ``emotion_cues:<pattern>`` for
        a row of emotion_cues.tsv (long ones shortened)."""
        if self.ids:
            return self.ids[0]
        from empathic.evidence import row_id

        return row_id("emotion_cues", self.pattern)

    def id_of(self, label: str) -> str:
        """The evidence id behind ``label``: the rule that gives it (cues.toml), else :attr:`id`."""
        for (known, _w), rid in zip(self.labels, self.ids, strict=False):
            if known == label:
                return rid
        return self.id

    @property
    def is_rule(self) -> bool:
        """True for a regex rule of cues.toml: it spells out its own negation (none is read from context)."""
        return bool(self.ids)

    @property
    def label(self) -> str | None:
        """The heaviest label, or None for cues that only count when negated."""
        best = [lw for lw in self.labels if lw[0] != "-"]
        return max(best, key=lambda lw: lw[1])[0] if best else None


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue found in a text.

    ``span`` covers the cue (and its negator when ``negated``); ``multiplier`` folds in
    intensifiers, diminishers, contrast and capitals.
    """

    span: Span
    cue: Cue
    negated: bool
    multiplier: float

    def weights(self) -> list[tuple[str, float]]:
        """The (label, weight) pairs this hit contributes, after negation and modifiers."""
        if self.negated:
            if self.cue.if_negated:
                return [(self.cue.if_negated, 0.8 * self.multiplier)]
            return []
        return [(label, w * self.multiplier) for label, w in self.cue.labels if label != "-"]


@dataclass(frozen=True, slots=True)
class _Modifiers:
    negators: frozenset[str]
    not_negators: tuple[tuple[str, ...], ...]
    breakers: frozenset[str]
    scalers: dict[tuple[str, ...], float]
    contrast: dict[str, float]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    cues: tuple[Cue, ...]
    modifiers: _Modifiers
    words: dict[str, tuple[str, ...]]  # plain feeling words/phrases -> labels, heaviest first
    by_trigger: dict[str, tuple[int, ...]]  # trigger literal -> indices of the cues it may fire
    always: tuple[int, ...]  # cues without triggers: always searched
    # trigger indexes restricted to the cues of one ``kinds`` selection, built on first use
    by_kinds: dict[tuple[str, ...], _TriggerIndex] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _TriggerIndex:
    """The triggers of the cues of some kinds, indexed so a scan tests only those a text can contain.

    A trigger of up to ``_PREFIX`` characters is looked up among the text's substrings of its
    length; a longer one is tested only when the text contains its first ``_PREFIX`` characters.
    So a scan tests a handful of triggers instead of all of them (~1,400), and none of cues of
    kinds it does not want.
    """

    always: tuple[int, ...]  # cues without triggers
    short: tuple[tuple[str, tuple[int, ...]], ...]  # triggers under two characters: always tested
    exact: tuple[tuple[int, dict[str, tuple[int, ...]]], ...]  # (length, trigger -> cues), lengths 2.._PREFIX
    by_prefix: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]  # longer triggers by their first characters


#: Characters of a long trigger's bucket key (and the longest trigger looked up whole).
_PREFIX = 4


def _trigger_index(lex: _Lexicon, kinds: tuple[str, ...]) -> _TriggerIndex:
    found = lex.by_kinds.get(kinds)
    if found is not None:
        return found
    wanted = {i for i, cue in enumerate(lex.cues) if cue.kind in kinds}
    short: list[tuple[str, tuple[int, ...]]] = []
    exact: dict[int, dict[str, tuple[int, ...]]] = {}
    by_prefix: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    for trigger, indices in lex.by_trigger.items():
        kept = tuple(i for i in indices if i in wanted)
        if not kept:
            continue
        if len(trigger) < 2:
            short.append((trigger, kept))
        elif len(trigger) <= _PREFIX:
            exact.setdefault(len(trigger), {})[trigger] = kept
        else:
            by_prefix.setdefault(trigger[:_PREFIX], []).append((trigger, kept))
    index = _TriggerIndex(
        tuple(i for i in lex.always if i in wanted),
        tuple(short),
        tuple(sorted(exact.items())),
        {key: tuple(entries) for key, entries in by_prefix.items()},
    )
    lex.by_kinds[kinds] = index  # a concurrent builder stores an equal index: no lock needed
    return index


def _phrase_regex(pattern: str, number: str | None = None) -> str:
    """Compile the small phrase syntax of emotion_cues.tsv (see its header) into a regex.

    ``number`` is the regex "#" stands for (the NUMBER slot of the rule pack); a pattern using "#" needs it.
    """
    phrases: list[str] = []
    for phrase in pattern.split("|"):
        body = ""
        for word in phrase.split():
            if word == "~":
                body += r"(?:\S+\s+){0,3}?"
                continue
            if body and not body.endswith("{0,3}?"):
                body += r"\s+"
            if word == "#":
                if number is None:
                    raise ResourceError(f"emotion_cues.tsv: {pattern!r} uses # but slots.toml defines no {NUMBER_SLOT}")
                body += number
            elif word.endswith("*") and len(word) > 1:
                body += re.escape(word[:-1]) + r"[\w'-]*"
            else:
                body += re.escape(word)
        if body:
            phrases.append(body)
    # "stress-free", "hassle-free": a hyphenated compound is a different word
    return r"(?<![\w'])(?:" + "|".join(phrases) + r")(?![\w]|-\w)"


def _parse_cues(lines: list[str], number: str | None = None) -> tuple[Cue, ...]:
    """The cues of emotion_cues.tsv's rows (``number``: the regex "#" stands for)."""
    grouped: dict[tuple[str, str], list[tuple[str, float]]] = {}
    negated_of: dict[tuple[str, str], str | None] = {}
    order: list[tuple[str, str]] = []
    for n, line in enumerate(lines, 1):
        cols = line.split("\t")
        if len(cols) < 4:
            raise ResourceError(f"emotion_cues.tsv row {n} needs 4 tab-separated columns: {line!r}")
        pattern, label, weight, kind = cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip()
        if pattern.startswith("re:"):
            raise ResourceError(
                f"emotion_cues.tsv row {n}: a regex cue is a rule of rules/<lang>/cues.toml, with its examples "
                f"(docs/rules.md), not a row: {pattern[:60]!r}"
            )
        if label != "-" and label not in EMOTIONS:
            raise ResourceError(f"emotion_cues.tsv row {n}: unknown label {label!r}")
        if kind not in CUE_KINDS:
            raise ResourceError(f"emotion_cues.tsv row {n}: unknown kind {kind!r}")
        neg = cols[4].strip() if len(cols) > 4 and cols[4].strip() else None
        if neg is not None and neg not in EMOTIONS:
            raise ResourceError(f"emotion_cues.tsv row {n}: unknown if_negated label {neg!r}")
        try:
            w = float(weight)
        except ValueError as exc:
            raise ResourceError(f"emotion_cues.tsv row {n}: weight {weight!r} is not a number") from exc
        key = (pattern, kind)
        if key not in grouped:
            grouped[key] = []
            order.append(key)
        grouped[key].append((label, w))
        if neg is not None:
            negated_of[key] = neg
    cues: list[Cue] = []
    for pattern, kind in order:
        source = _phrase_regex(pattern, number)
        try:
            regex = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise ResourceError(f"emotion_cues.tsv: bad pattern {pattern!r}: {exc}") from exc
        labels = tuple(sorted(grouped[(pattern, kind)], key=lambda lw: -lw[1]))
        triggers = None if kind == "style" else _triggers(source)
        cues.append(Cue(pattern, regex, labels, kind, negated_of.get((pattern, kind)), triggers))
    return tuple(cues)


def _rule_cues(rules: list[Rule]) -> tuple[Cue, ...]:
    """The cues of the customer-cue rules of cues.toml (validated by the rule pack), in file order.

    Rules with the same regex and kind are one cue carrying each rule's label, as rows of one pattern are.
    """
    grouped: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        grouped.setdefault((rule.source, rule.kind or ""), []).append(rule)
    cues: list[Cue] = []
    for (source, kind), group in grouped.items():
        ordered = sorted(group, key=lambda r: -(r.weight or 0.0))  # heaviest first, as a row's labels
        negated = [r.if_negated for r in group if r.if_negated]
        cues.append(Cue(
            source, group[0].pattern, tuple((r.label, r.weight or 0.0) for r in ordered), kind,
            negated[-1] if negated else None, None if kind == "style" else _triggers(group[0].pattern.pattern),
            tuple(r.id for r in ordered),
        ))
    return tuple(cues)


_MIN_TRIGGER = 2  # shorter literals are too common to rule a text out


def _triggers(source: str) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``source`` must contain (lower-cased), or None.

    Read from the parsed regex: a run of literal characters is required, a branch requires
    one of its alternatives' literals, an optional part requires nothing.
    """
    try:
        from re import _parser  # the stdlib's own regex parser (private, stable since 3.11)

        tree = _parser.parse(source, re.IGNORECASE)
    except Exception:  # any parser change just disables the optimisation
        return None
    found = _required(list(tree))
    if not found:
        return None
    return tuple(sorted({t.lower() for t in found}))


def required_literals(source: str, *, ignore_case: bool = True) -> tuple[str, ...] | None:
    """Literals one of which every match of regex ``source`` contains, or None when there are none.

    A cheap ``literal in text`` test can then rule a text out before the regex runs. With
    ``ignore_case`` (the default) the literals are lower-cased, for a case-insensitive regex;
    without it they are exact, and None when the pattern switches case-insensitivity on inline.
    """
    if ignore_case:
        return _triggers(source)
    if _INLINE_FLAGS.search(source):
        return None
    try:
        from re import _parser

        tree = _parser.parse(source, 0)
    except Exception:  # any parser change just disables the optimisation
        return None
    found = _required(list(tree))
    return tuple(sorted(found)) if found else None


#: Inline flag groups, ``(?i)``, ``(?i:...)``, ``(?-i:...)``: literals inside them may match other cases.
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")


def _required(items: list[tuple[object, object]]) -> set[str] | None:
    from re import _constants as c

    options: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av)  # type: ignore[arg-type]
            continue
        if len(run) >= _MIN_TRIGGER:
            options.append({run})
        run = ""
        sub: set[str] | None = None
        if op is c.SUBPATTERN:
            sub = _required(list(av[-1]))  # type: ignore[index]
        elif op is c.BRANCH:
            branches = [_required(list(b)) for b in av[1]]  # type: ignore[index]
            sub = set().union(*branches) if all(branches) else None  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:  # type: ignore[index]
            sub = _required(list(av[2]))  # type: ignore[index]
        if sub:
            options.append(sub)
    if len(run) >= _MIN_TRIGGER:
        options.append({run})
    if not options:
        return None
    # the most selective requirement: the one whose shortest literal is longest
    return max(options, key=lambda o: (min(len(t) for t in o), -len(o)))


def _parse_modifiers(lines: list[str]) -> _Modifiers:
    negators: set[str] = set()
    not_negators: list[tuple[str, ...]] = []
    breakers: set[str] = set()
    scalers: list[tuple[tuple[str, ...], float]] = []
    contrast: dict[str, float] = {}
    for n, line in enumerate(lines, 1):
        cols = line.split("\t")
        if len(cols) != 3:
            raise ResourceError(f"modifiers.tsv row {n} needs 3 tab-separated columns: {line!r}")
        kind, phrase, value = cols[0].strip(), cols[1].strip().lower(), cols[2].strip()
        try:
            v = float(value)
        except ValueError as exc:
            raise ResourceError(f"modifiers.tsv row {n}: value {value!r} is not a number") from exc
        if kind == "negator":
            negators.add(phrase)
        elif kind == "not_negator":
            not_negators.append(tuple(phrase.split()))
        elif kind == "breaker":
            breakers.add(phrase)
        elif kind in ("intensifier", "diminisher"):
            scalers.append((tuple(phrase.split()), v))
        elif kind == "contrast":
            contrast[phrase] = v
        else:
            raise ResourceError(f"modifiers.tsv row {n}: unknown kind {kind!r}")
    return _Modifiers(frozenset(negators), tuple(not_negators), frozenset(breakers), dict(scalers), contrast)


def _word_index(cues: tuple[Cue, ...]) -> dict[str, tuple[str, ...]]:
    """Plain (non-wildcard, non-regex) feeling words/phrases -> labels, for fast exact look-ups."""
    weights: dict[str, dict[str, float]] = {}
    for cue in cues:
        if cue.kind != "feeling" or cue.is_rule:
            continue
        if any(ch in cue.pattern for ch in "*#~"):
            continue
        for alt in _expand_alternatives(cue.pattern):
            slot = weights.setdefault(alt, {})
            for label, w in cue.labels:
                if label != "-":
                    slot[label] = max(slot.get(label, 0.0), w)
    return {
        word: tuple(label for label, _ in sorted(lw.items(), key=lambda kv: -kv[1]))
        for word, lw in weights.items()
        if lw
    }


def _expand_alternatives(pattern: str) -> list[str]:
    """All phrases a plain pattern matches: "fed up|sick of" -> ["fed up", "sick of"]."""
    return [" ".join(p.split()) for p in pattern.split("|") if p.strip()]


@per_language
def _load(lang: Language) -> _Lexicon:
    """The parsed lexicon of a language, built once on first use (thread-safe).

    The rows of emotion_cues.tsv come first, then the rules of cues.toml: where two cues find the same words
    with the same top weight, the earlier is kept (overlaps) and listed first.
    """
    pack = load_rule_pack()  # the current language's: this loader runs with ``lang`` current
    rows = _parse_cues(lang.lines("lexicons", "emotion_cues.tsv"), pack.slots.get(NUMBER_SLOT))
    cues = rows + _rule_cues([r for r in pack.rules if r.file in CUE_FILES])
    modifiers = _parse_modifiers(lang.lines("lexicons", "modifiers.tsv"))
    by_trigger: dict[str, list[int]] = {}
    for i, cue in enumerate(cues):
        for t in cue.triggers or ():
            by_trigger.setdefault(t, []).append(i)
    always = tuple(i for i, cue in enumerate(cues) if cue.triggers is None)
    return _Lexicon(
        cues,
        modifiers,
        _word_index(cues),
        {t: tuple(ix) for t, ix in by_trigger.items()},
        always,
    )


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]


def _is_negator(tok: str, mods: _Modifiers) -> bool:
    return tok in mods.negators or tok.endswith("n't") or tok in _BARE_NEGATIONS


def _token_at(tokens: list[tuple[int, int, str]], pos: int) -> int:
    """Index of the first token that starts at or after ``pos``."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid][0] < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _negator_before(tokens: list[tuple[int, int, str]], idx: int, mods: _Modifiers) -> int | None:
    """Start offset of the negator governing the token at ``idx``, if any."""
    for back in range(1, _NEGATION_WINDOW + 1):
        j = idx - back
        if j < 0:
            return None
        tok = tokens[j][2]
        if not tok[0].isalnum():
            if tok in _SCOPE_PUNCT_OK:
                continue
            return None
        if _is_negator(tok, mods):
            following = tuple(t[2] for t in tokens[j : j + 4])
            for phrase in mods.not_negators:
                if following[: len(phrase)] == phrase:
                    return None
            return tokens[j][0]
        if tok in mods.breakers:
            return None
    return None


def is_negated(text: str, start: int) -> bool:
    """True when the word starting at ``start`` in ``text`` is in the scope of a negator.

    "not worried", "no need to worry", "I don't feel angry" are negated; "no wonder
    you're upset", "I've never been so angry" and "not only late but broken" are not.
    """
    norm = straighten(text)
    tokens = _tokens(norm)
    return _negator_before(tokens, _token_at(tokens, start), _load().modifiers) is not None


def _scale_before(tokens: list[tuple[int, int, str]], idx: int, mods: _Modifiers) -> float:
    words = tuple(t[2] for t in tokens[max(0, idx - _MODIFIER_WINDOW - 3) : idx])
    best = 1.0
    # the modifier may sit right before the cue or one word earlier ("so very upset", "really quite")
    for gap in (0, 1):
        end = len(words) - gap
        for n in range(4, 0, -1):  # longest phrase first: "a little bit" before "a little"
            if end - n < 0:
                continue
            value = mods.scalers.get(words[end - n : end])
            if value is None:
                continue
            if (value > 1 and value > best) or (value < 1 and best >= 1):
                best = value
            break
    return best


def _contrast_factors(tokens: list[tuple[int, int, str]], mods: _Modifiers) -> list[float]:
    """Weight from contrast for every token index (and one past the last): the clause after "but"
    counts more, the clause before it less.

    A token's sentence is bounded by ". ! ?" tokens; the first contrast word of that sentence other
    than the token itself decides. Computed in one pass over the tokens instead of rescanning the
    sentence for each cue, which made a long sentence full of cues quadratic.
    """
    # sentence number of each position: the count of ". ! ?" tokens before it
    seg: list[int] = []
    # the first two contrast words (token index, value) of each sentence: a cue that is itself the
    # first one is governed by the second
    firsts: list[list[tuple[int, float]]] = [[]]
    for j, (_s, _e, tok) in enumerate(tokens):
        seg.append(len(firsts) - 1)
        if tok in (".", "!", "?"):
            firsts.append([])
        elif tok in mods.contrast and len(firsts[-1]) < 2:
            firsts[-1].append((j, mods.contrast[tok]))
    seg.append(len(firsts) - 1)
    factors: list[float] = []
    for idx, s in enumerate(seg):
        value = 1.0
        for j, v in firsts[s]:
            if j != idx:
                value = v if j < idx else 1.0 / v
                break
        factors.append(value)
    return factors


def _resolve_overlaps(hits: list[CueHit]) -> list[CueHit]:
    """Drop a hit inside a longer one that shares a label or overrides it ("no problem" > "problem").

    Two patterns that find exactly the same words keep both only when they carry different
    feelings ("scared": fear and anxiety).
    """
    ordered = sorted(hits, key=lambda h: (-(h.span.end - h.span.start), h.span.start, -max(w for _, w in h.cue.labels)))
    if not ordered:
        return []
    longest = len(ordered[0].span)
    # Kept hits that are longer than the current ones, bucketed by start offset, so each hit is only
    # compared with the hits near it that could contain it; kept hits of the current length wait in
    # ``pending`` (one of equal length contains a hit only when they cover the same words, which
    # ``same_words`` answers in one look-up, so a run of thousands of emoji is not compared pairwise).
    buckets: dict[int, list[CueHit]] = {}
    same_words: dict[tuple[int, int], list[CueHit]] = {}
    pending: list[CueHit] = []
    kept: list[CueHit] = []
    length = longest
    for hit in ordered:
        if len(hit.span) != length:
            for done in pending:
                buckets.setdefault(done.span.start // _BUCKET, []).append(done)
            pending, length = [], len(hit.span)
        labels = {lw[0] for lw in hit.cue.labels}
        stacking = hit.cue.kind in _STACKING
        where = (hit.span.start, hit.span.end)
        # typography ("STILL", "!!") and irony stack on top of words; they never hide them nor are hidden
        # the same words found twice for the same feeling count once, at the heavier weight
        drop = any(
            (big.cue.kind in _STACKING) == stacking
            and (big.cue.pattern == hit.cue.pattern or labels & {lw[0] for lw in big.cue.labels})
            for big in same_words.get(where, ())
        )
        if not drop:
            near = (
                big
                for b in range((hit.span.start - longest) // _BUCKET, hit.span.start // _BUCKET + 1)
                for big in buckets.get(b, ())
            )
            for big in near:
                if (big.cue.kind in _STACKING) != stacking:
                    continue
                if big.span.start <= hit.span.start and hit.span.end <= big.span.end:
                    big_labels = {lw[0] for lw in big.cue.labels}
                    if "-" in big_labels or labels & big_labels:
                        drop = True
                        break
        if not drop:
            kept.append(hit)
            pending.append(hit)
            same_words.setdefault(where, []).append(hit)
    kept.sort(key=lambda h: (h.span.start, h.span.end))
    return kept


def find_cues(text: str, *, kinds: tuple[str, ...] = CUE_KINDS) -> list[CueHit]:
    """Every lexicon cue of the given kinds in ``text``, with negation and weight modifiers applied.

    Offsets are into ``text`` itself. Negated cues are returned with ``negated=True``
    (their :meth:`CueHit.weights` are empty unless the lexicon gives a negated label).
    """
    return _scan(text, tuple(kinds))


def _pieces(low: str, size: int) -> set[str]:
    """The distinct substrings of ``low`` that are ``size`` characters long."""
    return set(map(low.__getitem__, map(slice, range(len(low) - size + 1), range(size, len(low) + 1))))


def _scan(text: str, kinds: tuple[str, ...]) -> list[CueHit]:
    return _resolve_overlaps(_hits(text, kinds))


def find_cues_without_rule(text: str, rule_id: str) -> list[CueHit]:
    """:func:`find_cues` as it would read ``text`` if the cues.toml rule ``rule_id`` were deleted.

    What a rule's examples need it for (``empathic.rulecheck``): the cues it hides come back, its label goes.
    Not cached; for tests and tools.
    """
    kept: list[CueHit] = []
    for hit in _hits(text, CUE_KINDS):
        cue = hit.cue
        if rule_id in cue.ids:
            if len(cue.ids) == 1:
                continue
            # a rule sharing its regex with others: the cue keeps their labels
            rest = [(lw, rid) for lw, rid in zip(cue.labels, cue.ids, strict=True) if rid != rule_id]
            cue = replace(cue, labels=tuple(lw for lw, _ in rest), ids=tuple(rid for _, rid in rest))
            hit = CueHit(hit.span, cue, hit.negated, hit.multiplier)
        kept.append(hit)
    return _resolve_overlaps(kept)


def _hits(text: str, kinds: tuple[str, ...]) -> list[CueHit]:
    """Every match of every cue of ``kinds`` in ``text``, with negation and modifiers, before overlaps are resolved."""
    lex = _load()
    mods = lex.modifiers
    norm = straighten(text)
    low = norm.lower()
    if len(low) != len(norm):  # a few characters change length when lower-cased; then search everything
        low = ""
    if low:
        index = _trigger_index(lex, kinds)
        candidates = set(index.always)
        for trigger, indices in index.short:
            if trigger in low:
                candidates.update(indices)
        # the distinct substrings of each length, made once (the _PREFIX-long ones serve both lookups)
        # and matched against the tables by a C-level set intersection rather than one lookup each
        pieces: dict[int, set[str]] = {}
        for size, table in index.exact:
            pieces[size] = _pieces(low, size)
            for piece in table.keys() & pieces[size]:
                candidates.update(table[piece])
        by_prefix = index.by_prefix
        prefixes = pieces.get(_PREFIX)
        if prefixes is None:
            prefixes = _pieces(low, _PREFIX)
        for piece in by_prefix.keys() & prefixes:
            for trigger, indices in by_prefix[piece]:
                if trigger in low:
                    candidates.update(indices)
        selected = [lex.cues[i] for i in sorted(candidates)]
    else:
        selected = [cue for cue in lex.cues if cue.kind in kinds]
    if not selected:  # most sentences name no feeling: skip tokenizing them
        return []
    tokens = _tokens(norm)
    contrast = _contrast_factors(tokens, mods)
    hits: list[CueHit] = []
    for cue in selected:
        if cue.kind not in kinds:
            continue
        for m in cue.regex.finditer(norm):
            start, end = m.start(), m.end()
            # trim whitespace that a raw regex may have swallowed at its edges
            while start < end and norm[start].isspace():
                start += 1
            while end > start and norm[end - 1].isspace():
                end -= 1
            if start >= end:
                continue
            negated = False
            mult = 1.0
            if cue.kind not in _STACKING:
                idx = _token_at(tokens, start)
                # regex cues (cues.toml) spell out their own negation; words and phrases get it from context
                neg_start = None if cue.is_rule else _negator_before(tokens, idx, mods)
                if neg_start is not None and not _starts_negative(norm[start:end]):
                    negated = True
                    start = neg_start
                mult *= _scale_before(tokens, idx, mods)
                mult *= contrast[idx]
                word = norm[m.start() : m.end()]
                letters = [c for c in word if c.isalpha()]
                if len(letters) >= 3 and all(c.isupper() for c in letters):
                    mult *= 1.3
            hits.append(CueHit(Span.of(text, start, end), cue, negated, mult))
    return hits


def _starts_negative(cue_text: str) -> bool:
    """A cue that itself starts with a negation ("no reason given", "can't afford") is not re-negated."""
    first = cue_text.split(None, 1)[0].lower() if cue_text.split() else ""
    return first in ("no", "not", "never", "nobody", "nothing", "without") or first.endswith("n't")


def find_emotion_words(text: str) -> list[tuple[str, Span]]:
    """Words and phrases in ``text`` that name a feeling, as (taxonomy label, span), in text order.

    Negation-aware: "not worried", "no need to worry", "don't be scared" are skipped;
    a negated positive that the lexicon maps to a feeling ("not happy") is reported with
    that feeling and a span that includes the negator. Each span's text equals
    ``text[span.start:span.end]``. Typical use: the feeling words an agent's reply names
    ("frustrating", "worried", "upset", "fuming", "nightmare", "stressful", "scary").
    """
    return _emotion_words(text) if text else []


# An analysis reads each text once: a reply sentence's feeling words are its facts' (facts/sentences.py), the
# customer's message's are its message facts' (facts.feelings.customer_feeling_words).
def _emotion_words(text: str) -> list[tuple[str, Span]]:
    best: dict[tuple[int, int], tuple[float, str, Span]] = {}
    for hit in find_cues(text, kinds=("feeling",)):
        weights = hit.weights()
        if not weights:
            continue
        label, weight = max(weights, key=lambda lw: lw[1])
        key = (hit.span.start, hit.span.end)
        if key not in best or weight > best[key][0]:
            best[key] = (weight, label, hit.span)
    # a span inside another reported span (e.g. "scared" inside "so scared") is reported once
    out: list[tuple[str, Span]] = []
    for (_start, _end), (_w, label, span) in sorted(best.items()):
        if out and out[-1][1].overlaps(span):
            if len(span) > len(out[-1][1]):
                out[-1] = (label, span)
            continue
        out.append((label, span))
    return out


def emotions_of_word(word: str) -> tuple[str, ...]:
    """Every taxonomy label a feeling word or phrase carries, heaviest first (empty when none).

    "upset" -> ("sadness", "anger", "frustration"); "fuming" -> ("anger", "frustration").
    Use this when any of a word's senses should count (e.g. to check that a reflected
    feeling is compatible with the customer's).
    """
    return _emotions_of_word(word, current().key)


@lru_cache(maxsize=4096)
def _emotions_of_word(word: str, lang: str) -> tuple[str, ...]:
    key = " ".join(straighten(word).lower().split())
    if not key:
        return ()
    lex = _load()
    if key in lex.words:
        return lex.words[key]
    weights: dict[str, float] = {}
    for cue in lex.cues:
        if cue.kind != "feeling":
            continue
        m = cue.regex.fullmatch(key)
        if m is None:
            continue
        for label, w in cue.labels:
            if label != "-":
                weights[label] = max(weights.get(label, 0.0), w)
    return tuple(label for label, _ in sorted(weights.items(), key=lambda kv: -kv[1]))


def emotion_of_word(word: str) -> str | None:
    """The taxonomy label of a feeling word or phrase ("frustrating" -> "frustration"), else None."""
    labels = emotions_of_word(word)
    return labels[0] if labels else None
