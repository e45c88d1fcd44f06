"""Adversarial input shapes: texts built to make analysis slow, for the time-growth test and bench.

Each shape makes a customer message and a reply of a given length in characters from a short
repeated unit: a cue word with commas ("angry, angry, ..."), one word, one sentence with no
punctuation, thousands of tiny sentences, feeling words, the agent's stories, self-blame, URLs,
handles, emoji, shouting, runs of negators. Analysis time must grow linearly with the length of
every one of them (tests/test_time_growth.py; bench/bench_adversarial.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


def fill(unit: str, n: int) -> str:
    """``unit`` repeated to at most ``n`` characters, trailing space dropped (never empty)."""
    return (unit * (n // len(unit) + 1))[:n].rstrip() or unit.strip()


def _tail(head: str, char: str) -> Callable[[int], str]:
    """A text of ``n`` characters: ``head`` followed by ``char`` repeated (a long URL or handle)."""
    return lambda n: head + char * max(1, n - len(head))


def _rep(unit: str) -> Callable[[int], str]:
    return lambda n: fill(unit, n)


@dataclass(frozen=True, slots=True)
class Shape:
    """One adversarial shape: how to make its customer message and its reply of ``n`` characters."""

    name: str
    what: str
    customer: Callable[[int], str]
    reply: Callable[[int], str]


_NATURAL_CUSTOMER = (
    "I ordered a birthday present for my daughter two weeks ago and it still hasn't arrived. The tracking hasn't "
    "changed in six days and nobody answers the phone. I'm really upset and worried it won't come in time. "
)
_NATURAL_REPLY = (
    "I'm so sorry your daughter's present hasn't arrived; it's really worrying when the tracking stops moving and "
    "nobody picks up. When a parcel of mine went missing before my son's birthday I felt just the same. I've "
    "contacted the courier, who found it at the local depot, and it will be delivered tomorrow before noon. "
)

SHAPES: dict[str, Shape] = {
    s.name: s
    for s in (
        Shape("cue_commas", "one feeling word and a comma, repeated; the reply all commas",
              _rep("angry, "), _rep(", ")),
        Shape("cue_commas_reply", "the reply repeats a feeling word with commas",
              lambda n: "I am angry.", _rep("angry, ")),
        Shape("one_word", "one feeling word repeated, no punctuation", _rep("angry "), _rep("angry ")),
        Shape("plain_word", "one plain word repeated", _rep("the "), _rep("the ")),
        Shape(
            "unpunctuated",
            "one long sentence of ordinary words and no punctuation",
            _rep("i was charged twice for the order and nobody answers the phone so i am upset and worried "),
            _rep("i am so sorry you were charged twice that is really frustrating and i have refunded it "),
        ),
        Shape("tiny_sentences", "thousands of one-word sentences", _rep("Sad. "), _rep("Sorry. ")),
        Shape(
            "emotion_words",
            "a different feeling word every word",
            _rep("angry upset furious worried scared ashamed lonely sad annoyed confused "),
            _rep("frustrating upsetting worrying scary sad annoying confusing "),
        ),
        Shape(
            "stories",
            "the agent's story sentence repeated",
            _rep("I was charged twice. "),
            _rep("When I was charged twice last year I felt the same. "),
        ),
        Shape(
            "stories_between_service",
            "stories of the agent's own interleaved with service sentences",
            _rep(_NATURAL_CUSTOMER),
            _rep("I had the same problem with a parcel last year. I have refunded your order today. "),
        ),
        Shape(
            "mixed_strategies",
            "every strategy and a pitfall in each few sentences",
            _rep("I'm so stupid, I forgot my password again and now I'm locked out and furious! "),
            _rep(
                "That must be so frustrating after waiting so long. The same thing happened to me last year. "
                "It's completely normal to feel that way. Calm down, it's not a big deal. "
            ),
        ),
        Shape(
            "self_criticism",
            "self-blame repeated, reassurance repeated",
            _rep("I'm such an idiot, it's my fault. "),
            _rep("It's normal to make mistakes like that. "),
        ),
        Shape("long_url", "one URL and one handle as long as the text", _tail("see https://example.com/", "a"),
              _tail("@user", "b")),
        Shape("handles", "handles and hashtags repeated", _rep("@someone "), _rep("#tag ")),
        Shape("emoji", "an emoji run", lambda n: "\U0001f621" * n, lambda n: "\U0001f64f" * n),
        Shape("shouting", "capitals and exclamation marks", _rep("WHY IS NOTHING WORKING!!! "),
              _rep("SORRY ABOUT THAT!! ")),
        Shape("negators", "negators and bridge words before a feeling", _rep("not so very really worried "),
              _rep("don't be so so so worried ")),
        Shape("natural", "ordinary text (the baseline)", _rep(_NATURAL_CUSTOMER), _rep(_NATURAL_REPLY)),
    )
}
