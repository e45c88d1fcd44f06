"""Rule packs: the judgement written as data, one format and one loader.

A rule pack is the folder ``resources/rules/<lang>/``: ``slots.toml`` (the named pieces a phrase
may use, ``{YOU}``, ``{FEELING}`` ...) and one file per strategy, check or tag list, each a list of
``[[rule]]`` tables::

    [[rule]]
    id = "reflecting.situation.6"        # stable: evidence and golden snapshots name it
    label = "situation"                  # the cue it recognises; the detector reads rules by label
    reads = "tagged"                     # which text form: see FORMS
    phrase = "{THAT} must have {FEELING}"   # or: regex = '''...'''
    confidence = 0.85                    # what a match is worth: support rules that make findings
    when = ["self_critical"]             # predicates (registered in Python by name) that must hold
    unless = []                          # predicates that must not hold
    effect = "support"                   # or "veto": the phrase rules the label's cue out
    what = "blames the customer"         # a check's rule: what the phrase does, in plain words (its message)
    weight = 0.6                         # cues.toml only (the customer cues the emotion lexicon reads): the
    kind = "cue"                         # label's weight, the lexicon's cue kind and, optionally, if_negated
    examples.match = ["...", "..."]      # sentences THIS rule matches (tests run them)
    examples.no_match = ["..."]          # near misses it must not match
    # an example may name the customer's message its predicates read: {text = "...", customer = "..."}

:func:`load_rule_pack` reads and validates every file (unknown slot, predicate, form or key,
duplicate id, missing examples, bad regex: a :class:`RuleFileError` naming the file, the rule and
the problem). The detectors read groups of rules by file and label (:meth:`RulePack.group`); a
group answers with the first rule that matches, and the rule's id is the finding's evidence. Code that
reads rules on every sentence resolves the groups and settings it needs once per language
(:func:`rule_view`). The
customer cues of ``cues.toml`` are read by the emotion lexicon instead (:mod:`empathic.listen.lexicon`,
beside the words and phrases of ``lexicons/<lang>/emotion_cues.tsv``): their rules read the message
as written, case-insensitively, and carry the lexicon's ``weight``, ``kind`` and ``if_negated``. The
examples become tests (``tests/test_rules.py``), and ``empathic rules report`` lists rules that no
example needs. docs/rules.md is the trainer's guide.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, TypeVar

from empathic.errors import ResourceError
from empathic.languages import Language, current, packaged_root, per_language

T = TypeVar("T")

#: The text forms a rule may read, in the order a group tries them.
#: raw: the sentence as written; normalized: lower case, one space between words, chat spellings
#: mapped; feelings: normalized with each feeling word replaced by NEGF/POSF (what the tags rules
#: read); tagged: feelings with the tags rules applied (APPR, APOLOGY); customer: the customer's message, normalized.
FORMS: tuple[str, ...] = ("raw", "normalized", "feelings", "tagged", "customer")
Effect = Literal["support", "veto"]
EFFECTS: tuple[str, ...] = ("support", "veto")

_SLOT = re.compile(r"\{([A-Z_]+)\}")
_KEYS = frozenset(
    {"id", "label", "reads", "phrase", "regex", "confidence", "when", "unless", "effect", "examples", "flags", "note",
     "what", "rewrite"}
)
#: Files of customer cues: the emotion lexicon reads their rules (listen.lexicon), not a detector.
CUE_FILES = frozenset({"cues"})
#: The keys of a customer cue's rule: the lexicon reads the message as written, case-insensitively, and knows
#: no predicates, so reads, flags, phrase, confidence, when, unless, effect, what and rewrite have no meaning there.
_CUE_KEYS = frozenset({"id", "label", "regex", "weight", "kind", "if_negated", "examples", "note"})
#: Files whose rules only rewrite the text (a tag per match): their rules carry no confidence.
NO_CONFIDENCE_FILES = frozenset({"tags"})
#: Files whose every support rule makes a finding by itself, so needs a confidence; elsewhere (relating) a
#: support rule without one is a cue the detector combines with others.
FINDING_FILES = frozenset({"normalizing", "reflecting"})


#: A rule that matches ``...`` in a phrase skips up to this many words.
PHRASE_GAP_WORDS = 4

# Characters whose case-insensitive matches are exactly their lower-case forms: ASCII, plus typographic
# marks that have no case. Other letters can fold across scripts (the long s matches "s", the Kelvin
# sign "k"), where a lower-cased substring test would not be exact.
_NOT_SIMPLE_CASE = re.compile(r"[^\x00-\x7f‘’“”–—…£€]")


def simple_lower(text: str) -> str | None:
    """``text`` lower-cased when substring tests on it are exact for case-insensitive literals, else None."""
    return None if _NOT_SIMPLE_CASE.search(text) else text.lower()


class RuleFileError(ResourceError):
    """A rule file is damaged: the message names the file, the rule id and the problem."""


# ---- predicates -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a predicate may read: the sentence's text forms and the customer's side.

    ``view`` is the sentence (a :class:`~empathic.strategies.text.SentenceView`); ``customer`` the
    customer's :class:`~empathic.types.CustomerSignals` (None when unknown, e.g. in rule examples);
    ``self_critical`` whether the customer criticised themselves.
    """

    view: Any
    customer: Any = None
    customer_text: str = ""
    self_critical: bool = False


