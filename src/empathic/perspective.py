"""Turning the customer's words into the agent's: "I was charged twice" -> "you were charged twice".

Used wherever empathic quotes a customer's reason back to them (tips, suggestions).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from empathic.types import Analysis

# Order matters: contractions before bare pronouns. Case of the first letter is restored afterwards.
_SWAPS: tuple[tuple[str, str], ...] = (
    (r"\bI'm\b", "you're"),
    (r"\bI am\b", "you are"),
    (r"\bI've\b", "you've"),
    (r"\bI'd\b", "you'd"),
    (r"\bI'll\b", "you'll"),
    (r"\bI was\b", "you were"),
    (r"\bwasn't I\b", "weren't you"),
    (r"\bI wasn't\b", "you weren't"),
    (r"\bam I\b", "are you"),
    (r"\bI\b", "you"),
    (r"\bmyself\b", "yourself"),
    (r"\bmy\b", "your"),
    (r"\bmine\b", "yours"),
    (r"\bme\b", "you"),
    (r"\bwe're\b", "you're"),
    (r"\bwe've\b", "you've"),
    (r"\bwe\b", "you"),
    (r"\bour\b", "your"),
    (r"\bus\b", "you"),
    (r"\bim\b", "you're"),
    (r"\bive\b", "you've"),
)
# The customer's "you" is the company; in the agent's voice it becomes "we".
_COMPANY: tuple[tuple[str, str], ...] = (
    (r"\byou're\b", "we're"),
    (r"\byou've\b", "we've"),
    (r"\byou'll\b", "we'll"),
    (r"\byou guys\b", "we"),
    (r"\byou are\b", "we are"),
    (r"\byou were\b", "we were"),
    (r"\byour\b", "our"),
    (r"\byours\b", "ours"),
    (r"\byou\b", "we"),
)
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _SWAPS]
_COMPILED_COMPANY = [(re.compile(p, re.IGNORECASE), r) for p, r in _COMPANY]
_LEADING_JOINT = re.compile(
    r"^(?:and|but|so|because|since|as|that|when|after|now|then|just|also|plus|cause|cos|coz)\b[\s,]*",
    re.IGNORECASE,
)


def to_second_person(text: str, *, company_voice: bool = False) -> str:
    """Rewrite first-person words as second person, keeping everything else.

    With ``company_voice`` the customer's "you/your" (the company) also becomes "we/our".
    """
    # Placeholders stop a swapped "you" from being swapped again by a later rule.
    out = text
    marks: list[str] = []
    rules = (_COMPILED_COMPANY + _COMPILED) if company_voice else _COMPILED
    for pattern, repl in rules:
        def sub(m: re.Match[str], repl: str = repl) -> str:
            marks.append(repl)
            return f"\x00{len(marks) - 1}\x00"

        out = pattern.sub(sub, out)
    return re.sub(r"\x00(\d+)\x00", lambda m: marks[int(m.group(1))], out)


def reason_phrase(cause: str, *, max_words: int = 14, company_voice: bool = False) -> str:
    """A short second-person reason from a cause span: no leading joint word, no end punctuation."""
    text = _LEADING_JOINT.sub("", cause.strip())
    text = text.strip(" .!?,;:\"'“”‘’")
    words = text.split()
    if len(words) > max_words:
        # Cut at a joint ("," / "and" / "but") rather than mid-phrase, when there is one early enough.
        cut = re.search(r",\s|\s(?:and|but|so|which|because)\s", " ".join(words[3:]))
        head = " ".join(words[:3])
        text = (head + " " + " ".join(words[3:])[: cut.start()]) if cut else " ".join(words[:max_words])
        text = text.strip(" ,")
    text = to_second_person(text, company_voice=company_voice)
    if text[:1].isupper() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text


# A finite clause starts with a subject and has a verb; a subject dropped in chat ("Sent my phone ...") is "you".
_SUBJECT = re.compile(
    r"^(?:you|you're|you've|your|we|we're|our|it|it's|its|this|that|these|those|there|there's|they|their|the|a|an|"
    r"he|he's|she|she's|his|her|nobody|no one|nothing|someone|somebody|everything|my|mine)\b",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|can't|cannot|could|couldn't|won't|wouldn't|"
    r"didn't|doesn't|don't|isn't|aren't|wasn't|weren't|hasn't|haven't|keeps?|kept|got|gets?|said|says|went|"
    r"came|left|lost|made|paid|sent|took|told|\w+ed|'s|'re|'ve|'ll|'d)\b",
    re.IGNORECASE,
)
_DROPPED_SUBJECT_VERB = re.compile(
    r"^(?:sent|got|paid|bought|ordered|tried|moved|made|called|rang|booked|received|waited|lost|spent|had|"
    r"just (?:got|moved|paid|bought|ordered)|been)\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^(?:why|what|how|when|where|who|which|is|are|can|could|will|would|do|does|did)\b", re.I)
_GERUND = re.compile(r"^\w+ing\b")
# A "whenever" clause with a subject of its own is a finite clause too ("every time you call you get told ...").
_WHENEVER_CLAUSE = re.compile(
    r"^(?:every time|each time|whenever)\s+(?:you|we|they|he|she)\b.*\b(?:you|we|they)(?:\s+\w+|['’]\w+)", re.IGNORECASE
)
_FEELING_ONLY = re.compile(
    r"^(?:i'?m|i am|i feel|feeling|so|really|very|just|totally|completely|absolutely|\s|,)*"
    r"(?:angry|furious|upset|frustrated|annoyed|worried|anxious|scared|sad|confused|stressed|embarrassed|livid|"
    r"fuming|gutted|devastated|disappointed)\b",
    re.IGNORECASE,
)


def reason_clause(text: str) -> str | None:
    """The customer's reason as a finite second-person clause, or None when it is not one."""
    raw = text.strip()
    if raw.endswith("?") or _QUESTION.match(raw):
        return None
    phrase = reason_phrase(raw.replace('"', "").replace("“", "").replace("”", ""), company_voice=True)
    if not phrase or len(phrase.split()) < 3:
        return None
    if _DROPPED_SUBJECT_VERB.match(phrase):
        phrase = f"you {phrase}"
    elif _GERUND.match(phrase) and not _SUBJECT.match(phrase):
        phrase = f"you're {phrase}"
    if _WHENEVER_CLAUSE.match(phrase):
        return phrase
    if not _SUBJECT.match(phrase) or not _VERB.search(phrase):
        return None
    return phrase


def customer_reason(analysis: Analysis, emotion: str) -> tuple[str | None, str | None]:
    """The customer's reason for ``emotion`` as a second-person clause, and the text it came from.

    Causes of that emotion come first, then other causes, then the first sentence that states a
    problem rather than only a feeling; the customer's self-criticism is never quoted back to them
    as a reason. (None, None) when nothing reads as a clause.
    """
    cust = analysis.customer
    causes = [c for c in cust.causes if not any(c.span.overlaps(s) for s in cust.self_criticism)]
    causes.sort(key=lambda c: (c.emotion != emotion, c.span.start))
    for c in causes:
        clause = reason_clause(c.span.text)
        if clause:
            return clause, c.span.text
    for sent in analysis.customer_sentences:
        if _FEELING_ONLY.match(sent.text) or sent.text.rstrip().endswith("?"):
            continue
        if any(sent.overlaps(s) for s in cust.self_criticism):
            continue
        clause = reason_clause(sent.text)
        if clause:
            return clause, sent.text
    return None, None
