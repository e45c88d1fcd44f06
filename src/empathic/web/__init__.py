"""The web app and REST API: live assist for agents, the course in the browser, a QA dashboard.

``create_app(settings)`` builds the FastAPI app; ``empathic serve`` runs it with uvicorn. Needs the
``web`` extra: without it, importing this package raises MissingExtraError (an ImportError) that says so.
"""

from empathic.extras import require_extra

require_extra("web", "the web app")

from empathic.web.app import create_app  # noqa: E402 - after the check, so a missing extra is named
from empathic.web.settings import Settings  # noqa: E402

__all__ = ["Settings", "create_app"]
