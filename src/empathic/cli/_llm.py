"""Options shared by commands that can use the optional language-model backend."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from empathic.suggest.llm import OpenAICompatibleBackend

LLM_URL = typer.Option(None, "--llm-url", envvar="EMPATHIC_LLM_BASE_URL",
                       help="OpenAI-compatible base URL (off unless set; nothing is sent otherwise).")
LLM_MODEL = typer.Option(None, "--llm-model", envvar="EMPATHIC_LLM_MODEL", help="Model name for --llm-url.")


def backend(url: str | None, model: str | None) -> OpenAICompatibleBackend | None:
    """The configured backend, or None."""
    if not url:
        return None
    from empathic.suggest.llm import OpenAICompatibleBackend

    return OpenAICompatibleBackend.from_env(base_url=url, model=model)
