"""The FastAPI application: REST API v1, the Assist / Learn / Dashboard pages, local API docs.

``create_app(settings)`` builds a fresh app around its own store, so tests get an isolated
server with a temporary SQLite file. Every asset (CSS, JS, Swagger UI) is served from this
package: the pages work on a machine with no Internet access.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from empathic import __version__
from empathic.errors import EmpathicError
from empathic.web import api, errors, learn, pages, reviews, stories
from empathic.web.context import WebContext
from empathic.web.middleware import HeadAsGetMiddleware, SecurityHeadersMiddleware
from empathic.web.schemas import ErrorResponse, Health, LoginRequest, Readiness
from empathic.web.security import KEY_COOKIE, ApiError, BodyLimitMiddleware
from empathic.web.settings import Settings

log = logging.getLogger("empathic.web")

_READY_CUSTOMER = "I was charged twice and I'm upset."
_READY_REPLY = "Being charged twice is upsetting; I've refunded the extra charge."


def _swagger_dir() -> Path:
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the web app around ``settings`` (``Settings.from_env()`` when None)."""
    settings = settings or Settings.from_env()
    ctx = WebContext(settings)

    if settings.seed_sample and ctx.store.count_turns() == 0:
        from empathic.web.sample import seed_sample

        try:
            seeded = seed_sample(ctx.store, ctx.coach)
            log.info("seeded the store with %d sample turns", seeded)
        except EmpathicError as exc:
            # A server without sample data still serves the API: say why the dashboard is empty.
            log.warning("sample data not seeded: %s", exc)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The store stays open across shutdowns: an app object can be started more than once (test
        # clients do), and the process exit closes the connection.
        yield

    app = FastAPI(
        title="empathic",
        version=__version__,
        summary="Offline coaching for customer-service empathy.",
        description=(
            "Analyse an agent's reply for relating experience, reflecting emotion and normalizing, "
            "with exact character spans, pitfalls, the customer's emotions and a score. "
            "Errors have the shape `{\"error\": {\"code\", \"message\"}}`."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    app.state.settings = settings

    errors.install(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key", "Authorization", "X-Reviewer"],
            max_age=600,
        )
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    # Added last, so outermost: the catch-all answers for everything inside it, and every response,
    # its 500 included, gets the security headers.
    app.add_middleware(errors.CatchAllMiddleware)
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)

    static_dir = Path(str(resources.files("empathic.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    app.mount("/docs-assets", StaticFiles(directory=_swagger_dir()), name="docs-assets")

    app.include_router(api.router)
    app.include_router(reviews.router)
    app.include_router(learn.router)
    app.include_router(stories.router)
    app.include_router(pages.router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        # FastAPI's own Swagger page starts Swagger UI from an inline script, which the CSP refuses.
        return pages.templates.TemplateResponse(
            request, "docs.html", {"openapi_url": app.openapi_url or "/openapi.json"}
        )

    @app.get("/healthz", response_model=Health, tags=["service"], summary="Liveness")
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get(
        "/readyz",
        response_model=Readiness,
        responses={503: {"model": Readiness, "description": "A dependency is not ready."}},
        tags=["service"],
        summary="Readiness",
    )
    def readyz() -> JSONResponse:
        """The store answers and the analyzer analyses a known exchange."""
        checks = {"store": "ok" if ctx.store.ping() else "unreachable"}
        try:
            ctx.analyze(_READY_CUSTOMER, _READY_REPLY)
            checks["analyzer"] = "ok"
        except Exception as exc:  # any failure means not ready; the reason goes to the log, not the client
            log.warning("analyzer not ready: %s: %s", type(exc).__name__, exc)
            checks["analyzer"] = "failing"
        ready = all(v == "ok" for v in checks.values())
        return JSONResponse({"status": "ready" if ready else "not_ready", "checks": checks},
                            status_code=200 if ready else 503)

    @app.post(
        "/login",
        include_in_schema=False,
        responses={401: {"model": ErrorResponse}, 429: {"model": ErrorResponse}},
    )
    def login(body: LoginRequest, request: Request) -> JSONResponse:
        """Exchange an API key for a same-site cookie, so the pages can call the API."""
        if not settings.api_keys:
            return JSONResponse({"status": "open"})
        if not ctx.auth.check(request, body.key):
            raise ApiError(401, "unauthorized", "that API key is not valid")
        response = JSONResponse({"status": "ok"})
        response.set_cookie(
            KEY_COOKIE, body.key, httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )
        return response

    return app
