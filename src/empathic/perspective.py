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
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _SWAPS]
_LEADING_JOINT = re.compile(
    r"^(?:and|but|so|because|since|as|that|when|after|now|then|just|also|plus|cause|cos|coz)\b[\s,]*",
    re.IGNORECASE,
)


def to_second_person(text: str) -> str:
    """Rewrite first-person words as second person, keeping everything else."""
    # Placeholders stop a swapped "you" from being swapped again by a later rule.
    out = text
    marks: list[str] = []
    for pattern, repl in _COMPILED:
        def sub(m: re.Match[str], repl: str = repl) -> str:
            marks.append(repl)
            return f"\x00{len(marks) - 1}\x00"

        out = pattern.sub(sub, out)
    return re.sub(r"\x00(\d+)\x00", lambda m: marks[int(m.group(1))], out)


def reason_phrase(cause: str, *, max_words: int = 14) -> str:
    """A short second-person reason from a cause span: no leading joint word, no end punctuation."""
    text = _LEADING_JOINT.sub("", cause.strip())
    text = text.strip(" .!?,;:\"'“”‘’")
    words = text.split()
    if len(words) > max_words:
        text = " ".join(words[:max_words])
    text = to_second_person(text)
    if text[:1].isupper() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text
