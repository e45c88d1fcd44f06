"""Situation registers: the kind of moment a customer is in (a death, an emergency, health, money, travel, an
everyday hitch), read from their message, and what that changes about how a suggestion may sound.

The registers, their cues, examples and the words each avoids are data (``resources/suggest/registers.toml``);
this module only loads and applies them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from empathic.errors import ResourceError
from empathic.resources import resource_text

#: The register that applies when no other's cue matches.
DEFAULT_REGISTER = "everyday"


@dataclass(frozen=True, slots=True)
class Register:
    """One situation register (see registers.toml for what each field means)."""

    id: str
    cues: tuple[re.Pattern[str], ...]
    avoid: tuple[str, ...]
    instead_of: tuple[str, ...]
    feeling: str | None
    relating: bool
    quote_cues: bool
    general: bool
    common_problem: bool
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]
    #: The feeling to phrase an unsure reading in when the reading has it among its bad feelings (else the
    #: default words that fit any), or None.
    unsure: str | None = None
    #: A feeling read too strongly for the moment and the milder one said instead ({"fear": "anxiety"}).
    milder: tuple[tuple[str, str], ...] = ()
    #: Messages and the one whose death each tells, as :meth:`who` must read it ("" for none).
    examples_who: tuple[tuple[str, str], ...] = ()
    #: What a rewrite says before a flat policy sentence of the draft (draft_fit.toml ``cold``) in this grave
    #: moment, "" for none: the fact stays, said knowing it is hard to hear.
    cold_frame: str = ""
    #: What the customer stands to lose (a stakes.toml kind) and the feeling said then instead of any other: a calm
    #: customer whose account is being closed is worried, not annoyed.
    at_stake: tuple[tuple[str, str], ...] = ()
    #: Why no personal story fits when ``relating`` is false ("" for the grave registers' reason).
    no_story: str = ""
    #: Regexes that put a message in this register without naming its problem (a condition, a tone: "I'm
    #: recovering from an operation", "no rush"): never read as the reason to say back, unlike ``cues``.
    context: tuple[re.Pattern[str], ...] = ()
    #: A feeling and the words said for it in this register, (situation adjective, feeling word), where they differ
    #: from the general ones ({"frustration": ("annoying", "annoyed")} for a calm customer).
    words: tuple[tuple[str, tuple[str, str]], ...] = ()
    #: What the customer of this register has to sort out (an estate, an account, paperwork), matched at the end of
    #: an ``about`` phrase; None when any about reads well ("having to sort out your late father's account").
    affairs: re.Pattern[str] | None = None

    def milder_feeling(self, emotion: str) -> str:
        """``emotion``, or the milder feeling this register says instead of it."""
        return dict(self.milder).get(emotion, emotion)

    def stake_feeling(self, stake: str) -> str | None:
        """The feeling this register says when ``stake`` (a stakes.toml kind) is at stake, or None."""
        return dict(self.at_stake).get(stake)

    def words_for(self, emotion: str) -> tuple[str, str] | None:
        """The (situation adjective, feeling word) this register says for ``emotion``, or None for the general ones."""
        return dict(self.words).get(emotion)

    def matches(self, text: str) -> bool:
        """True when one of the register's cues or context cues occurs in ``text``."""
        return any(p.search(text) for p in self.cues) or any(p.search(text) for p in self.context)

    def who(self, text: str) -> str:
        """The one whose death ``text`` tells, as the customer names them ("my husband", "our old spaniel"), or "".

        Read off the cues' group ``who``; only a phrase the customer owns ("my", "our") counts, so "he died" or "the
        family dog" give "", and so does one named as an owner ("my dad's watch"): a mention in passing.
        """
        for p in self.cues:
            if "who" not in p.groupindex:
                continue
            for m in p.finditer(text):
                found = m.group("who")
                if found and found.lower() in _ANTECEDENT:
                    found = _antecedent(text[:m.start("who")], found.lower())
                if found and re.match(r"(?:my|our)\s", found, re.IGNORECASE) \
                        and not re.match(r"['’]s\b", text[m.end("who"):]):
                    owner, rest = found.split(None, 1)
                    return f"{owner.lower()} {' '.join(rest.split())}"  # "Our cat died" -> "our cat"
        return ""

    def allows(self, sentence: str) -> bool:
        """True when ``sentence`` uses none of the words this register avoids."""
        low = sentence.lower()
        return not any(word in low for word in self.avoid)


