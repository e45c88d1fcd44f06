"""Slow-request isolation: latency of ordinary requests while a 40 KB adversarial request is in flight.

Starts ``empathic serve`` on loopback (as bench/web_bench.py does), then, per round, sends
``--requests`` ordinary POST /v1/analyze requests one after another twice: once on an idle server
(baseline) and once while another client keeps one adversarial request in flight all the time (a
customer message of 20,000 characters of "angry, " and a reply of 20,000 characters of ", ": 40 KB,
the most the API accepts per text; ``--adversaries 2`` keeps two in flight). It reports the
ordinary requests' median and p99 in both phases, how long the adversarial requests took, the
medians over the rounds and the machine, and writes them to bench/results/isolation.json. The
issue's target: p99 <= 250 ms with the adversarial request in flight.

    python bench/web_isolation.py                  # 3 rounds x 200 ordinary requests, 1 worker
    python bench/web_isolation.py --rounds 1 --requests 100 --adversaries 2
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from _machine import describe, machine
from web_bench import free_port, loadavg, percentile, start_server, stop_server

RESULTS = Path(__file__).parent / "results" / "isolation.json"
TARGET_P99_MS = 250.0
ADVERSARIAL = {"customer": "angry, " * 2857, "reply": ", " * 10_000}


def ordinary(i: int) -> dict[str, str]:
    """A different everyday exchange each time (an order number worked in), so no cache serves it."""
    return {
        "customer": f"I was charged twice for order {1000 + i} and I'm really annoyed, money is tight right now.",
        "reply": f"Being charged twice is frustrating when money is tight; I've refunded order {1000 + i} today.",
    }


def latencies(client: httpx.Client, n: int, start: int) -> list[float]:
    """Milliseconds of ``n`` ordinary requests sent one after another."""
    out = []
    for i in range(start, start + n):
        t = time.perf_counter()
        r = client.post("/v1/analyze", json=ordinary(i))
        out.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"an ordinary request failed: {r.status_code} {r.text[:200]}")
    return sorted(out)


class Adversary(threading.Thread):
    """Keeps one adversarial request in flight until stopped; records how long each took."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.stop = threading.Event()
        self.in_flight = threading.Event()
        self.seconds: list[float] = []
        self.statuses: list[int] = []

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=300) as client:
            while not self.stop.is_set():
                t = time.perf_counter()
                self.in_flight.set()
                r = client.post("/v1/analyze", json=ADVERSARIAL)
                self.seconds.append(time.perf_counter() - t)
                self.statuses.append(r.status_code)


def round_(url: str, n: int, index: int, adversaries: int) -> dict[str, Any]:
    with httpx.Client(base_url=url, timeout=300) as client:
        client.post("/v1/analyze", json=ordinary(0))  # warm
        base = latencies(client, n, index * 10 * n)
        threads = [Adversary(url) for _ in range(adversaries)]
        for adversary in threads:
            adversary.start()
            adversary.in_flight.wait()
        time.sleep(0.2)  # the adversarial requests have reached the server and are being analysed
        loaded = latencies(client, n, index * 10 * n + n)
        for adversary in threads:
            adversary.stop.set()
        for adversary in threads:
            adversary.join(300)
    seconds = [s for a in threads for s in a.seconds]
    statuses = {s for a in threads for s in a.statuses}
    return {
        "baseline_p50_ms": round(statistics.median(base), 1),
        "baseline_p99_ms": round(percentile(base, 99), 1),
        "loaded_p50_ms": round(statistics.median(loaded), 1),
        "loaded_p99_ms": round(percentile(loaded, 99), 1),
        "adversarial_requests": len(seconds),
        "adversarial_median_s": round(statistics.median(seconds), 2) if seconds else None,
        "adversarial_statuses": sorted(statuses),
        "loadavg": round(loadavg(), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200, help="ordinary requests per phase and round")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--adversaries", type=int, default=1,
                        help="clients keeping one adversarial request in flight each (the issue: 1, and 2 at worst)")
    parser.add_argument("--json", default=str(RESULTS), help=f"write the results here ('-': don't; default {RESULTS})")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="empathic-isolation-"))
    port = free_port()
    proc = start_server(port, folder, args.workers, access_log=False)
    try:
        rounds = [round_(f"http://127.0.0.1:{port}", args.requests, i, args.adversaries) for i in range(args.rounds)]
    finally:
        stop_server(proc)
    summary = {
        key: statistics.median(r[key] for r in rounds)
        for key in ("baseline_p50_ms", "baseline_p99_ms", "loaded_p50_ms", "loaded_p99_ms")
    }
    adversarial = [r["adversarial_median_s"] for r in rounds if r["adversarial_median_s"] is not None]
    result = {
        "machine": machine(),
        "workers": args.workers,
        "adversaries": args.adversaries,
        "requests_per_phase": args.requests,
        "rounds": rounds,
        "median_of_rounds": summary,
        "adversarial_median_s": statistics.median(adversarial) if adversarial else None,
        "target_p99_ms": TARGET_P99_MS,
        "target_met": summary["loaded_p99_ms"] <= TARGET_P99_MS,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(f"machine: {describe()}; {args.workers} worker(s); {args.adversaries} adversarial request(s) in flight; "
          f"{args.rounds} rounds x {args.requests} requests")
    for i, r in enumerate(rounds, 1):
        print(f"round {i}: idle p50 {r['baseline_p50_ms']} ms, p99 {r['baseline_p99_ms']} ms | with 40 KB requests "
              f"in flight p50 {r['loaded_p50_ms']} ms, p99 {r['loaded_p99_ms']} ms | adversarial: "
              f"{r['adversarial_requests']} x {r['adversarial_median_s']} s {r['adversarial_statuses']} | "
              f"load {r['loadavg']}")
    print(f"median of rounds: loaded p99 {summary['loaded_p99_ms']} ms (target <= {TARGET_P99_MS:.0f} ms: "
          f"{'met' if result['target_met'] else 'missed'})")
    if args.json != "-":
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