Predicate = Callable[[RuleContext], bool]
_PREDICATES: dict[str, tuple[Predicate, str]] = {}


def predicate(name: str) -> Callable[[Predicate], Predicate]:
    """Register a predicate under ``name`` for rules' ``when`` / ``unless`` (its docstring says what it tests)."""

    def register(fn: Predicate) -> Predicate:
        known = _PREDICATES.get(name)
        if known is not None and known[0] is not fn:
            raise ValueError(f"predicate {name!r} is registered twice")
        _PREDICATES[name] = (fn, (fn.__doc__ or "").strip().split("\n")[0])
        return fn

    return register


def predicates() -> dict[str, str]:
    """Every registered predicate name with the first line of its docstring."""
    _load_predicates()
    return {name: what for name, (_, what) in sorted(_PREDICATES.items())}


def _load_predicates() -> None:
    # Imported here: the predicates live with the judgement they test and import this module.
    import empathic.strategies.predicates  # noqa: F401


# ---- rules ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """One ``[[rule]]`` of a rule file, compiled."""

    id: str
    label: str
    file: str
    reads: tuple[str, ...]
    pattern: re.Pattern[str]
    source: str
    confidence: float | None
    when: tuple[str, ...]
    unless: tuple[str, ...]
    effect: Effect
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    what: str | None = None
    #: what a rewrite makes of a sentence the rule matches ({1}, {2}: the rule's groups); None: the rewrite removes it
    rewrite: str | None = None
    #: the customer's message an example names (``{text = ..., customer = ...}``), by example sentence
    customers: tuple[tuple[str, str], ...] = ()
    # literals one of which every match contains, so the regex is skipped when all are absent (lower case for an
    # ignorecase rule, tested on the text's simple_lower form)
    needs: tuple[str, ...] | None = field(default=None, compare=False)
    #: matched case-insensitively (``flags = "ignorecase"``)
    folds_case: bool = field(default=False, compare=False)
    #: a customer cue's (cues.toml) weight for its label, lexicon kind and label when negated (None elsewhere)
    weight: float | None = None
    kind: str | None = None
    if_negated: str | None = None

    @property
    def is_cue(self) -> bool:
        """True for a customer cue of cues.toml: the emotion lexicon reads it, its examples are lexicon hits."""
        return self.file in CUE_FILES

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        """The first match of this rule's pattern in ``text``, or None.

        ``low`` is ``simple_lower(text)`` when the caller has it (a group asks each rule about one text).
        """
        if self.needs is not None:
            hay: str | None = text
            if self.folds_case:
                hay = low if low is not None else simple_lower(text)
            if hay is not None:
                for literal in self.needs:
                    if literal in hay:
                        break
                else:
                    return None
        return self.pattern.search(text)

    def holds(self, ctx: RuleContext | None) -> bool:
        """True when every ``when`` predicate holds and no ``unless`` one does (always, without a context)."""
        if ctx is None or not (self.when or self.unless):
            return True
        return all(_PREDICATES[n][0](ctx) for n in self.when) and not any(_PREDICATES[n][0](ctx) for n in self.unless)


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """The rules of one label of one file, in file order: what a detector asks "does this cue match?"."""

    file: str
    label: str
    rules: tuple[Rule, ...]
    # per text form, the rules that read it (file order): first() runs on every sentence
    by_form: tuple[tuple[str, tuple[Rule, ...]], ...] = field(default=(), compare=False)
    #: some rule of the group is matched case-insensitively (search lower-cases the text once for all)
    folds: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folds", any(r.folds_case for r in self.rules))
        if not self.by_form:
            forms = tuple((f, tuple(r for r in self.rules if f in r.reads)) for f in FORMS)
            object.__setattr__(self, "by_form", tuple((f, rs) for f, rs in forms if rs))

    @property
    def name(self) -> str:
        """The label (the name detectors and messages use)."""
        return self.label

    @property
    def confidence(self) -> float:
        """The highest confidence of the label's rules (0.0 for cues that carry none)."""
        return max((r.confidence or 0.0 for r in self.rules), default=0.0)

    def match_id(self, m: re.Match[str]) -> str:
        """The id of the rule whose pattern produced match ``m``."""
        return self.rule_of(m).id

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The compiled patterns, in file order (for substituting or masking what the rules match)."""
        return tuple(r.pattern for r in self.rules)

    def search(self, text: str, ctx: RuleContext | None = None) -> re.Match[str] | None:
        """The first match in ``text`` of any rule (file order) whose predicates hold, or None."""
        low = simple_lower(text) if self.folds else None
        for rule in self.rules:
            m = rule.search(text, low)
            if m is not None and rule.holds(ctx):
                return m
        return None

    def matches(self, text: str, ctx: RuleContext | None = None) -> list[tuple[Rule, re.Match[str]]]:
        """Every rule (file order) that matches ``text`` and whose predicates hold, each with its first match."""
        low = simple_lower(text) if self.folds else None
        out = []
        for rule in self.rules:
            m = rule.search(text, low)
            if m is not None and rule.holds(ctx):
                out.append((rule, m))
        return out

    @property
    def pattern(self) -> re.Pattern[str]:
        """The one pattern of a label that has one rule (a check reads its positions: ``finditer``, ``match``)."""
        if len(self.rules) != 1:
            raise RuleFileError(f"{self.file}.toml: label {self.label!r} has {len(self.rules)} rules, not one pattern")
        return self.rules[0].pattern

    def first(self, texts: Mapping[str, str], ctx: RuleContext | None = None) -> tuple[Rule, re.Match[str]] | None:
        """The first (form, then file order) rule that matches the form it reads in ``texts``, with its match."""
        for form, rules in self.by_form:
            text = texts.get(form)
            if text is None:
                continue
            for rule in rules:
                m = rule.search(text)
                if m is not None and rule.holds(ctx):
                    return rule, m
        return None

    def rule_of(self, m: re.Match[str]) -> Rule:
        """The rule whose pattern produced match ``m``."""
        for rule in self.rules:
            if rule.pattern is m.re:
                return rule
        raise ValueError(f"match is not from rule group {self.file}:{self.label}")


class Groups(dict[str, RuleGroup]):
    """The groups of one rule file by label (:meth:`RulePack.groups`): ``groups[label]`` raises a
    :class:`RuleFileError` naming the file when no rule has that label."""

    def __init__(self, path: str, items: Iterable[tuple[str, RuleGroup]]) -> None:
        super().__init__(items)
        self.path = path

    def __missing__(self, label: str) -> RuleGroup:
        raise RuleFileError(f"{self.path} has no rule labelled {label!r}")


@dataclass(frozen=True)
class RulePack:
    """Every rule file of one language, validated: rules by file, slots, settings."""

    lang: str
    rules: tuple[Rule, ...]
    slots: Mapping[str, str]
    settings: Mapping[str, Mapping[str, Any]]
    _groups: dict[tuple[str, str], RuleGroup] = field(default_factory=dict, repr=False)
    _labels: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _words: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by: dict[tuple[str, str], list[Rule]] = {}
        for rule in self.rules:
            by.setdefault((rule.file, rule.label), []).append(rule)
        self._groups.update({k: RuleGroup(k[0], k[1], tuple(v)) for k, v in by.items()})
        for file, label in by:
            self._labels.setdefault(file, []).append(label)

    def files(self) -> list[str]:
        """The rule files' names (without ``.toml``), in load order."""
        return list(dict.fromkeys(r.file for r in self.rules))

    def group(self, file: str, label: str) -> RuleGroup:
        """The rules labelled ``label`` of ``rules/<lang>/<file>.toml``; RuleFileError when there are none."""
        found = self._groups.get((file, label))
        if found is None:
            raise RuleFileError(f"rules/{self.lang}/{file}.toml has no rule labelled {label!r}")
        return found

    def groups(self, file: str) -> Groups:
        """The groups of one file by label, in file order (the pack's own; a missing label is a RuleFileError)."""
        return Groups(f"rules/{self.lang}/{file}.toml", ((label, self._groups[(file, label)])
                                                          for label in self._labels.get(file, ())))

    def labels(self, file: str) -> list[str]:
        """The labels of one file, in file order."""
        return list(self._labels.get(file, ()))

    def setting(self, file: str, key: str) -> Any:
        """A plain setting from the ``[settings]`` table of ``rules/<lang>/<file>.toml``."""
        table = self.settings.get(file, {})
        if key not in table:
            raise RuleFileError(f"rules/{self.lang}/{file}.toml has no {key!r} in [settings]")
        return table[key]

    def by_id(self) -> dict[str, Rule]:
        """Every rule by its id."""
        return {r.id: r for r in self.rules}

    def words(self, file: str, key: str) -> frozenset[str]:
        """A ``[settings]`` list of words or phrases of ``rules/<lang>/<file>.toml``, lower-cased."""
        found = self._words.get((file, key))
        if found is None:
            value = self.setting(file, key)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RuleFileError(f"rules/{self.lang}/{file}.toml: [settings] {key} must be a list of strings")
            found = self._words[(file, key)] = frozenset(v.lower() for v in value)
        return found


