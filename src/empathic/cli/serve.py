"""``empathic serve``: the web app (Assist, Learn, Dashboard) and the REST API, with uvicorn."""

from __future__ import annotations

import typer

from empathic.cli.app import HEADS_HELP, app, err, fail, use_heads
from empathic.errors import ConfigError


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="TCP port."),
    store: str | None = typer.Option(
        None, "--store", envvar="EMPATHIC_STORE",
        help="Results store: sqlite:///PATH (default: empathic.sqlite in $EMPATHIC_HOME or ~/.local/share/empathic).",
    ),
    api_keys: str | None = typer.Option(
        None, "--api-keys", envvar="EMPATHIC_API_KEYS", show_envvar=True,
        help="Comma-separated API keys; when set, every API call and page needs one (prefer the env var: "
        "a command line is visible to other users).",
    ),
    rate_limit: int | None = typer.Option(
        None, "--rate-limit", min=0, help="Requests per minute per API key (0: no limit; default 600).",
    ),
    cors: str | None = typer.Option(
        None, "--cors", envvar="EMPATHIC_CORS_ORIGINS", help="Comma-separated origins allowed to call the API.",
    ),
    sample: bool = typer.Option(
        True, "--sample/--no-sample", help="Seed an empty store with the sample conversations for the dashboard.",
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64,
        help="Worker processes; analysis is CPU-bound, so one per core (Linux: each gets its own SO_REUSEPORT "
        "socket). Each worker keeps its own rate-limit buckets.",
    ),
    analysis_threads: int | None = typer.Option(
        None, "--analysis-threads", min=1, max=64, envvar="EMPATHIC_ANALYSIS_THREADS",
        help="Threads per process that run analyses, first come first served (default 2).",
    ),
    access_log: bool = typer.Option(
        True, "--access-log/--no-access-log", help="Log one line per request (method, path, status; never bodies).",
    ),
    heads: str | None = typer.Option(None, "--heads", envvar="EMPATHIC_HEADS", help=HEADS_HELP),
) -> None:
    """Serve the web pages and the REST API (docs at /docs) until interrupted."""
    import os

    from empathic.extras import require_extra

    try:
        require_extra("web", "empathic serve")
    except ConfigError as exc:
        fail(exc)
    import uvicorn

    from empathic.web.settings import Settings

    overrides: dict[str, object] = {"seed_sample": sample}
    if store:
        overrides["store_url"] = store
    if api_keys is not None:
        overrides["api_keys"] = tuple(k.strip() for k in api_keys.split(",") if k.strip())
    if rate_limit is not None:
        overrides["rate_limit"] = rate_limit
    if analysis_threads is not None:
        overrides["analysis_threads"] = analysis_threads
    if cors is not None:
        overrides["cors_origins"] = tuple(o.strip() for o in cors.split(",") if o.strip())
    try:
        settings = Settings.from_env(**overrides)
    except ConfigError as exc:
        fail(exc)
    if host not in {"127.0.0.1", "localhost", "::1"} and not settings.api_keys:
        err.print(f"[yellow]warning:[/] listening on {host} without API keys: anyone who can reach it can use it")
    # every worker process inherits the choice through EMPATHIC_HEADS; a bad local head stops here, not per request
    use_heads(heads)
    err.print(f"empathic serving on http://{host}:{port}  (store: {settings.store_url})")
    if workers == 1:
        from empathic.web.app import create_app

        uvicorn.run(create_app(settings), host=host, port=port, access_log=access_log, log_level="info")
        return
    # Several processes each build their own app from the environment: pass the settings through it.
    os.environ["EMPATHIC_STORE"] = settings.store_url
    os.environ["EMPATHIC_API_KEYS"] = ",".join(settings.api_keys)
    os.environ["EMPATHIC_RATE_LIMIT"] = str(settings.rate_limit)
    os.environ["EMPATHIC_CORS_ORIGINS"] = ",".join(settings.cors_origins)
    os.environ["EMPATHIC_SEED_SAMPLE"] = "1" if sample else "0"
    os.environ["EMPATHIC_ANALYSIS_THREADS"] = str(settings.analysis_threads)
    from empathic.web.workers import reuse_port_available, serve_workers

    if not reuse_port_available():
        # Elsewhere uvicorn's workers share one socket: it works, but keep-alive connections may pile up on one.
        uvicorn.run("empathic.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                    access_log=access_log, log_level="info")
        return
    try:
        serve_workers(host, port, workers, access_log=access_log)
    except ConfigError as exc:
        fail(exc)
