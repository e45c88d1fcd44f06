"""The optional parts of empathic (pip extras) and the check that names a missing one.

``pip install empathic`` brings what analysis needs (``analyze``, ``suggest``, ``rewrite``, ``learn``,
``score`` on local processes into SQLite). The rest is opt-in, one extra per feature, declared in
pyproject.toml with the same names:

- ``web``: the web app and REST API (``empathic serve``): FastAPI, uvicorn, Jinja2, Swagger UI assets
- ``report``: the HTML report (``empathic report -o``): Jinja2
- ``scale``: the Dask engine (``empathic score --engine dask``): dask.distributed
- ``postgres``: PostgreSQL stores (``postgresql://`` URLs): psycopg
- ``parquet``: Parquet exports (``empathic report --parquet``): pyarrow

Callers import these packages only where the feature runs, after :func:`require_extra`, so a
missing extra is one :class:`~empathic.errors.MissingExtraError` (CLI exit code 3), never an
ImportError traceback.
"""

from __future__ import annotations

import importlib

from empathic.errors import MissingExtraError

#: The importable modules each extra provides (what pyproject.toml's optional dependencies install).
EXTRAS: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "uvicorn", "jinja2", "swagger_ui_bundle"),
    "report": ("jinja2",),
    "scale": ("distributed",),
    "postgres": ("psycopg",),
    "parquet": ("pyarrow",),
}


def require_extra(extra: str, feature: str) -> None:
    """Raise :class:`MissingExtraError` naming ``extra`` unless all its modules import.

    ``feature`` says what needed it, in the user's words (``"empathic serve"``, ``"a postgresql:// store"``).
    """
    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise MissingExtraError(feature, extra, module) from exc
