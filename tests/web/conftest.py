"""Fixtures of the web tests: apps around temporary stores, a real server on a free loopback port."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from empathic.web import Settings, create_app


@pytest.fixture()
def make_app(tmp_path: Path, coach) -> Callable[..., FastAPI]:  # type: ignore[no-untyped-def]
    """Build an app around a fresh SQLite file in tmp_path; keyword arguments override Settings."""

    def make(**overrides: object) -> FastAPI:
        values: dict[str, object] = {
            "store_url": f"sqlite:///{tmp_path / 'web.sqlite'}",
            "seed_sample": False,
            "coach": coach,
        }
        values.update(overrides)
        return create_app(Settings(**values))  # type: ignore[arg-type]

    return make


@pytest.fixture()
def client(make_app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """An open API (no keys), empty store."""
    with TestClient(make_app()) as c:
        yield c


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving an app in a background thread on 127.0.0.1."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the test server did not start within 30 s")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture()
def live_server() -> Iterator[Callable[[FastAPI], LiveServer]]:
    """Start real uvicorn servers for apps; every one is stopped when the test ends."""
    started: list[LiveServer] = []

    def start(app: FastAPI) -> LiveServer:
        server = LiveServer(app).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture()
def record_fuzz() -> Callable[..., None]:
    """Keep the counts of a fuzz run in artifacts/fuzz/NAME.json (requests sent, answers by class)."""

    def record(name: str, counts: Mapping[str, int], *, full: bool) -> None:
        folder = Path(__file__).resolve().parents[2] / "artifacts" / "fuzz"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.json").write_text(json.dumps({"full": full, **counts}, sort_keys=True) + "\n")

    return record
