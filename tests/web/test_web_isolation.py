"""Slow-request isolation: a long analysis in flight never holds up ordinary requests.

The mechanism is tested, not a time: the coach here spins the CPU in Python (holding the GIL, as
analysis does) on long customer messages until the test releases it, so "the ordinary requests
were answered while the long ones were still running" is an ordering, whatever the machine's
speed. bench/web_isolation.py measures the latency this gives with real adversarial text.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from empathic.types import Exchange

CUSTOMER = "I was charged twice for my order and I'm really angry."
REPLY = "Being charged twice is upsetting; I've refunded the extra charge."
LONG = "I'm really angry about the double charge, " * 40  # 1,680 characters
LONG_TEXT_CHARS = 1_000


class SpinsOnLongTexts:
    """The real coach, except that a long customer message first spins the CPU until released."""

    def __init__(self, coach: Any) -> None:
        self._coach = coach
        self.running = threading.Event()
        self.release = threading.Event()
        self.spinning = 0
        self._lock = threading.Lock()

    def run(self, exchange: Exchange) -> Any:
        if len(exchange.customer) > LONG_TEXT_CHARS:
            with self._lock:
                self.spinning += 1
            self.running.set()
            deadline = time.monotonic() + 30  # a failing test must still end
            while not self.release.is_set() and time.monotonic() < deadline:
                sum(range(5_000))  # pure-Python CPU work: holds the GIL like analysis does
            with self._lock:
                self.spinning -= 1
        return self._coach.run(exchange)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._coach, name)


@pytest.fixture()
def slow_server(make_app, live_server, coach):  # type: ignore[no-untyped-def]
    spinner = SpinsOnLongTexts(coach)
    app = make_app(coach=spinner, long_text_chars=LONG_TEXT_CHARS, long_text_queue=1, analysis_threads=2)
    server = live_server(app)
    yield server, spinner
    spinner.release.set()


def _post_long(url: str, results: list[int]) -> None:
    r = httpx.post(url + "/v1/analyze", json={"customer": LONG, "reply": REPLY}, timeout=60)
    results.append(r.status_code)


def test_ordinary_requests_are_answered_while_long_ones_run(slow_server) -> None:  # type: ignore[no-untyped-def]
    server, spinner = slow_server
    long_results: list[int] = []
    # Two long analyses in flight: one running, one waiting for the long-text lane.
    threads = [threading.Thread(target=_post_long, args=(server.url, long_results)) for _ in range(2)]
    for t in threads:
        t.start()
    assert spinner.running.wait(30), "the long analysis never started"
    time.sleep(0.2)  # let the second long request reach the server and queue

    ordinary = [
        ("POST", "/v1/analyze", {"customer": CUSTOMER, "reply": REPLY}),
        ("POST", "/v1/suggest", {"customer": CUSTOMER}),
        ("POST", "/v1/rewrite", {"customer": CUSTOMER, "reply": "Sorry. Refunded."}),
        ("POST", "/v1/conversations/score",
         {"turns": [{"role": "customer", "text": CUSTOMER}, {"role": "agent", "text": REPLY}]}),
        ("GET", "/v1/results", None),
        ("GET", "/dashboard", None),
        ("GET", "/healthz", None),
    ]
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for method, path, body in ordinary * 2:
            r = client.request(method, path, json=body)
            assert r.status_code == 200, (path, r.status_code)
            # The ordering is the assertion: answered while a long analysis is still spinning.
            assert spinner.spinning == 1 and not spinner.release.is_set(), path
        # A third long request finds the lane and its queue full: told to come back, not left hanging.
        busy = client.post("/v1/analyze", json={"customer": LONG, "reply": REPLY})
        assert busy.status_code == 503
        assert busy.json()["error"]["code"] == "busy" and int(busy.headers["retry-after"]) >= 1
        # Long texts reach the lane through every analysing endpoint, not only /v1/analyze.
        busy_suggest = client.post("/v1/suggest", json={"customer": LONG})
        assert busy_suggest.status_code == 503
    assert spinner.spinning == 1

    spinner.release.set()
    for t in threads:
        t.join(60)
    assert long_results == [200, 200]


def test_lane_and_throttle_settings_from_the_environment(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from empathic.errors import ConfigError
    from empathic.web import Settings

    env = {"EMPATHIC_HOME": str(tmp_path), "EMPATHIC_LONG_TEXT_CHARS": "8000", "EMPATHIC_LONG_TEXT_QUEUE": "0",
           "EMPATHIC_AUTH_FAILURE_LIMIT": "12"}
    settings = Settings.from_env(env)
    assert (settings.long_text_chars, settings.long_text_queue, settings.auth_failure_limit) == (8000, 0, 12)
    with pytest.raises(ConfigError, match="long_text_chars"):
        Settings.from_env({**env, "EMPATHIC_LONG_TEXT_CHARS": "0"})
