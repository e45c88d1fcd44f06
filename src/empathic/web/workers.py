"""Serve the app from several processes, each listening on its own SO_REUSEPORT socket.

Analysis is CPU-bound Python, so one process uses one core; more cores need more processes.
uvicorn's own ``--workers`` shares one listening socket between them, and the worker that wakes
first accepts every connection waiting in the backlog: keep-alive clients that connect in a burst
(a proxy's connection pool, a load test) then all stay on one process while the others idle (18
of 20 connections on one of two workers when we measured it). Here every worker binds its own
socket with SO_REUSEPORT, and the kernel spreads new connections over them by a hash of the
addresses, so the work is shared.

Each worker builds its app from ``EMPATHIC_*`` environment variables (``Settings.from_env``);
the caller puts the settings there first. Per-process state stays per process: in particular
each worker keeps its own rate-limit buckets.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import threading
import time
from multiprocessing.process import BaseProcess
from types import FrameType

from empathic.errors import ConfigError

log = logging.getLogger("empathic.web")

#: A worker that exits this soon after it started failed to start: stop rather than restart it forever.
_STARTUP_SECONDS = 15.0
#: How long workers get to finish their requests after SIGTERM.
_GRACE_SECONDS = 30.0


def reuse_port_available() -> bool:
    """True where SO_REUSEPORT spreads connections over sockets (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    """A TCP socket bound to ``host:port`` and listening; ConfigError when the address is taken."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host!r}: {exc.strerror}") from exc
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}; is another server using the port?") from exc
    sock.set_inheritable(True)
    return sock


def _worker_main(host: str, port: int, access_log: bool, log_level: str) -> None:
    import uvicorn

    sock = listening_socket(host, port, reuse_port=True)
    config = uvicorn.Config(
        "empathic.web.app:create_app", factory=True, access_log=access_log, log_level=log_level,
    )
    uvicorn.Server(config).run(sockets=[sock])


def serve_workers(host: str, port: int, workers: int, *, access_log: bool, log_level: str = "info") -> None:
    """Run ``workers`` server processes on ``host:port`` until SIGINT/SIGTERM; restart any that crash.

    Raises ConfigError when the address is taken or a worker fails to start.
    """
    if not reuse_port_available():
        raise ConfigError("several workers need SO_REUSEPORT (Linux); run one worker per port behind a proxy")
    # A plain bind fails while anything listens on the port, even another server's reuse-port sockets:
    # without this check, workers would quietly join that server and share its traffic.
    listening_socket(host, port, reuse_port=False).close()

    spawn = multiprocessing.get_context("spawn")
    stopping = threading.Event()

    def start() -> tuple[BaseProcess, float]:
        proc = spawn.Process(target=_worker_main, args=(host, port, access_log, log_level), name="empathic-worker")
        proc.start()
        return proc, time.monotonic()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    procs = [start() for _ in range(workers)]
    failed: str | None = None
    try:
        while not stopping.wait(0.5):
            for i, (proc, started) in enumerate(procs):
                if proc.is_alive():
                    continue
                if time.monotonic() - started < _STARTUP_SECONDS:
                    failed = f"a worker process exited while starting (exit code {proc.exitcode}); see the log above"
                    stopping.set()
                    break
                log.warning("worker process %s exited with code %s; starting a new one", proc.pid, proc.exitcode)
                procs[i] = start()
    finally:
        for proc, _ in procs:
            if proc.is_alive():
                proc.terminate()
        deadline = time.monotonic() + _GRACE_SECONDS
        for proc, _ in procs:
            proc.join(max(0.1, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
                proc.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if failed:
        raise ConfigError(failed)
