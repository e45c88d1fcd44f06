"""The optional LLM backend against a small local HTTP server: off by default, verified candidates only."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from empathic.errors import ConfigError
from empathic.suggest import rewrite, suggest
from empathic.suggest.llm import BackendError, OpenAICompatibleBackend

GOOD = "It's really frustrating that you were charged twice, and I've refunded the extra payment."
BAD = "Calm down, it's not a big deal."


class _Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Handler.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        user = body["messages"][-1]["content"]
        if "draft" in user:
            content = json.dumps([BAD, GOOD])
        else:
            content = json.dumps([{"strategy": "reflecting_emotion", "text": GOOD},
                                  {"strategy": "reflecting_emotion", "text": BAD}])
        payload = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    srv = HTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    _Handler.requests.clear()
    yield f"http://127.0.0.1:{srv.server_port}/v1"
    srv.shutdown()


def test_off_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMPATHIC_LLM_BASE_URL", raising=False)
    assert OpenAICompatibleBackend.from_env() is None
    with pytest.raises(ConfigError):
        OpenAICompatibleBackend.from_env(base_url="ftp://x")


def test_suggest_keeps_only_verified_llm_candidates(server: str) -> None:
    backend = OpenAICompatibleBackend(base_url=server, model="local", api_key="k1")
    result = suggest("I was charged twice and I'm furious.", backend=backend)
    llm = [s for s in result.suggestions if s.source == "llm"]
    assert [s.text for s in llm] == [GOOD]
    assert _Handler.requests[0]["path"] == "/v1/chat/completions"
    assert _Handler.requests[0]["auth"] == "Bearer k1"


def test_rewrite_takes_llm_candidate_only_if_better(server: str) -> None:
    backend = OpenAICompatibleBackend(base_url=server, model="local")
    result = rewrite("I was charged twice and I'm furious.", "Calm down. It's not a big deal.", backend=backend)
    assert BAD not in result.rewritten
    assert not result.after.pitfalls


def test_unreachable_endpoint_is_a_clear_error() -> None:
    backend = OpenAICompatibleBackend(base_url="http://127.0.0.1:9", model="x", timeout=2)
    with pytest.raises(BackendError, match="unreachable"):
        suggest("I was charged twice and I'm furious.", backend=backend)
