"""Mentions of another customer who could be recognised: names, described people, identifying details.

Facts the resolver (a story about another customer is not the agent's own) and the identifiable_customer
check both read (moved here from the check, so the resolver need not import a check). A named person (a
courtesy title and a surname, or a common given name and a surname) is identifiable by itself, unless the
name is the customer's own, sits on a greeting or sign-off line, or belongs to staff or someone's own
people; someone described without a name is identifiable with a distinctive detail in the same sentence.
Phrases are data (``rules/<lang>/identifiable.toml``, ``names/given_names.txt``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from empathic.facts.text import addresses_customer
from empathic.resources import resource_lines
from empathic.rules import Groups, RulePack, rule_view
from empathic.types import Mention, MessageFacts, Span

# Mechanics stay here (name shapes, pronouns, prepositions before a place); phrase lists are identifiable.toml.
_CAP = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Rules:
    """What the identifiable facts read of a language's rule pack (identifiable.toml)."""

    groups: Groups
    common_capitals: frozenset[str]
    staff_titles: frozenset[str]
    #: a title and a name ("Mrs Patel"), with the file's titles
    titled_name: re.Pattern[str]


@rule_view
def _rules(pack: RulePack) -> _Rules:
    """The identifiable facts' view of the current language's rule pack."""
    titles = "|".join(re.escape(t) for t in pack.setting("identifiable", "titles"))
    return _Rules(
        groups=pack.groups("identifiable"),
        common_capitals=pack.words("identifiable", "common_capitals"),
        staff_titles=pack.words("identifiable", "staff_titles"),
        titled_name=re.compile(rf"\b(?:{titles})\.?\s+(?:(?:{_CAP}|[A-Z]\.?)\s+)?(?:{_CAP}|[A-Z]\b\.?)"),
    )


def _titled_name() -> re.Pattern[str]:
    """Pattern for a title and a name ("Mrs Patel"), the titles of the language's identifiable.toml."""
    return _rules().titled_name


_FULL_NAME = re.compile(rf"\b({_CAP})\s+({_CAP})\b")
# A capitalised name of a place or business, after a preposition ("from Leeds", "at Larkspur Studios").
_PROPER = re.compile(rf"\b(?:from|in|at|on|near|of|round|outside|behind|opposite)\s+(?:the\s+)?({_CAP})\b")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (title case) from ``names/given_names.txt``."""
    return frozenset(line.strip() for line in resource_lines("names", "given_names.txt"))


def _common_capitals() -> frozenset[str]:
    return _rules().common_capitals


def customer_words(customer: str) -> frozenset[str]:
    """The words of the customer's message, lower case: a name or place they wrote is their own."""
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", customer))


def _text_and_words(customer: str | MessageFacts) -> tuple[str, frozenset[str]]:
    """The customer's message and its words, from its facts when given (read once per analysis)."""
    if isinstance(customer, MessageFacts):
        return customer.text, customer.words
    return customer, customer_words(customer)


def _is_own_or_framing(reply: str, start: int) -> bool:
    """True when the name at ``start`` is staff, someone's own person, or on a greeting/sign-off line."""
    line_start = reply.rfind("\n", 0, start) + 1
    line_end = reply.find("\n", start)
    line = reply[line_start : line_end if line_end != -1 else len(reply)]
    if len(line.split()) <= 4:
        return True
    before = reply[max(0, start - 60) : start]
    groups = _rules().groups
    return bool(groups["own_people_before"].search(before) or groups["greeting_before"].search(before))


