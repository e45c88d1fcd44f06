"""Settings of the web app, read from arguments or the environment.

Everything the server does differently per deployment lives here, so tests build an app
with a temporary store and their own limits without touching the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from empathic.errors import ConfigError
from empathic.store import default_store_url

if TYPE_CHECKING:
    from empathic.pipeline import Coach

#: Limit on one text field, in characters (the same as the analyzer's default limit).
MAX_TEXT_CHARS = 20_000
#: Limit on a request body, in bytes: a conversation of MAX_TURNS turns of ordinary length fits easily.
MAX_BODY_BYTES = 1_000_000
#: Limit on the turns of one conversation sent to /v1/conversations/score.
MAX_TURNS = 200
#: Requests per minute per API key when keys are configured (0 turns the limit off).
DEFAULT_RATE_LIMIT = 600
#: Requests analysing more characters than this go to the long-text lane (one thread, bounded queue).
LONG_TEXT_CHARS = 5_000
#: Long-text requests that may wait for the long-text lane before more get 503.
LONG_TEXT_QUEUE = 4
#: Wrong API keys per minute per client address (also the burst) before that address gets 429.
DEFAULT_AUTH_FAILURE_LIMIT = 30


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < 0:
        raise ConfigError(f"{name} must not be negative, got {value}")
    return value


@dataclass(slots=True)
class Settings:
    """How one instance of the web app behaves.

    ``coach`` is the pipeline behind the API and pages (the shared default Coach when None);
    ``analysis_threads`` run the analyses of the hot endpoints, first come first served; requests
    analysing more than ``long_text_chars`` characters run on a lane of their own (one thread, at most
    ``long_text_queue`` waiting) so ordinary requests never wait behind them;
    ``api_keys`` empty means the API is open (a laptop on loopback); ``rate_limit`` is
    requests per minute per key and only applies when keys are set; ``auth_failure_limit`` is the
    number of wrong keys per minute one client address may send (0 turns the throttle off).
    """

    store_url: str = field(default_factory=default_store_url)
    api_keys: tuple[str, ...] = ()
    rate_limit: int = DEFAULT_RATE_LIMIT
    auth_failure_limit: int = DEFAULT_AUTH_FAILURE_LIMIT
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    max_turns: int = MAX_TURNS
    seed_sample: bool = True
    analysis_threads: int = 2
    long_text_chars: int = LONG_TEXT_CHARS
    long_text_queue: int = LONG_TEXT_QUEUE
    coach: Coach | None = None

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1024:
            raise ConfigError("max_body_bytes must be at least 1024 bytes")
        if self.max_text_chars < 1:
            raise ConfigError("max_text_chars must be a positive number of characters")
        if self.max_turns < 1:
            raise ConfigError("max_turns must be at least 1")
        if self.analysis_threads < 1:
            raise ConfigError("analysis_threads must be at least 1")
        if self.long_text_chars < 1 or self.long_text_queue < 0:
            raise ConfigError("long_text_chars must be positive and long_text_queue not negative")
        if self.rate_limit < 0:
            raise ConfigError("rate_limit must not be negative")
        if self.auth_failure_limit < 0:
            raise ConfigError("auth_failure_limit must not be negative")
        if any("," in k or not k.strip() for k in self.api_keys):
            raise ConfigError("API keys must be non-empty and contain no commas")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``EMPATHIC_*`` environment variables; keyword arguments win over them.

        EMPATHIC_STORE, EMPATHIC_API_KEYS (comma-separated), EMPATHIC_RATE_LIMIT (per minute per key),
        EMPATHIC_AUTH_FAILURE_LIMIT (wrong keys per minute per client address),
        EMPATHIC_CORS_ORIGINS (comma-separated), EMPATHIC_MAX_BODY_BYTES, EMPATHIC_SEED_SAMPLE (0/1),
        EMPATHIC_ANALYSIS_THREADS, EMPATHIC_LONG_TEXT_CHARS, EMPATHIC_LONG_TEXT_QUEUE.
        """
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "store_url": env.get("EMPATHIC_STORE") or default_store_url(env),
            "api_keys": _split(env.get("EMPATHIC_API_KEYS")),
            "rate_limit": _int(env, "EMPATHIC_RATE_LIMIT", DEFAULT_RATE_LIMIT),
            "auth_failure_limit": _int(env, "EMPATHIC_AUTH_FAILURE_LIMIT", DEFAULT_AUTH_FAILURE_LIMIT),
            "cors_origins": _split(env.get("EMPATHIC_CORS_ORIGINS")),
            "max_body_bytes": _int(env, "EMPATHIC_MAX_BODY_BYTES", MAX_BODY_BYTES),
            "seed_sample": env.get("EMPATHIC_SEED_SAMPLE", "1").strip().lower() not in {"0", "false", "no"},
            "analysis_threads": _int(env, "EMPATHIC_ANALYSIS_THREADS", 2) or 1,
            "long_text_chars": _int(env, "EMPATHIC_LONG_TEXT_CHARS", LONG_TEXT_CHARS),
            "long_text_queue": _int(env, "EMPATHIC_LONG_TEXT_QUEUE", LONG_TEXT_QUEUE),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
