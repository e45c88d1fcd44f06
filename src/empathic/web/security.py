"""API keys, per-key rate limits, throttled failed sign-ins, safe redirects and the request body limit.

Keys arrive as ``X-API-Key: KEY``, ``Authorization: Bearer KEY`` or, for the pages, a
same-site cookie set by /login. The rate limit is a token bucket per key: a burst of up to
``rate_limit`` requests, refilled at ``rate_limit`` per minute. Wrong keys spend tokens of another
bucket, per client address: once it is empty, that address gets 429 for every attempt, right
keys included, so guessing keys runs at ``auth_failure_limit`` per minute at most.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import threading
import time
from typing import Any
from urllib.parse import unquote, urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KEY_COOKIE = "empathic_key"


class ApiError(HTTPException):
    """An HTTP error with a stable machine code; rendered as ``{"error": {"code", "message"}}``."""

    def __init__(self, status_code: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status_code, detail=message, headers=headers)
        self.code = code
        self.message = message


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON body of every API error."""
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


#: Where a redirect goes when the target it was given is not a safe local path.
DEFAULT_PAGE = "/assist"


def _unsafe_path(path: str) -> bool:
    """True when a browser could read ``path`` as another site, a script or something other than a local path."""
    if not path.startswith("/") or path.startswith("//"):
        return True
    # Browsers read "\" as "/" and drop tabs and newlines from URLs: "/\evil.example" and "/\t/evil.example"
    # both mean //evil.example. No legitimate local path of this app needs a backslash or a control character.
    if any(ch == "\\" or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch.isspace() for ch in path):
        return True
    parts = urlsplit(path)
    return bool(parts.scheme or parts.netloc)


def safe_redirect(target: str | None, default: str = DEFAULT_PAGE) -> str:
    """``target`` when it is a same-origin path of this site, else ``default``.

    Every redirect whose target comes from a request goes through here. Accepted: a path starting with
    one "/" (query and fragment allowed). Refused: schemes, "//host", backslashes, control characters
    and whitespace, also when they are hidden behind (repeated) percent-encoding, since a server or
    script further on may decode the target again.
    """
    if not isinstance(target, str) or not target or len(target) > 2048:
        return default
    decoded = target
    for _ in range(4):
        if _unsafe_path(decoded):
            return default
        once = unquote(decoded)
        if once == decoded:
            return target
        decoded = once
    return default  # still percent-encoded after several rounds: no honest link looks like that


def presented_key(request: Request) -> str | None:
    """The API key a request carries, from a header or the login cookie."""
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    return request.cookies.get(KEY_COOKIE)


def speaker(request: Request, name: str | None, *, keyed: bool) -> str | None:
    """Who a request speaks for, as stored with what it writes (a reviewer's reviews, an agent's stories).

    On a server with API keys (``keyed``) it is the presented key, as ``key-<first 8 hex of its SHA-256>`` (the key
    itself is never stored), with ``name`` in front (``ana@key-1a2b3c4d``) when one is given: a key holder can
    never act for another key. Without keys (a laptop on loopback) the name alone, or None.
    """
    if not keyed:
        return name
    fingerprint = "key-" + hashlib.sha256((presented_key(request) or "").encode()).hexdigest()[:8]
    return f"{name}@{fingerprint}" if name else fingerprint


def key_is_valid(key: str | None, keys: tuple[str, ...]) -> bool:
    """True when ``key`` is one of ``keys``; compares in constant time so timing reveals nothing."""
    if not key:
        return False
    ok = False
    for k in keys:
        ok |= hmac.compare_digest(key.encode(), k.encode())
    return ok


class RateLimiter:
    """A token bucket per key: ``per_minute`` tokens, refilled continuously."""

    #: Buckets kept before full ones (keys idle long enough to be back to a full bucket) are dropped.
    PRUNE_AT = 10_000

    def __init__(self, per_minute: int, *, clock: Any = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self._prune_at = self.PRUNE_AT

    def _tokens(self, key: str, now: float) -> float:
        tokens, last = self._buckets.get(key, (float(self.per_minute), now))
        return min(float(self.per_minute), tokens + (now - last) * self.per_minute / 60.0)

    def take(self, key: str) -> float:
        """Spend one token of ``key``; 0.0 when allowed, else the seconds until a token is back."""
        if self.per_minute <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            tokens = self._tokens(key, now)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[key] = (tokens, now)
                wait = (1.0 - tokens) * 60.0 / self.per_minute
            if len(self._buckets) > self._prune_at:
                self._prune(now)
            return wait

    def wait(self, key: str) -> float:
        """Seconds until ``key`` has a token again (0.0 when it has one now); spends nothing."""
        if self.per_minute <= 0:
            return 0.0
        with self._lock:
            tokens = self._tokens(key, self._clock())
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) * 60.0 / self.per_minute

    def _prune(self, now: float) -> None:
        # A full bucket is the same as no bucket. Many keys (client addresses) must not grow memory for
        # ever; pruning again only after the table doubles keeps the cost per request constant.
        full = [k for k in self._buckets if self._tokens(k, now) >= self.per_minute]
        for k in full:
            del self._buckets[k]
        self._prune_at = max(self.PRUNE_AT, 2 * len(self._buckets))


def rate_limited(wait: float, reason: str) -> ApiError:
    """The 429 for a request ``wait`` seconds early: ``reason``, the seconds to wait, and Retry-After."""
    seconds = max(1, math.ceil(wait))
    return ApiError(429, "rate_limited", f"{reason}; retry in {seconds} s", headers={"Retry-After": str(seconds)})


def client_address(request: Request) -> str:
    """The client's address, as uvicorn reports it (behind a trusted proxy: the forwarded one)."""
    return request.client.host if request.client else "unknown"


class AuthGate:
    """Checks API keys and throttles wrong ones per client address."""

    def __init__(self, keys: tuple[str, ...], failures_per_minute: int, *, clock: Any = time.monotonic) -> None:
        self.keys = keys
        self.failures = RateLimiter(failures_per_minute, clock=clock)

    def check(self, request: Request, key: str | None) -> bool:
        """True when ``key`` is valid; a presented wrong key counts against the client's address.

        Raises ApiError(429) with Retry-After while the address has no failed attempts left, whatever
        key it sends: a right key found by guessing must not get through either.
        """
        address = client_address(request)
        wait = self.failures.wait(address)
        if wait > 0:
            raise rate_limited(wait, "too many wrong API keys from this address")
        if key_is_valid(key, self.keys):
            return True
        if key:
            self.failures.take(address)
        return False


class StartTracker:
    """An ASGI ``send`` that passes every message on and records whether the response has started.

    Middlewares that answer a failure themselves may do so only before the status line went out.
    """

    __slots__ = ("send", "started")

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


class BodyTooLarge(ApiError):
    """The request body is over the configured limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, "body_too_large", f"request body is larger than the limit of {limit:,} bytes")


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes with 413, by Content-Length or while reading.

    Counting while reading also catches chunked uploads that send no Content-Length.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.limit
                except ValueError:
                    too_big = False
                if too_big:
                    await self._reject(send)
                    return
        seen = 0
        tracked = StartTracker(send)

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        try:
            await self.app(scope, counting_receive, tracked)
        except BodyTooLarge:
            if not tracked.started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        message = f"request body is larger than the limit of {self.limit:,} bytes"
        body = json.dumps(error_body("body_too_large", message))
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body.encode()})
