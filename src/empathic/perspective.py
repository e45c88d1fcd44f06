"""Turning the customer's words into the agent's: "I was charged twice" -> "you were charged twice".

Used wherever empathic quotes a customer's reason back to them (tips, suggestions).
"""

from __future__ import annotations

import re

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
