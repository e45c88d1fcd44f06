"""Mechanical checks on generated text that the analyzer cannot see: pronoun and article agreement, repeated
sentences and words, @handles out of place, fragments pasted mid-sentence or cut inside a time or a house number,
the customer's shorthand said back, an "either" that points at a sentence not there, a quotation left open, a past
tense after "did", a telegraphic list of events, an apology said twice in a row.

Every suggestion and rewrite passes these before it is offered (see :func:`empathic.suggest.verify.verify`).
"""

from __future__ import annotations

import itertools
import re

from empathic.perspective import (
    CALENDAR_NAMES,
    N_FOR_AND,
    OPENING_SINGLE,
    TELEGRAPHIC_LIST,
    fix_articles,
    points_back_either,
)
from empathic.segment import sentences

_OBJECT_WE = re.compile(
    r"\b(?:from|to|with|at|for|about|by|against|contacting|contact|call|calling|called|told|tell|telling|email|"
    r"emailing|emailed|ask|asked|asking|message|messaged|messaging|reach|reached|pay|paid|give|gave|send|sent|"
    r"help|helped|join|joined|trust|trusted|chase|chasing|chased|than)\s+we\b(?!['’]\w)",
    re.IGNORECASE,
)
_BAD_AGREEMENT = re.compile(
    r"\b(?:we|you|they)\s+(?:is|was|has|does|doesn't|isn't|wasn't|hasn't)\b|\bI\s+(?:are|is|were|has|does)\b|"
    r"\b(?:he|she|it)\s+(?:are|were|have|do|don't|aren't|weren't|haven't)\b",
    re.IGNORECASE,
)
_REPEATED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
# Words that need something after them: a clause that stops on one was cut mid-phrase.
# "that" ends a phrase after a word that takes it as an object ("Sorry about that.", "We can help with that!").
_DANGLING_END = re.compile(
    r"\b(?:a|an|the|my|your|our|their|of|to|for|with|from|into|and|but|or|because|"
    r"(?<!about )(?<!like )(?<!with )(?<!for )(?<!of )(?<!to )(?<!on )(?<!at )(?<!do )(?<!did )(?<!all )(?<!see )"
    r"(?<!fix )(?<!help )that)\s*[,.;!?]",
    re.IGNORECASE,
)
_PASTED = re.compile(r"https?://|www\.|(?<![\w&])#\w|[\U0001F000-\U0001FAFF\u2600-\u27BF]|\btho\b|\btryna\b|\s@\w|"
                     r"[a-z],[a-z]",
                     re.IGNORECASE)
_HANDLE = re.compile(r"@\w+")
# A phrase cut inside a house number, a time or an abbreviation ("left at no." for "at no. 9", "on the 18." for
# "the 18:05", "about approx."): what followed the full stop is lost.
_CUT_INSIDE = re.compile(
    r"\b(?:at|to|from|in|on|outside|near|by|of|number|house|flat|room|unit|gate|platform|bay)\s+no\.(?!\s*\d)|"
    r"\b(?:approx|e\.g|i\.e|incl|cf)\.(?=\s*$|\s+(?-i:[A-Z]))|\bthe\s+\d{1,2}\.(?=\s*$|\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
# The customer's shorthand said back: "n" for "and"; a day or month in lower case; an everyday word shouted in
# capitals ("your save is GONE", "moved to SATURDAY").
_SHORTHAND = re.compile(
    N_FOR_AND.pattern + "|"
    rf"\b(?:{CALENDAR_NAMES})\b|"
    r"\b(?:GONE|DEAD|LATE|NEVER|STILL|AGAIN|EVER|NOTHING|NOBODY|EVERYTHING|WRONG|TWICE|ALREADY|MONDAY|TUESDAY|"
    r"WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\b"
)
# A quotation opened and never closed: an odd number of double quotes, or a single quote opening a word with no
# closing one after it ('says 'expired.'; the opening one is perspective.OPENING_SINGLE, which the clause's own
# tidying drops). An apostrophe inside or after a word ("couldn't", "customers'") is none.
_CLOSE_SINGLE = re.compile(r"(?<=[\w.!?,])'(?!\w)")
# "didn't got", "did not received": after "did" the verb is bare. Words ending in "eed" ("need", "feed") and short
# ones ("embed", "used to") are not read as a past tense.
_PAST_AFTER_DID = re.compile(r"\b(?:didn't|did not|didnt)\s+(?:even\s+|really\s+|actually\s+|ever\s+)?"
                             r"(?:got|went|came|saw|gave|took|sent|paid|made|bought|told|said|brought|found|knew|"
                             r"thought|wrote|won|lost|spent|broke|(?!\w*eed\b)\w{4,}ed)\b", re.IGNORECASE)
# An apology or condolence: two in one sentence or in two sentences in a row say it twice ("Sorry to hear that. I'm
# so sorry for your loss."; issue 13).
_APOLOGISES = re.compile(r"\bsorry\b|\bapologi[sz]e|\bapologies\b", re.IGNORECASE)
_REPEAT_ALLOWED = frozenset({"that", "had", "very", "so", "really", "bye", "no", "yes", "ha"})


#: Words too common for a pair of them said twice to be a repetition ("that you", "to the").
_COMMON = frozenset("""a an the to of in on at for with and or but so that this it you your we our i my me is are was
were be been have has had do does did not no it's you're we're i'm can can't will would as by from up out just
really very""".split())


def _repeated_phrase(sentence: str) -> bool:
    """True when two words in a row occur twice in the sentence, not both common ("counting on ... counting on")."""
    tokens = re.findall(r"[\w']+", sentence.lower())
    pairs = [(a, b) for a, b in itertools.pairwise(tokens) if not (a in _COMMON and b in _COMMON)]
    return len(pairs) != len(set(pairs))


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in sentences(text)]