# ---- loading ----------------------------------------------------------------------------------------


def _files(language: Language) -> list[tuple[str, str]]:
    """``(name, text)`` of every ``.toml`` of ``rules/<lang>/``, slots first then by name."""
    lang = language.code
    folder = language.path("rules")
    if not folder.is_dir():
        raise RuleFileError(f"no rule pack for language {lang!r} (rules/{lang}/ is missing under {language.root})")
    out = [(p.name[:-5], p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".toml")]
    return sorted(out, key=lambda item: (item[0] != "slots", item[0]))


def expand_slots(text: str, slots: Mapping[str, str], where: str) -> str:
    """Replace each ``{NAME}`` in ``text`` by its slot (slots may use earlier ones); RuleFileError if unknown."""
    for _ in range(6):
        if not _SLOT.search(text):
            return text

        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in slots:
                known = ", ".join(slots)
                raise RuleFileError(f"{where}: unknown slot {{{m.group(1)}}} (slots.toml defines {known})")
            return slots[m.group(1)]

        text = _SLOT.sub(sub, text)
    raise RuleFileError(f"{where}: slots nest too deeply")


_PHRASE_TOKEN = re.compile(r"\s*(\.\.\.|\{[A-Z_]+\}|[()\[\]|]|[^\s()\[\]|{}]+)")


