"""An agent's own true stories ("My stories"): kept by the agent, offered as relating suggestions when one fits.

empathic never invents a life for the agent: a relating suggestion is either a frame the agent completes or one of
the stories the agent wrote down themselves. A story fits a customer when they share content words (or one of the
story's topics occurs in the message); the best-fitting ones are checked by the analyzer like every suggestion.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from empathic.errors import InputError
from empathic.facts.text import content_stems, stem, words

#: Longest story kept, in characters: relating is a sentence or two.
MAX_STORY_CHARS = 400


@dataclass(frozen=True, slots=True)
class Story:
    """One of an agent's true stories, with optional topic words ("broadband", "refund") that say when it fits."""

    text: str
    topics: tuple[str, ...] = ()
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "text", "topics"}``."""
        return {"id": self.id, "text": self.text, "topics": list(self.topics)}

    @classmethod
    def from_dict(cls, data: Any) -> Story:
        """A story from ``{"text", "topics"?, "id"?}``; InputError naming what is wrong otherwise."""
        if not isinstance(data, dict):
            raise InputError("a story must be a JSON object with a \"text\" field")
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError("a story needs a non-empty \"text\"")
        if len(text) > MAX_STORY_CHARS:
            raise InputError(f"a story is at most {MAX_STORY_CHARS} characters: keep it to a sentence or two")
        topics = data.get("topics", [])
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            raise InputError("a story's \"topics\" must be a list of words")
        sid = data.get("id")
        return cls(text=text.strip(), topics=tuple(t.strip().lower() for t in topics if t.strip()),
                   id=None if sid is None else str(sid))


def read_stories(lines: Iterable[str], *, source: str = "stories") -> list[Story]:
    """Stories from JSON lines (blank lines skipped); InputError naming the line that is wrong."""
    out: list[Story] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(Story.from_dict(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}, line {n}: not JSON ({exc.msg})") from exc
        except InputError as exc:
            raise InputError(f"{source}, line {n}: {exc}") from exc
    return out


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """A story and how well it fits a customer's message."""

    story: Story
    shared: tuple[str, ...] = field(default_factory=tuple)

    @property
    def strength(self) -> int:
        """How many content words (or topics) the story shares with the message."""
        return len(self.shared)


def fitting_stories(customer: str, stories: Sequence[Story], *, limit: int = 3) -> list[StoryMatch]:
    """The stories that share at least one content word or topic with ``customer``, best fit first."""
    message = content_stems(customer)
    lowered = customer.lower()
    matches: list[StoryMatch] = []
    for story in stories:
        stems = message & content_stems(story.text)
        # Said back in the story's own words ("broadband, dropping"), not as stems.
        shared = {w for w in words(story.text) if stem(w) in stems}
        shared |= {t for t in story.topics if t in lowered or content_stems(t) & message}
        if shared:
            matches.append(StoryMatch(story, tuple(sorted(shared))))
    matches.sort(key=lambda m: -m.strength)
    return matches[:limit]
