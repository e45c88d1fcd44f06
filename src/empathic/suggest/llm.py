"""Optional language-model backend through any OpenAI-compatible endpoint. Off unless configured.

Nothing is sent anywhere unless a base URL is set (``EMPATHIC_LLM_BASE_URL`` or the ``--llm-url``
option). Every candidate it returns goes through the analyzer's verification loop before anyone
sees it (see suggest.generate and suggest.rewrite).
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from empathic.errors import ConfigError, EmpathicError

SYSTEM_PROMPT = (
    "You coach customer-service agents in empathy. Strategies: relating_experience (a brief, relevant story of "
    "the agent's own similar experience), reflecting_emotion (name the customer's feeling AND the reason behind "
    "it), normalizing (such problems and feelings are normal; reassure a self-critical customer; never 'just like "
    "everyone else', never mention other customers). Never be dismissive. Answer only with JSON."
)


class BackendError(EmpathicError):
    """The configured language-model endpoint failed or answered something unusable."""

    exit_code = 5
    code = "llm_backend"


@dataclass(frozen=True)
class OpenAICompatibleBackend:
    """A chat-completions client for an OpenAI-compatible endpoint (stdlib HTTP only)."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 20.0
    n: int = 3

    @classmethod
    def from_env(cls, base_url: str | None = None, model: str | None = None,
                 api_key: str | None = None) -> OpenAICompatibleBackend | None:
        """The backend configured by arguments or ``EMPATHIC_LLM_*`` variables, or None when none is set."""
        url = base_url or os.environ.get("EMPATHIC_LLM_BASE_URL")
        if not url:
            return None
        if not re.match(r"^https?://", url):
            raise ConfigError(f"LLM base URL must start with http:// or https://, got {url!r}")
        name = model or os.environ.get("EMPATHIC_LLM_MODEL") or "gpt-4o-mini"
        return cls(base_url=url.rstrip("/"), model=name, api_key=api_key or os.environ.get("EMPATHIC_LLM_API_KEY"))

    def _complete(self, user: str) -> str:
        body = json.dumps({
            "model": self.model,
            "temperature": 0.7,
            "messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}],
        }).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        req = urllib.request.Request(f"{self.base_url}/chat/completions", data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                data = json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise BackendError(f"LLM endpoint answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise BackendError(f"LLM endpoint unreachable: {getattr(exc, 'reason', exc)}") from exc
        except json.JSONDecodeError as exc:
            raise BackendError("LLM endpoint did not answer JSON") from exc
        try:
            return str(data["choices"][0]["message"]["content"])
        except (KeyError, IndexError, TypeError) as exc:
            raise BackendError("LLM endpoint answer has no choices[0].message.content") from exc

    @staticmethod
    def _json_list(text: str) -> list:
        m = re.search(r"\[.*\]", text, re.S)
        try:
            value = json.loads(m.group(0) if m else text)
        except json.JSONDecodeError:
            return []
        return value if isinstance(value, list) else []

    def suggest(self, customer: str, *, strategies: list[str], emotion: str) -> list[tuple[str, str]]:
        """Candidate ``(strategy, sentence)`` pairs for the customer's message."""
        prompt = (f"Customer message:\n{customer}\n\nThe customer feels {emotion}. For each strategy in "
                  f"{strategies}, write {self.n} different one-sentence replies. Answer as a JSON list of "
                  '{"strategy": ..., "text": ...} objects.')
        out: list[tuple[str, str]] = []
        for item in self._json_list(self._complete(prompt)):
            if isinstance(item, dict) and item.get("strategy") in strategies and isinstance(item.get("text"), str):
                out.append((item["strategy"], item["text"].strip()))
        return out

    def rewrite(self, customer: str, draft: str) -> list[str]:
        """Candidate rewrites of ``draft`` that keep its content and mend its empathy."""
        prompt = (f"Customer message:\n{customer}\n\nAgent's draft reply:\n{draft}\n\nRewrite the draft {self.n} "
                  "ways: keep all its facts and steps, remove any dismissive or identifying words, name the "
                  "customer's feeling and its reason. Answer as a JSON list of strings.")
        return [t.strip() for t in self._json_list(self._complete(prompt)) if isinstance(t, str) and t.strip()]