def _unbalanced_quotes(text: str) -> bool:
    """True when a quotation in ``text`` is opened and not closed (see :data:`empathic.perspective.OPENING_SINGLE`)."""
    straight = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    if straight.count('"') % 2:
        return True
    opened = [m.start() for m in OPENING_SINGLE.finditer(straight)]
    closed = [m.start() for m in _CLOSE_SINGLE.finditer(straight)]
    return any(not any(c > o for c in closed) for o in opened)


def problems(text: str, *, allow_handles: bool = False) -> list[str]:
    """What is mechanically wrong with ``text`` as a sentence a person would send (empty when nothing is).

    ``allow_handles``: the text is a whole reply that may open with @handles (a rewrite); they must all come
    first, before any words.
    """
    out: list[str] = []
    if _OBJECT_WE.search(text) or _BAD_AGREEMENT.search(text):
        out.append("pronoun agreement")
    if fix_articles(text) != text:
        out.append("article agreement")
    for m in _REPEATED_WORD.finditer(text):
        if m.group(1).lower() not in _REPEAT_ALLOWED:
            out.append(f"repeated word {m.group(1)!r}")
            break
    if any(len(re.findall(rf"\b{joint}\b", s, re.IGNORECASE)) > 1 for s in _sentences(text)
           for joint in ("since", "especially")):
        out.append("a joint word used twice in one sentence")
    if any(_repeated_phrase(s) for s in _sentences(text)):
        out.append("a phrase said twice in one sentence")
    if _DANGLING_END.search(text):
        out.append("a fragment cut off mid-phrase")
    if _unbalanced_quotes(text):
        out.append("a quotation left open")
    if _PAST_AFTER_DID.search(text):
        out.append("a past tense after 'did'")
    if _CUT_INSIDE.search(text):
        out.append("a phrase cut inside a number, a time or an abbreviation")
    if any(points_back_either(s.rstrip(".!")) for s in _sentences(text)):
        out.append("an 'either' that points back at a sentence not there")
    if _SHORTHAND.search(text):
        out.append("the customer's shorthand said back (n for and, a lower-case day, a shouted word)")
    if TELEGRAPHIC_LIST.search(text):
        out.append("a telegraphic list of events after bare commas")
    body = text
    if allow_handles:
        body = re.sub(r"^(?:\s*@\w+[\s,:]*)+", "", text)
        if _HANDLE.search(body):
            out.append("an @handle after the first words")
    if _PASTED.search(body if allow_handles else f" {text}"):
        out.append("a fragment of the message pasted in (link, hashtag, emoji, handle or chat shorthand)")
    said = [len(_APOLOGISES.findall(s)) for s in _sentences(text)]
    if any(n > 1 for n in said) or any(a and b for a, b in itertools.pairwise(said)):
        out.append("an apology said twice in a row")
    seen: set[str] = set()
    for s in _sentences(text):
        key = re.sub(r"\W+", " ", s.lower()).strip()
        if key and key in seen:
            out.append("a repeated sentence")
            break
        seen.add(key)
    return out
