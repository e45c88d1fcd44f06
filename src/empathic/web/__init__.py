"""The web app and REST API: live assist for agents, the course in the browser, a QA dashboard.

``create_app(settings)`` builds the FastAPI app; ``empathic serve`` runs it with uvicorn.
"""

from empathic.web.app import create_app
from empathic.web.settings import Settings

__all__ = ["Settings", "create_app"]