# "She died in November" told after the one it means ("my wife and I had a joint plan. She died ..."; "Mum's
# account ... She died on the 2nd"): the condolence names them. Only a relative of the pronoun's gender, named
# before it with my/our or as a bare family name ("Mum", "Grandad"); nothing when another person is named between.
_ANTECEDENT = {
    "she": "wife|partner|mum|mom|mother|daughter|sister|grandma|grandmother|nan|nana|gran|granny|aunt|auntie|friend",
    "he": "husband|partner|dad|father|son|brother|grandad|grandpa|grandfather|uncle|friend",
}
_PERSON = re.compile(r"\b(?:(?:my|our)\s+(?:[\w']+\s+)?)?(?:" + "|".join(sorted({w for ws in _ANTECEDENT.values()
                                                                               for w in ws.split("|")})) + r")\b",
                     re.IGNORECASE)


def _antecedent(before: str, pronoun: str) -> str:
    """The relative ``pronoun`` stands for, named last in ``before`` as "my/our X" or a bare family name ("Mum"),
    as "my X"; "" when the last one named is not of the pronoun's gender or none is named."""
    named = list(_PERSON.finditer(before))
    if not named:
        return ""
    words = named[-1].group(0).split()
    # "my late husband" is a death told long before, said in passing (registers.toml examples.who)
    if words[-1].lower() not in _ANTECEDENT[pronoun].split("|") or "late" in (w.lower() for w in words):
        return ""
    if words[0].lower() in ("my", "our"):
        return " ".join([words[0].lower(), *words[1:]])
    return f"my {words[-1].lower()}" if words[-1][0].isupper() else ""


@lru_cache(maxsize=1)
def registers() -> tuple[Register, ...]:
    """Every register, in the order they are tried (the gravest first, the everyday one last)."""
    data = tomllib.loads(resource_text("suggest", "registers.toml"))
    out: list[Register] = []
    for rid, table in data.items():
        try:
            cues = tuple(re.compile(p, re.IGNORECASE) for p in table.get("cues", []))
            context = tuple(re.compile(p, re.IGNORECASE) for p in table.get("context", []))
            affairs = re.compile(table["affairs"], re.IGNORECASE) if "affairs" in table else None
        except re.error as exc:
            raise ResourceError(f"registers.toml [{rid}]: a cue is not a valid regex: {exc}") from exc
        examples = table.get("examples", {})
        unsure = table.get("unsure")
        if unsure is not None and not isinstance(unsure, str):
            raise ResourceError(f"registers.toml [{rid}]: unsure must be an emotion label")
        stake_feelings = table.get("at_stake", {})
        if not isinstance(stake_feelings, dict) or not all(isinstance(v, str) for v in stake_feelings.values()):
            raise ResourceError(f"registers.toml [{rid}]: at_stake must map a stakes.toml kind to an emotion label")
        words = table.get("words", {})
        if not isinstance(words, dict) or not all(
                isinstance(w, list) and len(w) == 2 and all(isinstance(x, str) and x for x in w)
                for w in words.values()):
            raise ResourceError(f"registers.toml [{rid}]: words must map an emotion to [adjective, feeling word]")
        out.append(
            Register(
                id=rid,
                cues=cues,
                avoid=tuple(w.lower() for w in table.get("avoid", [])),
                instead_of=tuple(table.get("instead_of", [])),
                feeling=table.get("feeling"),
                relating=bool(table.get("relating", True)),
                quote_cues=bool(table.get("quote_cues", True)),
                general=bool(table.get("general", True)),
                common_problem=bool(table.get("common_problem", True)),
                examples_match=tuple(examples.get("match", [])),
                examples_no_match=tuple(examples.get("no_match", [])),
                unsure=unsure,
                milder=tuple(sorted(table.get("milder", {}).items())),
                examples_who=tuple((str(m), str(w)) for m, w in examples.get("who", [])),
                cold_frame=str(table.get("cold_frame", "")),
                at_stake=tuple(sorted(stake_feelings.items())),
                no_story=str(table.get("no_story", "")),
                context=context,
                words=tuple(sorted((label, (adj, feeling)) for label, (adj, feeling) in words.items())),
                affairs=affairs,
            )
        )
    if not out or out[-1].id != DEFAULT_REGISTER:
        raise ResourceError(f"registers.toml must end with the [{DEFAULT_REGISTER}] register")
    return tuple(out)