def phrase_regex(phrase: str, slots: Mapping[str, str], where: str) -> str:
    """The regex of a trainer's phrase: words, ``{SLOT}``, ``(a|b c)`` choices, ``[optional words]``, ``...`` gaps.

    Words match whole words, case as in the normalized text (lower case); ``...`` skips up to
    :data:`PHRASE_GAP_WORDS` words.
    """
    tokens = [m.group(1) for m in _PHRASE_TOKEN.finditer(phrase)]
    if "".join(tokens).replace(" ", "") != re.sub(r"\s+", "", phrase):
        raise RuleFileError(f"{where}: phrase has characters a phrase cannot hold: {phrase!r}")
    pos = 0

    def sequence(closers: str) -> str:
        # Words are joined by one space; an optional item or a gap carries its own space, on the side
        # that keeps the text well spaced whether or not it is there.
        nonlocal pos
        out = ""
        started = False
        while pos < len(tokens) and tokens[pos] not in closers:
            tok = tokens[pos]
            pos += 1
            if tok == "[":
                inner = sequence("]")
                if pos >= len(tokens) or tokens[pos] != "]":
                    raise RuleFileError(f"{where}: '[' without ']' in phrase {phrase!r}")
                pos += 1
                out += f"(?: {inner})?" if started else f"(?:{inner} )?"
                continue
            if tok == "...":
                out += f"(?: [\\w']+){{0,{PHRASE_GAP_WORDS}}}?" if started else f"(?:[\\w']+ ){{0,{PHRASE_GAP_WORDS}}}?"
                continue
            if tok == "(":
                alternatives = [sequence("|)")]
                while pos < len(tokens) and tokens[pos] == "|":
                    pos += 1
                    alternatives.append(sequence("|)"))
                if pos >= len(tokens) or tokens[pos] != ")":
                    raise RuleFileError(f"{where}: '(' without ')' in phrase {phrase!r}")
                pos += 1
                piece = "(?:" + "|".join(alternatives) + ")"
            elif tok in ")]|":
                raise RuleFileError(f"{where}: unexpected {tok!r} in phrase {phrase!r}")
            elif tok.startswith("{"):
                piece = expand_slots(tok, slots, where)
            else:
                piece = re.escape(tok)
            out += (" " if started else "") + piece
            started = True
        return out

    body = sequence("")
    if pos != len(tokens):
        raise RuleFileError(f"{where}: unexpected {tokens[pos]!r} in phrase {phrase!r}")
    return r"(?<![\w'])" + body + r"(?![\w'])"


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(f"{where}: {key} must be a string or a list of strings")
    return tuple(value)