def named_people(reply: str, sentence: Span, customer: str | MessageFacts) -> list[Mention]:
    """Names of people in ``sentence`` who are neither the customer, staff, nor framing."""
    _, known = _text_and_words(customer)
    given = given_names()
    rules = _rules()
    common = rules.common_capitals
    out: list[Mention] = []
    text = sentence.text
    staff = rules.staff_titles
    as_customer = rules.groups["as_customer"].search(text) is not None
    own_story = rules.groups["own_story"].search(text) is not None
    for m in rules.titled_name.finditer(text):
        surname = m.group(0).split()[-1]
        if surname.lower() in known or _is_own_or_framing(reply, sentence.start + m.start()):
            continue
        if (
            m.group(0).split()[0].rstrip(".").lower() in staff
            and not as_customer
            and not rules.groups["told_of"].pattern.match(text[m.end() :])
        ):
            # "Dr Hayes's patients": the clinician the customer deals with, not another customer
            # (unless the sentence tells what happened to them: "Dr Evans had the same fault").
            continue
        if own_story and not as_customer:
            # "When I rented, my landlord Mr Grant ...": someone in the agent's own story.
            continue
        out.append(Mention("a customer's name", sentence.start + m.start(), sentence.start + m.end()))
    for m in _FULL_NAME.finditer(text):
        first, last = m.group(1), m.group(2)
        if first not in given or last.lower() in common or first.lower() in common:
            continue
        if first.lower() in known or last.lower() in known:
            continue
        if any(x.start <= sentence.start + m.start() < x.end for x in out):
            continue
        if _is_own_or_framing(reply, sentence.start + m.start()):
            continue
        out.append(Mention("a customer's name", sentence.start + m.start(), sentence.start + m.end()))
    return out


def _proper_nouns(text: str, known: frozenset[str]) -> list[re.Match[str]]:
    """Place or business names in ``text`` (after a preposition) that are not common words or ``known`` (the
    customer's words)."""
    common = _common_capitals()
    return [m for m in _PROPER.finditer(text) if m.group(1).lower() not in common and m.group(1).lower() not in known]


def identifying_details(sentence: Span, customer: str | MessageFacts) -> list[Mention]:
    """Places, addresses, ties to the customer's home and contact/account details in ``sentence``."""
    said, known = _text_and_words(customer)
    text = sentence.text
    out: list[Mention] = []
    groups = _rules().groups
    for m in groups["address"].pattern.finditer(text):
        out.append(Mention("an address", sentence.start + m.start(), sentence.start + m.end()))
    for m in groups["proximity"].pattern.finditer(text):
        out.append(Mention("where they live", sentence.start + m.start(), sentence.start + m.end()))
    for m in groups["contact"].pattern.finditer(text):
        if m.group(0) in said:
            continue
        out.append(Mention("a contact or account detail", sentence.start + m.start(), sentence.start + m.end()))
    for m in _proper_nouns(text, known):
        out.append(Mention("a place or business", sentence.start + m.start(1), sentence.start + m.end(1)))
    for m in groups["distinctive"].pattern.finditer(text):
        out.append(Mention("who they are", sentence.start + m.start(), sentence.start + m.end()))
    return out


def identifiable_mentions(reply: str, sentence: Span, customer: str | MessageFacts) -> list[Mention]:
    """All evidence in ``sentence`` that it tells of another, identifiable customer (``customer``: the customer's
    message, or its facts). A reply sentence's mentions are one of its facts (``SentenceFacts.identifiable``)."""
    named = named_people(reply, sentence, customer)
    if named:
        return named + identifying_details(sentence, customer)
    text = sentence.text
    described = _rules().groups["described_person"].search(text)
    details = identifying_details(sentence, customer)
    strong = [d for d in details if d.reason != "a place or business"]
    # Someone described without a name is a story about another customer only when the sentence
    # tells what happened to them ("a lady from Leeds had the same"), not "someone will call you".
    tells = _rules().groups["story_verb"].search(text) is not None
    if described and details and tells:
        return [
            Mention("another customer", sentence.start + described.start(), sentence.start + described.end()),
            *details,
        ]
    near = [d for d in strong if d.reason == "where they live"]
    if near and tells and (described or _rules().groups["person_word"].search(text)):
        # A neighbour is a person; "a valve in your street was left closed" is not.
        return near
    contact = [
        d
        for d in strong
        if d.reason == "a contact or account detail"
        # "checking you in under reference 44817": the customer's own reference, not another's.
        and not addresses_customer(text[max(0, d.start - sentence.start - 40) : d.start - sentence.start])
    ]
    if contact and _THIRD_PERSON.search(text):
        return contact
    return []