@dataclass(frozen=True, slots=True)
class CueTable:
    """A table of cues with examples (a no_story.toml moment, a stakes.toml kind): its id, cues, why and examples."""

    id: str
    why: str
    cues: tuple[re.Pattern[str], ...]
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]

    def matches(self, text: str) -> bool:
        """True when one of the cues occurs in ``text``."""
        return any(p.search(text) for p in self.cues)


def _cue_tables(name: str) -> tuple[CueTable, ...]:
    """The tables of the suggest resource file ``name`` that hold cues, in file order (other keys are skipped)."""
    data = tomllib.loads(resource_text("suggest", name))
    out: list[CueTable] = []
    for tid, table in data.items():
        if not isinstance(table, dict):
            continue
        try:
            cues = tuple(re.compile(p, re.IGNORECASE) for p in table.get("cues", []))
        except re.error as exc:
            raise ResourceError(f"{name} [{tid}]: a cue is not a valid regex: {exc}") from exc
        if not cues:
            raise ResourceError(f"{name} [{tid}] needs cues")
        examples = table.get("examples", {})
        out.append(CueTable(tid, table.get("why", ""), cues, tuple(examples.get("match", [])),
                            tuple(examples.get("no_match", []))))
    return tuple(out)


@lru_cache(maxsize=1)
def no_story_moments() -> tuple[CueTable, ...]:
    """Every moment in no_story.toml."""
    return _cue_tables("no_story.toml")


def story_unfit(text: str, register: Register) -> str | None:
    """Why no personal story fits a customer who wrote ``text`` in ``register``, or None when one may."""
    if not register.relating:
        return register.no_story or \
            "No personal story here: after a loss, an emergency or a health scare, keep the focus on them."
    return next((m.why for m in no_story_moments() if m.matches(text)), None)


def register_for(text: str) -> Register:
    """The first register whose cue occurs in the customer's message ``text``; the everyday one otherwise."""
    regs = registers()
    return next((r for r in regs[:-1] if r.matches(text)), regs[-1])


@lru_cache(maxsize=1)
def stakes() -> tuple[CueTable, ...]:
    """Every kind of stake in stakes.toml (something a customer stands to lose), in file order."""
    return _cue_tables("stakes.toml")


@lru_cache(maxsize=1)
def light_words() -> tuple[str, ...]:
    """Words that make trouble small or its fix quick: never said when something is at stake (stakes.toml)."""
    light = tomllib.loads(resource_text("suggest", "stakes.toml")).get("light", [])
    if not isinstance(light, list) or not all(isinstance(w, str) and w for w in light):
        raise ResourceError("stakes.toml: light must be a list of words")
    return tuple(w.lower() for w in light)


#: The no_story.toml moment whose cues (a home, a job, everything they had) also put a message at stake.
_HIGH_STAKES_MOMENT = "high_stakes"


def at_stake(text: str) -> str:
    """What the customer who wrote ``text`` stands to lose (a stakes.toml kind, or the no-story high-stakes
    moment's id), or "" when nothing beyond an everyday hitch is."""
    found = next((s.id for s in stakes() if s.matches(text)), "")
    if found:
        return found
    return next((m.id for m in no_story_moments() if m.id == _HIGH_STAKES_MOMENT and m.matches(text)), "")
