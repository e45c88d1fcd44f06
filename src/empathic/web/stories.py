"""REST ``/v1/stories``: each agent's own true stories ("My stories"), which Assist's suggestions draw on.

The agent is named by ``agent_id``, as on the other routes that store per agent (``/v1/analyze`` with ``save``,
``/v1/conversations/score``); on a server with API keys the stories are kept under that name and the key together,
as a reviewer's reviews are (``web.api.story_owner``), so a key holder never reaches another key's stories. An agent
reads, edits and deletes only their own stories: another agent's story id answers 404, like one that does not
exist. Stories are
:class:`empathic.suggest.stories.Story` and are matched to a customer's message by
:func:`empathic.suggest.stories.fitting_stories` (through ``suggest``), never by a second matcher here.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from empathic.errors import NotFoundError
from empathic.suggest.stories import MAX_STORY_CHARS, Story
from empathic.web.api import COMMON_ERRORS, _err, ctx_of, only_query_params, require_key, story_owner
from empathic.web.schemas import AGENT_ID_PATTERN, HAS_WORDS, _In
from empathic.web.security import ApiError

#: Topic words one story may carry, and the longest topic.
MAX_TOPICS = 12
MAX_TOPIC_CHARS = 40
#: A story id as the store makes them (hex); anything else cannot name a story.
STORY_ID_PATTERN = r"^[0-9a-f]{1,32}$"

AGENT_HELP = "The agent whose stories these are (the agent_id used with /v1/analyze)."


class StoryIn(_In):
    """One true story of the agent's own, a sentence or two, with topic words that say when it fits."""

    agent_id: str = Field(min_length=1, max_length=200, pattern=AGENT_ID_PATTERN, description=AGENT_HELP)
    text: str = Field(min_length=1, max_length=MAX_STORY_CHARS, pattern=HAS_WORDS,
                      description="The story, in the agent's words: it must be true for them.")
    topics: list[Annotated[str, Field(max_length=MAX_TOPIC_CHARS)]] = Field(
        default_factory=list, max_length=MAX_TOPICS,
        description="Words that say when the story fits (\"broadband\", \"refund\"); the story's own words count "
                    "too.",
    )

    def story(self) -> Story:
        """The library's Story (the same checks as a stories file)."""
        topics = [t for t in self.topics if t.strip()]
        if any(len(t) > MAX_TOPIC_CHARS for t in topics):
            raise ApiError(422, "invalid_request", f"topics: a topic is at most {MAX_TOPIC_CHARS} characters")
        return Story.from_dict({"text": self.text, "topics": topics})


class StoryOut(BaseModel):
    """A stored story."""

    id: str
    text: str
    topics: list[str]


class StoriesOut(BaseModel):
    """The stories one agent keeps, oldest first."""

    agent_id: str
    stories: list[StoryOut]


_NOT_FOUND = {404: _err("No such story among this agent's stories.")}

router = APIRouter(prefix="/v1/stories", tags=["stories"], dependencies=[Depends(require_key)],
                   responses=COMMON_ERRORS)


def _out(story: Story) -> dict[str, object]:
    return {"id": story.id, "text": story.text, "topics": list(story.topics)}


@router.get("", response_model=StoriesOut, summary="An agent's own stories")
def list_stories(
    request: Request,
    agent_id: str = Query(min_length=1, max_length=200, pattern=AGENT_ID_PATTERN, description=AGENT_HELP),
) -> JSONResponse:
    """Every story the agent keeps, oldest first."""
    only_query_params(request, {"agent_id"})
    stories = ctx_of(request).store.stories(story_owner(request, agent_id))
    return JSONResponse({"agent_id": agent_id, "stories": [_out(s) for s in stories]})


@router.post("", response_model=StoryOut, status_code=201, summary="Keep a new story")
def add_story(body: StoryIn, request: Request) -> JSONResponse:
    """Keep one more true story for the agent; suggestions offer it when it shares words with the customer."""
    story = ctx_of(request).store.add_story(story_owner(request, body.agent_id), body.story())
    return JSONResponse(_out(story), status_code=201)


@router.put("/{story_id}", response_model=StoryOut, responses=_NOT_FOUND, summary="Edit one of the agent's stories")
def edit_story(
    body: StoryIn,
    request: Request,
    story_id: str = Path(pattern=STORY_ID_PATTERN, max_length=32),
) -> JSONResponse:
    """Replace the text and topics of one of the agent's own stories."""
    try:
        story = ctx_of(request).store.update_story(story_owner(request, body.agent_id), story_id, body.story())
    except NotFoundError as exc:
        raise ApiError(404, "not_found", str(exc)) from exc
    return JSONResponse(_out(story))


@router.delete("/{story_id}", status_code=204, responses=_NOT_FOUND, summary="Delete one of the agent's stories")
def delete_story(
    request: Request,
    story_id: str = Path(pattern=STORY_ID_PATTERN, max_length=32),
    agent_id: str = Query(min_length=1, max_length=200, pattern=AGENT_ID_PATTERN, description=AGENT_HELP),
) -> Response:
    """Delete one of the agent's own stories."""
    only_query_params(request, {"agent_id"})
    try:
        ctx_of(request).store.delete_story(story_owner(request, agent_id), story_id)
    except NotFoundError as exc:
        raise ApiError(404, "not_found", str(exc)) from exc
    return Response(status_code=204)
