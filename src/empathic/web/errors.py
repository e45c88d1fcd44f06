"""Turn every failure into the one JSON error shape ``{"error": {"code", "message"}}``.

Validation errors never echo the submitted text back (it may be long, and it may be
private): details carry the field, the error type and pydantic's message only.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from empathic.errors import ConfigError, EmpathicError, InputError, NotFoundError, NotYourReviewError, ResourceError
from empathic.web.security import ApiError, StartTracker, error_body

log = logging.getLogger("empathic.web")

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}

_TEXT_FIELDS = {"customer", "reply", "text"}


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) if parts else "body"


def classify_validation(errors: list[dict[str, Any]]) -> tuple[int, str, str]:
    """Status, code and message for a list of pydantic errors (the first decisive one wins)."""
    for err in errors:
        loc = tuple(err.get("loc", ()))
        kind = err.get("type", "")
        field = str(loc[-1]) if loc else ""
        where = _where(loc)
        if kind == "json_invalid":
            return 400, "bad_json", "request body is not valid JSON"
        if loc == ("body",) and kind in {"model_attributes_type", "dict_type", "missing"}:
            if kind == "missing":
                return 422, "missing_body", "request body is missing; send a JSON object"
            return 422, "not_json_object", "request body must be a JSON object (send Content-Type: application/json)"
        if kind == "too_long" and field == "turns":
            limit = (err.get("ctx") or {}).get("max_length")
            return 422, "too_many_turns", f"turns: at most {limit} turns per conversation"
        if kind == "string_too_long" and field in _TEXT_FIELDS:
            limit = (err.get("ctx") or {}).get("max_length")
            return 422, "text_too_long", f"{where} is longer than the limit of {limit:,} characters"
        if kind in {"string_too_short", "string_pattern_mismatch"} and field in _TEXT_FIELDS:
            return 422, "empty_text", f"{where} is empty or only whitespace"
        if kind == "missing":
            return 422, "missing_field", f"{where} is required"
        if kind == "extra_forbidden":
            return 422, "unknown_field", f"{where} is not a field of this request"
    first = errors[0] if errors else {}
    # pydantic prefixes the messages of our own validators with "Value error, ": noise for a reader.
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    return 422, "invalid_request", f"{_where(tuple(first.get('loc', ())))}: {message}"


def _details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"loc": [str(p) for p in e.get("loc", ())], "type": e.get("type"), "msg": e.get("msg")} for e in errors]


_MACHINE_PATHS = ("/v1/", "/healthz", "/readyz", "/openapi.json", "/login", "/static/", "/docs-assets/")


def _wants_page(request: Request) -> bool:
    """A person's browser asking for a page (not a script calling the API) gets an HTML error page."""
    return not request.url.path.startswith(_MACHINE_PATHS) and "text/html" in request.headers.get("accept", "")


def _error_page(request: Request, status: int, message: str, headers: dict[str, str] | None) -> Response:
    from empathic.web.pages import templates

    title = {404: "Not found", 405: "Not allowed"}.get(status, "Something went wrong")
    return templates.TemplateResponse(
        request, "error.html", {"title": title, "message": message, "page": "", "auth": False},
        status_code=status, headers=headers,
    )


def allowed_methods(app: FastAPI, path: str) -> str | None:
    """Every method the API documents for ``path`` (None for a path outside the OpenAPI document), for a 405.

    The router names only the methods of the first handler whose path matches, so a path served by two handlers
    (GET and POST of ``/v1/stories``) would advertise one of them. A path documented as it is
    (``/v1/reviews/queue``) is that resource alone, not also an instance of a template (``/v1/reviews/{id}``).
    """
    paths = app.openapi().get("paths", {})
    methods: set[str] = set()
    for template, operations in paths.items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if template == path or (path not in paths and re.fullmatch(pattern, path)):
            methods |= {m.upper() for m in operations if m in _HTTP_METHODS}
    if "GET" in methods:
        methods.add("HEAD")  # as the router itself says: a GET route answers HEAD
    return ", ".join(sorted(methods)) if methods else None


_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        if _wants_page(request):
            return _error_page(request, exc.status_code, exc.message, exc.headers)
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        headers = exc.headers
        if exc.status_code == 405 and (allow := allowed_methods(app, request.url.path)):
            headers = {**(headers or {}), "Allow": allow}
        if _wants_page(request):
            return _error_page(request, exc.status_code, message, headers)
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        status, code, message = classify_validation(errors)
        return JSONResponse(error_body(code, message, _details(errors)), status_code=status)

    @app.exception_handler(EmpathicError)
    async def _empathic_error(request: Request, exc: EmpathicError) -> JSONResponse:
        if isinstance(exc, NotFoundError):
            status = 404
        elif isinstance(exc, NotYourReviewError):
            status = 403
        elif isinstance(exc, InputError):
            status = 422
        elif isinstance(exc, ResourceError):
            log.error("analyzer resource problem: %s", exc)
            status = 503
        elif isinstance(exc, ConfigError):
            log.error("configuration problem: %s", exc)
            status = 500
        else:
            status = 500
        return JSONResponse(error_body(exc.code, str(exc)), status_code=status)


def log_internal_error(method: str, path: str, exc: BaseException) -> None:
    """Log an unexpected failure: its type and the code's stack, never its message.

    An exception's message can quote the data it failed on (a customer's words); the frames name code only.
    """
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("internal error on %s %s: %s\n%s", method, path, type(exc).__name__, stack.rstrip())


class CatchAllMiddleware:
    """Turn any exception a request raises into the JSON 500 and keep the connection usable.

    Starlette's own catch-all sends the 500 and then re-raises the exception, and uvicorn answers a
    re-raised exception after a complete response by closing the socket without ``Connection: close``:
    a keep-alive client's next request on it gets no answer. Here the exception ends with the response.
    When the response had already started (a failure mid-body), no honest answer is left: the exception
    goes on and the server drops the connection.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = StartTracker(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            log_internal_error(scope.get("method", ""), scope.get("path", ""), exc)
            if tracked.started:
                raise
            response = JSONResponse(
                error_body("internal_error", "internal error; the server log has the details"), status_code=500
            )
            await response(scope, receive, send)