def _examples(value: Any, where: str, key: str, customers: dict[str, str]) -> tuple[str, ...]:
    """Example sentences: each a string, or ``{text = "...", customer = "..."}`` naming the customer's message."""
    items = list(value) if isinstance(value, list | tuple) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            text, customer = item.get("text"), item.get("customer")
            if set(item) - {"text", "customer"} or not isinstance(text, str) or not isinstance(customer, str):
                raise RuleFileError(f"{where}: an example of {key} is a string or {{text = ..., customer = ...}}")
            if customers.get(text, customer) != customer:
                raise RuleFileError(f"{where}: example {text!r} names two customer messages")
            customers[text] = customer
            out.append(text)
        elif isinstance(item, str):
            out.append(item)
        else:
            raise RuleFileError(f"{where}: {key} must be a string or a list of strings and tables")
    return tuple(out)


def _rule(spec: Any, file: str, lang: str, slots: Mapping[str, str], index: int) -> Rule:
    path = f"rules/{lang}/{file}.toml"
    if not isinstance(spec, dict):
        raise RuleFileError(f"{path}: [[rule]] number {index + 1} is not a table")
    rid = spec.get("id")
    if not isinstance(rid, str) or not rid:
        raise RuleFileError(f"{path}: [[rule]] number {index + 1} has no id")
    where = f"{path}: rule {rid!r}"
    if file in CUE_FILES:
        return _cue_rule(spec, file, rid, slots, where)
    unknown = set(spec) - _KEYS
    if unknown:
        also = set(_CUE_KEYS - _KEYS) & unknown
        hint = f" ({', '.join(sorted(also))}: only customer cues, in cues.toml, carry them)" if also else ""
        raise RuleFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}{hint}")
    label = spec.get("label")
    if not isinstance(label, str) or not label:
        raise RuleFileError(f"{where}: missing label")
    reads = _strings(spec.get("reads", ()), where, "reads")
    if not reads or any(r not in FORMS for r in reads):
        raise RuleFileError(f"{where}: reads must name text forms among {', '.join(FORMS)} (got {list(reads)})")
    effect = spec.get("effect", "support")
    if effect not in EFFECTS:
        raise RuleFileError(f"{where}: effect must be support or veto (got {effect!r})")
    confidence = spec.get("confidence")
    if confidence is not None:
        if effect == "veto" or file in NO_CONFIDENCE_FILES:
            raise RuleFileError(f"{where}: a veto rule or a tag carries no confidence")
        if not isinstance(confidence, int | float) or not 0.0 <= float(confidence) <= 1.0:
            raise RuleFileError(f"{where}: confidence must be a number between 0 and 1")
        confidence = float(confidence)
    elif effect == "support" and file in FINDING_FILES:
        raise RuleFileError(f"{where}: a support rule of {file}.toml makes findings and needs a confidence")
    if ("phrase" in spec) == ("regex" in spec):
        raise RuleFileError(f"{where}: give exactly one of phrase or regex")
    flags = 0
    for flag in _strings(spec.get("flags", ()), where, "flags"):
        if flag != "ignorecase":
            raise RuleFileError(f"{where}: unknown flag {flag!r} (only 'ignorecase')")
        flags |= re.IGNORECASE
    if "phrase" in spec:
        source = spec["phrase"]
        if not isinstance(source, str) or not source.strip():
            raise RuleFileError(f"{where}: phrase must be a non-empty string")
        regex = phrase_regex(source, slots, where)
    else:
        source = spec["regex"]
        if not isinstance(source, str) or not source:
            raise RuleFileError(f"{where}: regex must be a non-empty string")
        regex = expand_slots(source, slots, where)
    try:
        pattern = re.compile(regex, flags)
    except re.error as exc:
        raise RuleFileError(f"{where}: bad regex ({exc}): {source!r}") from exc
    when = _strings(spec.get("when", ()), where, "when")
    unless = _strings(spec.get("unless", ()), where, "unless")
    _load_predicates()
    for name in (*when, *unless):
        if name not in _PREDICATES:
            raise RuleFileError(f"{where}: unknown predicate {name!r} (registered: {', '.join(sorted(_PREDICATES))})")
    match, no_match, customers = _rule_examples(spec, where)
    what = spec.get("what")
    if what is not None and (not isinstance(what, str) or not what.strip()):
        raise RuleFileError(f"{where}: what must be a non-empty string")
    rewrite = spec.get("rewrite")
    if rewrite is not None and (not isinstance(rewrite, str) or not rewrite.strip()):
        raise RuleFileError(f"{where}: rewrite must be a non-empty string (leave it out to remove the sentence)")
    from empathic.listen.lexicon import required_literals

    needs = required_literals(pattern.pattern, ignore_case=bool(flags))
    if needs is not None and flags and any(_NOT_SIMPLE_CASE.search(t) for t in needs):
        needs = None
    return Rule(
        id=rid, label=label, file=file, reads=reads, pattern=pattern, source=source, confidence=confidence,
        when=when, unless=unless, effect=effect, match=match, no_match=no_match, what=what, rewrite=rewrite,
        customers=tuple(customers.items()), needs=needs, folds_case=bool(flags),
    )


