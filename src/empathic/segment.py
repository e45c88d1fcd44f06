"""Sentence and clause segmentation with character offsets.

Rule-based on purpose: customer-service text is short, informal and full of emoji,
missing capitals and "!!"; a tokenizer trained on news does no better and costs a model
load. Abbreviations that end in a full stop ("Mr.", "e.g.") do not end a sentence.
"""

from __future__ import annotations

import re

from empathic.components import component
from empathic.types import Analysis, Span

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "approx",
        "appt",
        "dept",
        "est",
        "tel",
        "ext",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "a.m",
        "p.m",
    ]
)

# A sentence ends at . ! ? … (possibly repeated, possibly followed by quotes/brackets) then whitespace,
# or at a line break. The lookahead keeps decimals ("3.5") and URLs together.
_SENT_END = re.compile(r"""(?:[.!?…]+['"”’)\]]*)(?=\s|$)|\n+""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")

# Clause boundaries inside a sentence: ; : — – and ", but|so|and|because ..." style joints.
_CLAUSE_BREAK = re.compile(
    r"""\s*[;:]\s+|\s+[—–]\s+|\s+-\s+
    |,\s+(?=(?:but|so|and|because|since|although|though|while|which|as|especially|when|after|yet|or)\b)""",
    re.IGNORECASE | re.VERBOSE,
)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Span.of(text, start, end)


_PREV_WORD = re.compile(r"(\S+)\s+$")


def _starts_like_initial(text: str, letter: int) -> bool:
    """True when the word before the capital at ``letter`` is capitalised (a name goes on) or there is none."""
    prev = _PREV_WORD.search(text, max(0, letter - 40), letter)
    if prev is None:
        # the last non-space character before the letter, found without copying the text before it
        i = letter
        while i > 0 and text[i - 1].isspace():
            i -= 1
        return i == 0 or text[i - 1] in ".!?"
    word = prev.group(1)
    return word[:1].isupper() or word[-1:] in ".,"


#: The longest sentence analysed as one; a longer run of words without a sentence end ("angry, angry, ..."
#: or a message with no punctuation) is cut into windows of at most this many characters, so the
#: per-sentence work stays bounded and analysis time grows linearly with the text. Natural sentences
#: are far shorter (the longest in the evaluation sets has 505 characters).
MAX_SENTENCE_CHARS = 1000


def sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans; every span's text equals ``text[start:end]``.

    A sentence longer than :data:`MAX_SENTENCE_CHARS` is cut into windows at whitespace.
    """
    return [window for sent in _sentences(text) for window in _windows(text, sent)]


def _windows(text: str, sent: Span) -> list[Span]:
    """``sent`` itself, or, when it is too long, consecutive windows of it cut at the last whitespace."""
    if sent.end - sent.start <= MAX_SENTENCE_CHARS:
        return [sent]
    out: list[Span] = []
    start = sent.start
    while sent.end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        while cut > start + MAX_SENTENCE_CHARS // 2 and not text[cut].isspace():
            cut -= 1
        if not text[cut].isspace():
            cut = limit  # no whitespace in the second half of the window: cut inside the word
        span = _trimmed(text, start, cut)
        if span is not None:
            out.append(span)
        start = cut
    span = _trimmed(text, start, sent.end)
    if span is not None:
        out.append(span)
    return out


def _sentences(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        if m.group().startswith((".",)) and not m.group().startswith(".."):
            word = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start() + 1)
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            # A single capital letter before the stop is an initial ("J. Smith", "Mr J. Smith") when the
            # word before it is capitalised or absent; after a lower-case word it ends a sentence ("band C.").
            if (
                m.start() >= 1
                and text[m.start() - 1].isupper()
                and (m.start() == 1 or not text[m.start() - 2].isalpha())
                and _starts_like_initial(text, m.start() - 1)
            ):
                continue
        span = _trimmed(text, start, end)
        if span is not None:
            out.append(span)
        start = end
    tail = _trimmed(text, start, len(text))
    if tail is not None:
        out.append(tail)
    return out


def clauses(text: str, sentence_spans: list[Span] | None = None) -> list[Span]:
    """Split each sentence of ``text`` into clause spans at semicolons, dashes and joining conjunctions."""
    out: list[Span] = []
    for sent in sentence_spans if sentence_spans is not None else sentences(text):
        pos = sent.start
        for m in _CLAUSE_BREAK.finditer(text, sent.start, sent.end):
            span = _trimmed(text, pos, m.start())
            if span is not None:
                out.append(span)
            pos = m.end()
        span = _trimmed(text, pos, sent.end)
        if span is not None:
            out.append(span)
    return out


@component(
    "segment",
    requires=("exchange",),
    assigns=("customer_sentences", "customer_clauses", "reply_sentences", "reply_clauses", "reply_facts",
             "customer_facts"),
)
def segment(analysis: Analysis) -> Analysis:
    """Split the customer's message and the reply into sentences and clauses, and read each reply sentence's facts."""
    customer = analysis.exchange.customer
    analysis.customer_sentences = sentences(customer)
    analysis.customer_clauses = clauses(customer, analysis.customer_sentences)
    reply = analysis.reply
    analysis.reply_sentences = sentences(reply)
    analysis.reply_clauses = clauses(reply, analysis.reply_sentences)
    # Imported here: the facts read the segmenter's sentences (facts.text imports this module).
    from empathic.facts.sentences import read_facts

    return read_facts(analysis)
