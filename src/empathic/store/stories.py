"""Each agent's own true stories ("My stories") in the results store, on SQLite and PostgreSQL.

A story belongs to the agent id it was saved under: reading, editing and deleting are always for one agent, and
another agent's story looks exactly like one that does not exist (``NotFoundError``), so ids reveal nothing.
The stories themselves are :class:`empathic.suggest.stories.Story` (validated there, matched there).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from empathic.errors import InputError, NotFoundError
from empathic.suggest.stories import Story

#: Stories one agent may keep: "a few true stories", with room to spare; a bound keeps one agent's list cheap.
MAX_STORIES_PER_AGENT = 50


class _Db(Protocol):
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def tx(self) -> Any: ...


def _story(row: dict[str, Any]) -> Story:
    return Story(text=row["text"], topics=tuple(json.loads(row["topics_json"] or "[]")), id=row["id"])


def _now() -> str:
    from empathic.store.results import utc_iso  # results imports this module

    return utc_iso()


def _agent(agent_id: str) -> str:
    if not isinstance(agent_id, str) or not agent_id.strip():
        raise InputError("stories are kept per agent: give the agent id")
    return agent_id


class StoryTable:
    """The ``stories`` table's methods, mixed into :class:`empathic.store.ResultStore`."""

    _db: _Db

    def stories(self, agent_id: str) -> list[Story]:
        """The stories ``agent_id`` keeps, in the order they were added."""
        rows = self._db.query(
            "SELECT id, text, topics_json FROM stories WHERE agent_id = ? ORDER BY position",
            (_agent(agent_id),),
        )
        return [_story(r) for r in rows]

    def add_story(self, agent_id: str, story: Story) -> Story:
        """Keep ``story`` for ``agent_id`` under a new id; InputError past :data:`MAX_STORIES_PER_AGENT`."""
        agent_id = _agent(agent_id)
        sid = uuid.uuid4().hex[:16]
        now = _now()
        with self._db.tx() as tx:
            row = tx.query("SELECT COUNT(*) AS n, COALESCE(MAX(position), 0) AS last FROM stories "
                           "WHERE agent_id = ?", (agent_id,))[0]
            if int(row["n"]) >= MAX_STORIES_PER_AGENT:
                raise InputError(f"an agent keeps at most {MAX_STORIES_PER_AGENT} stories: delete one first")
            tx.execute(
                "INSERT INTO stories (id, agent_id, position, text, topics_json, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sid, agent_id, int(row["last"]) + 1, story.text, json.dumps(list(story.topics), ensure_ascii=False),
                 now, now),
            )
        return Story(text=story.text, topics=story.topics, id=sid)

    def update_story(self, agent_id: str, story_id: str, story: Story) -> Story:
        """Replace the text and topics of ``agent_id``'s story ``story_id``; NotFoundError when it is not theirs."""
        agent_id = _agent(agent_id)
        now = _now()
        with self._db.tx() as tx:
            if not tx.query("SELECT id FROM stories WHERE id = ? AND agent_id = ?", (story_id, agent_id)):
                raise NotFoundError(f"no story {story_id!r} among this agent's stories")
            tx.execute(
                "UPDATE stories SET text = ?, topics_json = ?, updated_at = ? WHERE id = ? AND agent_id = ?",
                (story.text, json.dumps(list(story.topics), ensure_ascii=False), now, story_id, agent_id),
            )
        return Story(text=story.text, topics=story.topics, id=story_id)

    def delete_story(self, agent_id: str, story_id: str) -> None:
        """Delete ``agent_id``'s story ``story_id``; NotFoundError when it is not theirs."""
        agent_id = _agent(agent_id)
        with self._db.tx() as tx:
            if not tx.query("SELECT id FROM stories WHERE id = ? AND agent_id = ?", (story_id, agent_id)):
                raise NotFoundError(f"no story {story_id!r} among this agent's stories")
            tx.execute("DELETE FROM stories WHERE id = ? AND agent_id = ?", (story_id, agent_id))