def _rule_examples(spec: Mapping[str, Any], where: str) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """A rule's ``examples.match`` and ``examples.no_match`` (at least one each) and the customers they name."""
    examples = spec.get("examples")
    if not isinstance(examples, dict):
        raise RuleFileError(f"{where}: missing examples.match and examples.no_match")
    if set(examples) - {"match", "no_match"}:
        raise RuleFileError(f"{where}: examples has only match and no_match")
    customers: dict[str, str] = {}
    match = _examples(examples.get("match", ()), where, "examples.match", customers)
    no_match = _examples(examples.get("no_match", ()), where, "examples.no_match", customers)
    if not match or not no_match:
        raise RuleFileError(f"{where}: needs at least one examples.match and one examples.no_match sentence")
    return match, no_match, customers


def _cue_rule(spec: Mapping[str, Any], file: str, rid: str, slots: Mapping[str, str], where: str) -> Rule:
    """A customer cue of cues.toml: a regex the emotion lexicon finds in the message as written (any case), the
    taxonomy label it gives (or "-") with its weight, the lexicon's kind, and the label it gives when negated."""
    # Imported here: the lexicon reads this module's rule pack (and its kinds are the lexicon's own).
    from empathic.listen.lexicon import CUE_KINDS
    from empathic.types import EMOTIONS

    unknown = set(spec) - _CUE_KEYS
    if unknown:
        raise RuleFileError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))} (a customer cue takes "
            f"{', '.join(sorted(_CUE_KEYS))}: the lexicon reads the message as written, case-insensitively)"
        )
    label = spec.get("label")
    if label != "-" and label not in EMOTIONS:
        raise RuleFileError(f"{where}: label must be a taxonomy label ({', '.join(EMOTIONS)}) or \"-\" (got {label!r})")
    weight = spec.get("weight")
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise RuleFileError(f"{where}: weight must be a number (what the cue adds to its label; got {weight!r})")
    kind = spec.get("kind")
    if kind not in CUE_KINDS:
        raise RuleFileError(f"{where}: kind must be one of {', '.join(CUE_KINDS)} (got {kind!r})")
    if_negated = spec.get("if_negated")
    if if_negated is not None and if_negated not in EMOTIONS:
        raise RuleFileError(f"{where}: if_negated must be a taxonomy label (got {if_negated!r})")
    source = spec.get("regex")
    if not isinstance(source, str) or not source:
        raise RuleFileError(
            f"{where}: a customer cue needs a regex (feeling words and phrases are rows of emotion_cues.tsv)"
        )
    try:
        pattern = re.compile(expand_slots(source, slots, where), re.IGNORECASE)
    except re.error as exc:
        raise RuleFileError(f"{where}: bad regex ({exc}): {source!r}") from exc
    match, no_match, customers = _rule_examples(spec, where)
    if customers:
        raise RuleFileError(f"{where}: a customer cue's examples are customers' messages: plain strings, no tables")
    return Rule(
        id=rid, label=label, file=file, reads=("raw",), pattern=pattern, source=source, confidence=None, when=(),
        unless=(), effect="support", match=match, no_match=no_match, folds_case=True, weight=float(weight), kind=kind,
        if_negated=if_negated,
    )


def parse_rule_pack(lang: str, files: Iterable[tuple[str, str]]) -> RulePack:
    """Validate and compile ``(name, toml text)`` rule files into a :class:`RulePack` (slots file first)."""
    slots: dict[str, str] = {}
    settings: dict[str, dict[str, Any]] = {}
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for name, text in files:
        path = f"rules/{lang}/{name}.toml"
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RuleFileError(f"{path} is not valid TOML: {exc}") from exc
        if name == "slots":
            raw = data.get("slots", {})
            for key, value in raw.items():
                if not isinstance(value, str):
                    raise RuleFileError(f"{path}: slot {key} must be a string")
                slots[key] = expand_slots(value, slots, f"{path}: slot {key}")
            continue
        unknown = set(data) - {"rule", "settings"}
        if unknown:
            raise RuleFileError(f"{path}: unknown table(s) {', '.join(sorted(unknown))} (only [[rule]] and [settings])")
        settings[name] = dict(data.get("settings", {}))
        for i, spec in enumerate(data.get("rule", [])):
            rule = _rule(spec, name, lang, slots, i)
            if rule.id in seen:
                also = f"rules/{lang}/{seen[rule.id]}.toml"
                raise RuleFileError(f"{path}: rule {rule.id!r}: duplicate id (also in {also})")
            seen[rule.id] = name
            rules.append(rule)
    return RulePack(lang=lang, rules=tuple(rules), slots=slots, settings=settings)


def load_rule_pack(lang: str | None = None) -> RulePack:
    """The validated rule pack of ``rules/<lang>/``: the current language's (:mod:`empathic.languages`, the one a
    running Coach selected) when ``lang`` is None, else the packaged folder of ``lang`` (cached: read-only)."""
    language = current() if lang is None else Language(lang, packaged_root())
    return _load(language)


@cache
def _load(language: Language) -> RulePack:
    return parse_rule_pack(language.code, _files(language))


def rule_view(build: Callable[[RulePack], T]) -> Callable[[], T]:
    """Decorate ``build(pack)``, which resolves what one component reads of a rule pack (its groups, settings,
    word lists and the patterns made from them): the decorated function returns the current language's view,
    built on first use and kept one per language (:func:`empathic.languages.per_language`).

    A component reads its view once per call instead of looking each group or setting up by file and label on every
    sentence; the view holds the pack's own objects, so no rule is copied.
    """

    def load(language: Language) -> T:
        return build(_load(language))

    load.__doc__ = build.__doc__
    load.__name__ = getattr(build, "__name__", "view")
    return per_language(load)


def rule_group(file: str, label: str) -> RuleGroup:
    """The rules labelled ``label`` of ``rules/<lang>/<file>.toml`` in the current language (what a check reads)."""
    return load_rule_pack().group(file, label)


def rule_words(file: str, key: str) -> frozenset[str]:
    """The lower-cased word list ``key`` of the ``[settings]`` of ``rules/<lang>/<file>.toml``, current language."""
    return load_rule_pack().words(file, key)


def rule_setting(file: str, key: str) -> Any:
    """The setting ``key`` of the ``[settings]`` of ``rules/<lang>/<file>.toml`` in the current language."""
    return load_rule_pack().setting(file, key)
